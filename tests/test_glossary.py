from __future__ import annotations

from pathlib import Path

import pytest

from audit.errors import GlossaryError
from audit.glossary import (
    GlossaryMatcher,
    bundled_glossary_paths,
    load_glossaries,
    load_glossary_file,
)


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_libya_glossary_loads_and_covers_the_seed():
    paths = bundled_glossary_paths()
    assert [p.name for p in paths] == ["libya.yaml"]
    g = load_glossaries(paths)
    ids = set(g.by_id)
    for wanted in (
        "khalifa-haftar",
        "ghassan-salameh",
        "government-of-national-accord",
        "joint-military-commission",
        "berlin-conference",
        "muammar-gaddafi",
        "tripoli",
        "benghazi",
        "geneva",
    ):
        assert wanted in ids
    gaddafi = g.entry("muammar-gaddafi")
    spellings = {v.form for v in gaddafi.variants}
    assert {"Qaddafi", "Gadhafi", "Kadhafi", "Qadhafi"} <= spellings
    assert len(spellings) >= 20
    assert all(e.notes or e.kind == "place" for e in g.entries)


def test_entry_fields_and_variant_replacements(tmp_path):
    g = load_glossary_file(
        write(
            tmp_path,
            """
entries:
  - id: haftar
    canonical: Khalifa Haftar
    kind: person
    short: [Haftar]
    source: [خليفة حفتر]
    variants:
      - Hifter
      - {form: Khalifa Hiftar, note: rare}
      - {form: Heftar, use: Haftar}
    notes: LNA commander
""",
        )
    )
    e = g.entry("haftar")
    assert e.kind == "person" and e.short == ("Haftar",) and e.source == ("خليفة حفتر",)
    assert [(v.form, v.use, v.note) for v in e.variants] == [
        ("Hifter", "Haftar", None),
        ("Khalifa Hiftar", "Khalifa Haftar", "rare"),
        ("Heftar", "Haftar", None),
    ]
    assert e.line == 3


def test_variant_never_defaults_to_an_acronym(tmp_path):
    g = load_glossary_file(
        write(
            tmp_path,
            """
entries:
  - canonical: Government of National Accord
    kind: organization
    short: [GNA]
    variants: [Wefaq]
""",
        )
    )
    e = g.entries[0]
    assert e.id == "government-of-national-accord"
    assert e.variants[0].use == "Government of National Accord"


def test_yaml_keeps_names_that_look_like_booleans_or_numbers(tmp_path):
    g = load_glossary_file(
        write(
            tmp_path,
            """
entries:
  - canonical: "No"
    short: [On]
    variants: [Yes, 1999]
""",
        )
    )
    e = g.entries[0]
    assert e.canonical == "No" and e.short == ("On",)
    assert [v.form for v in e.variants] == ["Yes", "1999"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("entries:\n  - canonical: [unclosed\n", 3, "invalid YAML"),
        ("entries:\n  - canonical: ''\n    kind: person\n", 2, "empty canonical"),
        ("entries:\n  - canonical: A\n    kind: dragon\n", 2, "unknown kind"),
        ("entries:\n  - canonical: A\n    colour: red\n", 2, "unknown entry key 'colour'"),
        ("entries:\n  - canonical: A\n    canonical: B\n", 3, "duplicate key 'canonical'"),
        (
            "entries:\n  - id: a\n    canonical: Alpha\n  - id: a\n    canonical: Beta\n",
            4,
            "duplicate entry id",
        ),
        (
            "entries:\n  - canonical: Khalifa Haftar\n    variants: [Hifter]\n"
            "  - canonical: Hafez Hifter\n    variants:\n      - Hifter\n",
            6,
            "already the variant form 'Hifter'",
        ),
        (
            "entries:\n  - canonical: Tripoli\n  - canonical: Tarabulus\n    variants: [tripoli]\n",
            4,
            "already the canonical form 'Tripoli'",
        ),
        (
            "entries:\n  - canonical: Berlin Conference\n    variants:\n      - Berlin conference\n",
            4,
            "only in case",
        ),
        (
            "entries:\n  - canonical: Al-Wefaq\n    variants: [El Wefaq]\n",
            3,
            "only in case, accents, hyphens or article",
        ),
        (
            "entries:\n  - canonical: Khalifa Haftar\n    variants:\n      Hafez: [Hifter]\n",
            4,
            "not the canonical form",
        ),
        ("just a string\n", 1, "a glossary is a mapping"),
        ("entries: 3\n", 1, "'entries' must be a list"),
    ],
)
def test_malformed_glossaries_fail_with_file_and_line(tmp_path, text, line, fragment):
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError) as err:
        load_glossary_file(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert fragment in message
    assert "\n" not in message


def test_conflict_across_two_files_names_both(tmp_path):
    a = write(tmp_path, "entries:\n  - canonical: Khalifa Haftar\n    short: [Haftar]\n", "a.yaml")
    b = write(tmp_path, "entries:\n  - canonical: Other\n    variants: [Haftar]\n", "b.yaml")
    with pytest.raises(GlossaryError) as err:
        load_glossaries([a, b])
    assert str(err.value).startswith(f"{b}:3: ")
    assert f"{a}:2" in str(err.value)


def test_invalid_utf8_empty_and_missing_glossaries(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"entries:\n  - canonical: Caf\xe9\n")
    with pytest.raises(GlossaryError, match=r"invalid UTF-8 at byte 27"):
        load_glossary_file(bad)
    with pytest.raises(GlossaryError, match="empty glossary"):
        load_glossary_file(write(tmp_path, "# nothing\n", "empty.yaml"))
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossary_file(tmp_path / "missing.yaml")
    with pytest.raises(GlossaryError, match="unknown glossary format"):
        load_glossary_file(write(tmp_path, "x", "g.txt"))


def test_csv_and_tsv_import(tmp_path):
    csv_path = write(
        tmp_path,
        "id,canonical,kind,short,variants,source,notes\n"
        "haftar,Khalifa Haftar,person,Haftar,Hifter|Hiftar,خليفة حفتر,LNA\n"
        "\n"
        "tripoli,Tripoli,place,,Tarabulus,,\n",
        "g.csv",
    )
    g = load_glossary_file(csv_path)
    assert [e.id for e in g.entries] == ["haftar", "tripoli"]
    assert [v.form for v in g.entry("haftar").variants] == ["Hifter", "Hiftar"]
    assert g.entry("tripoli").line == 4
    tsv_path = write(
        tmp_path, "canonical\tvariants\nGhassan Salameh\tSalama|Ghassan Salama\n", "g.tsv"
    )
    e = load_glossary_file(tsv_path).entries[0]
    assert [v.form for v in e.variants] == ["Salama", "Ghassan Salama"]
    bad = write(tmp_path, "canonical,colour\nA,red\n", "bad.csv")
    with pytest.raises(GlossaryError, match=r"bad.csv:1: unknown column 'colour'"):
        load_glossary_file(bad)
    conflict = write(tmp_path, "canonical,variants\nA,X\nB,X\n", "conflict.csv")
    with pytest.raises(GlossaryError, match=r"conflict.csv:3: "):
        load_glossary_file(conflict)


def _matcher(tmp_path, text):
    return GlossaryMatcher(load_glossary_file(write(tmp_path, text)))


def test_matcher_whole_words_possessives_and_longest_match(tmp_path):
    m = _matcher(
        tmp_path,
        """
entries:
  - canonical: Khalifa Haftar
    short: [Haftar]
    variants: [Hifter]
  - canonical: Government of National Accord
    short: [GNA]
    variants:
      GNA: [Al-Wefaq]
      Government of National Accord: [Al-Wefaq government]
""",
    )
    text = "Hifter's men; Hifters; the al Wefaq government and el-Wefaq; KHALIFA HAFTAR; gna; GNA."
    found = [(text[x.start : x.end], x.form.role, x.entry.id) for x in m.find(text)]
    assert found == [
        ("Hifter", "variant", "khalifa-haftar"),
        ("al Wefaq government", "variant", "government-of-national-accord"),
        ("el-Wefaq", "variant", "government-of-national-accord"),
        ("KHALIFA HAFTAR", "canonical", "khalifa-haftar"),
        ("GNA", "short", "government-of-national-accord"),
    ]


def test_matcher_handles_sun_letter_assimilation_and_apostrophes(tmp_path):
    m = _matcher(
        tmp_path,
        """
entries:
  - canonical: Fayez al-Sarraj
    short: [al-Sarraj]
  - canonical: Mu'ammar
""",
    )
    text = "as-Sarraj and es Sarraj met Mu’ammar."
    assert [text[x.start : x.end] for x in m.find(text)] == ["as-Sarraj", "es Sarraj", "Mu’ammar"]


def test_matcher_offsets_survive_characters_that_change_length_when_lowered(tmp_path):
    m = _matcher(tmp_path, "entries:\n  - canonical: Haftar\n")
    text = "İİİ Haftar"
    (hit,) = m.find(text)
    assert text[hit.start : hit.end] == "Haftar"


def test_empty_glossary_list_matches_nothing(tmp_path):
    g = load_glossaries([])
    assert len(g) == 0
    assert GlossaryMatcher(g).find("anything") == []
