"""Reading large files piece by piece, so that memory does not grow with the file.

A newsroom export can be hundreds of megabytes. JSON Lines files over
``STREAM_BYTES`` are read a line (a document) at a time, and plain-text files over it
are cut into parts of about ``TEXT_PART_CHARS`` characters at blank lines (between
paragraphs), each audited as a document whose positions are those of the file. Other
formats, other encodings and standard input are read whole, as :func:`iter_path` does.

Parts are stitched back into one file's results by :func:`audit.run.audit_paths`:
offsets (``start``/``end``) are file offsets, findings come in file order, and
fingerprints count repeated contexts over the whole file, so they are unique and the
same as when the file is read whole (a baseline does not change when a file grows
past ``STREAM_BYTES``).

What a part cannot see: checks that compare a whole document with itself
(``WHOLE_DOCUMENT_CHECKS``: one entity written two ways, a repeated paragraph) look
within each part, not across parts; the run says so once for each such file
(:func:`per_part_note`) rather than hold a file of hundreds of megabytes whole.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from typing import Any

from audit.document import LINE_BREAK, Document
from audit.errors import BinaryInputError, InputError
from audit.formats import STDIN, iter_path, reader_for
from audit.formats.decode import decode_line, is_binary
from audit.formats.jsonl import read_jsonl, read_jsonl_lines
from audit.formats.text import read_text
from audit.segments import Origin

STREAM_BYTES = 8 * 1024 * 1024  # files larger than this are read piece by piece
TEXT_PART_CHARS = 256 * 1024  # a plain-text part ends at the first blank line past this
TEXT_PART_MAX_CHARS = 4 * TEXT_PART_CHARS  # ... or at a line break past this, blank or not
# Checks that compare parts of a document with each other (names and spellings used
# consistently, sentences and paragraphs said twice): in a file read in parts they
# compare within each part.
WHOLE_DOCUMENT_CHECKS = ("N002", "N004", "N005", "C001", "C002", "S007", "S008")
PART = "part"  # Document.metadata key: (index of the part, its character offset in the file)
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
    reader = reader_for(path) if path != STDIN else None
    if (
        reader not in (read_jsonl, read_text)
        or encoding is not None
        or source is not None
        or not _large(path)
    ):
        yield from iter_path(path, encoding=encoding, errors=errors, source=source, **options)
        return
    with open(path, "rb") as f:
        head = f.read(8192)
    if head.startswith(_OTHER_BOMS):
        yield from iter_path(path, encoding=encoding, errors=errors, **options)
        return
    if is_binary(head):
        raise BinaryInputError("looks like a binary file (NUL bytes); not audited", path=path)
    if reader is read_jsonl:
        lines = ((n, start, line.rstrip("\r\n")) for n, start, line in _lines(path, errors))
        yield from read_jsonl_lines(lines, path, **options)
    else:
        yield from _text_parts(path, errors, **options)


def _large(path: str) -> bool:
    try:
        return os.path.getsize(path) > STREAM_BYTES
    except OSError:
        return False  # the whole-file reader reports it


def _lines(path: str, errors: str) -> Iterator[tuple[int, int, str]]:
    """``(line number, character offset, line with its line break)`` of a UTF-8 file;
    raises for a file with nothing but blank lines, as the whole-file readers do."""
    chars = 0
    offset = 0
    blank = True
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            line = decode_line(raw, path, offset, errors)
            if number == 1 and line.startswith("\ufeff"):
                line = line[1:]
            blank = blank and not line.strip()
            yield number, chars, line
            chars += len(line)
            offset += len(raw)
    if blank:
        raise InputError("empty file: nothing to audit", path=path)


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


def _text_parts(path: str, errors: str, *, target_lang: str = "en", **_: Any) -> Iterator[Document]:
    part: list[str] = []
    index = 0
    anchors: list[tuple[int, int, int]] = []
    size = start = 0
    file_line = 1  # counted as the whole-file reader counts: \n, \r\n and a lone \r
    for _number, chars, line in _lines(path, errors):
        if not part:
            start = chars
        anchors.append((size, file_line, 1))
        for m in LINE_BREAK.finditer(line):
            file_line += 1
            if m.end() < len(line):  # a lone \r inside the line: a new file line
                anchors.append((size + m.end(), file_line, 1))
        part.append(line)
        size += len(line)
        if (size >= TEXT_PART_CHARS and not line.strip()) or size >= TEXT_PART_MAX_CHARS:
            yield _part(path, target_lang, "".join(part), start, anchors, index)
            part, anchors, size = [], [], 0
            index += 1
    if part and "".join(part).strip():
        yield _part(path, target_lang, "".join(part), start, anchors, index)


def _part(
    path: str,
    target_lang: str,
    text: str,
    start: int,
    anchors: list[tuple[int, int, int]],
    index: int,
) -> Document:
    return Document(
        id=path,
        path=path,
        target=text,
        target_lang=target_lang,
        metadata={PART: (index, start)},
        target_origin=Origin(path=path, offset=start, anchors=tuple(anchors)),
    )
