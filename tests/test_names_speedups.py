"""The shortcuts taken for speed in the name analysis (issue 18, N004) change no
result: each is compared with the plain computation it stands in for, on real text
(the NTREX excerpt) and on spellings made to share blocks."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.names.blocking import BlockIndex, shared_blocks
from audit.names.extract import find_names
from audit.names.similarity import Comparer

ROOT = Path(__file__).resolve().parents[1]
EXCERPTS = sorted((ROOT / "tests" / "fixtures" / "ntrex-excerpt").glob("*.txt"))


def _excerpt_words() -> list[str]:
    words: dict[str, None] = {}
    for path in EXCERPTS:
        for span in find_names(path.read_text(encoding="utf-8")):
            for w in span.words:
                words[w.text] = None
    return list(words)


def _look_alikes(seed: int) -> list[str]:
    rng = random.Random(seed)
    stems = ["Haftar", "Salameh", "Hassan", "Gaddafi", "Sarraj", "Ali", "Tuba", "Omar"]
    out = []
    for _ in range(60):
        word = list(rng.choice(stems))
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(1, len(word))
            word[i] = rng.choice("aeiouhkqgdtz")
        out.append("".join(word))
    return out


@pytest.mark.parametrize("source", ["excerpt", "look-alikes-1", "look-alikes-2", "empty"])
def test_shared_blocks_are_the_index_blocks_of_two_or_more(source: str) -> None:
    if source == "excerpt":
        words = _excerpt_words()
        assert len(words) > 20
    elif source == "empty":
        words = []
    else:
        words = _look_alikes(int(source[-1]))
    comparer = Comparer()
    prepared = [comparer.prepare(w) for w in words]
    expected = {b: m for b, m in BlockIndex(prepared).blocks.items() if len(m) > 1}
    got = shared_blocks(prepared)
    assert got == expected
    if source.startswith("look-alikes"):
        assert got  # the look-alikes do share blocks


def test_comparers_of_every_target_language_share_prepared_spellings() -> None:
    from audit.names.analysis import _comparer
    from audit.names.keys import tables_for_language

    english = _comparer(None, "en").prepare("Haftar")
    assert _comparer(None, "de", names_only=True).prepare("Haftar") is english
    assert _comparer("ar", "fr").prepare("Haftar") is not english  # other tables
    # What is shared is what a comparer of those tables alone prepares.
    assert Comparer(tables_for_language(None)).prepare("Haftar") == english
    assert Comparer(tables_for_language("ar")).prepare("Haftar") == _comparer("ar", "fr").prepare(
        "Haftar"
    )


def test_a_source_skeleton_exactly_at_the_least_similarity_still_joins_spellings() -> None:
    """``Ecinitas`` (KNTS) renders Энсинитасе (NSNTS) at a similarity of exactly 0.6,
    the least there is: the batch scoring of the source words keeps it, as one call per
    word did (its own cut-off rounds it away). From an NTREX article."""
    from rapidfuzz.distance import Levenshtein

    from audit.config import AuditConfig
    from audit.document import Document
    from audit.engine import audit_document
    from audit.names.source_names import latin_skeleton, source_skeleton

    assert Levenshtein.normalized_similarity(
        latin_skeleton("Ecinitas"), source_skeleton("Энсинитасе")
    ) == pytest.approx(0.6)
    source = "Он вырос в Энсинитасе, у моря.\n\nПозже мэр в Энсинитасе открыл парк."
    target = "He grew up in Encinitas, by the sea.\n\nLater the mayor in Ecinitas opened a park."
    config = AuditConfig.create(default_glossaries=False, select=["N004"])
    doc = Document(id="d", target=target, target_lang="en", source=source, source_lang="ru")
    (finding,) = audit_document(doc, config)
    assert (finding.text, finding.suggestion) == ("Ecinitas", "Encinitas")
    assert finding.extra["source_form"] == "Энсинитасе"


def test_the_cycle_collector_is_paused_during_the_analysis_and_restored_after() -> None:
    import gc

    from audit.document import Document
    from audit.names.analysis import analyse

    seen: list[bool] = []

    def pairs() -> list:  # asked from inside the analysis
        seen.append(gc.isenabled())
        return []

    doc = Document(
        id="d",
        target="Khalifa Haftar met the envoy. Later Hifter left.",
        target_lang="en",
        source="التقى خليفة حفتر المبعوث.",
        source_lang="ar",
    )
    assert gc.isenabled()
    result = analyse(doc, [], None, near_min_score=None, variant_min_score=0.85, pairs=pairs)
    assert seen == [False]
    assert gc.isenabled()
    assert [g.preferred for g in result.groups] == ["Haftar"]


def test_name_tokens_are_those_of_the_one_alternative_per_letter_pattern() -> None:
    import re

    from audit.names.extract import _TOKEN

    plain = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*")
    texts = [p.read_text(encoding="utf-8") for p in EXCERPTS]
    texts += [
        "d'Haftar l’Égypte Haftar's O'Neil rock 'n' roll '' x' 'y a''b c’’d e'’f",
        "abc1def _x_ x_y 2'b don't qu'il aujourd'hui ÉTATS-UNIS Ба'ас",
        "'start end' ’’ ' a ' b",
    ]
    for text in texts:
        assert [m.span() for m in _TOKEN.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("introduced", [1, 5, 8, 9, 20, 60])
def test_mention_candidates_are_those_of_the_capped_block_index(introduced: int) -> None:
    """Up to MAX_CANDIDATES surnames the candidates are found without the index of
    blocks; beyond, the index holds the same first MAX_CANDIDATES per block."""
    from audit.names.entities import MAX_CANDIDATES, _Blocks, _mention_blocks

    comparer = Comparer()
    surnames = list(dict.fromkeys(_look_alikes(introduced)))[:introduced]
    words = _look_alikes(100 + introduced) + _excerpt_words()
    index: dict[tuple[int, str], list[str]] = {}
    for surname in surnames:  # the plain index: every block, capped
        for block in _mention_blocks(comparer.prepare(surname)):
            members = index.setdefault(block, [])
            if len(members) < MAX_CANDIDATES:
                members.append(surname)
    blocks = _Blocks()
    for surname in surnames:
        blocks.add(surname, comparer)
    met = 0
    for word in words:
        expected = {s for b in _mention_blocks(comparer.prepare(word)) for s in index.get(b, ())}
        assert set(blocks.candidates(word, comparer)) == expected
        met += bool(expected)
    assert met  # some words do meet surnames


def test_word_keys_from_the_shared_letters_are_those_of_each_table_alone() -> None:
    """Each table's key of a word starts from the word's folded letters, worked out once
    for all tables unless the table replaces one of its characters (Fayçal, Şevki), and
    with a one-group replacement (doubled letters) applied as a function of the match."""
    from audit.glossary.fold import fold
    from audit.names.keys import _NOT_LETTER, _VOWEL_RUN, key_tables, strip_marks

    words = [w.lower() for w in _excerpt_words()] + [
        "fayçal", "şevki", "doğan", "ırmak", "ðór", "þór", "ḥasan", "müller", "kh-al",
        "straße", "çç", "i̇stanbul", "o'neil", "жуков", "hassan", "gaddafi", "aabbcc",
    ]  # fmt: skip
    for table in key_tables():
        table._words.clear()
        for word in words:
            replaced = "".join(table.chars.get(c, c) for c in word)
            text = _NOT_LETTER.sub("", strip_marks(fold(replaced)))
            for rule in table.rules:
                text = rule.pattern.sub(rule.replacement, text)
            expected = _VOWEL_RUN.sub(table._vowel_class, text)
            assert table._word_key(word) == expected, (table.name, word)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_linked_clusters_are_the_clusters_of_two_or_more_in_order(seed: int) -> None:
    from audit.names.cluster import cluster_spellings

    counts: dict[str, int] = {}
    for i, word in enumerate(_look_alikes(seed) + _excerpt_words()):
        counts[word] = counts.get(word, 0) + 1 + i % 3
    comparer = Comparer()
    every = cluster_spellings(counts, comparer, max_block=12)
    linked = cluster_spellings(counts, comparer, max_block=12, linked_only=True)
    assert linked == [c for c in every if len(c) > 1]
    assert linked and len(linked) < len(every)


def test_the_one_scan_for_a_readable_source_finds_what_the_three_scripts_find() -> None:
    """``reads`` scans a source once for a letter of any script the source reading keys;
    each code point of the Basic Multilingual Plane (and a few beyond) is readable
    exactly when the Arabic, Cyrillic or Hebrew pattern finds it."""
    from audit.names.source_names import _CYRILLIC, _HEBREW, ARABIC_WORD, reads

    def three(text: str) -> bool:
        return bool(ARABIC_WORD.search(text) or _CYRILLIC.search(text) or _HEBREW.search(text))

    points = [*range(0x10000), 0x1F600, 0x10FFFF, 0x1EE00]
    readable = [cp for cp in points if reads(chr(cp))]
    assert readable == [cp for cp in points if three(chr(cp))]
    assert len(readable) > 1000  # the ranges are there
    arabic = (ROOT / "tests" / "fixtures" / "ntrex-excerpt" / "arb.txt").read_text(encoding="utf-8")
    english = (ROOT / "tests" / "fixtures" / "ntrex-excerpt" / "eng.txt").read_text(
        encoding="utf-8"
    )
    assert reads(arabic) and not reads(english)
    assert reads("Путин") and reads("נתניהו") and not reads("Haftar “quoted” — Ελλάδα")


def test_source_word_counts_are_made_only_when_a_group_asks_and_are_the_same() -> None:
    """The source's word counts are made on the first question: a reading that no
    group asks never counts, and the groups are those of a reading counted at once."""
    from audit.document import Span
    from audit.names.extract import find_names
    from audit.names.source_names import _counts, read_source, source_groups
    from audit.pairs import Pair

    source = "Он вырос в Энсинитасе, у моря.\n\nПозже мэр в Энсинитасе открыл парк."
    target = "He grew up in Encinitas, by the sea.\n\nLater the mayor in Ecinitas opened a park."
    cut_s, cut_t = source.index("\n\n"), target.index("\n\n")
    pairs = [
        Pair("1", Span(0, cut_s), Span(0, cut_t), 1.0, Span(0, cut_t), False),
        Pair("2", Span(cut_s + 2, len(source)), Span(cut_t + 2, len(target)), 1.0, None, False),
    ]
    words = [w for span in find_names(target) for w in span.words]
    lazy = read_source(words, source, pairs)
    assert lazy is not None and "counts" not in vars(lazy)
    eager = read_source(words, source, pairs)
    assert eager is not None
    eager.counts  # noqa: B018 - counted before the groups, as before
    groups = source_groups(words, source, pairs, lazy)
    assert [g.spellings for g in groups] == [("encinitas", "ecinitas")]
    assert groups == source_groups(words, source, pairs, eager)
    assert lazy.counts == eager.counts == _counts(source)

    lone = [w for w in words if w.text == "Encinitas"]  # one spelling: no group to ask
    reading = read_source(lone, source, pairs)
    assert reading is not None and source_groups(lone, source, pairs, reading) == []
    assert "counts" not in vars(reading)


def _eager_verdicts(
    names: list, common: Callable[[str], bool], keys: list[str]
) -> dict[tuple[str, str], str]:
    """The verdicts of neighbour lists made from the names at once (the plain way)."""
    from collections import defaultdict

    from audit.names.similarity import compact

    every: dict[str, set[tuple[str, str]]] = defaultdict(set)
    sure: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for span in names:
        words = [(compact(w.text), w.certain) for w in span.words]
        for i, (w, _) in enumerate(words):
            for side, j in (("before", i - 1), ("after", i + 1)):
                if 0 <= j < len(words):
                    every[w].add((side, words[j][0]))
                    if words[j][1]:
                        sure[w].add((side, words[j][0]))
    out = {}
    for a in keys:
        for b in keys:
            shared = every.get(a, set()) & every.get(b, set())
            certain = sure.get(a, set()) & sure.get(b, set())
            if certain or any(not common(w) for _, w in shared):
                out[(a, b)] = "support"
            else:
                out[(a, b)] = "conflict" if sure.get(a) and sure.get(b) else "neutral"
    return out


def test_companions_listed_at_the_first_verdict_give_the_verdicts_of_the_eager_lists() -> None:
    """Companions lists each word's neighbours when first asked for a verdict; the
    verdicts are those of lists made from the names at once (the plain computation)."""
    from audit.names.analysis import Companions
    from audit.names.similarity import compact

    def common(word: str) -> bool:
        return word in {"then", "later", "the"}

    texts = [p.read_text(encoding="utf-8") for p in EXCERPTS]
    texts.append(
        "Khalifa Hifter met Field Marshal Khalifa Haftar. Then Haftar left. Then Hafter "
        "spoke. Wayde Sims and Will Wade met Kim Jong Un and Ri Yong Ho."
    )
    kinds: set[str] = set()
    for text in texts:
        opening = {0} | {m.end() for m in re.finditer(r"\. ", text)}
        names = find_names(text, opening.__contains__)
        keys = sorted({compact(w.text) for span in names for w in span.words})
        companions = Companions(names, common)
        got = {(a, b): companions.verdict(a, b) for a in keys for b in keys}
        assert got == _eager_verdicts(names, common, keys)
        kinds |= set(got.values())
    assert kinds == {"support", "conflict", "neutral"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_lone_word_left_unprepared_could_reach_no_surname(seed: int) -> None:
    """A lone word whose letters are too unlike every introduced surname's is left
    without preparing its keys: no surname would have scored it at the threshold, and
    a word that may reach one is scored as before."""
    from audit.names.entities import _Blocks, _mention_blocks

    comparer = Comparer()
    surnames = list(dict.fromkeys(w.lower() for w in _look_alikes(seed)))[:12]
    words = [w.lower() for w in _look_alikes(50 + seed) + _excerpt_words()]
    blocks = _Blocks()
    for surname in surnames:
        blocks.add(surname, comparer)
    kept = skipped = 0
    for min_score in (0.82, 0.85, 0.6):
        for word in words:
            prepared = comparer.prepare(word)
            scores = [
                comparer.score(comparer.prepare(s), prepared, floor=min_score)
                for s in surnames
                if not _mention_blocks(prepared).isdisjoint(_mention_blocks(comparer.prepare(s)))
            ]
            reaches = any(s >= min_score for s in scores)
            if blocks.may_reach(word, comparer, min_score):
                kept += 1
            else:
                skipped += 1
                assert not reaches, (word, min_score)
    assert kept and skipped  # both kinds are met
