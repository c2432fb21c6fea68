"""Chinese, Japanese and Korean numbers: large units, numerals and measure words.

``1.2万`` is 12,000 and ``1億4,200万`` is 142,000,000: East Asian languages count in
myriads (万/萬/만 = 10⁴, 亿/億/억 = 10⁸), so ``142 million`` becomes ``1.42亿`` and
``375,000`` becomes ``37万5,000``. Numbers are also written in characters (``十九世纪``,
``两辆``, ``九月三十日``). :func:`amounts` reads digit-and-unit amounts as one number;
:func:`numerals` reads runs of numeral characters, which B002 treats as spelled
numbers (matched, never required: ``一`` is as often "a" or part of a word).
A measure word after a digit (``1名``, ``3个``) needs nothing: the digit is the number.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9\uff10-\uff19"
# unit -> (exponent within a myriad group, exponent of the group): 千万 is 10³ × 10⁴.
_UNITS = {
    "千万": (3, 4),
    "千萬": (3, 4),
    "천만": (3, 4),
    "百万": (2, 4),
    "百萬": (2, 4),
    "백만": (2, 4),
    "万": (0, 4),
    "萬": (0, 4),
    "만": (0, 4),
    "亿": (0, 8),
    "億": (0, 8),
    "억": (0, 8),
    "千": (3, 0),
    "천": (3, 0),
    "百": (2, 0),
    "백": (2, 0),
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_PIECE = rf"[{_DIGIT}][{_DIGIT},.，]*\s?(?:{_UNIT})"
AMOUNT = re.compile(rf"(?<![{_DIGIT}.,])(?:{_PIECE}\s?)+(?:[{_DIGIT}][{_DIGIT},]*(?![{_DIGIT}.]))?")
_SPLIT = re.compile(rf"([{_DIGIT}][{_DIGIT},.，]*)\s?({_UNIT})?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９，", "0123456789,")


def _decimal(token: str) -> Decimal | None:
    token = token.translate(_FULLWIDTH).replace(",", "")
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def amounts(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, value)`` of amounts written with myriad units (``1.2万`` -> 12000)."""
    out = []
    for m in AMOUNT.finditer(text, start, end):
        body = m.group().rstrip()
        total = section = Decimal(0)
        ok = True
        for piece in _SPLIT.finditer(body):
            value = _decimal(piece.group(1).rstrip(".,，"))
            if value is None:
                ok = False
                break
            small, big = _UNITS.get(piece.group(2) or "", (0, 0))
            section += value.scaleb(small)
            if big:  # 4千2百万: (4200) × 10⁴
                total += section.scaleb(big)
                section = Decimal(0)
        total += section
        if ok:
            out.append((m.start(), m.start() + len(body), format(total.normalize(), "f")))
    return out


_NUMERAL_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMERAL_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_NUMERAL_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
NUMERALS = re.compile("[〇零一二两兩三四五六七八九十拾百千万萬亿億]+")


def numeral_value(run: str) -> int | None:
    """The value of a run of Chinese numerals (``十九`` 19, ``三十`` 30, ``两`` 2, ``一千二百`` 1200)."""
    total = section = digit = 0
    seen = False
    for ch in run:
        if ch in _NUMERAL_DIGITS:
            if seen and digit and not section and total == 0 and ch != "零":
                return None  # 一二三 is a list, not a number
            digit = _NUMERAL_DIGITS[ch]
            seen = True
        elif ch in _NUMERAL_UNITS:
            section += (digit or 1) * _NUMERAL_UNITS[ch]
            digit = 0
            seen = False
        elif ch in _NUMERAL_BIG:
            total += (section + digit) * _NUMERAL_BIG[ch]
            section = digit = 0
            seen = False
    value = total + section + digit
    return value if run.strip("万萬亿億") else None


def numerals(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """``(start, end, value)`` of runs of Chinese numeral characters."""
    out = []
    for m in NUMERALS.finditer(text, start, end):
        value = numeral_value(m.group())
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out
