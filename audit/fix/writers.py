"""Writers: put fixed documents back into their file, one writer per reader.

A writer takes the file's decoded text and the :class:`~audit.fix.plan.DocumentFix`
of each changed document (edits on the document's original target text) and returns
the file's new text, changing nothing but the edited spans. Every reader records
where each text sits in the file (:class:`~audit.segments.Origin`: a text offset maps
to a line and column, escapes counted), so one writer serves every format: it maps
each edit into the file through the origin of the segment (or the whole text) that
holds it, and writes the replacement encoded as that format stores text: escaped in
JSON strings, PO strings and XML, doubled quotes in quoted CSV fields, as is in text,
Markdown, SRT and TSV. An edit that would cross from one unit into the next is
refused. :func:`audit.fix.plan.fix_file` then reads the new text back with the same
reader and writes nothing unless every document comes back exactly as fixed.

A reader without a writer here is not fixed (``audit fix`` says so).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from audit.errors import InputError
from audit.fix.html_writer import html_writer
from audit.formats.html import read_html
from audit.formats.jsonl import read_jsonl
from audit.formats.po import read_po
from audit.formats.po_syntax import continuations
from audit.formats.srt import read_srt
from audit.formats.table import read_table, read_tsv
from audit.formats.text import read_text
from audit.formats.tmx import read_tmx
from audit.formats.xliff import read_xliff
from audit.segments import Origin, line_starts

if TYPE_CHECKING:
    from audit.fix.plan import DocumentFix

Writer = Callable[[str, Sequence["DocumentFix"]], str]
# (replacement text, the file's text, the origin of the edited text) -> what to write
Encoder = Callable[[str, str, Origin], str]


def as_is(replacement: str, raw: str, origin: Origin) -> str:
    return replacement


def json_string(replacement: str, raw: str, origin: Origin) -> str:
    """Escaped as the line already escapes: ``\\uXXXX`` in an ASCII-only line that
    uses such escapes, literal characters otherwise."""
    start = raw.rfind("\n", 0, origin.offset) + 1
    end = raw.find("\n", origin.offset)
    line = raw[start : end if end >= 0 else len(raw)]
    return json.dumps(replacement, ensure_ascii=line.isascii() and "\\u" in line)[1:-1]


_PO_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_PO_SPECIAL = re.compile('[\\\\"\\x00-\\x1f\\x7f]')


def po_string(replacement: str, raw: str, origin: Origin) -> str:
    """Escaped as gettext escapes: C escapes, other control characters in octal."""
    return _PO_SPECIAL.sub(
        lambda m: _PO_ESCAPES.get(m.group(), f"\\{ord(m.group()):03o}"), replacement
    )


def po_splice(raw_span: str, replacement: str, encode: Encoder, raw: str, origin: Origin) -> str:
    """The replacement for a piece of a PO string, its line continuations kept where
    they were (a word split over two lines is not joined into one line)."""
    breaks = continuations(raw_span)
    if not breaks:
        return encode(replacement, raw, origin)
    pieces: list[str] = []
    pos = 0
    for at, continuation in breaks:
        at = min(max(at, pos), len(replacement))
        pieces += [encode(replacement[pos:at], raw, origin), continuation]
        pos = at
    pieces.append(encode(replacement[pos:], raw, origin))
    return "".join(pieces)


def xml_text(replacement: str, raw: str, origin: Origin) -> str:
    return replacement.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def csv_field(replacement: str, raw: str, origin: Origin) -> str:
    quoted = origin.offset > 0 and raw[origin.offset - 1] == '"'
    return replacement.replace('"', '""') if quoted else replacement


# (the file's text of the replaced span, replacement, encoder, the file's text, origin)
Splicer = Callable[[str, str, Encoder, str, Origin], str]


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


WRITERS: dict[Callable[..., object], Writer] = {
    read_text: origin_writer(as_is),
    read_jsonl: origin_writer(json_string),
    read_po: origin_writer(po_string, po_splice),
    read_xliff: origin_writer(xml_text),
    read_tmx: origin_writer(xml_text),
    read_table: origin_writer(csv_field),
    read_tsv: origin_writer(as_is),
    read_srt: origin_writer(as_is),
    read_html: html_writer,
}


def writer_for(reader: Callable[..., object]) -> Writer | None:
    return WRITERS.get(reader)
