"""Pairing a source with its back-translation, segment by segment.

A bilingual file's units (XLIFF, PO, CSV... see :mod:`audit.segments`) carry their
own back-translations, and are paired unit by unit. Otherwise: a back-translation
keeps the layout of the text it was made from, so when the source
and its translation are laid out alike (one sentence or paragraph per line, as news
exports and segment files are) the lines pair up one to one. Otherwise sentences are
paired when both sides have the same number, and failing that the whole text is one
segment: a document score is still meaningful, per-segment scores would not be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audit.document import Document, Span, split_paragraphs, split_sentences

_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")  # a line's text without its outer whitespace


@dataclass(frozen=True)
class SegmentPair:
    """One source segment (``span`` indexes the document's source text) and its back-translation.

    ``id`` is the file unit's id, or the segment's 1-based position.
    """

    id: str
    span: Span
    source: str
    back_translation: str


def document_pairs(doc: Document) -> tuple[str, list[SegmentPair]]:
    """``(alignment, pairs)`` for a document: its units (``units``) when it has them, else :func:`pair_segments`."""
    source, back = doc.source or "", doc.back_translation or ""
    units = [s for s in doc.segments if s.source is not None and s.back_translation is not None]
    if units:
        return "units", [
            SegmentPair(
                s.id,
                s.source,
                source[s.source.start : s.source.end],
                back[s.back_translation.start : s.back_translation.end],
            )
            for s in units
            if s.source is not None and s.back_translation is not None
        ]
    return pair_segments(source, back)


def pair_segments(source: str, back_translation: str) -> tuple[str, list[SegmentPair]]:
    """Return ``(alignment, pairs)``; ``alignment`` is ``lines``, ``sentences`` or ``document``."""
    for name, split in (("lines", _lines), ("sentences", _sentences)):
        src, bt = split(source), split(back_translation)
        if len(src) > 1 and len(src) == len(bt):
            return name, _pairs(source, src, back_translation, bt)
    whole = _whole(source)
    if not whole:
        return "document", []
    return "document", [SegmentPair("1", whole[0], _flat(source), _flat(back_translation))]


def _pairs(
    source: str, src: list[Span], back_translation: str, bt: list[Span]
) -> list[SegmentPair]:
    return [
        SegmentPair(str(i), s, source[s.start : s.end], back_translation[b.start : b.end])
        for i, (s, b) in enumerate(zip(src, bt), start=1)
    ]


def _lines(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _LINE.finditer(text)]


def _sentences(text: str) -> list[Span]:
    return [s for p in split_paragraphs(text) for s in split_sentences(text, p)]


def _whole(text: str) -> list[Span]:
    lines = _lines(text)
    return [Span(lines[0].start, lines[-1].end)] if lines else []


def _flat(text: str) -> str:
    """The text with runs of whitespace (line breaks included) as one space."""
    return " ".join(text.split())
