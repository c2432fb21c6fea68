from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/libya_geneva_talks.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"
# Real text that tests of the speed-ups compare fast paths on (the seed; NTREX-128
# excerpts, CC BY-SA 4.0, tests/fixtures/ntrex-excerpt/README).
SEED_TEXT = (ROOT / SEED).read_text(encoding="utf-8")
ENGLISH_EXCERPT = (ROOT / "tests" / "fixtures" / "ntrex-excerpt" / "eng.txt").read_text(
    encoding="utf-8"
)
ARABIC_EXCERPT = (ROOT / "tests" / "fixtures" / "ntrex-excerpt" / "arb.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the project root, so relative paths in output match the golden files."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def cli():
    """Invoke the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    from audit.cli import main

    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def update_golden() -> bool:
    return os.environ.get("AUDIT_UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def _glossary_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the glossary cache of test runs out of the user's home."""
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "audit-cache"))


@pytest.fixture(autouse=True, scope="session")
def _findings_without_extra_share_an_empty_mapping_nobody_writes():
    """Findings with no extra data share one empty dict (memory): after the whole
    suite it must still be empty, or some code wrote into a finding's ``extra``."""
    yield
    from audit.engine import document_audit

    assert document_audit._NO_EXTRA == {}, document_audit._NO_EXTRA
