"""Input formats: each reader turns a file's text into :class:`~audit.document.Document` values.

``read_path`` picks the reader from the file name; ``-`` reads standard input as text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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

__all__ = ["READERS", "STDIN", "SourceFile", "load_file", "read_bytes", "read_path", "reader_for"]


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
    return load_file(path, encoding=encoding, errors=errors, **options).documents


@dataclass(frozen=True)
class SourceFile:
    """A file as read: its bytes and decoded text (to write fixes back) and its documents."""

    path: str  # as given; "-" for standard input
    name: str  # as shown in findings
    data: bytes
    text: str
    reader: Reader
    documents: list[Document]


def load_file(path: str, *, encoding: str | None = None, errors: str = "strict", **options: Any) -> SourceFile:
    """Read and decode ``path`` and split it into documents; one-line errors."""
    name = STDIN_NAME if path == STDIN else path
    if path != STDIN and Path(path).is_dir():
        raise InputError("is a directory; give the files to audit", path=name)
    data = read_bytes(path)
    text = decode(data, name, encoding=encoding, errors=errors)
    if not text.strip():
        raise InputError("empty file: nothing to audit", path=name)
    reader = DEFAULT_READER if path == STDIN else reader_for(path)
    return SourceFile(path, name, data, text, reader, list(reader(text, name, **options)))
