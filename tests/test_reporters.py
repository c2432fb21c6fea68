"""Every output format: a golden file on the seed, plus what each format promises."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from audit.findings import Category, Finding, Severity
from audit.reporters import FORMATS, Report, render
from tests.conftest import ROOT, SEED, update_golden

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
GOLDEN_FILES = {
    "text": "seed.txt",
    "grouped": "seed.grouped.txt",
    "json": "seed.json",
    "jsonl": "seed.jsonl",
    "csv": "seed.csv",
    "sarif": "seed.sarif",
    "github": "seed.github.txt",
    "junit": "seed.junit.xml",
    "markdown": "seed.md",
}


def test_every_format_has_a_golden_file():
    assert set(GOLDEN_FILES) == set(FORMATS)


@pytest.fixture
def seed_output(cli, in_root):
    def run(fmt: str) -> str:
        result = cli("check", SEED, "--format", fmt, "--isolated")
        assert result.exit_code == 1, result.stderr
        return result.stdout

    return run


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_seed_matches_golden_file(seed_output, fmt):
    out = seed_output(fmt)
    golden = GOLDEN / GOLDEN_FILES[fmt]
    if update_golden():
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert seed_output(fmt) == out  # deterministic


def test_sarif_validates_against_the_official_schema(seed_output):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(seed_output("sarif"))
    jsonschema.Draft7Validator(schema).validate(log)
    run = log["runs"][0]
    findings = json.loads(seed_output("json"))["findings"]
    assert len(run["results"]) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(run["results"], findings):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["code"]
        assert result["partialFingerprints"] == {"auditContextHash/v1": finding["fingerprint"]}
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert region["snippet"]["text"] == finding["text"]
    hifter = next(
        r
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "Hifter"
    )
    assert (
        hifter["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
        == "Haftar"
    )
    n001 = next(r for r in rules if r["id"] == "N001")
    assert "Salama had visited Khalifa Hifter" in n001["help"]["text"]


def test_sarif_fingerprints_survive_moving_paragraphs(tmp_path, cli):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    paras = text.split("\n\n")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text("\n\n".join([paras[-1], *paras[:-1]]), encoding="utf-8")

    def prints(path):
        log = json.loads(cli("check", str(path), "--format", "sarif", "--select", "N001").stdout)
        return sorted(
            (r["ruleId"], r["partialFingerprints"]["auditContextHash/v1"])
            for r in log["runs"][0]["results"]
        )

    assert prints(a) == prints(b)


def test_csv_round_trips(seed_output):
    rows = list(csv.DictReader(io.StringIO(seed_output("csv"))))
    findings = json.loads(seed_output("json"))["findings"]
    assert [(r["code"], r["text"], int(r["line"]), r["suggestion"]) for r in rows] == [
        (f["code"], f["text"], f["line"], f["suggestion"] or "") for f in findings
    ]


def test_jsonl_is_one_finding_per_line(seed_output):
    lines = seed_output("jsonl").splitlines()
    assert [json.loads(line) for line in lines] == json.loads(seed_output("json"))["findings"]


def test_junit_counts(seed_output):
    # Failures are the findings at or above the fail level (major): those that make
    # `audit check` exit 1; the 5 minor findings are passing cases with their text.
    root = ET.fromstring(seed_output("junit"))
    assert root.get("tests") == "20" and root.get("failures") == "15"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == SEED
    assert len(suite.findall("testcase/failure")) == 15
    assert len(suite.findall("testcase/system-out")) == 5


def _finding(**kw) -> Finding:
    base = dict(
        code="N001",
        name="names.non-canonical-variant",
        severity=Severity.MAJOR,
        category=Category.TERMINOLOGY,
        message="m",
        start=0,
        end=1,
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        text="x",
        path="a.txt",
        document="a.txt",
    )
    base.update(kw)
    return Finding(**base)


def test_github_escapes_data_and_properties():
    f = _finding(message="100% wrong\nnext", path="dir,x/a:b.txt")
    out = render(Report([f], 1), "github").splitlines()[0]
    assert out == (
        "::error file=dir%2Cx/a%3Ab.txt,line=1,col=1,endColumn=2,title=N001 names.non-canonical-variant"
        "::100%25 wrong%0Anext"
    )
    minor = render(Report([_finding(severity=Severity.MINOR)], 1), "github")
    assert minor.startswith("::warning ")


def test_markdown_escapes_markup_and_pipes():
    f = _finding(code="M001", message="unused: <!-- audit: ignore[N001] --> a|b", suggestion="")
    out = render(Report([f], 1), "markdown")
    # renders as the text it was: "<!-- audit: ignore[N001] --> a|b"
    assert "&lt;\\!-- audit: ignore\\[N001\\] --&gt; a\\|b" in out
    assert "<!--" not in out


def test_junit_lists_clean_files_as_passing():
    report = Report([_finding()], 2, paths=("a.txt", "clean.txt"))
    root = ET.fromstring(render(report, "junit"))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert suites["clean.txt"].get("failures") == "0"
    assert suites["clean.txt"].find("testcase").get("name") == "no findings"
    assert root.get("tests") == "2" and root.get("failures") == "1"


def test_sarif_for_a_unit_of_a_bilingual_file_names_it(cli, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    path = tmp_path / "a.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="story-7" source-language="ar" target-language="en" datatype="plaintext"><body>\n'
        '<trans-unit id="u1"><source>x</source><target>A &amp; Hifter.</target></trans-unit>\n'
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    log = json.loads(cli("check", str(path), "--format", "sarif", "--select", "N001").stdout)
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    (result,) = log["runs"][0]["results"]
    loc = result["locations"][0]
    assert loc["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 55,
        "endLine": 4,
        "endColumn": 61,
    }
    assert loc["logicalLocations"] == [{"fullyQualifiedName": "story-7/u1", "kind": "object"}]
    assert "fixes" not in result  # "&amp;" in the file: a region replacement would not be the edit


def test_grouped_view_uses_color_only_on_a_terminal(cli, in_root):
    from click.testing import CliRunner

    from audit.cli import main

    plain = cli("check", SEED, "--format", "grouped").stdout
    assert "\x1b[" not in plain
    colored = CliRunner().invoke(main, ["check", SEED, "--format", "grouped"], color=True).stdout
    assert "\x1b[31m" in colored
    assert "^^^^^^" in plain and "[fix]" in plain
