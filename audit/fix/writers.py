"""Writers: put fixed documents back into their file, as each format says.

A writer takes the file's decoded text and the :class:`~audit.fix.plan.DocumentFix`
of each changed document (edits on the document's original target text) and returns
the file's new text, changing nothing but the edited spans. Every reader records
where each text sits in the file (:class:`~audit.segments.Origin`: a text offset maps
to a line and column, escapes counted), so one writer serves every format: it maps
each edit into the file through the origin of the segment (or the whole text) that
holds it, and writes the replacement encoded as that format stores text
(``Format.encode``: escaped in JSON strings, PO strings and XML, doubled quotes in
quoted CSV fields, as is in text, Markdown, SRT and TSV). A format whose texts are not
stored string by string brings its own writer (``Format.write``: HTML). An edit that would cross from one unit into the next is
refused. :func:`audit.fix.plan.fix_file` then reads the new text back with the same
reader and writes nothing unless every document comes back exactly as fixed.

A format with neither is not fixed (``audit fix`` says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from audit.errors import InputError
from audit.formats.format import Encoder, Format, Splicer, Writer
from audit.segments import Origin, line_starts

if TYPE_CHECKING:
    from audit.fix.plan import DocumentFix


def origin_writer(encode: Encoder, splice: Splicer | None = None) -> Writer:
    """A writer that maps edits into the file through the texts' origins; ``splice``
    builds what replaces a span when the format keeps structure inside strings."""

    def write(text: str, fixes: Sequence[DocumentFix]) -> str:
        starts = line_starts(text)
        splices: list[tuple[int, int, str]] = []
        for fix in fixes:
            for e in fix.edits:
                origin, base = _origin_of(fix, e.start, e.end, text)
                if origin is None:
                    splices.append((e.start, e.end, e.replacement))  # the document is the file
                    continue
                start, end = (
                    _raw(origin, e.start - base, starts),
                    _raw(origin, e.end - base, starts),
                )
                new = (
                    splice(text[start:end], e.replacement, encode, text, origin)
                    if splice is not None
                    else encode(e.replacement, text, origin)
                )
                splices.append((start, end, new))
        out: list[str] = []
        pos = 0
        for start, end, replacement in sorted(splices):
            if start < pos:
                raise InputError(
                    "two fixes overlap in the file; not written", path=fixes[0].document.path
                )
            out += [text[pos:start], replacement]
            pos = end
        out.append(text[pos:])
        return "".join(out)

    return write


def _origin_of(fix: DocumentFix, start: int, end: int, text: str) -> tuple[Origin | None, int]:
    """The origin of the text holding ``[start, end)`` and where that text starts in the
    document's target; ``(None, 0)`` when the document's target is the file itself."""
    doc = fix.document
    if doc.segments:
        seg = doc.segment_at("target", start)
        if seg is None or not (seg.target.start <= start and end <= seg.target.end):
            raise InputError(
                "a fix would cross from one unit into the next; not written", path=doc.path
            )
        if seg.target_origin is None:
            raise InputError(
                f"unit {seg.id!r}: where its target is in the file is unknown; not written",
                path=doc.path,
            )
        return seg.target_origin, seg.target.start
    if doc.target_origin is not None:
        return doc.target_origin, 0
    if doc.target == text:
        return None, 0
    raise InputError("where the text is in the file is unknown; not written", path=doc.path)


def touches_markup(text: str, fix: DocumentFix, starts: list[int]) -> list[bool]:
    """For each edit of ``fix``, whether the file holds markup (an element, a CDATA
    marker) where the edit would write: in XML, ``<`` in the file is always markup,
    as text stores it as ``&lt;``. Inline codes are the file's own formatting, not
    text: a fix must not change them (an edit that deletes ``<sub>`` as if it were
    HTML in the text)."""
    out = []
    for e in fix.edits:
        try:
            origin, base = _origin_of(fix, e.start, e.end, text)
        except InputError:
            out.append(False)  # the writer reports it
            continue
        if origin is None:
            out.append(False)
            continue
        start, end = _raw(origin, e.start - base, starts), _raw(origin, e.end - base, starts)
        out.append("<" in text[start:end])
    return out


def _raw(origin: Origin, offset: int, starts: list[int]) -> int:
    line, column = origin.position(offset)
    return starts[line - 1] + column - 1


def writer_for(fmt: Format) -> Writer | None:
    """The writer of a format's files: its own, or one through the texts' origins with
    its encoder (None: the format's files are not fixed)."""
    if fmt.write is not None:
        return fmt.write
    if fmt.encode is not None:
        return origin_writer(fmt.encode, fmt.splice)
    return None
