"""Gettext PO files, parsed with polib: one document per file, one segment per entry.

``msgid`` is the source, ``msgstr`` the target; a plural entry gives one segment per
form (``msgstr[n]``, whose source is ``msgid`` for form 0 and ``msgid_plural`` after).
The header entry and obsolete entries are skipped. A segment is named as gettext
keys entries: ``msgid``, prefixed by ``msgctxt`` and U+0004 when there is a context,
with ``[n]`` for plural forms. The target language is the header's ``Language``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from audit.document import Document
from audit.errors import InputError
from audit.formats.format import Encoder, Format
from audit.formats.po_syntax import ESCAPE, check_syntax, continuations, decode_string
from audit.segments import Origin, SegmentBuilder, TextWalker, line_starts, locate

_CONTINUATION = re.compile(r'"[ \t]*(?:\r\n|\r|\n)(?:[ \t]*#~?[^\n]*\n)*[ \t]*"')
# Where each keyword's string begins, compiled once (not once per entry).
_KEYWORD_AT = {
    keyword: re.compile(rf'^[ \t]*{re.escape(keyword)}[ \t]*"', re.MULTILINE)
    for keyword in ("msgid", "msgid_plural", "msgstr", *(f"msgstr[{n}]" for n in range(10)))
}


def _step(raw: str, i: int, text: str, j: int) -> tuple[int, int] | None:
    if raw[i] == "\\":
        m = ESCAPE.match(raw, i)
        return (m.end() - i, 1) if m else None
    if raw[i] == '"':
        m = _CONTINUATION.match(raw, i)
        return (m.end() - i, 0) if m else None
    return None


def read_po(
    text: str, path: str, *, target_lang: str = "en", source_lang: str | None = None, **_: Any
) -> Iterator[Document]:
    import polib

    check_syntax(text, path)  # what gettext refuses, polib would let through
    try:
        # The encoding given: polib would search the text for a charset it never uses
        # on a text already decoded (audit/formats/decode.py decoded it).
        catalog = polib.pofile(text, wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError) as exc:
        message = str(exc)
        m = re.search(r"\(line (\d+)\)", message)
        raise InputError(
            f"malformed PO: {message.split(' (line')[0]}",
            path=path,
            line=int(m.group(1)) if m else None,
        ) from None
    starts = line_starts(text)
    walker = TextWalker(text, starts, _step)  # shared by the file's origins
    cursor = 0
    builder = SegmentBuilder()
    for entry in catalog:
        if entry.obsolete or (not entry.msgid and not entry.msgctxt):
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        entry_start = (
            starts[entry.linenum - 1] if entry.linenum and entry.linenum <= len(starts) else cursor
        )
        cursor = max(cursor, entry_start)
        notes = (
            tuple(entry.tcomment.splitlines()) if entry.tcomment else ()
        )  # "# ..." translator comments
        src_origin, cursor_after_id, msgid = _origin(
            text, cursor, "msgid", entry.msgid, path, walker
        )
        if entry.msgid_plural:
            plural_origin, cursor_after_id, msgid_plural = _origin(
                text, cursor_after_id, "msgid_plural", entry.msgid_plural, path, walker
            )
            for n in sorted(entry.msgstr_plural):
                tgt_origin, cursor_after_id, target = _origin(
                    text, cursor_after_id, f"msgstr[{n}]", entry.msgstr_plural[n], path, walker
                )
                builder.add(
                    f"{key}[{n}]",
                    target,
                    msgid if n == 0 else msgid_plural,
                    line=entry.linenum,
                    target_origin=tgt_origin,
                    source_origin=src_origin if n == 0 else plural_origin,
                    notes=notes,
                )
        else:
            tgt_origin, cursor_after_id, target = _origin(
                text, cursor_after_id, "msgstr", entry.msgstr, path, walker
            )
            builder.add(
                key,
                target,
                msgid,
                line=entry.linenum,
                target_origin=tgt_origin,
                source_origin=src_origin,
                notes=notes,
            )
        cursor = cursor_after_id
    language = catalog.metadata.get("Language") or target_lang
    yield builder.document(
        path,
        path,
        language.replace("_", "-"),
        source_lang=source_lang,
        metadata={
            "format": "po",
            **{
                k: v for k, v in catalog.metadata.items() if k in ("Project-Id-Version", "Language")
            },
        },
    )


def _origin(
    raw: str, start: int, keyword: str, text: str, path: str, walker: TextWalker
) -> tuple[Origin | None, int, str]:
    """Where the string after ``keyword`` begins (just past its opening quote), and its
    text decoded as gettext does (``text``, polib's reading, when it is not found)."""
    pattern = _KEYWORD_AT.get(keyword) or re.compile(
        rf'^[ \t]*{re.escape(keyword)}[ \t]*"', re.MULTILINE
    )
    m = pattern.search(raw, start)
    if m is None:
        return None, start, text
    text = decode_string(raw, m.end())
    origin = locate(raw, m.end(), text, path, field=keyword, walker=walker)
    return origin, m.end(), text


_PO_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_PO_SPECIAL = re.compile('[\\\\"\\x00-\\x1f\\x7f]')


def po_string(replacement: str, raw: str, origin: Origin) -> str:
    """Escaped as gettext escapes: C escapes, other control characters in octal."""
    return _PO_SPECIAL.sub(
        lambda m: _PO_ESCAPES.get(m.group(), f"\\{ord(m.group()):03o}"), replacement
    )


def po_splice(raw_span: str, replacement: str, encode: Encoder, raw: str, origin: Origin) -> str:
    """The replacement for a piece of a PO string, its line continuations kept where
    they were (a word split over two lines is not joined into one line)."""
    breaks = continuations(raw_span)
    if not breaks:
        return encode(replacement, raw, origin)
    pieces: list[str] = []
    pos = 0
    for at, continuation in breaks:
        at = min(max(at, pos), len(replacement))
        pieces += [encode(replacement[pos:at], raw, origin), continuation]
        pos = at
    pieces.append(encode(replacement[pos:], raw, origin))
    return "".join(pieces)


FORMAT = Format(
    name="po",
    suffixes=(".po", ".pot"),
    read=read_po,
    encode=po_string,
    splice=po_splice,
)
