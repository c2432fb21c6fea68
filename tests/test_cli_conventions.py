"""Command-line conventions users of ruff, Vale and sqlfluff expect, each through the CLI:
`audit rules CODE`, --statistics, --output-file, --quiet, --color, --min-severity,
extend-select / extend-ignore, exclude / extend-exclude / .gitignore, --stdin-filename,
install hints, the pre-commit hooks' file types, JUnit under --fail-on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from audit.checks import ALL_CHECKS
from audit.formats import FORMATS, folder_suffixes
from tests.conftest import ROOT, SEED

ANSI = "\x1b["
ARTICLE = "Ghassan Salama met Hifter in Geneva.\n"  # two major N001 findings


def _codes(stdout: str) -> list[str]:
    return [f["code"] for f in json.loads(stdout)["findings"]]


# -- audit rules CODE -----------------------------------------------------------------


def test_rules_code_explains_one_check(cli):
    result = cli("rules", "n001")  # codes in any case
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("N001: names.non-canonical-variant\n")
    check = next(c for c in ALL_CHECKS if c.code == "N001")
    assert check.description in out  # the whole description, not only the summary
    assert f"bad:  {check.bad}" in out and f"good: {check.good}" in out
    assert "C001" not in out  # one rule only


def test_rules_by_name_shows_options_and_json_gives_one_object(cli):
    out = cli("rules", "consistency.hyphenation").stdout
    assert out.startswith("C001: ")
    assert "min-length = " in out
    data = json.loads(cli("rules", "C001", "--format", "json").stdout)
    assert data["code"] == "C001" and "min-length" in data["options"]


def test_rules_unknown_code_is_a_usage_error(cli):
    result = cli("rules", "Z999")
    assert result.exit_code == 2
    assert result.stderr == "audit: error: unknown check 'Z999'; `audit rules` lists them\n"


# -- --statistics, --output-file, --quiet ------------------------------------------------


def test_statistics_counts_findings_per_check(cli, in_root):
    findings = json.loads(cli("check", SEED, "--format", "json").stdout)["findings"]
    result = cli("check", SEED, "--statistics")
    assert result.exit_code == 1  # the exit status is the same as without it
    lines = result.stdout.splitlines()
    counts = {}
    for line in lines[:-1]:
        n, code, name, *_ = line.split()
        counts[code] = int(n)
    expected = {code: sum(f["code"] == code for f in findings) for code in counts}
    assert counts == expected and sum(counts.values()) == len(findings)
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    assert lines[-1].startswith(f"Found {len(findings)} findings")
    data = json.loads(cli("check", SEED, "--statistics", "--format", "json").stdout)
    assert {d["code"]: d["count"] for d in data} == counts
    assert cli("check", SEED, "--statistics", "--format", "sarif").exit_code == 2


def test_output_file_gets_what_standard_output_would(cli, in_root, tmp_path):
    expected = cli("check", SEED, "--format", "json").stdout
    out = tmp_path / "findings.json"
    result = cli("check", SEED, "--format", "json", "--output-file", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == expected
    missing = tmp_path / "no-such-folder" / "out.txt"
    result = cli("check", SEED, "-o", str(missing))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"audit: error: {missing}: cannot write the output file")


def test_quiet_prints_only_the_findings(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    loud = cli("check", str(path), "--format", "text").stdout.splitlines()
    quiet = cli("check", str(path), "--format", "text", "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stdout.splitlines() == [line for line in loud if ": N001 " in line]
    assert len(quiet.stdout.splitlines()) == 2
    clean = tmp_path / "clean.txt"
    clean.write_text("Khalifa Haftar met Ghassan Salameh in Geneva.\n", encoding="utf-8")
    result = cli("check", str(clean), "-q")
    assert result.exit_code == 0 and result.stdout == ""


# -- --color, FORCE_COLOR, NO_COLOR ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        ([], {}, False),  # auto, and the output is not a terminal
    ],
)
def test_color_flag_and_environment(tmp_path, args, env, colored):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    clean_env = {
        k: v for k, v in __import__("os").environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")
    }
    result = subprocess.run(
        [sys.executable, "-m", "audit", "check", str(path), "--format", "grouped", *args],
        capture_output=True,
        text=True,
        env={**clean_env, **env},
        cwd=ROOT,
    )
    assert result.returncode == 1 and "N001" in result.stdout
    assert (ANSI in result.stdout) is colored


# -- display threshold ----------------------------------------------------------------


def test_min_severity_hides_findings_below_it_apart_from_fail_on(cli, in_root, tmp_path):
    everything = json.loads(cli("check", SEED, "--format", "json").stdout)["findings"]
    severities = {f["severity"] for f in everything}
    assert {"major", "minor"} <= severities
    result = cli("check", SEED, "--format", "json", "--min-severity", "major")
    shown = json.loads(result.stdout)["findings"]
    assert shown == [f for f in everything if f["severity"] in ("major", "critical")]
    assert result.exit_code == 1
    # Shown down to minor, failing only at critical: minor findings shown, exit 0.
    result = cli("check", SEED, "--min-severity", "minor", "--fail-on", "critical")
    assert result.exit_code == 0 and " C001 " in result.stdout
    # Nothing is critical: hiding all below it leaves nothing to fail on.
    result = cli("check", SEED, "--min-severity", "critical")
    assert result.exit_code == 0 and result.stdout == "No findings in 1 document.\n"
    # The configuration key does the same.
    (tmp_path / ".audit.toml").write_text('min-severity = "major"\n', encoding="utf-8")
    copy = tmp_path / "seed.txt"
    copy.write_bytes((ROOT / SEED).read_bytes())
    from_config = json.loads(cli("check", str(copy), "--format", "json").stdout)["findings"]
    assert [f["code"] for f in from_config] == [f["code"] for f in shown]


# -- extend-select / extend-ignore ------------------------------------------------------


def test_extend_select_and_extend_ignore_flags(cli, in_root):
    def codes(*args: str) -> set[str]:
        return set(_codes(cli("check", SEED, "--format", "json", *args).stdout))

    assert codes("--select", "N001", "--extend-select", "C001") == {"N001", "C001"}
    assert codes("--select", "N", "--extend-ignore", "N002", "--extend-ignore", "N003") == {"N001"}
    assert codes("--ignore", "A", "--extend-ignore", "S,N") == {"C001"}
    result = cli("check", SEED, "--extend-select", "Z999")
    assert result.exit_code == 2 and "unknown check 'Z999'" in result.stderr


def test_extend_keys_in_the_config_file_add_to_select_and_ignore(cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes((ROOT / SEED).read_bytes())
    config = tmp_path / ".audit.toml"
    config.write_text(
        'select = ["N"]\nextend-select = ["C001"]\nextend-ignore = ["N002", "N003"]\n',
        encoding="utf-8",
    )
    assert set(_codes(cli("check", str(article), "--format", "json").stdout)) == {"N001", "C001"}
    # --select replaces the file's select; its extend-select still adds.
    assert set(_codes(cli("check", str(article), "--format", "json", "--select", "S").stdout)) == {
        "S001",
        "S009",
        "C001",
    }
    config.write_text('extend-ignore = ["Z1"]\n', encoding="utf-8")
    result = cli("check", str(article))
    assert result.exit_code == 2 and ".audit.toml:1:" in result.stderr


# -- exclude, extend-exclude, .gitignore ------------------------------------------------


def _tree(root: Path) -> None:
    for rel in ("news/a.txt", "news/drafts/b.txt", "news/old/c.md", "news/d.tmp.txt"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")


def _paths(cli, *args: str) -> list[str]:
    result = cli("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return sorted(
        {
            Path(f["path"]).relative_to(Path(args[0])).as_posix()
            for f in json.loads(result.stdout)["findings"]
        }
    )


def test_exclude_and_extend_exclude_flags(cli, tmp_path):
    _tree(tmp_path)
    news = str(tmp_path / "news")
    assert _paths(cli, news) == ["a.txt", "d.tmp.txt", "drafts/b.txt", "old/c.md"]
    assert _paths(cli, news, "--exclude", "drafts") == ["a.txt", "d.tmp.txt", "old/c.md"]
    assert _paths(cli, news, "--exclude", "drafts", "--extend-exclude", "*.tmp.txt") == [
        "a.txt",
        "old/c.md",
    ]
    # A file named on the command line is audited whatever the patterns say.
    named = str(tmp_path / "news" / "drafts" / "b.txt")
    result = cli("check", named, "--exclude", "drafts", "--format", "json")
    assert result.exit_code == 1 and "N001" in _codes(result.stdout)
    result = cli("check", news, "--exclude", "*.txt", "--exclude", "*.md")
    assert result.exit_code == 2 and "every file in this folder is left out" in result.stderr


def test_exclude_in_the_config_file_is_relative_to_it(cli, tmp_path):
    _tree(tmp_path)
    (tmp_path / ".audit.toml").write_text(
        'exclude = ["news/old"]\nextend-exclude = ["*.tmp.txt"]\n', encoding="utf-8"
    )
    news = str(tmp_path / "news")
    assert _paths(cli, news) == ["a.txt", "drafts/b.txt"]
    # --extend-exclude adds to the file's patterns; --exclude replaces its exclude.
    assert _paths(cli, news, "--extend-exclude", "drafts") == ["a.txt"]
    assert _paths(cli, news, "--exclude", "drafts") == ["a.txt", "old/c.md"]


def test_gitignore_is_respected_when_walking_folders(cli, tmp_path):
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()  # the repository root: its .gitignore applies below
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.txt\n", encoding="utf-8")
    (tmp_path / "news" / "old" / ".gitignore").write_text("*.md\n", encoding="utf-8")
    news = str(tmp_path / "news")
    assert _paths(cli, news) == ["a.txt"]
    assert _paths(cli, news, "--no-respect-gitignore") == [
        "a.txt",
        "d.tmp.txt",
        "drafts/b.txt",
        "old/c.md",
    ]
    # A deeper .gitignore can take a file back, as in git.
    (tmp_path / "news" / ".gitignore").write_text("!*.tmp.txt\n", encoding="utf-8")
    assert _paths(cli, news) == ["a.txt", "d.tmp.txt"]
    (tmp_path / ".audit.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert len(_paths(cli, news)) == 4


def test_a_gitignore_line_git_cannot_use_is_skipped_not_fatal(cli, tmp_path):
    _tree(tmp_path)
    (tmp_path / "news" / ".gitignore").write_text("drafts/\n\\\nold\n", encoding="utf-8")
    assert _paths(cli, str(tmp_path / "news")) == ["a.txt", "d.tmp.txt"]


def test_fix_walks_folders_with_the_same_exclusions(cli, tmp_path):
    _tree(tmp_path)
    result = cli("fix", str(tmp_path / "news"), "--write", "--exclude", "drafts,old")
    assert result.exit_code == 0
    assert (tmp_path / "news" / "a.txt").read_text(encoding="utf-8").startswith("Ghassan Salameh")
    assert (tmp_path / "news" / "drafts" / "b.txt").read_text(encoding="utf-8") == ARTICLE


# -- --stdin-filename -----------------------------------------------------------------


def test_stdin_filename_picks_the_format_and_names_the_findings(cli, tmp_path):
    records = [{"id": "a1", "target": "Salama met Hifter."}, {"id": "a2", "target": "Fine."}]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    as_text = json.loads(cli("check", "-", "--format", "json", input=data).stdout)["findings"]
    assert {f["document"] for f in as_text} == {"<stdin>"}  # JSON audited as prose
    result = cli("check", "-", "--stdin-filename", "pairs.jsonl", "--format", "json", input=data)
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert [(f["path"], f["document"], f["text"]) for f in findings if f["code"] == "N001"] == [
        ("pairs.jsonl", "a1", "Salama"),
        ("pairs.jsonl", "a1", "Hifter"),
    ]
    table = b"id,source,target\n1,Hello,Salama met Hifter.\n"
    result = cli("check", "-", "--stdin-filename", "seg.csv", "--format", "json", input=table)
    assert {(f["path"], f["segment"]) for f in json.loads(result.stdout)["findings"]} == {
        ("seg.csv", "1")
    }


def test_stdin_filename_settings_come_from_its_folder(cli, tmp_path, monkeypatch):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / ".audit.toml").write_text('ignore = ["N001"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ("check", "-", "--format", "json", "--stdin-filename")
    assert "N001" in _codes(cli(*args, "a.txt", input=ARTICLE).stdout)
    assert "N001" not in _codes(cli(*args, "desk/a.txt", input=ARTICLE).stdout)


# -- install hints, pre-commit hooks, JUnit ------------------------------------------------


def test_install_hints_name_extras_and_targets_that_exist():
    from audit.config.file import parse
    from audit.extras import install_hint

    pyproject = ROOT / "pyproject.toml"
    project = parse(pyproject, pyproject.read_text(encoding="utf-8"))
    extras = project["project"]["optional-dependencies"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for extra in ("report", "backtranslate", "serve"):
        hint = install_hint(extra)
        named = re.search(r"pip install -e '\.\[(\w+)\]'", hint)
        assert named and named.group(1) == extra and extra in extras
        target = re.search(r"make ([\w-]+)", hint)
        assert target and re.search(rf"^{target.group(1)}:", makefile, re.M)
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "audit").rglob("*.py")]
    assert not any("pip install 'audit[" in s for s in sources)


def _hook_patterns() -> dict[str, re.Pattern[str]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {h["id"]: re.compile(h["files"]) for h in hooks}


def test_hooks_take_every_format_the_commands_handle():
    patterns = _hook_patterns()
    for suffix in folder_suffixes():  # what `audit check` reads
        assert patterns["audit"].search(f"news/x{suffix}"), suffix
        assert patterns["audit"].search(f"news/X{suffix.upper()}"), suffix
    fixable = [s for f in FORMATS if f.fixable for s in f.suffixes]
    for suffix in [*fixable, ".txt", ".md", ".markdown"]:  # what `audit fix --write` writes
        assert patterns["audit-fix"].search(f"x{suffix}"), suffix
    assert {".tmx", ".srt", ".pot", ".csv", ".tsv"} <= set(fixable)


def test_fix_hook_fixes_a_tmx_file(tmp_path):
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ar" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body><tu tuid="1"><tuv xml:lang="ar"><seg>التقى سلامة حفتر'
        '</seg></tuv><tuv xml:lang="en"><seg>Salama met Hifter.</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    assert _hook_patterns()["audit-fix"].search(tmx.name)
    result = subprocess.run(
        [sys.executable, "-m", "audit", "fix", "--write", str(tmx)],
        capture_output=True,
        text=True,
        env={"PRE_COMMIT": "1", "PATH": ""},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "<seg>Salameh met Haftar.</seg>" in tmx.read_text(encoding="utf-8")


def test_junit_failures_follow_the_exit_status(cli, in_root):
    for fail_on, status in (("critical", 0), ("major", 1), ("minor", 1)):
        result = cli("check", SEED, "--format", "junit", "--fail-on", fail_on)
        assert result.exit_code == status
        root = ET.fromstring(result.stdout)
        failures = int(root.get("failures"))
        assert (failures > 0) == (status == 1)
        assert len(root.findall(".//failure")) == failures
        assert root.get("tests") == "20"
    minor = ET.fromstring(cli("check", SEED, "--format", "junit", "--fail-on", "minor").stdout)
    assert minor.get("failures") == "20"


# -- Python API -------------------------------------------------------------------------


def test_readme_python_api_example_runs_and_prints_what_it_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code, rest = section.split("```python\n", 1)[1].split("```", 1)
    expected = rest.split("```\n", 1)[1].split("```", 1)[0]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected


def test_check_text_finds_what_check_finds_on_standard_input(cli, in_root):
    import audit

    text = (ROOT / SEED).read_text(encoding="utf-8")
    from_cli = json.loads(cli("check", "-", "--format", "json", input=text).stdout)["findings"]
    from_api = [f.to_dict() for f in audit.check_text(text, filename="<stdin>")]
    assert from_api == from_cli
    only = audit.check_text(text, select=["N"], ignore=["N002"])
    assert {f.code for f in only} == {"N001", "N003"}
    assert audit.check_text(text, default_glossaries=False, select=["N001"]) == []


def test_check_text_with_a_glossary_and_a_format(tmp_path):
    import audit

    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "entries:\n  - canonical: Reuters\n    kind: organization\n    variants: [Routers]\n",
        encoding="utf-8",
    )
    (finding,) = audit.check_text(
        "Routers quoted diplomats.", glossaries=[glossary], default_glossaries=False
    )
    assert (finding.code, finding.suggestion) == ("N001", "Reuters")
    records = '{"id": "a", "target": "Salama left."}\n{"id": "b", "target": "Hifter left."}\n'
    found = audit.check_text(records, filename="feed.jsonl", select=["N001"])
    assert [(f.path, f.document, f.text) for f in found] == [
        ("feed.jsonl", "a", "Salama"),
        ("feed.jsonl", "b", "Hifter"),
    ]
    with pytest.raises(audit.AuditError):
        audit.check_text("x", select=["Z999"])
    with pytest.raises(audit.InputError):
        audit.check_text('{"id": 1, "target": ', filename="bad.jsonl")


def test_check_paths_applies_configuration_files_as_check_does(cli, tmp_path):
    import audit

    _tree(tmp_path)
    (tmp_path / ".audit.toml").write_text(
        'ignore = ["N004", "N005"]\nexclude = ["drafts"]\n', encoding="utf-8"
    )
    news = str(tmp_path / "news")
    from_cli = json.loads(cli("check", news, "--format", "json").stdout)["findings"]
    from_api = audit.check_paths([news])
    assert [f.to_dict() for f in from_api] == from_cli
    assert not any("drafts" in f.path for f in from_api)
    assert {f.code for f in audit.check_paths([Path(news)], isolated=True)} >= {"N001"}
    assert audit.check_paths([news], select=["C"]) == []
    assert "audit" in dir() and set(audit.__all__) >= {"check_text", "check_paths"}
