"""Turning bytes into text, with errors a user can act on.

UTF-8 is the default; a byte-order mark selects UTF-8, UTF-16 or UTF-32 and is
removed. Invalid bytes are an error naming the byte offset, unless the caller asks for
another encoding or for replacement.
"""

from __future__ import annotations

import codecs

from audit.errors import BinaryInputError, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, path: str, *, encoding: str | None = None, errors: str = "strict") -> str:
    """Decode ``data`` read from ``path``; raise :class:`InputError` on bad input."""
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                return _decode(data[len(bom) :], name, path, errors, base=len(bom))
        if is_binary(data):
            raise BinaryInputError("looks like a binary file (NUL bytes); not audited", path=path)
        encoding = "utf-8"
    return _decode(data, encoding, path, errors)


def _decode(data: bytes, encoding: str, path: str, errors: str, base: int = 0) -> str:
    try:
        text = data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"invalid {exc.encoding.upper()} at byte {base + exc.start} (0x{bad}); "
            "give --encoding, or --errors replace to substitute",
            path=path,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    if encoding.startswith("utf-8") and text.startswith("\ufeff"):
        text = text[1:]
    return text


def is_binary(head: bytes) -> bool:
    """NUL bytes near the start of a file without a byte-order mark: not text."""
    return not any(head.startswith(bom) for bom, _ in _BOMS) and b"\x00" in head[:8192]


def decode_line(data: bytes, path: str, base: int, errors: str = "strict") -> str:
    """Decode one line of a UTF-8 file read piece by piece; ``base`` is the line's byte
    offset in the file, so an error names the offset in the file."""
    return _decode(data, "utf-8", path, errors, base)


def encoding_of(data: bytes, encoding: str | None = None) -> tuple[str, bytes]:
    """The codec ``decode`` uses for ``data`` and the byte-order mark it removes, so a
    fixed file can be written back exactly as it was encoded."""
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                return name, bom
        return "utf-8", b""
    if encoding.startswith("utf-8") and data.startswith(codecs.BOM_UTF8):  # as _decode strips it
        return "utf-8", codecs.BOM_UTF8
    return encoding, b""
