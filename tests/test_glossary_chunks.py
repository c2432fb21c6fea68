"""Long texts are folded and matched against the glossary a chunk at a time.

Memory, not results: a 4 MB article listed every token and its offsets at once (148 MB)
and str.lower's buffer for the whole text (49 MB). Cut at white space, where neither
tokens nor lower-casing has context to lose, the chunks give exactly the matches of
the whole text; these tests compare the two on real and random text with tiny chunks,
so that every kind of boundary is met.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

import audit.glossary.fold as fold_module
import audit.glossary.matcher as matcher_module
from audit.glossary.load import load_glossaries
from audit.glossary.matcher import GlossaryMatcher

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "libya_geneva_talks.txt").read_text(encoding="utf-8")
PIECES = [
    "Khalifa Haftar", "Hifter", "al-Sarraj", "Al-Wefaq", "Salameh", "Salamah", "UN", "U.N.",
    "ΟΔΟΣ", "Σ", "ΑΣ'", "İstanbul", "cease-fire", "Government of National Accord",
    "  ", "\n", "\n\n", "\u00a0", "-", "’", "'", "é", "É", "ß", "the", "of", ".", ",",
]  # fmt: skip


def _whole_fold(text: str) -> str:
    """Folding as it was, the whole text at once."""
    one_by_one = any(len(c.lower()) != 1 for c in text)
    return fold_module._fold(text, one_by_one)


def test_the_characters_whose_lower_case_is_longer_are_listed():
    longer = "".join(
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and len(chr(c).lower()) != 1
    )
    assert longer == fold_module.LONGER_LOWER


@pytest.mark.parametrize("seed", range(5))
def test_folding_in_chunks_is_folding_the_whole(monkeypatch, seed):
    rng = random.Random(seed)
    text = " ".join(rng.choice(PIECES) for _ in range(3000))
    if seed % 2:
        text = text.replace("İstanbul", "Istanbul")  # without the one-by-one lowering
    monkeypatch.setattr(fold_module, "FOLD_CHUNK", rng.choice([1, 7, 40]))
    assert fold_module.fold(text) == _whole_fold(text)
    assert fold_module.fold(SEED * 3) == _whole_fold(SEED * 3)


@pytest.fixture(scope="module")
def matcher() -> GlossaryMatcher:
    return GlossaryMatcher(load_glossaries(sorted((ROOT / "glossaries").glob("*.yaml"))))


@pytest.mark.parametrize("chunk", [1, 13, 64, 500])
def test_matching_in_chunks_finds_what_matching_the_whole_finds(monkeypatch, matcher, chunk):
    rng = random.Random(chunk)
    texts = [SEED * 4, " ".join(rng.choice(PIECES) for _ in range(4000))]
    whole = [matcher.find(t) for t in texts]
    assert whole[0] and whole[1]  # both texts hold glossary forms, multi-word ones too
    assert any(
        m.end - m.start > 12 and " " in t[m.start : m.end]
        for t, ms in zip(texts, whole)
        for m in ms
    )
    monkeypatch.setattr(matcher_module, "CHUNK_CHARS", chunk)
    monkeypatch.setattr(fold_module, "FOLD_CHUNK", chunk)
    assert [matcher.find(t) for t in texts] == whole
