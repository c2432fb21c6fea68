"""What the readers of large files share (:mod:`audit.formats.stream`): the metadata key
of a part, the size of parts, reading a UTF-8 file line by line, and cutting a
bilingual file into parts of whole units."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from audit.errors import InputError
from audit.formats.decode import decode_line
from audit.segments import SEGMENT_SEPARATOR, SegmentBuilder

if TYPE_CHECKING:
    from audit.document import Document
    from audit.formats.xml import ElementLocator

# Document.metadata key: (index of the part, its character offset in the file); for a
# bilingual file, (index, offset of its target text, of its source text) in the whole
# document's joined texts (:class:`UnitParts`).
PART = "part"
TEXT_PART_CHARS = 256 * 1024  # a plain-text part ends at the first blank line past this
TEXT_PART_MAX_CHARS = 4 * TEXT_PART_CHARS  # ... or at a line break past this, blank or not
# An XLIFF or TMX part ends at the first unit end past TEXT_PART_CHARS characters of
# unit text (targets and sources).


def read_whole(path: str, errors: str) -> str:
    """A large UTF-8 file read whole, decoded, as the whole-file readers read it, without
    their passing copies: the file's bytes are let go of once decoded, and no stripped
    copy is made to see that it is not empty (a file of 200,000 XLIFF units is 30 MB)."""
    from audit.formats import read_bytes
    from audit.formats.decode import decode

    data = read_bytes(path)
    text = decode(data, path, errors=errors)
    del data
    if not text or text.isspace():
        raise InputError("empty file: nothing to audit", path=path)
    return text


def read_lines(path: str, errors: str) -> Iterator[tuple[int, int, str]]:
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


class UnitParts:
    """Cuts a bilingual file (XLIFF, TMX) into parts of whole units, read in order.

    A part ends with the first unit that brings its texts (target and source) to
    ``limit`` characters. Each part is a document holding its units' texts joined as
    the whole document would join them, so a finding's offsets in the whole document
    are the part's plus where the part's text starts there, on its own side: the
    ``PART`` value of a part is ``(index, target offset, source offset)``.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.index = 0
        self._offsets = {"target": 0, "source": 0}
        self._ends: dict[str, int | None] = {"target": None, "source": None}
        self._counted = 0

    def full(self, builder: SegmentBuilder) -> bool:
        """Count the units added since the last call; True when the part is full."""
        for segment in builder.segments[self._counted :]:
            self._ends["target"] = segment.target.end
            if segment.source is not None:
                self._ends["source"] = segment.source.end
        self._counted = len(builder.segments)
        return sum(end or 0 for end in self._ends.values()) >= self.limit

    def document(
        self,
        builder: SegmentBuilder,
        locator: ElementLocator,
        end: int,
        document_id: str,
        path: str,
        target_lang: str,
        source_lang: str | None,
        metadata: Mapping[str, Any],
    ) -> Document:
        """The part ``builder`` holds as a document: the locator's part ends at ``end``
        (the characters of the file read so far), and the metadata gets the ``PART``
        value; the next part starts after it."""
        locator.close_part(end)
        part = self.close(builder)
        return builder.document(
            document_id,
            path,
            target_lang,
            source_lang=source_lang,
            metadata={**metadata, PART: part},
        )

    def close(self, builder: SegmentBuilder) -> tuple[int, int, int]:
        """The ``PART`` value of the part ``builder`` holds; the next part starts after it."""
        self.full(builder)
        value = (self.index, self._offsets["target"], self._offsets["source"])
        for side, end in self._ends.items():
            if end is not None:
                self._offsets[side] += end + len(SEGMENT_SEPARATOR)
        self.index += 1
        self._ends = {"target": None, "source": None}
        self._counted = 0
        return value
