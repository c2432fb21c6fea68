"""Baselines: keyed on content, only new findings fail, resolved ones are counted."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, SEED


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    shutil.copyfile(ROOT / SEED, tmp_path / "article.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_create_then_check_passes_and_survives_moving_paragraphs(cli, workspace):
    created = cli("baseline", "create", "article.txt")
    assert (
        created.exit_code == 0 and created.stdout == "Wrote 20 findings to .audit-baseline.json.\n"
    )
    data = json.loads((workspace / ".audit-baseline.json").read_text())
    assert data["version"] == 1 and len(data["findings"]) == 20
    assert {e["path"] for e in data["findings"]} == {"article.txt"}
    assert "line" not in data["findings"][0]
    result = cli("check", "article.txt", "--baseline", ".audit-baseline.json")
    assert result.exit_code == 0
    assert (
        result.stdout
        == "No findings in 1 document.\nBaseline .audit-baseline.json: 20 known findings not shown.\n"
    )
    text = (workspace / "article.txt").read_text(encoding="utf-8")
    paras = text.split("\n\n")
    (workspace / "article.txt").write_text(
        "\n\n".join([paras[-1], "A new opening paragraph.", *paras[:-1]]), encoding="utf-8"
    )
    moved = cli(
        "check",
        "article.txt",
        "--baseline",
        ".audit-baseline.json",
        "--format",
        "json",
        "--select",
        "N001,N003,C",
    )
    assert json.loads(moved.stdout)["findings"] == []


def test_only_new_findings_fail_and_resolved_ones_are_counted(cli, workspace):
    cli("baseline", "create", "article.txt")
    path = workspace / "article.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "Persuade Hifter", "Persuade Haftar"
    )  # resolves N001 (and changes N002's tally)
    text += "\n\nSalama spoke again on Tuesday.\n"  # a new N001
    path.write_text(text, encoding="utf-8")
    result = cli("check", "article.txt", "--baseline", ".audit-baseline.json", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    # The N002 tally for Haftar now sits on the other "Hifter": a new place, so new.
    assert [(f["code"], f["text"], f["line"]) for f in data["findings"]] == [
        ("N002", "Hifter", 11),
        ("N001", "Salama", 21),
    ]
    assert data["summary"]["baseline"] == {
        "file": ".audit-baseline.json",
        "matched": 18,
        "resolved": 2,
    }
    text_out = cli("check", "article.txt", "--baseline", ".audit-baseline.json").stdout
    assert "resolved since (remove them with `audit baseline prune`)" in text_out


def test_prune_removes_resolved_entries_only(cli, workspace):
    cli("baseline", "create", "article.txt")
    path = workspace / "article.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Persuade Hifter", "Persuade Haftar")
        + "\n\nSalama again.\n",
        encoding="utf-8",
    )
    pruned = cli("baseline", "prune", "article.txt")
    assert pruned.exit_code == 0
    assert pruned.stdout == "Removed 2 resolved entries; 18 remain in .audit-baseline.json.\n"
    data = json.loads((workspace / ".audit-baseline.json").read_text())
    assert len(data["findings"]) == 18
    assert (
        sum(e["text"] == "Salama" for e in data["findings"]) == 3
    )  # the new "Salama" was not added
    again = cli("baseline", "prune", "article.txt")
    assert again.stdout.startswith("Removed 0 resolved entries;")


def test_entries_of_files_not_checked_are_not_resolved(cli, workspace):
    (workspace / "other.txt").write_text("Hifter left.\n", encoding="utf-8")
    cli("baseline", "create", "article.txt", "other.txt")
    result = cli("check", "article.txt", "--baseline", ".audit-baseline.json", "--format", "json")
    assert json.loads(result.stdout)["summary"]["baseline"] == {
        "file": ".audit-baseline.json",
        "matched": 20,
        "resolved": 0,
    }


def test_baseline_paths_are_relative_to_the_baseline_file(cli, workspace, monkeypatch):
    (workspace / "ci").mkdir()
    cli("baseline", "create", "article.txt", "--baseline", "ci/base.json")
    entries = json.loads((workspace / "ci" / "base.json").read_text())["findings"]
    assert {e["path"] for e in entries} == {"../article.txt"}
    monkeypatch.chdir(workspace / "ci")
    result = cli("check", "../article.txt", "--baseline", "base.json")
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "base.json:1: invalid JSON in baseline"),
        ('{"version": 2, "findings": []}', "unsupported baseline version 2"),
        (
            '{"findings": [{"path": 1}], "version": 1}',
            "baseline entry 0 needs path, code and fingerprint",
        ),
        ("[]", "not an audit baseline"),
    ],
)
def test_bad_baseline_is_one_line_exit_2(cli, workspace, content, message):
    (workspace / "base.json").write_text(content)
    result = cli("check", "article.txt", "--baseline", "base.json")
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_missing_baseline_says_how_to_create_one(cli, workspace):
    result = cli("check", "article.txt", "--baseline", "nope.json")
    assert result.exit_code == 2 and "create one with `audit baseline create`" in result.stderr
