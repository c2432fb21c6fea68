"""The pattern of a PO string line (audit/formats/po_syntax.py) reads what the plain
one-character-at-a-time pattern it replaced read, on strings that end, strings that
do not, escapes at every place and text after the closing quote."""

from __future__ import annotations

import re

import pytest

from audit.formats.po_syntax import _STRING

PLAIN = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"[ \t]*$')

LINES = [
    '""',
    '"plain text"',
    '"trailing blanks"  \t',
    '"escaped \\"quote\\" inside"',
    '"ends with an escaped quote\\"',
    '"backslash at the end\\\\"',
    '"\\\\"',
    '"\\n\\t\\a\\101\\x41"',
    '"unterminated',
    '"text" after',
    '"two" "strings"',
    '"a\\',
    '"\\\\\\"',
    '"ümlaut — ٣ \\u00e9"',
    '"' + "ab\\n" * 500 + '"',
    '"' + "ab\\n" * 500,
]


@pytest.mark.parametrize("line", LINES)
def test_string_lines_read_as_before(line: str) -> None:
    new, old = _STRING.match(line), PLAIN.match(line)
    assert (new is None) == (old is None)
    if new is not None and old is not None:
        assert new.group(1) == old.group(1)
