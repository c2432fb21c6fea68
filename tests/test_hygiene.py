"""Promises about the code itself: one spelling of option keys (the old one accepted
and noted), one line-break pattern, and docs/architecture.md naming files that exist."""

from __future__ import annotations

import json
import re

from audit.checks import ALL_CHECKS
from tests.conftest import ROOT


def test_check_option_keys_have_one_spelling(cli):
    listed = {c["code"]: c["options"] for c in json.loads(cli("rules", "--format", "json").stdout)}
    assert set(listed) == {c.code for c in ALL_CHECKS}
    for code, options in listed.items():
        for key in options:
            assert "_" not in key, f"{code} option {key!r}: words are joined by hyphens"
    assert "min-score" in listed["N004"] and "min-score" in listed["N005"]
    assert "min-length" in listed["C001"] and "min-length" in listed["B005"]
    assert "min-words" in listed["R001"]


def test_old_option_spelling_works_and_config_show_notes_it(cli, tmp_path):
    article = tmp_path / "a.txt"
    # Two spellings of one name, close enough for N004 at its default (0.85).
    article.write_text(
        "Khalifa Hifter spoke. Khalifa Haftar answered. Hifter left. Haftar stayed.\n",
        encoding="utf-8",
    )
    args = (
        "check",
        str(article),
        "--no-default-glossaries",
        "--select",
        "N004",
        "--format",
        "json",
    )
    assert "N004" in {f["code"] for f in json.loads(cli(*args).stdout)["findings"]}
    config = tmp_path / ".audit.toml"
    for spelling in ("min-score", "min_score"):
        config.write_text(f"[options.N004]\n{spelling} = 1.0\n", encoding="utf-8")
        result = cli(*args)
        assert result.exit_code == 0, result.stderr  # a score of 1.0 is never a variant
        assert json.loads(result.stdout)["findings"] == []
        shown = cli("config", "show", str(article)).stdout
        assert "options = {N004 = {min-score = 1.0}}" in shown
        deprecated = [line for line in shown.splitlines() if line.startswith("# deprecated:")]
        if spelling == "min_score":
            assert deprecated == [
                f"# deprecated: {config}:2: option N004 'min_score' is spelled 'min-score' now "
                "(the old spelling still works)"
            ]
        else:
            assert deprecated == []
    data = json.loads(cli("config", "show", str(article), "--format", "json").stdout)
    assert data["settings"]["options"]["value"] == {"N004": {"min-score": 1.0}}
    assert len(data["deprecated"]) == 1


def test_one_line_break_pattern():
    pattern = re.compile(r"""re\.compile\(r["']\\r\\n\|\\r\|\\n["']\)""")
    defined = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "audit").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert defined == ["audit/document.py"]


def test_architecture_doc_names_only_files_that_exist():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = []
    for line in text.splitlines():
        # A row of the module table may name files relative to its folder.
        row = re.match(r"\| `(audit/[\w/]+/)` \|", line)
        for name in re.findall(r"`([\w./-]+\.(?:py|md|yaml|j2|toml))`", line):
            if "/" in name and (ROOT / name).exists():
                continue
            candidates = [ROOT / name, ROOT / "audit" / name]
            if row:
                candidates.append(ROOT / row.group(1) / name)
            if not any(c.exists() for c in candidates) and not list(
                (ROOT / "audit").rglob(name.rsplit("/", 1)[-1])
            ):
                missing.append(name)
            elif row and "/" not in name and not (ROOT / row.group(1) / name).exists():
                missing.append(f"{row.group(1)}{name}")
    assert missing == []


def test_make_test_runs_lint_format_and_type_checks_before_pytest():
    from audit.config.file import parse

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    steps = [line.strip() for line in recipe.splitlines()[1:] if line.startswith("\t")]
    assert steps == [
        "$(BIN)/ruff check .",
        "$(BIN)/ruff format --check .",
        "$(BIN)/mypy audit",
        "$(BIN)/python -m pytest -q",
    ]
    pyproject = ROOT / "pyproject.toml"
    project = parse(pyproject, pyproject.read_text(encoding="utf-8"))
    pinned = {
        re.split(r"==", spec)[0]: spec
        for spec in project["project"]["optional-dependencies"]["test"]
        if "==" in spec
    }
    assert {"ruff", "mypy", "types-PyYAML"} <= set(pinned)
    assert "test" in re.search(r"pip install --quiet -e '\.\[([\w,]+)\]'", makefile).group(1)
    assert project["tool"]["mypy"]["files"] == ["audit"]
