"""Source–target pairs: what bilingual checks compare.

A bilingual file gives its units (one :class:`Pair` per segment, fully trusted). A
whole-article pair (a text file with ``--source``, a JSON Lines record with both
texts) is aligned sentence by sentence (:mod:`audit.align`) and each link becomes a
pair with the link's confidence; when the alignment is poor overall, the whole
texts are one pair, so checks still run, only less precisely.

``window`` is the target text a check may search for what the source segment says:
the unit's or link's own target, plus the neighbours' targets for a link the
alignment is unsure of (it may have cut at the wrong sentence, or the translator
moved a number or a name across the boundary).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit.align import Alignment, align, expected_ratio
from audit.document import Document, Span
from audit.lang.numbers import find_numbers

if TYPE_CHECKING:
    from audit.glossary.matcher import Match
    from audit.glossary.source import SourceMatch

SURE_LINK = 0.5  # links at least this sure are compared alone, not with their neighbours


@dataclass(frozen=True, slots=True)  # slots: one per unit of a bilingual file
class Pair:
    """A source segment and its target segment (either may be missing)."""

    id: str
    source: Span | None
    target: Span | None
    confidence: float
    window: Span | None
    aligned: bool  # True when the pairing comes from alignment, not from the file
    source_window: Span | None = None  # likewise on the source side

    def __reduce__(self) -> tuple[object, ...]:  # frozen with slots: by value (3.10)
        return (
            Pair,
            (
                self.id,
                self.source,
                self.target,
                self.confidence,
                self.window,
                self.aligned,
                self.source_window,
            ),
        )


def pairs_for(doc: Document, alignment: Alignment | None) -> list[Pair]:
    """The pairs to compare: the file's units, else the links of ``alignment`` (the
    document's sentence alignment, from :func:`alignment_for`)."""
    if doc.segments:
        return [
            Pair(s.id, s.source, s.target, 1.0, s.target, aligned=False, source_window=s.source)
            for s in doc.segments
            if s.source is not None
        ]
    if doc.source is None or not doc.source.strip():
        return []
    if alignment is None or not alignment.reliable:
        whole_target = Span(0, len(doc.target))
        whole_source = Span(0, len(doc.source))
        return [
            Pair(
                "1",
                whole_source,
                whole_target,
                alignment.confidence if alignment else 0.0,
                whole_target,
                aligned=True,
                source_window=whole_source,
            )
        ]
    links = alignment.links
    out = []
    for k, link in enumerate(links):
        unsure = link.confidence < SURE_LINK or link.source is None or link.target is None
        near = links[max(0, k - 1) : k + 2] if unsure else [link]
        out.append(
            Pair(
                str(link.index),
                link.source,
                link.target,
                link.confidence,
                _cover([x.target for x in near]),
                aligned=True,
                source_window=_cover([x.source for x in near]),
            )
        )
    return out


def _cover(spans: list[Span | None]) -> Span | None:
    present = [s for s in spans if s is not None]
    return Span(present[0].start, present[-1].end) if present else None


def inside(items: list[Any], span: Span | None) -> list[Any]:
    """The items (with ``start``/``end``, sorted by start) lying within ``span``."""
    if span is None:
        return []
    lo = bisect.bisect_left(items, span.start, key=_start)
    hi = bisect.bisect_left(items, span.end, lo, key=_start)
    return [i for i in items[lo:hi] if i.end <= span.end]


def _start(item: Any) -> int:
    return item.start


def needs_alignment(doc: Document) -> bool:
    """True for a whole-article pair: a source and a target, both with text, no units."""
    return not (
        doc.segments or doc.source is None or not doc.source.strip() or not doc.target.strip()
    )


def alignment_for(
    doc: Document, source_matches: list[SourceMatch], target_matches: list[Match]
) -> Alignment | None:
    """Sentence alignment of a whole-article pair, anchored by numbers and the glossary
    terms found on each side."""
    if not needs_alignment(doc):
        return None
    assert doc.source is not None
    source_anchors = _anchors(doc.source, [(m.start, f"t:{m.entry.id}") for m in source_matches])
    target_anchors = _anchors(doc.target, [(m.start, f"t:{m.entry.id}") for m in target_matches])
    return align(
        doc.source,
        doc.target,
        source_keys=source_anchors,
        target_keys=target_anchors,
        ratio=expected_ratio(doc.source_lang, doc.target_lang),
    )


def _anchors(text: str, terms: list[tuple[int, str]]):  # type: ignore[no-untyped-def]
    found = sorted(
        terms + [(n.start, "n:" + min(n.values)) for n in find_numbers(text, spelled=False)]
    )
    starts = [f[0] for f in found]

    def keys(_text: str, span: Span) -> frozenset[str]:
        lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        return frozenset(key for _, key in found[lo:hi])

    return keys
