"""Issue 14, errors: bad input is exit 2 and one line naming the file, never a traceback
and never exit 1 (which CI reads as "findings"). Each test is the issue's reproduction,
scaled to run in seconds."""

from __future__ import annotations

import json
import pickle

import pytest

from audit.errors import UnexpectedError

DEEP = 100_000


def _one_error_line(result, start: str) -> None:
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"audit: error: {start}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_json_lines_nested_100k_deep(cli, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text(
        '{"id": "a", "target": "x", "m": ' + "[" * DEEP + "]" * DEEP + "}\n", encoding="utf-8"
    )
    _one_error_line(cli("check", str(path)), f"{path}:1: JSON nested too deeply")


def test_a_json_number_too_long_to_convert(cli, tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": ' + "9" * 5000 + ', "target": "Hifter"}\n', encoding="utf-8")
    _one_error_line(cli("check", str(path)), f"{path}:1: invalid JSON: Exceeds the limit")


def test_a_lone_surrogate_next_to_a_finding(cli, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "a", "target": "Ghassan Salama met Hifter \\ud800."}\n', encoding="utf-8"
    )
    for fmt in ("text", "json", "grouped", "sarif"):
        result = cli("check", str(path), "--format", fmt)
        assert result.exit_code == 1, (fmt, result.stderr)  # the findings, not a crash
        assert "Hifter" in result.stdout
    assert cli("fix", str(path), "--write").exit_code == 0
    assert (
        json.loads(path.read_text(encoding="utf-8"))["target"]
        == "Ghassan Salameh met Haftar \ud800."
    )


def test_a_lone_surrogate_in_a_corpus_report(cli, tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "a", "target": "Ghassan Salama met Hifter \\ud800."}\n', encoding="utf-8"
    )
    result = cli("report", str(path), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "findings.csv").read_text(encoding="utf-8").count("\n") == 3


def test_report_since_the_year_one(cli, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "target": "Salama met Hifter."}\n', encoding="utf-8")
    result = cli("report", str(path), "--since", "0001-01-01", "-o", str(tmp_path / "out"))
    _one_error_line(result, "--since 0001-01-01: the period before it")


def test_xml_nested_beyond_libxml_limit(cli, tmp_path):
    path = tmp_path / "deep.xlf"
    path.write_text(
        '<?xml version="1.0"?><xliff version="1.2"><file original="a" source-language="en" '
        'target-language="fr"><body><trans-unit id="1"><source>a</source><target>'
        + '<g id="1">' * 300
        + "x"
        + "</g>" * 300
        + "</target></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    result = cli("check", str(path))
    _one_error_line(result, f"{path}:1: malformed XML: nested too deeply")
    assert "XML_PARSE_HUGE" not in result.stderr


def test_deeply_nested_configuration_and_baseline(cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Salama met Hifter.\n", encoding="utf-8")
    baseline = tmp_path / "base.json"
    baseline.write_text('{"version": 1, "findings": ' + "[" * DEEP + "]" * DEEP + "}")
    _one_error_line(
        cli("check", str(article), "--baseline", str(baseline)),
        f"{baseline}: invalid JSON in baseline: nested too deeply",
    )
    config = tmp_path / ".audit.toml"
    config.write_text("select = " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    _one_error_line(cli("check", str(article)), f"{config}: invalid TOML: nested too deeply")


def test_an_unexpected_exception_is_exit_2_naming_the_file(cli, tmp_path, monkeypatch):
    """The top-level guard: a bug anywhere is one line, exit 2, with the file's name."""
    import audit.run

    def broken(doc, config):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(audit.run, "audit_document_full", broken)
    path = tmp_path / "a.txt"
    path.write_text("Salama met Hifter.\n", encoding="utf-8")
    result = cli("check", str(path))
    _one_error_line(
        result,
        f"{path}: unexpected error (ZeroDivisionError: division by zero second line); "
        "this is a bug in audit, please report it",
    )
    error = UnexpectedError.wrap(ValueError("x"), str(path))
    back = pickle.loads(pickle.dumps(error))  # as it comes back from a worker process
    assert isinstance(back, UnexpectedError) and str(back) == str(error)


# -- 11. smaller: bad files among many, configuration mistakes -----------------------


def test_one_bad_file_does_not_abort_a_folder_check(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Salama met Hifter.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")  # empty
    (tmp_path / "c.jsonl").write_text("{not json\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Hifter again.\n", encoding="utf-8")
    result = cli("check", str(tmp_path), "--format", "json")
    assert result.exit_code == 2  # bad input decides, at the end
    assert result.stderr.splitlines() == [
        f"audit: error: {tmp_path / 'b.txt'}: empty file: nothing to audit",
        f"audit: error: {tmp_path / 'c.jsonl'}:1: invalid JSON at column 2: "
        "Expecting property name enclosed in double quotes",
    ]
    data = json.loads(result.stdout)
    assert {f["path"] for f in data["findings"]} == {
        str(tmp_path / "a.txt"),
        str(tmp_path / "d.txt"),
    }


def test_a_folder_fix_with_a_bad_file_writes_nothing(cli, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Salama met Hifter.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("{not json\n", encoding="utf-8")
    later = tmp_path / "c.txt"
    later.write_text("Hifter again.\n", encoding="utf-8")
    result = cli("fix", str(tmp_path), "--write")
    assert result.exit_code == 2
    assert f"audit: error: {tmp_path / 'b.jsonl'}:1: invalid JSON" in result.stderr
    assert "nothing written: 1 file could not be fixed" in result.stderr
    assert good.read_text(encoding="utf-8") == "Salama met Hifter.\n"
    assert later.read_text(encoding="utf-8") == "Hifter again.\n"


def test_a_utf8_bom_in_the_configuration_file_is_not_invalid_toml(cli, tmp_path):
    (tmp_path / ".audit.toml").write_bytes(b'\xef\xbb\xbfselect = ["A"]\n')
    article = tmp_path / "a.txt"
    article.write_text("Salama met Hifter.\n", encoding="utf-8")
    result = cli("check", str(article))
    assert result.exit_code == 0, result.stderr  # N001 not selected: the file was read
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[tool.audit]]\nselect = ["N"]\n', ":1: tool.audit must be a table ([tool.audit]), not an array (of tables)"),
        ("tool = 5\n", ":1: tool must be a table ([tool.audit]), not a number"),
        ("[tool]\naudit = 5\n", ":2: tool.audit must be a table ([tool.audit]), not a number"),
    ],
)  # fmt: skip
def test_tool_audit_that_is_not_a_table_is_an_error(cli, tmp_path, text, message):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Salama met Hifter.\n", encoding="utf-8")
    _one_error_line(cli("check", str(article)), f"{pyproject}{message}")


def test_srt_errors_name_the_line_in_a_subtitler_s_words(cli, tmp_path):
    path = tmp_path / "a.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nSalama met Hifter.\n\n"
        "2\n00:00:03,000 -> 00:00:04,000\nHello\n\n",
        encoding="utf-8",
    )
    result = cli("check", str(path))
    _one_error_line(result, f"{path}:5: malformed SRT: expected a cue")
    assert "'2 / 00:00:03,000 -> 00:00:04,000'" in result.stderr
    assert "contiguous" not in result.stderr and "char 52" not in result.stderr


def test_a_csv_cell_over_128_kib_is_read(cli, tmp_path):
    # The csv module refuses fields over 131,072 characters by default; a whole
    # article in one cell is an ordinary export.
    path = tmp_path / "big.csv"
    path.write_text("source,target\nHi,Hifter " + "a" * 200_000 + "\n", encoding="utf-8")
    result = cli("check", str(path), "--select", "N001")
    assert result.exit_code == 1, result.stderr
    assert f"{path}:2:4: N001" in result.stdout


def test_a_csv_cell_beyond_the_limit_is_one_line_naming_its_record(cli, tmp_path):
    from audit.formats.table import MAX_CELL

    path = tmp_path / "huge.csv"
    path.write_text('source,target\nHi,Hifter\nHi,"' + "a" * (MAX_CELL + 1) + "\n", "utf-8")
    _one_error_line(
        cli("check", str(path)), f"{path}:3: malformed CSV: a cell is longer than 16,777,216"
    )
