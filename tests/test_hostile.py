"""Hostile and broken input: never a crash, never lost text, never a runaway."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from audit import AuditConfig, Document, audit_document
from audit.fix import write_atomic
from tests.conftest import ROOT

NESTED = "(a+)+$"
LOOKALIKES = ["(a+)+$", "a*a*a*a*a*b", "[x-z]{1,99999}", "\\1\\2", ".*.*.*.*.*!"]


def test_glossary_forms_are_literal_and_matching_is_linear(tmp_path):
    """Forms that would backtrack catastrophically as regular expressions are plain text
    to the matcher: they match themselves only, and a long text is scanned in one pass."""
    g = tmp_path / "g.yaml"
    lines = ["entries:"]
    for i, form in enumerate(LOOKALIKES):
        lines.append(f"  - id: e{i}\n    canonical: {form!r}\n    variants: [{('Qzx' + str(i))!r}]")
    g.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = AuditConfig.create(default_glossaries=False, glossaries=[g])
    # As regular expressions these forms would never finish on this text.
    text = ("a" * 5000 + "! ") * 40 + " (a+)+$ Qzx0 " + "x" * 200_000
    findings = audit_document(Document(id="d", target=text), config)
    assert [(f.code, f.text, f.suggestion) for f in findings if f.code == "N001"] == [
        ("N001", "Qzx0", NESTED)
    ]


def test_an_interrupted_write_leaves_the_original_intact(tmp_path, monkeypatch):
    path = tmp_path / "article.txt"
    path.write_bytes(b"Salama met Hifter.\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), b"Salameh met Haftar.\n")
    assert path.read_bytes() == b"Salama met Hifter.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]  # no temporary file left


def test_a_fix_killed_mid_write_leaves_the_original_intact(tmp_path):
    """The process dies (as with SIGKILL) after the new bytes are written to the
    temporary file and before the rename: the article is untouched."""
    path = tmp_path / "article.txt"
    original = "Salama had visited Khalifa Hifter in Benghazi.\n" * 200
    path.write_text(original, encoding="utf-8")
    code = (
        "import os, sys\n"
        "os.fsync = lambda fd: os._exit(137)\n"
        "sys.argv = ['audit', 'fix', '--write', sys.argv[1]]\n"
        "from audit.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 137
    assert path.read_text(encoding="utf-8") == original
    # A retry succeeds and removes the dead run's temporary file.
    retry = subprocess.run(
        [sys.executable, "-m", "audit", "fix", "--write", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert retry.returncode == 0, retry.stderr
    assert "Hifter" not in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["article.txt"]


def test_very_long_lines_and_mixed_line_ends_keep_exact_positions(tmp_path):
    text = "x" * 300_000 + " Hifter\r\rSalama\r\n" + "é" * 1000 + " Hifter"
    findings = [
        f
        for f in audit_document(Document(id="d", target=text), AuditConfig.create())
        if f.code == "N001"
    ]
    assert [(f.text, f.line, f.column) for f in findings] == [
        ("Hifter", 1, 300_002),
        ("Salama", 3, 1),
        ("Hifter", 4, 1002),
    ]
