"""Aligning a whole source article with its translation: paragraphs, then sentences.

Length-based alignment in the Gale–Church family: a sentence and its translation
have lengths in a steady ratio, so a dynamic programme over "beads" (1-1, 1-0, 0-1,
2-1, 1-2, 2-2 sentences) finds the likeliest pairing. The ratio is the
language pair's where known (from professional news translations), else the
document's own (target length / source length), so any pair works.
Anchors sharpen it: numbers and glossary entries found on both sides of a bead lower
its cost, ones found on one side only raise it, so a short sentence with a date
pairs with the sentence holding the same date.

Paragraphs are aligned first when both texts have them (one to one when the counts
agree), then sentences within each aligned paragraph group, which keeps the
programme small and an early mistake from spreading.

Every link carries a confidence in [0, 1]: for a pairing, how well the lengths fit
(and anchors agree); for a source sentence left without a translation, how badly
it would fit if merged into a neighbour. Checks use it to stay quiet where the
alignment is unsure; a document whose alignment is poor overall is compared as a
whole instead of link by link.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from audit.document import Span, split_paragraphs, split_sentences
from audit.lang.sentences import unpunctuated

# Gale & Church (1993): bead priors and the variance of the length difference.
BEAD_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
    # Three sentences against one: a translation that dropped the sentence marks
    # (professional Arabic news often ends sentences with none), or merged them.
    (3, 1): 0.002,
    (1, 3): 0.002,
}
VARIANCE = 6.8
ANCHOR_BONUS = 1.5  # cost (nats) removed per anchor shared by both sides of a bead
ANCHOR_PENALTY = 1.0  # cost added per anchor on one side only
POOR_ALIGNMENT = 0.3  # below this mean confidence, compare whole texts instead

Keys = Callable[[str, Span], frozenset[str]]


def expected_ratio(source_lang: str | None, target_lang: str | None) -> float | None:
    """Expected target/source length ratio of a language pair, where known (the median
    of professional news translation; see :mod:`audit.lang.length_ratios`)."""
    from audit.lang.length_ratios import pair_ratios

    table = pair_ratios(source_lang, target_lang)
    return table.median if table is not None else None


@dataclass(frozen=True)
class Link:
    """Source sentences paired with target sentences (either side may be empty)."""

    index: int  # 1-based position in the alignment; findings name it as the segment
    source: Span | None
    target: Span | None
    confidence: float
    source_sentences: int = 0
    target_sentences: int = 0
    source_parts: tuple[Span, ...] = ()  # the source sentences, when more than one


@dataclass(frozen=True)
class Alignment:
    links: tuple[Link, ...]
    ratio: float  # target length / source length for this document

    @property
    def confidence(self) -> float:
        """Mean link confidence, weighted by the length of the text linked."""
        total = weight = 0.0
        for link in self.links:
            w = len(link.source or Span(0, 0)) + len(link.target or Span(0, 0))
            total += w * link.confidence
            weight += w
        return total / weight if weight else 0.0

    @property
    def reliable(self) -> bool:
        return self.confidence >= POOR_ALIGNMENT


def _no_keys(text: str, span: Span) -> frozenset[str]:
    return frozenset()


def align(
    source: str,
    target: str,
    *,
    source_keys: Keys = _no_keys,
    target_keys: Keys = _no_keys,
    ratio: float | None = None,
) -> Alignment:
    """Align two whole texts; see the module docstring.

    ``ratio`` is the expected target/source length ratio of the language pair; without
    it the document's own is used (which an omission of a large part skews).
    """
    src_paras, tgt_paras = split_paragraphs(source), split_paragraphs(target)
    total_src = sum(len(p) for p in src_paras) or 1
    total_tgt = sum(len(p) for p in tgt_paras) or 1
    ratio = ratio or total_tgt / total_src
    aligner = _Aligner(source, target, ratio, source_keys, target_keys)
    if len(src_paras) == len(tgt_paras):
        groups = [([p], [q]) for p, q in zip(src_paras, tgt_paras)]
    elif min(len(src_paras), len(tgt_paras)) * 2 >= max(len(src_paras), len(tgt_paras)) > 2:
        groups = [(list(s), list(t)) for s, t, _ in aligner.run(list(src_paras), list(tgt_paras))]
    else:  # paragraphing differs too much to trust (one block against many)
        groups = [(list(src_paras), list(tgt_paras))]
    links: list[Link] = []
    for src_group, tgt_group in groups:
        src_sents = [s for p in src_group for s in split_sentences(source, p)]
        tgt_sents = [s for p in tgt_group for s in split_sentences(target, p)]
        beads = (
            _whole(src_sents, tgt_sents, ratio)
            if _unsplittable(source, src_group) or _unsplittable(target, tgt_group)
            else aligner.run(src_sents, tgt_sents)
        )
        for s, t, confidence in beads:
            links.append(
                Link(
                    len(links) + 1,
                    _cover(s),
                    _cover(t),
                    round(confidence, 3),
                    len(s),
                    len(t),
                    tuple(s) if len(s) > 1 else (),
                )
            )
    return Alignment(tuple(links), ratio)


def _unsplittable(text: str, paragraphs: Sequence[Span]) -> bool:
    """A paragraph in a script that marks no sentence end (Thai): its sentences are
    unknown, so it is aligned as a whole rather than as one long "sentence"."""
    return any(unpunctuated(text[p.start : p.end]) for p in paragraphs)


def _whole(
    src: list[Span], tgt: list[Span], ratio: float
) -> list[tuple[list[Span], list[Span], float]]:
    if not src or not tgt:
        return [(src, tgt, 0.0)] if src or tgt else []
    ls, lt = src[-1].end - src[0].start, tgt[-1].end - tgt[0].start
    return [(src, tgt, length_fit(ls, lt, ratio))]


def _cover(spans: Sequence[Span]) -> Span | None:
    return Span(spans[0].start, spans[-1].end) if spans else None


class _Aligner:
    def __init__(
        self, source: str, target: str, ratio: float, source_keys: Keys, target_keys: Keys
    ):
        self.source, self.target, self.ratio = source, target, ratio
        self.source_keys, self.target_keys = source_keys, target_keys

    def run(self, src: list[Span], tgt: list[Span]) -> list[tuple[list[Span], list[Span], float]]:
        """The best bead sequence over two lists of spans, with a confidence per bead."""
        n, m = len(src), len(tgt)
        skeys = [self.source_keys(self.source, s) for s in src]
        tkeys = [self.target_keys(self.target, t) for t in tgt]
        slen = [len(s) for s in src]
        tlen = [len(t) for t in tgt]
        band = max(10, abs(n - m) + 6)
        inf = float("inf")
        cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
        back: dict[tuple[int, int], tuple[int, int]] = {}
        for i in range(n + 1):
            centre = i * m / n if n else 0
            for j in range(max(0, int(centre) - band), min(m, int(centre) + band) + 1):
                if i == 0 and j == 0:
                    continue
                best, best_bead = inf, None
                for di, dj in BEAD_PRIORS:
                    pi, pj = i - di, j - dj
                    if pi < 0 or pj < 0 or (pi, pj) not in cost:
                        continue
                    c = cost[(pi, pj)] + self._bead_cost(
                        sum(slen[pi:i]),
                        sum(tlen[pj:j]),
                        (di, dj),
                        frozenset().union(*skeys[pi:i]),
                        frozenset().union(*tkeys[pj:j]),
                    )
                    if c < best:
                        best, best_bead = c, (di, dj)
                if best_bead is not None:
                    cost[(i, j)] = best
                    back[(i, j)] = best_bead
        if (n, m) not in cost:  # outside the band: pair everything as one bead
            return [(src, tgt, 0.0)] if src or tgt else []
        beads: list[tuple[int, int, int, int]] = []
        i, j = n, m
        while (i, j) != (0, 0):
            di, dj = back[(i, j)]
            beads.append((i - di, i, j - dj, j))
            i, j = i - di, j - dj
        beads.reverse()
        out = []
        for k, (i0, i1, j0, j1) in enumerate(beads):
            shared = len(frozenset().union(*skeys[i0:i1]) & frozenset().union(*tkeys[j0:j1]))
            if i1 > i0 and j1 > j0:
                conf = length_fit(sum(slen[i0:i1]), sum(tlen[j0:j1]), self.ratio)
                conf = 1 - (1 - conf) * 0.5**shared
            else:
                conf = self._deletion_confidence(beads, k, slen, tlen)
            out.append((src[i0:i1], tgt[j0:j1], conf))
        return out

    def _bead_cost(
        self, ls: int, lt: int, bead: tuple[int, int], sk: frozenset[str], tk: frozenset[str]
    ) -> float:
        c = -math.log(BEAD_PRIORS[bead])
        if bead[0] and bead[1]:
            # An omission or addition has no pairing whose lengths could fit, so only
            # pairings pay a length cost (as hunalign does); otherwise a dropped
            # sentence is hidden inside a 2-1 bead.
            c -= math.log(max(length_fit(ls, lt, self.ratio), 1e-12))
            c -= ANCHOR_BONUS * len(sk & tk)
            c += ANCHOR_PENALTY * len(sk ^ tk)
        return c

    def _deletion_confidence(
        self, beads: list[tuple[int, int, int, int]], k: int, slen: list[int], tlen: list[int]
    ) -> float:
        """How sure we are that a 1-0 or 0-1 bead is a real omission or addition:
        one minus how well it would fit merged into a neighbouring pairing."""
        i0, i1, j0, j1 = beads[k]
        fits = []
        for nb in (k - 1, k + 1):
            if 0 <= nb < len(beads):
                a0, a1, b0, b1 = beads[nb]
                if a1 > a0 and b1 > b0:
                    ls = sum(slen[min(a0, i0) : max(a1, i1)])
                    lt = sum(tlen[min(b0, j0) : max(b1, j1)])
                    fits.append(length_fit(ls, lt, self.ratio))
        return 1 - max(fits, default=0.0)


def length_fit(ls: int, lt: int, ratio: float) -> float:
    """Gale–Church: probability of a length difference at least this large, 2(1 - Φ(|δ|)).

    The variance grows with the ratio: Gale and Church's constant is for languages of
    about equal length, and English from Chinese (ratio about 3) varies in proportion
    to its greater length; without the factor every Chinese sentence looked misfit and
    was left "without translation".
    """
    if ls == 0 and lt == 0:
        return 1.0
    mean = (ls + lt / ratio) / 2
    delta = (lt - ls * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE * ratio)
    return math.erfc(abs(delta) / math.sqrt(2))
