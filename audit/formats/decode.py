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
        bomless = utf16_without_bom(data)
        if bomless is not None:
            return _decode(data, bomless, path, errors)
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


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` (no byte-order mark) reads as UTF-16
    text: NUL bytes in nearly every other position (Latin text), none in the others,
    and no control characters once decoded. Otherwise None (binary, or not UTF-16).
    ``data`` is the whole file: UTF-16 text is an even number of bytes."""
    head = data[:8192]
    if len(head) < 4 or len(data) % 2 or b"\x00" not in head:
        return None
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 * half and others == 0:
            try:
                text = head.decode(codec)
            except UnicodeDecodeError:
                text = head[:-2].decode(codec, "ignore")  # cut inside a surrogate pair
            if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
                return codec
    return None


def encoding_of(data: bytes, encoding: str | None = None) -> tuple[str, bytes]:
    """The codec ``decode`` uses for ``data`` and the byte-order mark it removes, so a
    fixed file is written back exactly as it was encoded: same encoding, byte order and
    byte-order mark (or none). A codec that writes its own mark (``utf-16``,
    ``utf-32``, ``utf-8-sig``) is replaced by the byte order the file has."""
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                return name, bom
        return utf16_without_bom(data) or "utf-8", b""
    try:
        family = codecs.lookup(encoding).name
    except LookupError:
        return encoding, b""
    if family in ("utf-8", "utf-8-sig"):
        # decode strips a UTF-8 mark with either name; put back what the file had
        return "utf-8", codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    if family in ("utf-16", "utf-32"):
        # decode follows the file's mark, little-endian without one (as Python does)
        if family == "utf-16":
            le, be = codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE
        else:
            le, be = codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE
        if data.startswith(be):
            return f"{family}-be", be
        if data.startswith(le):
            return f"{family}-le", le
        return f"{family}-le", b""
    return encoding, b""
