"""What the readers of large files share (:mod:`audit.formats.stream`): the metadata key
of a part, the size of plain-text parts, and reading a UTF-8 file line by line."""

from __future__ import annotations

from collections.abc import Iterator

from audit.errors import InputError
from audit.formats.decode import decode_line

PART = "part"  # Document.metadata key: (index of the part, its character offset in the file)
TEXT_PART_CHARS = 256 * 1024  # a plain-text part ends at the first blank line past this
TEXT_PART_MAX_CHARS = 4 * TEXT_PART_CHARS  # ... or at a line break past this, blank or not


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
