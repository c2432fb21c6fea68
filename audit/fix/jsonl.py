"""Writing fixes into JSON Lines: edit inside each record's ``target`` string only.

The raw JSON string is mapped character by character to the decoded text (escapes
such as ``\\n`` or ``\\u00e9`` and surrogate pairs count as one character), so each
edit replaces exactly the raw characters of its span. Replacement text is escaped
the way the line already escapes: ``\\uXXXX`` when the string is ASCII-only with
escapes, literal characters otherwise. The rewritten line is parsed again and must
give the fixed text, or nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

from audit.errors import InputError

if TYPE_CHECKING:
    from audit.fix.plan import DocumentFix

_WS = " \t\r\n"
_DECODER = json.JSONDecoder()


def write_jsonl(text: str, fixes: Sequence[DocumentFix]) -> str:
    lines = text.splitlines(keepends=True)  # the numbering read_jsonl uses
    for fix in fixes:
        number = fix.document.metadata.get("line")
        if not isinstance(number, int) or not 1 <= number <= len(lines):
            raise InputError("record line unknown; not written", path=fix.document.path)
        raw = lines[number - 1]
        body = raw.rstrip("\r\n")
        start, end = _target_span(body, fix.document.path, number)
        literal = body[start:end]
        offsets = _offsets(literal)
        ascii_only = literal.isascii() and "\\u" in literal
        out = []
        pos = 0
        for e in fix.edits:
            out.append(literal[pos : offsets[e.start]])
            out.append(json.dumps(e.replacement, ensure_ascii=ascii_only)[1:-1])
            pos = offsets[e.end]
        out.append(literal[pos:])
        new_body = body[:start] + "".join(out) + body[end:]
        if json.loads(new_body).get("target") != fix.fixed:
            raise InputError("could not write the fixed target back exactly; not written",
                             path=fix.document.path, line=number)
        lines[number - 1] = new_body + raw[len(body) :]
    return "".join(lines)


def _skip(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def _target_span(line: str, path: str, number: int) -> tuple[int, int]:
    """Offsets of the top-level ``"target"`` string literal (quotes included)."""
    found: tuple[int, int] | None = None
    i = _skip(line, 0)
    if not line.startswith("{", i):
        raise InputError("record is not a JSON object", path=path, line=number)
    i = _skip(line, i + 1)
    while i < len(line) and line[i] != "}":
        key, i = scanstring(line, i + 1)
        i = _skip(line, i)
        i = _skip(line, i + 1)  # past ":"
        value_start = i
        _, i = _DECODER.raw_decode(line, i)
        if key == "target":
            found = (value_start, i)  # the last one wins, as in json.loads
        i = _skip(line, i)
        if i < len(line) and line[i] == ",":
            i = _skip(line, i + 1)
    if found is None or not line.startswith('"', found[0]):
        raise InputError("record has no 'target' string", path=path, line=number)
    return found[0] + 1, found[1] - 1


def _offsets(literal: str) -> list[int]:
    """``offsets[k]`` is where decoded character ``k`` starts in the raw literal."""
    offsets: list[int] = []
    i = 0
    while i < len(literal):
        offsets.append(i)
        if literal[i] != "\\":
            i += 1
        elif literal[i + 1] != "u":
            i += 2
        else:
            code = int(literal[i + 2 : i + 6], 16)
            i += 6
            if 0xD800 <= code < 0xDC00 and literal.startswith("\\u", i) and 0xDC00 <= int(literal[i + 2 : i + 6], 16) < 0xE000:
                i += 6  # a surrogate pair decodes to one character
    offsets.append(len(literal))
    return offsets
