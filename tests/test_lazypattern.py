"""LazyPattern (audit/lazypattern.py) answers as the compiled pattern does, and
compiles only when first searched."""

from __future__ import annotations

import re

import pytest

from audit.lazypattern import LazyPattern

TEXTS = ["", "a <b>bold</b> &amp; [[Link|text]] {{x}}", "Ünïcode <BR/> &#x41; ab\nCD <i>"]
PATTERNS = [
    (r"</?(?:b|br|i)(?:\s[^<>\n]*)?/?>", re.IGNORECASE),
    (r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", 0),
    (r"\[\[(?:[^\]|\n]+\|)?([^\]|\n]+)\]\]", 0),
    (r"^[a-z]+$", re.MULTILINE),
]


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_lazy_pattern_answers_as_the_compiled_one(source: str, flags: int) -> None:
    lazy, compiled = LazyPattern(source, flags), re.compile(source, flags)
    assert lazy._compiled is None and lazy.pattern == source  # not compiled yet
    for text in TEXTS:
        for pos, endpos in ((0, len(text)), (2, max(2, len(text) - 3))):
            for method in ("search", "match", "fullmatch"):
                a = getattr(lazy, method)(text, pos, endpos)
                b = getattr(compiled, method)(text, pos, endpos)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
            assert [m.span() for m in lazy.finditer(text, pos, endpos)] == [
                m.span() for m in compiled.finditer(text, pos, endpos)
            ]
            assert lazy.findall(text, pos, endpos) == compiled.findall(text, pos, endpos)
        assert lazy.sub("#", text) == compiled.sub("#", text)
        assert lazy.sub(lambda m: m.group().upper(), text, 1) == compiled.sub(
            lambda m: m.group().upper(), text, 1
        )
    assert lazy.compiled is compiled  # re's cache: the same object
    assert lazy.flags == compiled.flags
