"""The entries of a PO file as polib reads them, without polib, for ordinary files.

Reading a PO file cost about 1 ms in polib (0.4 s of the 1.0 s that reading the 882
NTREX PO files takes), for a file that :func:`audit.formats.po_syntax.check_syntax`
has just walked line by line. :func:`parse_entries` replays polib's own state machine
(``polib._POFileParser``, version 1.2) on the lines, keeping only what the reader
uses: each entry's ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr``,
``msgstr_plural``, translator comment and line, and the header's metadata. Anything
it does not replay (obsolete ``#~`` entries, previous strings ``#|``, a byte order
mark, a header entry polib would find ambiguously, a line or transition polib
refuses) gives ``None``: the caller then asks polib, so that what polib reads, and
the errors it raises, stay exactly as they were. ``tests/test_po_entries.py``
compares the two readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_ALL = ("st", "he", "gc", "oc", "fl", "ct", "tc", "ms", "mp", "mx", "mi")
# (symbol, state) -> next state: polib's transitions, less those of obsolete and
# previous-string lines (pc, pm, pp), which send a file to polib.
_TRANSITIONS: dict[tuple[str, str], str] = {}
for _symbol, _states, _next in (
    ("tc", ("st", "he"), "he"),
    ("tc", ("gc", "oc", "fl", "tc", "ms", "mp", "mx", "mi"), "tc"),
    ("gc", _ALL, "gc"),
    ("oc", _ALL, "oc"),
    ("fl", _ALL, "fl"),
    ("ct", ("st", "he", "gc", "oc", "fl", "tc", "ms", "mx"), "ct"),
    ("mi", ("st", "he", "gc", "oc", "fl", "ct", "tc", "ms", "mx"), "mi"),
    ("mp", ("tc", "gc", "mi"), "mp"),
    ("ms", ("mi", "mp", "tc"), "ms"),
    ("mx", ("mi", "mx", "mp", "tc"), "mx"),
    ("mc", ("ct", "mi", "mp", "ms", "mx"), "mc"),
):
    for _state in _states:
        _TRANSITIONS[(_symbol, _state)] = _next
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
_UNESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\"}


def _unescape(s: str) -> str:
    """polib's ``unescape``: only these escapes, the others kept as written."""
    if "\\" not in s:
        return s
    return _UNESCAPE.sub(lambda m: _UNESCAPES.get(m.group(1), m.group(1)), s)


@dataclass
class Entry:
    """What the PO reader uses of a ``polib.POEntry``, under the same names."""

    linenum: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    tcomment: str = ""
    obsolete: bool = False


@dataclass
class Catalog:
    """The entries (header excluded) and the header's metadata, as polib gives them."""

    entries: list[Entry]
    metadata: dict[str, str]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)


class _Refused(Exception):
    """A line or transition not replayed here: polib reads the file."""


def parse_entries(text: str) -> Catalog | None:
    """The file's entries as polib would read them, or None to let polib read it."""
    if text.startswith("\ufeff"):
        return None
    try:
        return _parse(text)
    except _Refused:
        return None


def _parse(text: str) -> Catalog:
    entries: list[Entry] = []
    entry = Entry(linenum=0)
    state = "st"
    index = 0  # the msgstr[n] that continuation lines extend
    tokens: list[str] = []

    def go(symbol: str) -> str:
        next_state = _TRANSITIONS.get((symbol, state))
        if next_state is None:
            raise _Refused
        return next_state

    def new_entry(line: int) -> None:
        """A keyword or comment after a msgstr starts the next entry (at ``line``)."""
        nonlocal entry
        if state in ("ms", "mx"):
            entries.append(entry)
            entry = Entry(linenum=line)

    def string(token: str) -> str:
        if _UNESCAPED_QUOTE.search(token[1:-1]):
            raise _Refused  # polib's "unescaped double quote found"
        return token

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        tokens = line.split(None, 2)
        first = tokens[0]
        if first.startswith(("#~", "#|")):
            raise _Refused
        if first in _KEYWORDS and len(tokens) > 1:
            token = string(line[len(first) :].lstrip())
            symbol = _KEYWORDS[first]
            next_state = go(symbol)
            if symbol in ("ct", "mi"):
                new_entry(number)
            value = _unescape(token[1:-1])
            if symbol == "ct":
                entry.msgctxt = value
            elif symbol == "mi":
                entry.msgid = value
            elif symbol == "mp":
                entry.msgid_plural = value
            else:
                entry.msgstr = value
            state = next_state
        elif first == "#:":
            if len(tokens) <= 1:
                continue
            next_state = go("oc")
            new_entry(number)
            state = next_state
        elif line[:1] == '"':
            string(line)
            go("mc")  # a continuation keeps the state it extends
            value = _unescape(line[1:-1])
            if state == "ct":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif state == "mi":
                entry.msgid += value
            elif state == "mp":
                entry.msgid_plural += value
            elif state == "ms":
                entry.msgstr += value
            else:  # mx
                entry.msgstr_plural[index] += value
        elif line[:7] == "msgstr[":
            next_state = go("mx")
            if not line[7:8].isdigit() or not line[7:8].isascii():
                raise _Refused
            index = int(line[7])
            entry.msgstr_plural[index] = _unescape(line[line.find('"') + 1 : -1])
            state = next_state
        elif first == "#,":
            if len(tokens) <= 1:
                continue
            next_state = go("fl")
            new_entry(number)
            state = next_state
        elif first == "#" or first.startswith("##"):
            next_state = go("tc")
            if next_state == "tc":
                new_entry(number)
                if entry.tcomment:
                    entry.tcomment += "\n"
                comment = (line + " " if line == "#" else line).lstrip("#")
                entry.tcomment += comment[1:] if comment.startswith(" ") else comment
            state = next_state  # a header comment ("he") belongs to no entry
        elif first == "#.":
            if len(tokens) <= 1:
                continue
            next_state = go("gc")
            new_entry(number)
            state = next_state
        else:
            raise _Refused
    if tokens and not tokens[0].startswith("#"):
        entries.append(entry)  # the last entry (trailing comments are dropped)
    return _with_metadata(entries)


def _with_metadata(entries: list[Entry]) -> Catalog:
    headers = [e for e in entries if e.msgid == ""]
    metadata: dict[str, str] = {}
    if not headers:
        return Catalog(entries, metadata)
    if len(headers) > 1 or headers[0].msgctxt is not None:
        raise _Refused  # polib's choice among several, and its removal by equality
    header = headers[0]
    entries = [e for e in entries if e is not header]
    key = None
    for msg in header.msgstr.splitlines():
        try:
            key, val = msg.split(":", 1)
            metadata[key] = val.strip()
        except (ValueError, KeyError):
            if key is not None:
                metadata[key] += "\n" + msg.strip()
    return Catalog(entries, metadata)
