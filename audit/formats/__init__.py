"""Input formats: each reader turns a file's text into :class:`~audit.document.Document` values.

``read_path`` picks the reader from the file name; ``-`` reads standard input, as text
unless ``stdin_filename`` gives it a name whose suffix picks another reader.
Readers take the decoded text, the path and keyword options (``target_lang``,
``source_lang``, ``fields``; ``source``/``source_path`` for the formats whose source
is a separate file: plain text, Markdown and SRT). A ``target_lang`` of ``""``
(nobody declared one) leaves the language to the file, else to its text: the
documents read here get one (:mod:`audit.formats.language`).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.document import Document
from audit.errors import ConfigError, InputError
from audit.formats.decode import decode
from audit.formats.format import Format, Reader
from audit.formats.language import settle
from audit.formats.registry import SUFFIXES, TEXT_SUFFIXES, all_formats, default_format, format_for

STDIN = "-"
STDIN_NAME = "<stdin>"


def __getattr__(name: str) -> Any:
    # Views of the registry (audit/formats/registry.py) that import every format
    # module, built on first use: reading one text file imports the text reader alone.
    if name == "FORMATS":
        return all_formats()
    if name == "READERS":  # for code that asks by reader
        return {s: f.read for f in all_formats() for s in f.suffixes}
    if name == "SOURCE_FILE_READERS":  # readers whose source is a separate file (--source)
        return tuple(f.read for f in all_formats() if f.source_file)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "READERS",
    "Format",
    "format_for",
    "STDIN",
    "TEXT_SUFFIXES",
    "SourceFile",
    "folder_suffixes",
    "iter_files",
    "iter_path",
    "load_file",
    "must_read",
    "read_bytes",
    "read_path",
    "read_text_file",
    "reader_for",
]


def folder_suffixes() -> frozenset[str]:
    """Suffixes of the files picked up inside folders: those of every format."""
    return SUFFIXES


def must_read(paths: Iterable[str]) -> frozenset[str]:
    """The files among ``paths`` (as given on the command line) that are named directly
    with the ending of a text format: one that cannot be read (binary, or UTF-16
    without a mark that could not be recognised) is an error, not a skip. Other files
    named directly (an image among a hook's files) and files found in folders are
    skipped with a warning."""
    suffixes = folder_suffixes()
    return frozenset(
        p
        for p in paths
        if p != STDIN and not os.path.isdir(p) and Path(p).suffix.lower() in suffixes
    )


def iter_files(paths: Iterable[str], warn: Callable[[str], None] | None = None) -> Iterator[str]:
    """Files named directly (and ``-``), and the files of known formats inside folders
    (recursively, sorted, hidden files and folders left out).

    A folder is walked without leaving it: a symbolic link inside it is followed only
    when it points to a file inside the same folder, and each file is given once
    (however many links or names lead to it), so that ``audit fix --write`` on a
    folder can never write outside it. FIFOs, devices and sockets inside a folder are
    skipped (reading them would hang or never end); so are links leading out of the
    folder. Each skip is reported through ``warn`` (default: a warning on standard
    error). A file named directly is the user's choice and is read where it leads,
    except a device or socket, which is an error.
    """
    warn = warn or _warn
    suffixes = folder_suffixes()
    for path in paths:
        if path == STDIN:
            yield path
            continue
        if not os.path.isdir(path):
            _check_named_file(path)
            yield path
            continue
        found = False
        root = os.path.realpath(path)
        seen: set[tuple[int, int]] = set()
        for folder, dirs, files in os.walk(path):  # never descends into linked folders
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and not os.path.islink(os.path.join(folder, d))
            )
            for name in sorted(files):
                if name.startswith(".") or Path(name).suffix.lower() not in suffixes:
                    continue
                full = os.path.join(folder, name)
                problem, key = _folder_entry(full, root)
                if problem:
                    warn(f"{full}: {problem}; skipped")
                    continue
                if key in seen:
                    continue
                seen.add(key)
                found = True
                yield full
        if not found:
            raise InputError(
                f"no files to audit in this folder (known endings: {' '.join(sorted(suffixes))})",
                path=path,
            )


def _warn(message: str) -> None:
    print(f"audit: warning: {message}", file=sys.stderr)


def _folder_entry(full: str, root: str) -> tuple[str | None, tuple[int, int]]:
    """Why a file found in a folder must not be read (or None), and its identity."""
    try:
        if os.path.islink(full):
            real = os.path.realpath(full)
            if os.path.commonpath([real, root]) != root:
                return f"symbolic link to {os.readlink(full)}, outside the folder; not followed", (
                    0,
                    0,
                )
        st = os.stat(full)
    except FileNotFoundError:
        return "broken symbolic link", (0, 0)
    except (OSError, ValueError) as exc:
        return f"cannot read: {getattr(exc, 'strerror', None) or exc}", (0, 0)
    if not stat.S_ISREG(st.st_mode):
        return f"not a regular file ({_kind(st.st_mode)})", (0, 0)
    return None, (st.st_dev, st.st_ino)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _check_named_file(path: str) -> None:
    """A file named on the command line: it must exist and not be a device or socket
    (a FIFO is read: ``<(command)`` gives one)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("broken symbolic link", path=path) from None
        raise InputError("no such file or folder", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) or stat.S_ISSOCK(st.st_mode):
        raise InputError(f"{_kind(st.st_mode)}, not a file; not read", path=path)


def reader_for(path: str) -> Reader:
    return format_for(path).read


def read_bytes(path: str) -> bytes:
    """Read a file (or standard input for ``-``), with one-line errors."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    _check_named_file(path)
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory; give the files to audit", path=path) from None
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None


def _read_decoded(
    path: str,
    *,
    encoding: str | None,
    errors: str,
    name: str | None = None,
    empty_ok: bool = False,
) -> tuple[bytes, str]:
    name = name or (STDIN_NAME if path == STDIN else path)
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
    stdin_filename: str | None = None,
    **options: Any,
) -> list[Document]:
    """Read every document in ``path``; raise :class:`InputError` on bad input.

    ``source`` names the source file of a plain-text, Markdown or SRT target.
    """
    return list(
        iter_path(
            path,
            encoding=encoding,
            errors=errors,
            source=source,
            stdin_filename=stdin_filename,
            **options,
        )
    )


def iter_path(
    path: str,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    source: str | None = None,
    stdin_filename: str | None = None,
    **options: Any,
) -> Iterator[Document]:
    """Like :func:`read_path`, one document at a time (a large export is never held as
    documents all at once); errors surface when the bad record is reached."""
    name, _, text, fmt, options = _prepare(path, encoding, errors, source, options, stdin_filename)
    yield from settle(fmt.read(text, name, **options))


@dataclass(frozen=True)
class SourceFile:
    """A file as read: its bytes and decoded text (to write fixes back) and its documents."""

    path: str  # as given; "-" for standard input
    name: str  # as shown in findings
    data: bytes
    text: str
    format: Format
    documents: list[Document]
    options: dict[str, Any]  # what the reader was given, to read a fixed text back alike

    @property
    def reader(self) -> Reader:
        return self.format.read


def load_file(
    path: str,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    source: str | None = None,
    stdin_filename: str | None = None,
    **options: Any,
) -> SourceFile:
    """Read and decode ``path`` and split it into documents, keeping the file's bytes
    and text (``audit fix`` writes them back); one-line errors."""
    name, data, text, fmt, options = _prepare(
        path, encoding, errors, source, options, stdin_filename
    )
    documents = list(settle(fmt.read(text, name, **options)))
    return SourceFile(path, name, data, text, fmt, documents, options)


def _prepare(
    path: str,
    encoding: str | None,
    errors: str,
    source: str | None,
    options: dict[str, Any],
    stdin_filename: str | None = None,
) -> tuple[str, bytes, str, Format, dict[str, Any]]:
    """Decode ``path``, pick its format and complete the reader's options (standard
    input is read as ``stdin_filename`` says, else as text named ``<stdin>``)."""
    name = (stdin_filename or STDIN_NAME) if path == STDIN else path
    # With a source, an empty target is an omission to report (B004), not a mistake.
    data, text = _read_decoded(
        path, encoding=encoding, errors=errors, name=name, empty_ok=source is not None
    )
    if path == STDIN:
        fmt = format_for(stdin_filename) if stdin_filename else default_format()
    else:
        fmt = format_for(path)
    if source is not None:
        if not fmt.source_file:
            raise ConfigError(
                f"{name}: --source applies to plain text, Markdown and SRT; "
                "this format carries its source inside"
            )
        options["source"] = read_text_file(source, encoding=encoding, errors=errors)
        options["source_path"] = STDIN_NAME if source == STDIN else source
    return name, data, text, fmt, options
