"""Checks that list a long text's words a stretch of lines at a time find what they
found listing them all at once (the stretches bound memory, not results)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import audit.checks.consistency as consistency
from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "libya_geneva_talks.txt").read_text(encoding="utf-8")
PIECES = [
    "Berlin Conference", "Berlin conference", "Prime Minister", "prime minister", "Geneva",
    "the", "talks", "United Nations", "United nations", "New York Times", "\n", "\n\n", "  ",
    "Joint Military Commission", "joint military commission", ".", ",", "Al-Wefaq",
]  # fmt: skip


def _c002(text: str) -> list[tuple[int, int, str]]:
    config = AuditConfig.create(select=["C002"], default_glossaries=False)
    found = audit_document(Document(id="d", target=text, target_lang="en"), config)
    return [(f.start, f.end, f.message) for f in found]


@pytest.mark.parametrize("seed", range(4))
def test_c002_by_stretches_of_lines_finds_what_it_found_at_once(monkeypatch, seed):
    rng = random.Random(seed)
    texts = [SEED * 3, " ".join(rng.choice(PIECES) for _ in range(3000))]
    whole = [_c002(t) for t in texts]
    assert whole[1]  # the random text has phrases capitalized two ways
    monkeypatch.setattr(consistency, "STRETCH_CHARS", rng.choice([1, 30, 200]))
    assert [_c002(t) for t in texts] == whole


@pytest.mark.parametrize("seed", range(4))
def test_s006_by_paragraphs_finds_what_it_found_over_the_whole_text(monkeypatch, seed):
    # The old reading: every word of the text listed, then the repeats of all of them.
    from audit.checks import repetition
    from audit.lang.profiles import language

    rng = random.Random(seed)
    pieces = ["the", "city", "in the city", "the the", "\n\n", "\n", ".", ",", "Foo", "die"]
    pieces += ["\r\n\r\n", "\n \n", "\u00a0", "the\n\nthe", "“the", "the”"]
    texts = [SEED * 2, " ".join(rng.choice(pieces) for _ in range(4000))]
    monkeypatch.setattr(repetition, "STRETCH_CHARS", rng.choice([1, 50, 400]))
    for text in texts:
        config = AuditConfig.create(select=["S006"], default_glossaries=False)
        found = audit_document(Document(id="d", target=text, target_lang="en"), config)
        words = [w for p in repetition._paragraphs(text, False) for w in p]
        repeats = repetition._repeats(words, language("en"))
        spans = [
            (words[r[0]].start + len(words[r[0]].lead), words[r[-1]].end - len(words[r[-1]].trail))
            for r in repetition._deleted_runs(words, repeats)
        ]
        assert [(f.start, f.end) for f in found] == spans
        assert len(list(repetition._paragraphs(text, False))) > 1
    assert spans  # the random text has repetitions
