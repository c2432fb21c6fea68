"""rapidfuzz's ``fuzz.ratio`` and ``Levenshtein.distance``, imported only when there is work.

Importing rapidfuzz costs about 15 ms of CPU (it loads its pure-Python fallbacks next to
the C++ modules), more than comparing the few names of one article: a pre-publish hook
on a short text compared a handful of spellings and paid for the whole library
(issue 18). The first :data:`PLAIN_CALLS` comparisons of a process therefore run here in
plain Python; after that rapidfuzz is imported and does the rest. Both give the same
numbers, float for float (``tests/test_editdistance.py`` compares them), so a result
never depends on which one ran.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PLAIN_CALLS = 400
"""Comparisons done in plain Python before rapidfuzz is imported."""

_IMPRECISION = 0.00001  # rapidfuzz's slack when it turns a similarity cutoff into a distance

_calls = 0
_ratio: Callable[..., float] | None = None
_levenshtein: Callable[[str, str], int] | None = None
_extract: Callable[..., list[tuple[str, float, int]]] | None = None


def extract(query: str, choices: list[str], score_cutoff: float) -> list[int]:
    """Indices of ``choices`` whose :func:`ratio` with ``query`` reaches ``score_cutoff``, in
    the order of ``rapidfuzz.process.extract(..., scorer=fuzz.ratio, limit=None)``: best
    score first, ties in the order of ``choices``."""
    global _calls
    if _extract is None and _calls + len(choices) <= PLAIN_CALLS:
        _calls += len(choices)
        scored = [(plain_ratio(query, c, score_cutoff), i) for i, c in enumerate(choices)]
        kept = [(score, i) for score, i in scored if score >= score_cutoff]
        kept.sort(key=lambda pair: (-pair[0], pair[1]))
        return [i for _, i in kept]
    _load()
    assert _extract is not None and _ratio is not None
    found = _extract(query, choices, scorer=_ratio, score_cutoff=score_cutoff, limit=None)
    return [i for _, _, i in found]


def ratio(a: str, b: str, score_cutoff: float = 0.0) -> float:
    """``rapidfuzz.fuzz.ratio(a, b, score_cutoff=score_cutoff)``: 0 to 100."""
    if _ratio is not None:
        return _ratio(a, b, score_cutoff=score_cutoff)
    if _count():
        return ratio(a, b, score_cutoff)
    return plain_ratio(a, b, score_cutoff)


def levenshtein(a: str, b: str) -> int:
    """``rapidfuzz.distance.Levenshtein.distance(a, b)``: insertions, deletions, substitutions."""
    if _levenshtein is not None:
        return _levenshtein(a, b)
    if _count():
        return levenshtein(a, b)
    return plain_levenshtein(a, b)


def _count() -> bool:
    """Count a plain comparison; past the limit import rapidfuzz and say so (True)."""
    global _calls
    _calls += 1
    if _calls <= PLAIN_CALLS:
        return False
    _load()
    return True


def _load() -> None:
    global _ratio, _levenshtein, _extract
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    fast: Any = Levenshtein
    _ratio, _levenshtein, _extract = fuzz.ratio, fast.distance, process.extract


def plain_ratio(a: str, b: str, score_cutoff: float = 0.0) -> float:
    """The normalized Indel similarity times 100, computed as rapidfuzz computes it."""
    total = len(a) + len(b)
    cutoff = score_cutoff / 100
    norm_dist = (total - 2 * _lcs_length(a, b)) / total if total else 0.0
    if norm_dist > min(1.0, 1.0 - cutoff + _IMPRECISION):
        norm_dist = 1.0
    norm_sim = 1.0 - norm_dist
    return norm_sim * 100 if norm_sim >= cutoff else 0.0


def _lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (bit-parallel, Allison-Dix / Hyyrö)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, c in enumerate(b):
        masks[c] = masks.get(c, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for c in a:
        u = v & masks.get(c, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def plain_levenshtein(a: str, b: str) -> int:
    """Uniform-cost edit distance, one row at a time."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
