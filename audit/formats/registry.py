"""Every input format, listed in one place.

Each format module declares its :class:`~audit.formats.format.Format`; this list is
what reading (``audit check``, ``audit report``, the server), streaming large files,
``--source`` and ``audit fix --write`` look a file's format up in. To add a format,
write its module (reader, and an encoder or writer if its files can be fixed) with its
tests, and add its ``FORMAT`` here.
"""

from __future__ import annotations

from pathlib import PurePath

from audit.formats import html, jsonl, po, srt, table, text, tmx, xliff
from audit.formats.format import Format

FORMATS: tuple[Format, ...] = (
    text.FORMAT,
    jsonl.FORMAT,
    table.CSV_FORMAT,
    table.TSV_FORMAT,
    xliff.FORMAT,
    po.FORMAT,
    tmx.FORMAT,
    srt.FORMAT,
    html.FORMAT,
)

#: What a file whose ending no format claims is read as.
DEFAULT_FORMAT: Format = text.FORMAT

BY_SUFFIX: dict[str, Format] = {s: f for f in FORMATS for s in f.suffixes}


def format_for(path: str) -> Format:
    """The format of a file, by its name's ending (plain text when unknown)."""
    return BY_SUFFIX.get(PurePath(path).suffix.lower(), DEFAULT_FORMAT)


def format_named(name: str) -> Format:
    """A format by its name (``jsonl``, ``xliff``...)."""
    for f in FORMATS:
        if f.name == name:
            return f
    raise KeyError(name)
