"""Names without a glossary: extraction, keys, scoring, clustering, matching, analysis."""

from __future__ import annotations

import pytest

from audit import AuditConfig, Document, audit_document
from audit.errors import ConfigError, InputError
from audit.glossary.model import Entry, Glossary, Variant
from audit.names import (
    Comparer,
    NameIndex,
    cluster_spellings,
    find_names,
    key_tables,
    parse_spelling_counts,
    tables_for_language,
)
from audit.names.keys import load_table
from audit.names.lexicon import is_derivation, lexicon
from audit.names.similarity import DEFAULT_THRESHOLDS, compact

FALSE_FRIENDS = [
    ("Hassan", "Hussein"),
    ("Omar", "Amr"),
    ("Salem", "Salameh"),
    ("Salem", "Salama"),
    ("Ali", "Alia"),
]
SAME_NAME = [
    ("Hifter", "Haftar"),
    ("Salama", "Salameh"),
    ("Qaddafi", "Gadhafi"),
    ("Gadhafi", "Kadhafi"),
    ("Zelensky", "Zelenskyy"),
    ("Tawfik", "Toufik"),
    ("al-Sarraj", "as-Sarraj"),
    ("Abdel Aziz", "Abdelaziz"),
    ("Хафтар", "Хифтер"),
]


def score(a: str, b: str, comparer: Comparer | None = None) -> float:
    c = comparer or Comparer()
    return c.score(c.prepare(a), c.prepare(b))


def names_in(text: str) -> list[tuple[str, list[str]]]:
    doc = Document(id="t", target=text)
    return [(n.text, [w.text for w in n.words]) for n in find_names(text, doc.is_sentence_start)]


# --- extraction -------------------------------------------------------------------


def test_names_with_particles_and_possessives():
    found = names_in(
        "Troops of Fayez al-Sarraj met Osama bin Laden's envoy and Abu Bakr al-Baghdadi in Tripoli."
    )
    assert found == [
        ("Fayez al-Sarraj", ["Fayez", "Sarraj"]),
        ("Osama bin Laden", ["Osama", "Laden"]),
        ("Abu Bakr al-Baghdadi", ["Bakr", "Baghdadi"]),
        ("Tripoli", ["Tripoli"]),
    ]


def test_possessive_stays_outside_the_span():
    text = "We met Hifter’s envoy and Haftar's men."
    spans = find_names(text, Document(id="t", target=text).is_sentence_start)
    assert [(text[n.start : n.end], n.words[0].text) for n in spans] == [
        ("Hifter", "Hifter"),
        ("Haftar", "Haftar"),
    ]


def test_sentence_starts_titles_capitals_and_common_words_are_not_name_words():
    text = "The envoy met President Trump in May. LIBYA TALKS. Turkey sent a turkey. According to Trump, it may rain."
    words = [w for _, ws in names_in(text) for w in ws]
    assert "The" not in words and "According" not in words  # sentence starts, never mid-sentence
    assert "President" not in words and "May" not in words  # title, month (and "may" in lower case)
    assert "LIBYA" not in words and "TALKS" not in words  # capitals
    assert "Turkey" not in words  # also written in lower case
    assert words.count("Trump") == 2


def test_a_sentence_start_counts_when_the_name_appears_mid_sentence_too():
    words = [
        w
        for _, ws in names_in("Salama had visited Benghazi. The envoy Ghassan Salama left.")
        for w in ws
    ]
    assert words.count("Salama") == 2


def test_a_first_word_before_a_name_is_kept_as_uncertain():
    text = "Khalifa Haftar spoke. Later Hiftar left."
    doc = Document(id="t", target=text)
    words = [(w.text, w.certain) for n in find_names(text, doc.is_sentence_start) for w in n.words]
    assert words == [("Khalifa", False), ("Haftar", True), ("Later", False), ("Hiftar", True)]


def test_accented_hyphenated_and_cyrillic_names():
    assert names_in("Les élections en Baden-Württemberg et à Genève.") == [
        ("Baden-Württemberg", ["Baden", "Württemberg"]),
        ("Genève", ["Genève"]),
    ]
    assert names_in("Войска Хифтера отступили, заявил Хафтар.") == [
        ("Войска Хифтера", ["Войска", "Хифтера"]),  # a sentence's first word, kept as uncertain
        ("Хафтар", ["Хафтар"]),
    ]


def test_french_elision_stays_outside():
    text = "La visite d'Haftar et l’arrivée de Salamé."
    assert [w for _, ws in names_in(text) for w in ws] == ["Haftar", "Salamé"]


# --- keys -------------------------------------------------------------------------


def test_keys_bring_romanization_variants_together():
    arabic = key_tables(["arabic"])[-1]
    assert arabic.name == "arabic"
    assert (
        arabic.key("Qaddafi")
        == arabic.key("Gadhafi")
        == arabic.key("Kadhafi")
        == arabic.key("Kazzafi")
    )
    assert arabic.key("Salama") == arabic.key("Salameh") == arabic.key("Salame")
    assert arabic.key("Hifter") == arabic.key("Haftar")
    assert arabic.key("al-Sarraj") == arabic.key("as-Sarraj") == arabic.key("Sarraj")
    assert arabic.key("Husayn") == arabic.key("Hussein") != arabic.key("Hassan")
    assert arabic.key("Salem") != arabic.key("Salameh")  # the ta marbuta ending
    cyrillic = key_tables(["cyrillic"])[0]
    assert cyrillic.key("Zelensky") == cyrillic.key("Zelenskyy") == cyrillic.key("Zelenskiy")
    assert cyrillic.key("Khrushchev") == cyrillic.key("Khrushchov".replace("ov", "ev"))
    hebrew = key_tables(["hebrew"])[0]
    assert hebrew.key("Yitzhak") == hebrew.key("Yitshak") and hebrew.key("Chaim") == hebrew.key(
        "Haim"
    )


def test_key_tables_are_data_and_a_new_table_is_a_file():
    table = load_table(
        "script: test\nlanguages: [xx]\nrules:\n  - ['ph', 'f', 'ph is f']\nvowels:\n  V: aeiou\n",
        "test.yaml",
    )
    assert table.key("Philip") == table.key("Filip") == "fVlVp"
    assert table.skeleton(table.key("Philip")) == "flp"
    with pytest.raises(ConfigError, match=r"test.yaml: rule 1: bad pattern"):
        load_table("script: t\nrules:\n  - ['(', 'x']\n", "test.yaml")
    with pytest.raises(ConfigError, match="unknown script 'klingon'"):
        key_tables(["klingon"])


def test_tables_follow_the_source_language():
    assert {t.script for t in tables_for_language("ar")} == {"arabic"}
    assert [t.script for t in tables_for_language("uk-UA")] == ["cyrillic"]
    assert len(tables_for_language(None)) == len(tables_for_language("xx")) == len(key_tables())


def test_romanization_for_comparison_only():
    assert compact("Хафтар") == "khaftar"
    assert compact("Al-Sarraj’s") == "alsarrajs"


# --- scoring ----------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), SAME_NAME)
def test_spellings_of_one_name_link(a: str, b: str):
    assert score(a, b) >= DEFAULT_THRESHOLDS.link


@pytest.mark.parametrize(("a", "b"), FALSE_FRIENDS)
def test_false_friends_stay_apart_and_do_not_match(a: str, b: str):
    s = score(a, b)
    assert s < DEFAULT_THRESHOLDS.link and s < DEFAULT_THRESHOLDS.match


def test_derivations_and_inflections_are_different_words():
    endings = lexicon().endings("en")
    assert is_derivation("libya", "libyan", endings) and is_derivation("israel", "israeli", endings)
    assert is_derivation("ali", "alia", endings) and is_derivation("syria", "syrians", endings)
    assert not is_derivation("zelensky", "zelenskyy", endings) and not is_derivation(
        "hosni", "hosny", endings
    )
    assert not is_derivation("salama", "salamah", endings)
    assert score("Jahr", "Jahre", Comparer(language="de")) == 0.0
    assert score("Кореи", "Кореей", Comparer(language="ru")) == 0.0
    assert score("Хафтар", "Хафтаром", Comparer(language="ru")) == 0.0


# --- clustering -------------------------------------------------------------------


def test_clusters_keep_false_friends_apart():
    counts = {s: 1 for pair in FALSE_FRIENDS + SAME_NAME[:5] for s in pair}
    counts["Haftar"] = 5
    clusters = {frozenset(c.spellings) for c in cluster_spellings(counts)}
    assert frozenset({"Haftar", "Hifter"}) in clusters
    assert frozenset({"Qaddafi", "Gadhafi", "Kadhafi"}) in clusters
    assert frozenset({"Zelensky", "Zelenskyy"}) in clusters
    for a, b in FALSE_FRIENDS:
        assert not any(a in c and b in c for c in clusters), (a, b)


def test_clusters_are_a_partition_ordered_by_frequency():
    counts = {"Hifter": 2, "Haftar": 6, "HAFTAR": 1, "Tripoli": 3}
    clusters = cluster_spellings(counts)
    assert sorted(s for c in clusters for s in c.spellings) == sorted(counts)
    assert clusters[0].spellings == ("Haftar", "Hifter", "HAFTAR") and clusters[0].total == 9
    assert clusters[0].head == "Haftar"


def test_a_chain_of_small_steps_does_not_join_two_names():
    # each neighbour is close, the ends are not: the most frequent spellings must agree
    counts = {"Hassan": 9, "Hasan": 5, "Husain": 5, "Hussein": 9, "Hussain": 4}
    clusters = {frozenset(c.spellings) for c in cluster_spellings(counts)}
    assert not any("Hassan" in c and "Hussein" in c for c in clusters)


def test_parse_spelling_counts():
    assert parse_spelling_counts("Haftar\t6\nHifter\n\n Hifter \t2\n", "f.txt") == {
        "Haftar": 6,
        "Hifter": 3,
    }
    with pytest.raises(InputError, match=r"^f.txt:2: count 'x' is not a positive whole number$"):
        parse_spelling_counts("Haftar\t6\nHifter\tx\n", "f.txt")
    with pytest.raises(InputError, match=r"^f.txt:1: empty spelling$"):
        parse_spelling_counts("\t3\n", "f.txt")


# --- matching ---------------------------------------------------------------------


def _glossary() -> Glossary:
    haftar = Entry(
        "khalifa-haftar", "Khalifa Haftar", "person", ("Haftar",), (Variant("Hifter", "Haftar"),)
    )
    salameh = Entry(
        "ghassan-salameh",
        "Ghassan Salameh",
        "person",
        ("Salameh",),
        (Variant("Salama", "Salameh"),),
    )
    return Glossary(
        (haftar, salameh, Entry("gna", "Government of National Accord", "organization", ("GNA",)))
    )


def test_match_finds_the_entry_and_says_how_close():
    index = NameIndex(_glossary())
    m = index.best("Hiftar")
    assert (
        m.matched
        and m.canonical == "Khalifa Haftar"
        and m.form is not None
        and m.form.text in ("Haftar", "Hifter")
    )
    assert 0.85 <= m.score < 1
    assert index.best("Khalifa Hiftar").form.text == "Khalifa Haftar"  # type: ignore[union-attr]
    exact = index.best("Salama")
    assert exact.score == 1.0 and exact.entry is not None and exact.entry.id == "ghassan-salameh"
    assert exact.to_dict() == {
        "query": "Salama",
        "canonical": "Ghassan Salameh",
        "entry": "ghassan-salameh",
        "score": 1.0,
    }


def test_match_says_no_for_false_friends_and_strangers():
    index = NameIndex(_glossary())
    for query in ("Salem", "Hassan", "Smith", "GNAA", "Tripoli"):
        m = index.best(query)
        assert not m.matched and m.canonical is None and m.to_dict()["entry"] is None, query


# --- the checks' analysis ---------------------------------------------------------


def test_variant_pair_prefers_the_glossary_form_when_the_cluster_has_one(tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "entries:\n  - id: haftar\n    canonical: Khalifa Haftar\n    short: [Haftar]\n", "utf-8"
    )
    # N005 made strict, so the unlisted spelling is left to N004, which names the glossary form
    config = AuditConfig.create(
        select=["N004"],
        default_glossaries=False,
        glossaries=[glossary],
        options={"N005": {"min_score": 0.99}},
    )
    doc = Document(
        id="d", target="Hifter spoke. Khalifa Hifter and Khalifa Haftar met. Hifter left."
    )
    findings = audit_document(doc, config)
    assert [(f.text, f.start, f.suggestion) for f in findings] == [
        ("Hifter", 0, "Haftar"),
        ("Hifter", 22, "Haftar"),
        ("Hifter", 53, "Haftar"),
    ]
    assert all(
        "the glossary writes" in f.message and f.extra["preferred_by"] == "glossary"
        for f in findings
    )
    assert findings[0].extra["forms"] == {"Hifter": 3, "Haftar": 1}


def test_checks_are_options_driven_and_stay_quiet_on_clean_text():
    text = "Khalifa Haftar met Ghassan Salameh in Geneva. Haftar's envoy and Salameh's team spoke."
    config = AuditConfig.create(select=["N004", "N005"])
    assert audit_document(Document(id="d", target=text), config) == []
    loose = AuditConfig.create(
        select=["N004"], default_glossaries=False, options={"N004": {"min_score": 0.99}}
    )
    assert (
        audit_document(Document(id="d", target="Khalifa Haftar met. Khalifa Hifter left."), loose)
        == []
    )


def test_the_fuzzy_glossary_index_is_built_only_when_n005_runs():
    from audit import AuditConfig, Document, audit_document
    from audit.names import analysis

    doc = Document(id="d", target="Khalifa Haftur met the envoy in Benghazi.")
    n004 = AuditConfig.create(select=["N004"])
    audit_document(doc, n004)
    assert n004.matcher not in analysis._INDEXES
    both = AuditConfig.create(select=["N004", "N005"])
    findings = audit_document(doc, both)
    assert both.matcher in analysis._INDEXES
    assert [(f.code, f.text, f.suggestion) for f in findings] == [("N005", "Haftur", "Haftar")]
