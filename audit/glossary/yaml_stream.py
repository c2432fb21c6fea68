"""A glossary's YAML read event by event, each entry built as soon as its mapping ends.

PyYAML's loader composes the whole document into nodes (each with two position
marks) before it builds any value: a 100,000-entry glossary took 914 MiB that way,
nearly all of it nodes that were thrown away once the entries were built. Read as
parse events from the same parser, the entries list holds built entries, never
nodes, and the values are the ones the line-keeping loader gives (every scalar a
string that knows its line, only ``null`` resolved, duplicate keys refused, each
mapping's line under ``__line__``).

What this reader does not build itself (anchors and aliases, explicit tags, several
documents in one file) raises :class:`Unsupported`, and the caller loads the file
with the full loader instead: such files are hand-written and small.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from audit.errors import GlossaryError

#: Plain scalars that YAML reads as null (the one implicit type the glossary loader keeps).
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NO_KEY = object()


class Unsupported(Exception):
    """The file uses YAML this reader leaves to the full loader."""


class _Frame:
    __slots__ = ("items", "line", "key", "key_line", "seen", "entries")

    def __init__(self, items: dict[Any, Any] | list[Any], line: int, entries: bool = False):
        self.items = items
        self.line = line
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.seen: dict[Any, int] = {}
        self.entries = entries  # a sequence whose items are glossary entries


def read_yaml(
    loader: Any,
    path: str,
    text_type: Callable[[str], Any],
    line_key: str,
    entry: Callable[[Any], Any],
) -> Any:
    """The document ``loader`` parses, built from its events; the items of the
    top-level ``entries`` list (or of a top-level list) are passed through ``entry``
    as each ends. ``text_type`` makes a scalar (it is given a ``line`` after);
    ``line_key`` is the key under which a mapping records its line. Parser errors
    propagate as PyYAML raises them."""
    from yaml import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    stack: list[_Frame] = []
    result: Any = None
    documents = 0

    def done(value: Any, line: int, scalar: bool) -> None:
        nonlocal result
        if not stack:
            result = value
            return
        frame = stack[-1]
        if isinstance(frame.items, list):
            frame.items.append(entry(value) if frame.entries else value)
        elif frame.key is _NO_KEY:
            if not scalar:
                raise Unsupported("a mapping or list as a key")
            if value in frame.seen:
                raise GlossaryError(
                    f"duplicate key {value!r} (first on line {frame.seen[value]})",
                    path=path,
                    line=line,
                )
            frame.seen[value] = line
            frame.key, frame.key_line = value, line
        else:
            frame.items[frame.key] = value
            frame.key = _NO_KEY

    while True:
        event = loader.get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise Unsupported("an anchor or a tag")
            line = event.start_mark.line + 1
            if event.implicit[0] and event.value in NULLS:
                value = None
            else:
                value = text_type(event.value)
                value.line = line
            done(value, line, True)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise Unsupported("an anchor or a tag")
            line = event.start_mark.line + 1
            if kind is MappingStartEvent:
                stack.append(_Frame({}, line))
            else:
                parent = stack[-1] if stack else None
                entries = parent is None or (
                    len(stack) == 1 and isinstance(parent.items, dict) and parent.key == "entries"
                )
                stack.append(_Frame([], line, entries))
        elif kind is MappingEndEvent:
            frame = stack.pop()
            assert isinstance(frame.items, dict)
            frame.items[line_key] = frame.line
            done(frame.items, frame.line, False)
        elif kind is SequenceEndEvent:
            frame = stack.pop()
            done(frame.items, frame.line, False)
        elif kind is AliasEvent:
            raise Unsupported("an alias")
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise Unsupported("several documents")  # the full loader says so
        elif kind is StreamEndEvent:
            return result
