"""Input formats: each reader turns a file's text into :class:`~audit.document.Document` values.

``read_path`` picks the reader from the file name; ``-`` reads standard input as text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from audit.document import Document
from audit.errors import InputError
from audit.formats.decode import decode
from audit.formats.jsonl import read_jsonl
from audit.formats.text import read_text

STDIN = "-"
STDIN_NAME = "<stdin>"

Reader = Callable[..., Iterator[Document]]

READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}
DEFAULT_READER: Reader = read_text

__all__ = ["READERS", "STDIN", "iter_path", "read_bytes", "read_path", "reader_for"]


def reader_for(path: str) -> Reader:
    return READERS.get(Path(path).suffix.lower(), DEFAULT_READER)


def read_bytes(path: str) -> bytes:
    """Read a file (or standard input for ``-``), with one-line errors."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    p = Path(path)
    try:
        return p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory; give the files to audit", path=path) from None
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None


def read_path(path: str, *, encoding: str | None = None, errors: str = "strict", **options: Any) -> list[Document]:
    """Read every document in ``path``; raise :class:`InputError` on bad input."""
    return list(iter_path(path, encoding=encoding, errors=errors, **options))


def iter_path(path: str, *, encoding: str | None = None, errors: str = "strict", **options: Any) -> Iterator[Document]:
    """Like :func:`read_path`, one document at a time (a large export is never held as
    documents all at once); errors surface when the bad record is reached."""
    name = STDIN_NAME if path == STDIN else path
    if path != STDIN and Path(path).is_dir():
        raise InputError("is a directory; give the files to audit", path=name)
    text = decode(read_bytes(path), name, encoding=encoding, errors=errors)
    if not text.strip():
        raise InputError("empty file: nothing to audit", path=name)
    reader = DEFAULT_READER if path == STDIN else reader_for(path)
    yield from reader(text, name, **options)
