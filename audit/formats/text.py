"""Plain text and Markdown: the whole file is one target document.

With ``--source FILE`` the source file is the document's source (a whole-article
pair, aligned sentence by sentence by the bilingual checks); positions on the source
side are lines and columns of that file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from audit.document import LINE_BREAK, Document
from audit.formats import parts
from audit.formats.format import Format, as_is
from audit.formats.parts import PART, read_lines
from audit.segments import Origin


def read_text(
    text: str,
    path: str,
    *,
    target_lang: str = "en",
    source: str | None = None,
    source_lang: str | None = None,
    source_path: str | None = None,
    **_: Any,
) -> Iterator[Document]:
    yield Document(
        id=path,
        path=path,
        target=text,
        target_lang=target_lang,
        source=source,
        source_lang=source_lang,
        source_path=source_path,
    )


def stream_text(path: str, errors: str, *, target_lang: str = "en", **_: Any) -> Iterator[Document]:
    """A large text file in parts of about TEXT_PART_CHARS characters, cut at blank
    lines (between paragraphs), each a document whose positions are the file's."""
    part: list[str] = []
    index = 0
    anchors: list[tuple[int, int, int]] = []
    size = start = 0
    file_line = 1  # counted as the whole-file reader counts: \n, \r\n and a lone \r
    for _number, chars, line in read_lines(path, errors):
        if not part:
            start = chars
        anchors.append((size, file_line, 1))
        for m in LINE_BREAK.finditer(line):
            file_line += 1
            if m.end() < len(line):  # a lone \r inside the line: a new file line
                anchors.append((size + m.end(), file_line, 1))
        part.append(line)
        size += len(line)
        if (
            size >= parts.TEXT_PART_CHARS and not line.strip()
        ) or size >= parts.TEXT_PART_MAX_CHARS:
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


#: Plain text and Markdown; also what a file with an unknown ending is read as.
FORMAT = Format(
    name="text",
    suffixes=(".txt", ".md", ".markdown", ".text"),
    read=read_text,
    stream=stream_text,
    encode=as_is,
    source_file=True,
)
