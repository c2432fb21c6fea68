"""Shared helpers for the corpus and report tests: a small real-text corpus and an oracle."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

NTREX = ROOT / "tests" / "fixtures" / "ntrex-excerpt"
START = dt.date(2020, 1, 6)  # a Monday: three weeks, 2020-01-06 to 2020-01-26
DAYS = 21
DOCUMENTS = 90
SEED = 3


def records(documents: int = DOCUMENTS) -> list[dict[str, Any]]:
    """The corpus as generated (the same records the files hold)."""
    from audit.corpus.synth import generate, load_ntrex

    return list(generate(documents, START, DAYS, load_ntrex(NTREX), seed=SEED))


def write(folder: Path, documents: int = DOCUMENTS) -> Path:
    from audit.corpus.synth import write_corpus

    write_corpus(iter(records(documents)), folder)
    return folder


def occurrences(word: str, since: str, until: str) -> tuple[int, int, str | None, str | None]:
    """Count ``word`` as a whole word in the generated texts dated in [since, until]:
    (occurrences, documents, first day, last day). Independent of audit's matcher."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    total, docs, days = 0, 0, []
    for r in records():
        if since <= r["date"] <= until:
            n = len(pattern.findall(r["target"]))
            if n:
                total, docs = total + n, docs + 1
                days.append(r["date"])
    return total, docs, min(days, default=None), max(days, default=None)


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path
