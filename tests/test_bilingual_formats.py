"""Every bilingual format, read from committed NTREX excerpts: clean files draw no
source-target finding, injected errors are found, and positions point into the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from audit import AuditConfig, audit_document
from audit.formats import read_path

FIXTURES = Path(__file__).parent / "fixtures" / "bilingual"
GLOSSARY = FIXTURES / "glossary.yaml"
FORMATS = {
    "text": "*.en.txt",
    "jsonl": "sample.jsonl",
    "csv": "sample.csv",
    "xliff12": "sample.xlf",
    "xliff2": "sample-2.xlf",
    "po": "sample.po",
    "tmx": "sample.tmx",
    "srt": "*.en.srt",
}
KINDS = ("number", "variant", "dropped", "untranslated")


@pytest.fixture(scope="module")
def config() -> AuditConfig:
    return AuditConfig.create(glossaries=[GLOSSARY], default_glossaries=False)


def _audit(folder: Path, pattern: str, config: AuditConfig):  # type: ignore[no-untyped-def]
    docs, findings = [], []
    for target in sorted(folder.glob(pattern)):
        source = None
        if ".en." in target.name:
            source = str(target.with_name(target.name.replace(".en.", ".ar.")))
        for doc in read_path(str(target), source=source, source_lang="ar"):
            docs.append(doc)
            findings.extend(audit_document(doc, config))
    return docs, findings


@pytest.mark.parametrize("fmt", FORMATS)
def test_clean_sample_draws_no_source_target_findings(fmt, config):
    docs, findings = _audit(FIXTURES / "clean", FORMATS[fmt], config)
    assert docs and all(d.source for d in docs)
    assert sum(len(d.segments) for d in docs) in (0, 13)  # whole articles, or one unit per sentence
    assert [f.message for f in findings if f.code.startswith("B")] == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_injected_errors_are_found(fmt, kind, config):
    expected = json.loads((FIXTURES / kind / "expected.json").read_text(encoding="utf-8"))
    _, findings = _audit(FIXTURES / kind, FORMATS[fmt], config)
    for want in expected:
        hits = [
            f
            for f in findings
            if f.code == want["code"]
            and (f.entity == want["entity"] if want["entity"] else f.text.strip() == want["text"])
        ]
        assert hits, (want, [(f.code, f.text) for f in findings])
        finding = hits[0]
        assert finding.segment, finding
        assert finding.side == (
            "target"
            if kind == "number"
            else "source"
            if kind in ("variant", "dropped")
            else "target"
        )
        assert any(
            want["document"] in where for where in (finding.document, finding.path, finding.segment)
        )


@pytest.mark.parametrize("fmt", FORMATS)
def test_positions_point_into_the_original_file(fmt, config):
    """line/column of each finding name the place in the file where its text is."""
    _, findings = _audit(FIXTURES / "number", FORMATS[fmt], config)
    _, more = _audit(FIXTURES / "variant", FORMATS[fmt], config)
    checked = 0
    for f in findings + more:
        if not f.code.startswith("B"):
            continue
        lines = Path(f.path).read_text(encoding="utf-8").splitlines()
        line = lines[f.line - 1]
        assert line[f.column - 1 : f.column - 1 + len(f.text)] == f.text, (
            f.path,
            f.line,
            f.column,
            f.text,
        )
        assert f.segment_start is not None and f.segment_end - f.segment_start == len(f.text)
        checked += 1
    assert checked >= 4


def test_document_ids_follow_the_format(config):
    ids = {
        fmt: sorted({d.id for d in _audit(FIXTURES / "clean", pattern, config)[0]})
        for fmt, pattern in FORMATS.items()
    }
    articles = ["abcnews.306758", "abcnews.306764"]
    assert ids["jsonl"] == ids["xliff12"] == ids["xliff2"] == ids["csv"] == articles
    assert ids["po"] == [str(FIXTURES / "clean" / "sample.po")]
    assert ids["text"] == [str(FIXTURES / "clean" / f"{a}.en.txt") for a in articles]


def test_jsonl_keeps_metadata_and_maps_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    record = {
        "doc": "a1",
        "original": "قتل ١٥ شخصا.",
        "text": "16 people died.",
        "desk": "world",
        "url": "https://example.org/a1",
        "editor": "R. S.",
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = read_path(str(path), fields={"id": "doc", "source": "original", "target": "text"})
    assert (doc.id, doc.source, doc.target, doc.desk) == (
        "a1",
        "قتل ١٥ شخصا.",
        "16 people died.",
        "world",
    )
    assert doc.metadata["url"] == "https://example.org/a1" and doc.metadata["editor"] == "R. S."
    (f,) = audit_document(doc, AuditConfig.create(select=["B002"], default_glossaries=False))
    assert (f.document, f.segment, f.side, f.text) == ("a1", "1", "target", "16")
    raw = path.read_text(encoding="utf-8")
    assert raw.splitlines()[f.line - 1][f.column - 1 :].startswith("16 people")


def test_escapes_are_counted_in_positions(tmp_path):
    """&amp; in XML, \\" and \\n in JSON and PO: columns still land on the text."""
    xlf = tmp_path / "a.xlf"
    xlf.write_text(
        '<xliff version="1.2"><file original="f" source-language="en" target-language="fr"><body>\n'
        '<trans-unit id="t1"><source>Tom &amp; Jerry: 15 cats</source>'
        "<target>Tom &amp; Jerry&#160;: 16 chats</target></trans-unit>\n</body></file></xliff>\n",
        encoding="utf-8",
    )
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Say \\"hi\\" to 15 cats"\n'
        'msgstr ""\n"Dites \\"salut\\" "\n"à 16 chats"\n',
        encoding="utf-8",
    )
    config = AuditConfig.create(select=["B002"], default_glossaries=False)
    for path, segment in ((xlf, "t1"), (po, 'Say "hi" to 15 cats')):
        (doc,) = read_path(str(path))
        (f,) = audit_document(doc, config)
        assert (f.segment, f.text) == (segment, "16")
        assert (
            path.read_text(encoding="utf-8")
            .splitlines()[f.line - 1][f.column - 1 :]
            .startswith("16 chats")
        ), f


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n <!ENTITY a "aaaaaaaaaa">\n'
    + "".join(f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8))
    + ']>\n<xliff version="1.2"><file original="x"><body><trans-unit id="1"><source>&i;</source>'
    "</trans-unit></body></file></xliff>\n"
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laughs.xlf", BILLION_LAUGHS),
        (
            "xxe.xlf",
            (
                '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>\n'
                '<xliff version="1.2"><file original="x"><body><trans-unit id="1"><source>&e;</source>'
                "</trans-unit></body></file></xliff>\n"
            ),
        ),
        (
            "xxe.tmx",
            (
                '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>\n'
                '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&e;</seg></tuv>'
                "</tu></body></tmx>\n"
            ),
        ),
    ],
)
def test_hostile_xml_is_refused(cli, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("check", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"audit: error: {path}:")
    assert "entity declarations are refused" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        (
            "bad.xlf",
            "<xliff version='1.2'><file><body>\n<trans-unit id='1'><source>a</target>",
            "malformed XML",
        ),
        ("bad.tmx", "<xliff/>", "not TMX"),
        ("bad.po", 'msgid "a"\nmsgstr "b"\nmsgid\n', "malformed PO"),
        ("bad.csv", "id,source,text\n1,a,b\n", "no 'target' column"),
        ("bad.tsv", "id\tsource\ttarget\n1\ta\n", "row has 2 fields"),
        ("bad.srt", "this is not\na subtitle file\n", "malformed SRT"),
    ],
)
def test_malformed_bilingual_files_are_one_line_errors(cli, tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("check", str(path))
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith(f"audit: error: {path}") and result.stderr.count("\n") == 1
    assert fragment in result.stderr


def test_cli_source_options(cli, tmp_path):
    target, source = tmp_path / "t.txt", tmp_path / "s.txt"
    target.write_text("Khalifa Haftar met the envoy on March 16.\n", encoding="utf-8")
    source.write_text("التقى خليفة حفتر بالمبعوث في 15 مارس.\n", encoding="utf-8")
    result = cli(
        "check",
        str(target),
        "--source",
        str(source),
        "--source-lang",
        "ar",
        "--lang",
        "en",
        "--format",
        "json",
    )
    (f,) = json.loads(result.stdout)["findings"]
    assert (f["code"], f["text"], f["side"], f["segment"], f["document"]) == (
        "B002",
        "16",
        "target",
        "1",
        str(target),
    )
    assert (f["line"], f["column"], f["path"]) == (1, 39, str(target))
    xlf = FIXTURES / "clean" / "sample.xlf"
    assert "applies to plain text" in cli("check", str(xlf), "--source", str(source)).stderr
    assert "one PATH" in cli("check", str(target), str(target), "--source", str(source)).stderr
    assert cli("check", str(target), "--field", "target").exit_code == 2


def test_source_side_findings_name_the_source_file(cli, tmp_path):
    target, source = tmp_path / "t.txt", tmp_path / "s.txt"
    target.write_text("First line.\n\nThe envoy met Hifter.\n", encoding="utf-8")
    source.write_text("السطر الأول.\n\nالتقى المبعوث حفتر.\n", encoding="utf-8")
    result = cli("check", str(target), "--source", str(source), "--select", "B001")
    assert result.stdout.splitlines()[0].startswith(f"{source}:3:15: B001 ")
    assert re.search(
        r"lacks \"Khalifa Haftar\" / \"Haftar\"; it has \"Hifter\" instead", result.stdout
    )


def test_bilingual_check_of_a_different_script_pair_loads_no_model():
    """Arabic against English is told apart by script: no language model, no numpy."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    target = FIXTURES / "untranslated" / "abcnews.306758.en.txt"
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['audit', 'check', {str(target)!r}, '--source', {str(target).replace('.en.', '.ar.')!r}]\n"
        "try:\n    runpy.run_module('audit', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('HEAVY=' + ','.join(m for m in ('numpy', 'pandas', 'torch') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True
    )
    assert "B003" in result.stdout
    assert result.stderr.split("HEAVY=")[1] == ""


def test_tsv_keeps_quotes_as_text_and_maps_columns(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text(
        'key\toriginal\ttranslation\tnote\nq1\t"قتل ١٥ شخصا"\t"16 people died"\tchecked\n',
        encoding="utf-8",
    )
    (doc,) = read_path(
        str(path), fields={"id": "key", "source": "original", "target": "translation"}
    )
    assert (
        doc.target == '"16 people died"'
        and doc.segments[0].id == "q1"
        and doc.segments[0].line == 2
    )
    (f,) = audit_document(doc, AuditConfig.create(select=["B002"], default_glossaries=False))
    assert (f.segment, f.text, f.line, f.column) == (
        "q1",
        "16",
        2,
        path.read_text(encoding="utf-8").splitlines()[1].index("16") + 1,
    )
