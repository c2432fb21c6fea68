"""Input formats: each reader turns a file's text into :class:`~audit.document.Document` values.

``read_path`` picks the reader from the file name; ``-`` reads standard input as text.
Readers take the decoded text, the path and keyword options (``target_lang``,
``source_lang``, ``fields``; ``source``/``source_path`` for the formats whose source
is a separate file: plain text, Markdown and SRT).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.document import Document
from audit.errors import ConfigError, InputError
from audit.formats.decode import decode
from audit.formats.jsonl import read_jsonl
from audit.formats.po import read_po
from audit.formats.srt import read_srt
from audit.formats.table import read_table, read_tsv
from audit.formats.text import read_text
from audit.formats.tmx import read_tmx
from audit.formats.xliff import read_xliff

STDIN = "-"
STDIN_NAME = "<stdin>"

Reader = Callable[..., Iterator[Document]]

READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_table,
    ".tsv": read_tsv,
    ".tab": read_tsv,
    ".xlf": read_xliff,
    ".xliff": read_xliff,
    ".xlf2": read_xliff,
    ".po": read_po,
    ".pot": read_po,
    ".tmx": read_tmx,
    ".srt": read_srt,
}
DEFAULT_READER: Reader = read_text
# Readers whose source comes from a separate file (--source).
SOURCE_FILE_READERS: tuple[Reader, ...] = (read_text, read_srt)

#: File name endings audited when a folder is given, besides those of every reader above.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

__all__ = [
    "READERS",
    "STDIN",
    "TEXT_SUFFIXES",
    "SourceFile",
    "folder_suffixes",
    "iter_files",
    "iter_path",
    "load_file",
    "read_bytes",
    "read_path",
    "read_text_file",
    "reader_for",
]


def folder_suffixes() -> frozenset[str]:
    """Suffixes of the files picked up inside folders: plain text plus every known reader."""
    return frozenset(TEXT_SUFFIXES) | frozenset(READERS)


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly (and ``-``), and the files of known formats inside folders
    (recursively, sorted, hidden files and folders left out)."""
    suffixes = folder_suffixes()
    for path in paths:
        p = Path(path)
        if path == STDIN or not p.is_dir():
            if path != STDIN and not p.exists():
                raise InputError("no such file or folder", path=path)
            yield path
            continue
        found = False
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                    found = True
                    yield str(Path(root) / name)
        if not found:
            raise InputError(
                f"no files to audit in this folder (known endings: {' '.join(sorted(suffixes))})",
                path=path,
            )


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


def _read_decoded(
    path: str, *, encoding: str | None, errors: str, empty_ok: bool = False
) -> tuple[bytes, str]:
    name = STDIN_NAME if path == STDIN else path
    if path != STDIN and Path(path).is_dir():
        raise InputError("is a directory; give the files to audit", path=name)
    data = read_bytes(path)
    text = decode(data, name, encoding=encoding, errors=errors)
    if not text.strip() and not empty_ok:
        raise InputError("empty file: nothing to audit", path=name)
    return data, text


def read_text_file(path: str, *, encoding: str | None = None, errors: str = "strict") -> str:
    """Read and decode one file (``-`` for standard input); it must not be empty."""
    return _read_decoded(path, encoding=encoding, errors=errors)[1]


def read_path(
    path: str,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    source: str | None = None,
    **options: Any,
) -> list[Document]:
    """Read every document in ``path``; raise :class:`InputError` on bad input.

    ``source`` names the source file of a plain-text, Markdown or SRT target.
    """
    return list(iter_path(path, encoding=encoding, errors=errors, source=source, **options))


def iter_path(
    path: str,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    source: str | None = None,
    **options: Any,
) -> Iterator[Document]:
    """Like :func:`read_path`, one document at a time (a large export is never held as
    documents all at once); errors surface when the bad record is reached."""
    name, _, text, reader, options = _prepare(path, encoding, errors, source, options)
    yield from reader(text, name, **options)


@dataclass(frozen=True)
class SourceFile:
    """A file as read: its bytes and decoded text (to write fixes back) and its documents."""

    path: str  # as given; "-" for standard input
    name: str  # as shown in findings
    data: bytes
    text: str
    reader: Reader
    documents: list[Document]
    options: dict[str, Any]  # what the reader was given, to read a fixed text back alike


def load_file(
    path: str,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    source: str | None = None,
    **options: Any,
) -> SourceFile:
    """Read and decode ``path`` and split it into documents, keeping the file's bytes
    and text (``audit fix`` writes them back); one-line errors."""
    name, data, text, reader, options = _prepare(path, encoding, errors, source, options)
    return SourceFile(path, name, data, text, reader, list(reader(text, name, **options)), options)


def _prepare(
    path: str, encoding: str | None, errors: str, source: str | None, options: dict[str, Any]
) -> tuple[str, bytes, str, Reader, dict[str, Any]]:
    """Decode ``path``, pick its reader and complete the reader's options."""
    name = STDIN_NAME if path == STDIN else path
    # With a source, an empty target is an omission to report (B004), not a mistake.
    data, text = _read_decoded(path, encoding=encoding, errors=errors, empty_ok=source is not None)
    reader = DEFAULT_READER if path == STDIN else reader_for(path)
    if source is not None:
        if reader not in SOURCE_FILE_READERS:
            raise ConfigError(
                f"{name}: --source applies to plain text, Markdown and SRT; "
                "this format carries its source inside"
            )
        options["source"] = read_text_file(source, encoding=encoding, errors=errors)
        options["source_path"] = STDIN_NAME if source == STDIN else source
    return name, data, text, reader, options
