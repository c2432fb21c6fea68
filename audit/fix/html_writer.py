"""Writing fixes back into an HTML file: inside text nodes and alt/title values only.

The file is read again with :func:`audit.formats.html.extract`, which knows for every
character of the visible text its span in the file and the stretch of markup-free text
(run) it belongs to. An edit is written over the file span of the characters it
replaces, escaped as HTML text (``&``, ``<``, ``>``; in an attribute value also its
quote). An edit whose characters are not all in one run would change or remove markup
(a fix across ``<b>`` and ``</b>``), and is refused: the file is not written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from audit.errors import InputError
from audit.formats.html import Block, extract

if TYPE_CHECKING:
    from audit.fix.plan import DocumentFix


def escape(text: str, block: Block) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if block.kind != "text":
        out = out.replace('"', "&quot;").replace("'", "&#39;")
    return out


def html_writer(text: str, fixes: Sequence[DocumentFix]) -> str:
    """``text`` (an HTML file) with each document's edits written into its text nodes."""
    splices: list[tuple[int, int, str]] = []
    for fix in fixes:
        doc = fix.document
        blocks = extract(text, doc.target_lang)
        if len(doc.segments) != len(blocks):
            raise InputError("the file changed since it was read; not written", path=doc.path)
        for e in fix.edits:
            seg = doc.segment_at("target", e.start)
            if seg is None or not (seg.target.start <= e.start and e.end <= seg.target.end):
                raise InputError("a fix would cross from one block into the next", path=doc.path)
            block = blocks[doc.segments.index(seg)]
            start, end = e.start - seg.target.start, e.end - seg.target.start
            if start < end:
                runs = set(block.runs[start:end])
                if len(runs) != 1:
                    line = doc.file_position("target", e.start, seg)[1]
                    raise InputError(
                        "a fix would change markup inside the text; fix it by hand",
                        path=doc.path,
                        line=line,
                    )
                raw_start, raw_end = block.spans[start][0], block.spans[end - 1][1]
            else:  # an insertion: before the character at start, or after the last
                raw_start = raw_end = (
                    block.spans[start][0] if start < len(block.spans) else block.spans[-1][1]
                )
            splices.append((raw_start, raw_end, escape(e.replacement, block)))
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(splices):
        if start < pos:
            raise InputError("two fixes overlap in the file; not written")
        out += [text[pos:start], replacement]
        pos = end
    out.append(text[pos:])
    return "".join(out)
