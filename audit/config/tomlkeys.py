"""Line numbers of the keys in a TOML document.

``tomllib`` parses TOML but forgets where each key was written; configuration errors
must name the line. This scanner walks a document that ``tomllib`` has already
accepted and records the line of every key path: table headers, dotted keys, keys
of inline tables, array elements (by index) and array-of-tables entries (by index).
It reads strings of all four kinds, comments and multi-line arrays, so a ``[`` or
``=`` inside a string or a comment never misleads it.
"""

from __future__ import annotations

import bisect
import re

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def key_lines(text: str) -> dict[Path, int]:
    """Map each key path to the 1-based line where it is first defined."""
    return _Scanner(text).scan()


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest defined parent."""
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.i = 0
        self.lines: dict[Path, int] = {}
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._tables: dict[Path, int] = {}

    def scan(self) -> dict[Path, int]:
        table: Path = ()
        while self.i < len(self.text):
            self._skip(newlines=True)
            if self.i >= len(self.text):
                break
            start = self.i
            if self.text.startswith("[[", self.i):
                self.i += 2
                header = self._key()
                index = self._tables.get(header, -1) + 1
                self._tables[header] = index
                table = (*header, index)
                self._record_all(table, start)
                self._expect("]]")
            elif self.text[self.i] == "[":
                self.i += 1
                table = self._key()
                self._record_all(table, start)
                self._expect("]")
            else:
                key = self._key()
                self._record_all((*table, *key), start, after=len(table))
                self._expect("=")
                self._value((*table, *key))
        return self.lines

    # -- pieces -------------------------------------------------------------------

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def _record(self, path: Path, offset: int) -> None:
        self.lines.setdefault(path, self._line(offset))

    def _record_all(self, path: Path, offset: int, after: int = 0) -> None:
        """Record ``path`` and its parents (beyond the first ``after`` parts)."""
        for n in range(after + 1, len(path) + 1):
            self._record(path[:n], offset)

    def _skip(self, *, newlines: bool) -> None:
        t = self.text
        while self.i < len(t):
            c = t[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#":
                end = t.find("\n", self.i)
                self.i = len(t) if end < 0 else (end + 1 if newlines else end)
            else:
                break

    def _expect(self, token: str) -> None:
        self._skip(newlines=False)
        if not self.text.startswith(token, self.i):
            raise ValueError(f"expected {token!r} at offset {self.i}")
        self.i += len(token)
        self._skip(newlines=False)

    def _key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self._skip(newlines=False)
            parts.append(self._simple_key())
            self._skip(newlines=False)
            if self.i < len(self.text) and self.text[self.i] == ".":
                self.i += 1
                continue
            return tuple(parts)

    def _simple_key(self) -> str:
        t = self.text
        if t.startswith('"', self.i):
            start = self.i
            self._string()
            return _unescape(t[start + 1 : self.i - 1])
        if t.startswith("'", self.i):
            start = self.i
            self._string()
            return t[start + 1 : self.i - 1]
        m = _BARE.match(t, self.i)
        if m is None:
            raise ValueError(f"expected a key at offset {self.i}")
        self.i = m.end()
        return m.group()

    def _string(self) -> None:
        """Move past a string of any of the four kinds starting at ``self.i``."""
        t = self.text
        for delim, escapes in (('"""', True), ("'''", False), ('"', True), ("'", False)):
            if not t.startswith(delim, self.i):
                continue
            j = self.i + len(delim)
            while True:
                if escapes and t[j] == "\\":
                    j += 2
                    continue
                if t.startswith(delim, j):
                    j += len(delim)
                    if len(delim) == 3:  # up to two quotes may end the content
                        while j < len(t) and t[j] == delim[0] and t.startswith(delim, j - 2):
                            j += 1
                    self.i = j
                    return
                j += 1

    def _value(self, path: Path) -> None:
        self._skip(newlines=False)
        t = self.text
        c = t[self.i]
        if c in "\"'":
            self._string()
        elif c == "[":
            self.i += 1
            index = 0
            while True:
                self._skip(newlines=True)
                if t[self.i] == "]":
                    self.i += 1
                    break
                self._record((*path, index), self.i)
                self._value((*path, index))
                index += 1
                self._skip(newlines=True)
                if t[self.i] == ",":
                    self.i += 1
        elif c == "{":
            self.i += 1
            while True:
                self._skip(newlines=True)
                if t[self.i] == "}":
                    self.i += 1
                    break
                start = self.i
                key = self._key()
                self._record_all((*path, *key), start, after=len(path))
                self._expect("=")
                self._value((*path, *key))
                self._skip(newlines=True)
                if t[self.i] == ",":
                    self.i += 1
        else:
            while self.i < len(t) and t[self.i] not in ",]}\r\n#":
                self.i += 1
        self._skip(newlines=False)


def _unescape(s: str) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] in "uU":
            return chr(int(e[1:], 16))
        return _SIMPLE_ESCAPES.get(e, e)

    return _ESCAPE.sub(one, s)
