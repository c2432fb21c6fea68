from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED


def test_exit_codes_follow_the_fail_level(cli, in_root):
    assert cli("check", SEED).exit_code == 1
    assert cli("check", SEED, "--exit-zero").exit_code == 0
    assert cli("check", SEED, "--fail-on", "critical").exit_code == 0
    assert cli("check", SEED, "--select", "C").exit_code == 0  # minor findings only


def test_clean_text_exits_zero(cli, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Khalifa Haftar met Ghassan Salameh in Geneva.\n", encoding="utf-8")
    result = cli("check", str(path))
    assert result.exit_code == 0
    assert result.stdout == "No findings in 1 document.\n"


def test_standard_input(cli):
    result = cli("check", "-", "--format", "json", input=b"Salama met Hifter.")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [
        (f["path"], f["text"], f["suggestion"]) for f in data["findings"] if f["code"] == "N001"
    ] == [
        ("<stdin>", "Salama", "Salameh"),
        ("<stdin>", "Hifter", "Haftar"),
    ]


def test_select_and_ignore_by_code_prefix_and_name(cli, in_root):
    def codes(*args):
        data = json.loads(cli("check", SEED, "--format", "json", *args).stdout)
        return {f["code"] for f in data["findings"]}

    assert codes() == {"N001", "N002", "N003", "C001", "A001", "A003", "S001", "S009"}
    assert codes("--select", "N001") == {"N001"}
    assert codes("--select", "N", "--ignore", "N002,N003") == {"N001"}
    assert codes("--select", "names.inconsistent-rendering") == {"N002"}
    assert codes("--select", "consistency") == {"C001"}
    assert codes("--ignore", "names,artifacts,spacing,segmentation") == {"C001"}
    assert codes("--select", "A,S") == {"A001", "A003", "S001", "S009"}


def test_unknown_selector_is_a_usage_error(cli, in_root):
    result = cli("check", SEED, "--select", "Z999")
    assert result.exit_code == 2
    assert result.stderr == "audit: error: unknown check 'Z999'; `audit rules` lists them\n"


def test_no_default_glossaries_and_extra_glossary(cli, tmp_path, in_root):
    result = cli("check", SEED, "--no-default-glossaries", "--format", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert not codes & {"N001", "N002", "N003"}
    g = tmp_path / "extra.yaml"
    g.write_text(
        "entries:\n  - canonical: Reuters\n    kind: organization\n    variants: [Routers]\n"
    )
    doc = tmp_path / "a.txt"
    doc.write_text("Routers quoted diplomats.")
    result = cli("check", str(doc), "-g", str(g), "--format", "json")
    assert [f["suggestion"] for f in json.loads(result.stdout)["findings"]] == ["Reuters"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Salama \xff\xfe met", "invalid UTF-8 at byte 7 (0xff)"),
        (
            b"\xef\xbb\xbfSalama \xc3\x28",
            "invalid UTF-8 at byte 10 (0xc3)",
        ),  # offsets count the BOM
        (b"\xff\xfeS\x00a\x00\x00\xd8", "invalid UTF-16-LE at byte 6"),
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, content, expected):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    result = cli("check", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"audit: error: {path}: ")
    assert expected in result.stderr
    assert result.stderr.count("\n") == 1


def test_binary_files_are_skipped_with_a_message(cli, tmp_path):
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    article = tmp_path / "a.txt"
    article.write_text("Salama met Hifter.", encoding="utf-8")
    result = cli("check", str(image), str(article), "--format", "json")
    assert result.exit_code == 1  # the article's findings, not the image, decide
    assert (
        result.stderr
        == f"audit: warning: {image}: looks like a binary file (NUL bytes); not audited\n"
    )
    data = json.loads(result.stdout)
    assert {f["path"] for f in data["findings"]} == {str(article)}
    assert data["summary"]["notes"] == [
        f"Skipped: {image}: looks like a binary file (NUL bytes); not audited"
    ]
    alone = cli("check", str(image))
    assert alone.exit_code == 0 and "Skipped: " in alone.stdout


def test_invalid_utf8_can_be_replaced_on_request(cli, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(b"Salama \xff met")
    result = cli("check", str(path), "--errors", "replace", "--exit-zero", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"][0]["text"] == "Salama"


def test_utf16_and_utf8_bom_are_read(cli, tmp_path):
    for name, data in (
        ("a.txt", "\ufeffSalama left.".encode("utf-8")),
        ("b.txt", "Salama left.".encode("utf-16")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        result = cli("check", str(path), "--format", "json")
        (f,) = json.loads(result.stdout)["findings"]
        assert (f["start"], f["text"]) == (0, "Salama")


def test_directory_missing_file_and_bad_glossary(cli, tmp_path):
    for args, fragment in (
        ((str(tmp_path),), "no files to audit in this folder"),
        ((str(tmp_path / "nope.txt"),), "no such file"),
    ):
        result = cli("check", *args)
        assert result.exit_code == 2 and fragment in result.stderr, result.stderr
    doc = tmp_path / "a.txt"
    doc.write_text("text")
    g = tmp_path / "g.yaml"
    g.write_text("entries:\n  - canonical: A\n    variants: [B\n")
    result = cli("check", str(doc), "-g", str(g))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"audit: error: {g}:4: invalid YAML")


def test_a_folder_is_audited_as_the_files_of_known_formats_inside_it(cli, tmp_path):
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "b.txt").write_text("Hifter spoke in Tripoli .\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Salama left.\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not audited")
    (tmp_path / ".hidden.txt").write_text("Salama left.\n", encoding="utf-8")
    by_folder = cli("check", str(tmp_path), "--format", "json")
    by_files = cli(
        "check", str(tmp_path / "a.md"), str(tmp_path / "desk" / "b.txt"), "--format", "json"
    )
    assert by_folder.exit_code == by_files.exit_code == 1
    assert by_folder.stdout == by_files.stdout
    paths = {f["path"] for f in json.loads(by_folder.stdout)["findings"]}
    assert paths == {str(tmp_path / "a.md"), str(tmp_path / "desk" / "b.txt")}
    assert cli("fix", str(tmp_path), "--write").exit_code == 0
    assert (tmp_path / "desk" / "b.txt").read_text(encoding="utf-8") == "Haftar spoke in Tripoli.\n"
    assert (tmp_path / ".hidden.txt").read_text(encoding="utf-8") == "Salama left.\n"


def test_bad_option_value_is_exit_2(cli, in_root):
    assert cli("check", SEED, "--fail-on", "severe").exit_code == 2
    assert cli("check").exit_code == 2


def test_rules_lists_every_check_with_examples(cli):
    from audit.checks import ALL_CHECKS

    text = cli("rules").stdout
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert [r["code"] for r in data] == [c.code for c in ALL_CHECKS]
    for rule in data:
        assert rule["summary"] and rule["bad"] and rule["good"] and rule["severity"]
        assert rule["code"] in text and rule["summary"] in text and rule["bad"] in text


def test_glossary_check_and_list(cli, tmp_path):
    result = cli("glossary", "check")
    assert result.exit_code == 0 and result.stdout.startswith("OK: ")
    listing = cli("glossary", "list").stdout
    assert "khalifa-haftar\tperson\tKhalifa Haftar (Haftar)" in listing
    g = tmp_path / "g.yaml"
    g.write_text("entries:\n  - canonical: Other\n    variants: [Hifter]\n")
    result = cli("glossary", "check", str(g))
    assert result.exit_code == 2 and "already the variant form 'Hifter'" in result.stderr


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, **kw)


def test_console_script_and_python_m_agree():
    exe = ROOT / ".venv" / "bin" / "audit"
    a = _run(sys.executable, "-m", "audit", "check", SEED, "--format", "json")
    assert a.returncode == 1 and a.stderr == ""
    if exe.exists():
        b = _run(str(exe), "check", SEED, "--format", "json")
        assert b.stdout == a.stdout


def test_check_does_not_import_heavy_libraries():
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['audit', 'check', {SEED!r}]\n"
        "try:\n    runpy.run_module('audit', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'torch', 'transformers', 'numpy') if m in sys.modules]\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy))\n"
    )
    result = _run(sys.executable, "-c", code)
    assert "HEAVY=" in result.stderr
    assert result.stderr.split("HEAVY=")[1] == ""


def test_no_traceback_on_unreadable_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xc3\x28 broken")
    result = _run(sys.executable, "-m", "audit", "check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        == f"audit: error: {path}: invalid UTF-8 at byte 0 (0xc3); give --encoding, or --errors replace to substitute"
    )


def test_worker_processes_give_the_same_output(cli, tmp_path, in_root):
    seed = (ROOT / SEED).read_text(encoding="utf-8")
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"d{i}", "target": seed if i % 2 else "Salama met Hifter."}) + "\n"
            for i in range(40)
        ),
        encoding="utf-8",
    )
    one = cli("check", str(path), "--format", "json", "--jobs", "1")
    two = cli("check", str(path), "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert json.loads(two.stdout)["summary"]["documents"] == 40
