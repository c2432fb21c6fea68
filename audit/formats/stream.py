"""Reading large files piece by piece, so that memory does not grow with the file.

A newsroom export can be hundreds of megabytes. A file over ``STREAM_BYTES`` whose
format can stream (``Format.stream``) is read piece by piece: JSON Lines a line (a
document) at a time, plain text in parts of about ``TEXT_PART_CHARS`` characters cut at
blank lines (between paragraphs), XLIFF and TMX in parts of whole units holding about
as much text (:class:`audit.formats.parts.UnitParts`), each audited as a document whose
positions are those of the file. Other formats, other encodings and standard input
are read whole, as :func:`iter_path` does.

An XLIFF or TMX file is still decoded whole (its text is held while it is read, one
byte a character for Latin text), but its units' segments, analyses and findings are
those of one part at a time: a part's origins walk a copy of the lines that hold its
units, not the file, so a part sent to a worker process carries only those. In the
whole document's joined texts, a part's target and source texts start at offsets of
their own; its findings are moved there side by side.

Parts are stitched back into one file's results by :func:`audit.run.audit_paths`:
offsets (``start``/``end``) are file offsets (for XLIFF and TMX, offsets in the
document read whole), findings come in file order, and
fingerprints count repeated contexts over the whole file, so they are unique and the
same as when the file is read whole (a baseline does not change when a file grows
past ``STREAM_BYTES``).

What a part cannot see: checks that compare a whole document with itself
(``WHOLE_DOCUMENT_CHECKS``: one entity written two ways, a repeated paragraph) look
within each part, not across parts; the run says so once for each such file
(:func:`per_part_note`) rather than hold a file of hundreds of megabytes whole.
``audit fix`` reads a file whole whatever its size (it rewrites it whole anyway).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from typing import Any

from audit.document import Document
from audit.errors import BinaryInputError
from audit.formats import STDIN, format_for, iter_path
from audit.formats.decode import is_binary
from audit.formats.language import settle

# Files larger than this are read piece by piece. A document read whole costs about
# 50 bytes of memory per byte of text while it is audited (its analyses and findings):
# 4 MiB keeps a run under 300 MiB (benchmarks/large_input.py --only seed: a 4.1 MB
# text read whole peaks at 228 MiB; with the bound at 8 MiB, an 8.0 MB one peaked at
# 424 MiB).
STREAM_BYTES = 4 * 1024 * 1024
# Checks that compare parts of a document with each other (names and spellings used
# consistently, sentences and paragraphs said twice): in a file read in parts they
# compare within each part.
WHOLE_DOCUMENT_CHECKS = ("N002", "N004", "N005", "C001", "C002", "S007", "S008")
_OTHER_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def stream_path(
    path: str,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    source: str | None = None,
    **options: Any,
) -> Iterator[Document]:
    """The documents of ``path``, one at a time; large files are never held whole."""
    streamer = format_for(path).stream if path != STDIN else None
    if streamer is None or encoding is not None or source is not None or not _large(path):
        yield from iter_path(path, encoding=encoding, errors=errors, source=source, **options)
        return
    with open(path, "rb") as f:
        head = f.read(8192)
    if head.startswith(_OTHER_BOMS):
        yield from iter_path(path, encoding=encoding, errors=errors, **options)
        return
    if is_binary(head):
        raise BinaryInputError("looks like a binary file (NUL bytes); not audited", path=path)
    yield from settle(streamer(path, errors, **options))


def _large(path: str) -> bool:
    try:
        return os.path.getsize(path) > STREAM_BYTES
    except OSError:
        return False  # the whole-file reader reports it


def per_part_note(path: str, parts: int, codes: list[str]) -> str | None:
    """The one line that says a file was audited in parts, naming the selected checks
    (``codes``) that compared within each part; None when there is nothing to say."""
    within = [c for c in WHOLE_DOCUMENT_CHECKS if c in codes]
    if parts < 2 or not within:
        return None
    return (
        f"{path} is over {STREAM_BYTES // (1024 * 1024)} MiB and was read in {parts} parts: "
        f"{', '.join(within)} compared within each part, not across the whole file"
    )
