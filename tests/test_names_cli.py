"""`audit names cluster`, `audit names match`, `audit glossary suggest`, and the name
checks on the seed, as a user runs them."""

from __future__ import annotations

import json

import yaml

from audit.glossary import bundled_glossary_paths, load_glossaries
from tests.conftest import SEED

SPELLINGS = "Haftar\t6\nHifter\t2\nSalama\t2\nSalameh\nHassan\nHussein\nOmar\nAmr\nQaddafi\nGadhafi\nKadhafi\n"

HAFTAR_GLOSSARY = """\
entries:
  - id: khalifa-haftar
    canonical: Khalifa Haftar
    kind: person
    short: [Haftar]
    source: [خليفة حفتر]
"""


def test_cluster_json_shape_and_false_friends(cli, tmp_path):
    path = tmp_path / "spellings.txt"
    path.write_text(SPELLINGS, encoding="utf-8")
    result = cli("names", "cluster", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["clusters"]
    assert data["clusters"] == [
        ["Haftar", "Hifter"],
        ["Qaddafi", "Gadhafi", "Kadhafi"],
        ["Salama", "Salameh"],
    ]
    every = json.loads(
        cli("names", "cluster", str(path), "--format", "json", "--min-size", "1").stdout
    )
    assert sorted(s for c in every["clusters"] for s in c) == sorted(
        line.split("\t")[0] for line in SPELLINGS.split("\n") if line
    )
    assert ["Hassan"] in every["clusters"] and ["Hussein"] in every["clusters"]


def test_cluster_text_and_standard_input(cli):
    result = cli("names", "cluster", "-", input=b"Zelensky\t3\nZelenskyy\nTripoli\n")
    assert result.exit_code == 0
    assert (
        result.stdout
        == "Zelensky (3), Zelenskyy (1)\n3 spellings; 1 name(s) with more than one spelling.\n"
    )


def test_cluster_script_and_threshold_options(cli, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Qaddafi\nGadhafi\n", encoding="utf-8")
    assert json.loads(
        cli("names", "cluster", str(path), "--format", "json", "--script", "arabic").stdout
    ) == {"clusters": [["Qaddafi", "Gadhafi"]]}
    strict = cli("names", "cluster", str(path), "--format", "json", "--threshold", "0.99")
    assert json.loads(strict.stdout) == {"clusters": []}
    assert cli("names", "cluster", str(path), "--script", "klingon").exit_code == 2


def test_cluster_bad_input_is_one_line(cli, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Haftar\t6\nHifter\tmany\n", encoding="utf-8")
    result = cli("names", "cluster", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"audit: error: {path}:2: count 'many' is not a positive whole number\n"
    missing = cli("names", "cluster", str(tmp_path / "nope.txt"))
    assert (
        missing.exit_code == 2 and missing.stderr.count("\n") == 1 and "nope.txt" in missing.stderr
    )


def test_match_json_shape(cli, tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(HAFTAR_GLOSSARY, encoding="utf-8")
    queries = tmp_path / "q.txt"
    queries.write_text("Hiftar\nKhalifa Hiftar\nSalem\nHaftar\n", encoding="utf-8")
    result = cli(
        "names",
        "match",
        str(queries),
        "--glossary",
        str(glossary),
        "--no-default-glossaries",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    matches = json.loads(result.stdout)["matches"]
    assert [set(m) for m in matches] == [{"query", "canonical", "entry", "score"}] * 4
    assert [(m["query"], m["canonical"], m["entry"]) for m in matches] == [
        ("Hiftar", "Khalifa Haftar", "khalifa-haftar"),
        ("Khalifa Hiftar", "Khalifa Haftar", "khalifa-haftar"),
        ("Salem", None, None),
        ("Haftar", "Khalifa Haftar", "khalifa-haftar"),
    ]
    assert 0.85 < matches[0]["score"] < 1 and matches[3]["score"] == 1.0


def test_match_text_with_the_bundled_glossary(cli):
    result = cli("names", "match", "-", input=b"Gathafy\nSmith\n")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith('Gathafy -> Muammar Gaddafi [muammar-gaddafi] via "')
    assert lines[1].startswith("Smith -> no match")


def test_seed_without_glossaries_reports_each_name_once(cli, in_root):
    result = cli(
        "check", SEED, "--no-default-glossaries", "--select", "N004,N005", "--format", "json"
    )
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 0  # minor findings only
    assert [(f["code"], f["text"], f["suggestion"]) for f in findings] == [
        ("N004", "Salameh", "Salama"),
        ("N004", "Hifter", "Haftar"),
        ("N004", "Hifter", "Haftar"),
    ]
    forms = [f["extra"]["forms"] for f in findings]
    assert forms[0] == {"Salama": 2, "Salameh": 1}
    assert forms[1] == forms[2] == {"Haftar": 6, "Hifter": 2}
    assert all(f["severity"] == "minor" for f in findings)


def test_seed_with_glossaries_adds_nothing_the_glossary_checks_say(cli, in_root):
    result = cli("check", SEED, "--select", "N004,N005", "--format", "json")
    assert json.loads(result.stdout)["findings"] == []


def test_suggest_writes_a_glossary_that_loads(cli, tmp_path, in_root):
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {
            "id": "a",
            "target": "Khalifa Haftar met the envoy. Khalifa Hifter left on Monday. Haftar said little.",
        },
        {
            "id": "b",
            "target": "Forces loyal to Khalifa Hifter advanced. Will Wade and Wayde Sims played.",
        },
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "proposed.yaml"
    result = cli(
        "glossary", "suggest", str(corpus), SEED, "--no-default-glossaries", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Wrote {out}: 2 proposed entries from 3 document(s).\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith(
        "# Glossary entries proposed by `audit glossary suggest` from 3 document(s)."
    )
    entries = {e.canonical: e for e in load_glossaries([out]).entries}
    assert set(entries) == {"Haftar", "Salama"}  # Wade and Wayde are two people
    haftar = entries["Haftar"]
    assert [v.form for v in haftar.variants] == ["Hifter"] and [v.use for v in haftar.variants] == [
        "Haftar"
    ]
    assert haftar.variants[0].note.startswith("4 uses in 3 documents; e.g. “")
    assert "Khalifa Hifter" in haftar.variants[0].note
    assert haftar.notes.startswith("Haftar: 8 uses in 2 documents")


def test_suggest_with_the_bundled_glossary_proposes_additions_to_its_entries(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(
        "Forces loyal to Khalifa Haftar advanced. Khalifa Haftir, Khalifa Heftarr and Haftar met.\n"
        "Omar Mansour and Omar Mansur spoke; Mansour and Mansur left. Mansour, Mansur.",
        encoding="utf-8",
    )
    out = tmp_path / "proposed.yaml"
    result = cli("glossary", "suggest", str(doc), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert [e["canonical"] for e in data["entries"]] == ["Mansour"]
    assert [v["form"] for v in data["entries"][0]["variants"]] == ["Mansur"]
    assert "# Spellings of existing glossary entries" in text
    assert "#   khalifa-haftar (Khalifa Haftar, " in text and "Heftarr (1 use in 1 document" in text
    load_glossaries([*bundled_glossary_paths(), out])  # loads beside the glossary it extends


def test_suggest_to_standard_output_writes_no_file(cli, tmp_path, in_root):
    result = cli("glossary", "suggest", SEED, "--no-default-glossaries", "-o", "-")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["entries"][0]["canonical"] == "Haftar"
