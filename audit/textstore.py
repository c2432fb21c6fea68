"""Target texts held on disk past a bound, for the views that quote them.

The grouped view quotes each finding's line, so ``audit check`` keeps the target text
of every document whose findings are still to be written: a whole file, when its
findings are sorted at its end (a large file read in parts, a JSON Lines file whose
records are not in order). Held as strings, that is memory following the input's size.
:class:`TextStore` keeps texts in memory up to ``LIMIT`` characters in all and writes
the rest to an anonymous temporary file, in chunks; a text kept there is read back as
a :class:`StoredText`, which answers the few string operations a quote needs (length,
slices, ``find`` and ``rfind`` in a range) by reading only the chunks they touch.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from typing import IO, Protocol

LIMIT = 4_000_000  # characters of text kept in memory before later texts go to disk
_CHUNK = 64 * 1024  # characters per chunk on disk: what one read decodes
_ENCODING = "utf-8"
_ERRORS = "surrogatepass"  # a lone surrogate (from a JSON escape) comes back as it was


class QuotableText(Protocol):
    """What a view may do with a target text: ``str`` and :class:`StoredText` both do it."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: slice) -> str: ...

    def find(self, sub: str, start: int = ..., end: int = ...) -> int: ...

    def rfind(self, sub: str, start: int = ..., end: int = ...) -> int: ...


class StoredText:
    """A text whose pieces are in memory or in the store's file, read back on demand.

    Pieces are ``(start, piece)`` where ``piece`` is a string, or a chunk on disk as
    ``(byte offset, byte length, characters)``. The last chunks read are kept decoded:
    views read a file's findings in order, so most reads hit them."""

    def __init__(self, file: IO[bytes] | None) -> None:
        self._file = file
        self._starts: list[int] = []
        self._pieces: list[str | tuple[int, int, int]] = []
        self._length = 0
        self._decoded: dict[int, str] = {}

    def _append(self, piece: str | tuple[int, int, int], chars: int) -> None:
        self._starts.append(self._length)
        self._pieces.append(piece)
        self._length += chars

    def __len__(self) -> int:
        return self._length

    def _piece(self, i: int) -> str:
        piece = self._pieces[i]
        if isinstance(piece, str):
            return piece
        text = self._decoded.get(i)
        if text is None:
            assert self._file is not None
            offset, size, _ = piece
            self._file.seek(offset)
            text = self._file.read(size).decode(_ENCODING, _ERRORS)
            if len(self._decoded) >= 4:
                self._decoded.pop(next(iter(self._decoded)))
            self._decoded[i] = text
        return text

    def __getitem__(self, index: slice) -> str:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a stored text is read by slices")
        start, stop, _ = index.indices(self._length)
        if start >= stop:
            return ""
        out = []
        i = bisect.bisect_right(self._starts, start) - 1
        while i < len(self._pieces) and self._starts[i] < stop:
            base = self._starts[i]
            piece = self._piece(i)
            out.append(piece[max(0, start - base) : stop - base])
            i += 1
        return "".join(out)

    def _bounds(self, start: int | None, end: int | None) -> tuple[int, int]:
        s, e, _ = slice(start, end).indices(self._length)
        return s, max(s, e)

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:
        s, e = self._bounds(start, end)
        i = self[s:e].find(sub)
        return i if i < 0 else s + i

    def rfind(self, sub: str, start: int | None = None, end: int | None = None) -> int:
        s, e = self._bounds(start, end)
        i = self[s:e].rfind(sub)
        return i if i < 0 else s + i

    def __str__(self) -> str:
        return self[0 : self._length]


class TextStore:
    """Texts by key, each added piece by piece; past ``limit`` characters held in
    memory, further pieces go to one temporary file (removed when the store is)."""

    def __init__(self, limit: int | None = None) -> None:
        self._limit = LIMIT if limit is None else limit
        self._held = 0  # characters in memory
        self._texts: dict[Hashable, StoredText] = {}
        self._file: IO[bytes] | None = None

    def add(self, key: Hashable, piece: str) -> None:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = StoredText(self._file)
        if self._held + len(piece) <= self._limit:
            text._append(piece, len(piece))
            self._held += len(piece)
            return
        if self._file is None:
            import tempfile  # only once texts go to disk

            self._file = tempfile.TemporaryFile()
        text._file = self._file
        for i in range(0, len(piece), _CHUNK):
            chunk = piece[i : i + _CHUNK]
            data = chunk.encode(_ENCODING, _ERRORS)
            offset = self._file.seek(0, 2)
            self._file.write(data)
            text._append((offset, len(data), len(chunk)), len(chunk))

    def text(self, key: Hashable) -> str | StoredText:
        """The text of ``key``: a string when it is all in memory."""
        text = self._texts[key]
        pieces = text._pieces
        if all(isinstance(p, str) for p in pieces):
            whole = "".join(p for p in pieces if isinstance(p, str))
            text._pieces, text._starts = [whole], [0]  # held once, not twice
            return whole
        return text

    def forget(self, key: Hashable) -> None:
        """Drop ``key``'s text (what it held in memory is freed; disk space is not
        reused, and is given back when the store goes)."""
        text = self._texts.pop(key, None)
        if text is not None:
            self._held -= sum(len(p) for p in text._pieces if isinstance(p, str))

    def __contains__(self, key: Hashable) -> bool:
        return key in self._texts

    def keys(self) -> list[Hashable]:
        return list(self._texts)
