"""Every input format, listed in one place.

Each format module declares its :class:`~audit.formats.format.Format`; this list is
what reading (``audit check``, ``audit report``, the server), streaming large files,
``--source`` and ``audit fix --write`` look a file's format up in. To add a format,
write its module (reader, and an encoder or writer if its files can be fixed) with its
tests, and add a line to ``_ENTRIES`` here.

The list names each format's module, attribute and file endings without importing
the module: a hook auditing one text file imports the text reader only, not the XML,
PO, HTML and CSV readers (``format_for`` imports the module of the format it returns;
``FORMATS`` imports them all). ``tests/test_formats_registry.py`` checks that the
endings listed here are those each ``Format`` declares.
"""

from __future__ import annotations

import sys
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from audit.formats.format import Format


class Entry(NamedTuple):
    """Where a format lives: its name, its file endings, its module and attribute."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    attribute: str = "FORMAT"

    def load(self) -> Format:
        """The format's value (importing its module on first use)."""
        __import__(self.module)  # not importlib: `python -X importtime` shows it
        fmt: Format = getattr(sys.modules[self.module], self.attribute)
        return fmt


_ENTRIES: tuple[Entry, ...] = (
    Entry("text", (".txt", ".md", ".markdown", ".text"), "audit.formats.text"),
    Entry("jsonl", (".jsonl", ".ndjson"), "audit.formats.jsonl"),
    Entry("csv", (".csv",), "audit.formats.table", "CSV_FORMAT"),
    Entry("tsv", (".tsv", ".tab"), "audit.formats.table", "TSV_FORMAT"),
    Entry("xliff", (".xlf", ".xliff", ".xlf2"), "audit.formats.xliff"),
    Entry("po", (".po", ".pot"), "audit.formats.po"),
    Entry("tmx", (".tmx",), "audit.formats.tmx"),
    Entry("srt", (".srt",), "audit.formats.srt"),
    Entry("html", (".html", ".htm"), "audit.formats.html"),
)

#: The entry of each file ending.
_BY_SUFFIX: dict[str, Entry] = {s: e for e in _ENTRIES for s in e.suffixes}

#: File endings of every format (what is picked up inside folders), without importing any.
SUFFIXES: frozenset[str] = frozenset(_BY_SUFFIX)

#: File name endings of plain text and Markdown (the default format's).
TEXT_SUFFIXES: tuple[str, ...] = _ENTRIES[0].suffixes


def default_format() -> Format:
    """What a file whose ending no format claims is read as: plain text."""
    return _ENTRIES[0].load()


def format_for(path: str) -> Format:
    """The format of a file, by its name's ending (plain text when unknown)."""
    entry = _BY_SUFFIX.get(PurePath(path).suffix.lower(), _ENTRIES[0])
    return entry.load()


def format_named(name: str) -> Format:
    """A format by its name (``jsonl``, ``xliff``...)."""
    for e in _ENTRIES:
        if e.name == name:
            return e.load()
    raise KeyError(name)


def all_formats() -> tuple[Format, ...]:
    """Every format, in the registry's order (imports every format module)."""
    return tuple(e.load() for e in _ENTRIES)


def __getattr__(name: str) -> Any:
    # FORMATS, DEFAULT_FORMAT and BY_SUFFIX import format modules: built on first use.
    if name == "FORMATS":
        return all_formats()
    if name == "DEFAULT_FORMAT":
        return default_format()
    if name == "BY_SUFFIX":
        return {s: f for f in all_formats() for s in f.suffixes}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
