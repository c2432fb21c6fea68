"""The pre-commit hook definitions point at commands that exist and work."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from tests.conftest import ROOT


def _hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hooks_are_well_formed_and_match_article_files():
    hooks = {h["id"]: h for h in _hooks()}
    assert set(hooks) == {"audit", "audit-fix"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["language"] == "python" and hook["entry"].startswith("audit ")
        pattern = re.compile(hook["files"])
        assert pattern.search("news/2024/article.md") and pattern.search("batch.jsonl")
        assert not pattern.search("setup.py")


def test_hook_entry_runs_as_pre_commit_runs_it(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("Salamah met Hifter.\n", encoding="utf-8")
    hooks = {h["id"]: h for h in _hooks()}
    env = {"PRE_COMMIT": "1", "PATH": ""}
    check = subprocess.run(
        [sys.executable, "-m", "audit", *hooks["audit"]["entry"].split()[1:], str(article)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert check.returncode == 1 and "N001" in check.stdout and check.stderr == ""
    fix = subprocess.run(
        [sys.executable, "-m", "audit", *hooks["audit-fix"]["entry"].split()[1:], str(article)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert fix.returncode == 0
    assert article.read_text(encoding="utf-8") == "Salameh met Haftar.\n"
