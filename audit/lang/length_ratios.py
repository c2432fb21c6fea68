"""How long a professional translation is, per language pair: the table B005 judges by.

English written from Chinese has about three times as many characters as its source;
Chinese from English a third. A fixed "twice as long is suspicious" rule therefore
flags nearly every segment of some pairs and nothing in others. The table shipped in
``length_ratios.json`` holds, for each ordered pair of the 18 NTREX-128 languages and
three bands of source length, the median target/source length ratio of professional
news translation and its 0.5th and 99.5th percentiles (learned by
``benchmarks/learn_length_ratios.py`` on half of the documents; short sentences vary
more, hence the bands). Loaded once, on first use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("length_ratios.json")


@dataclass(frozen=True)
class Band:
    """Ratios of one source-length band: sources up to ``max_length`` characters."""

    max_length: int
    median: float
    low: float  # 0.5th percentile
    high: float  # 99.5th percentile


@dataclass(frozen=True)
class PairRatios:
    source_lang: str
    target_lang: str
    bands: tuple[Band, ...]

    def band(self, source_length: int) -> Band:
        """The band a source of ``source_length`` characters falls in."""
        for band in self.bands:
            if source_length <= band.max_length:
                return band
        return self.bands[-1]

    @property
    def median(self) -> float:
        """The middle band's median: the pair's typical ratio."""
        return self.bands[len(self.bands) // 2].median


def primary(lang: str | None) -> str:
    """``zh-Hans-CN`` -> ``zh``; ``pt_BR`` -> ``pt``."""
    return (lang or "").replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=1)
def _table() -> dict[str, list[list[float]]]:
    data: dict[str, list[list[float]]] = json.loads(TABLE.read_text(encoding="utf-8"))["pairs"]
    return data


@lru_cache(maxsize=1024)
def pair_ratios(source_lang: str | None, target_lang: str | None) -> PairRatios | None:
    """The learned ratios of a language pair, or None where there is no data for it.

    Remembered per pair of language tags (the ratios are frozen): the aligner and B005
    ask for every document, and a corpus has few pairs."""
    src, tgt = primary(source_lang), primary(target_lang)
    if not src or not tgt:
        return None
    if src == tgt:  # same language (an edit, a variety): lengths barely change
        return PairRatios(src, tgt, (Band(10**9, 1.0, 0.5, 2.0),))
    rows = _table().get(f"{src}-{tgt}")
    if rows is None:
        return None
    return PairRatios(src, tgt, tuple(Band(int(r[0]), r[1], r[2], r[3]) for r in rows))


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """Languages the table has data for (with each other, in both directions)."""
    return frozenset(p.split("-")[0] for p in _table())
