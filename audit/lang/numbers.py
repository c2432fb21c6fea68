"""Numbers in text, across digit systems and separator conventions.

``1,500``, ``1.500``, ``١٬٥٠٠``, ``۱۵۰۰`` and ``1500`` are one number; ``3,5`` is three
and a half in much of Europe and ``3.5`` in English. A token whose reading is
ambiguous (``1,500``: thousands or decimal comma?) keeps every reading, and two
numbers match when their readings meet. A scale word after a number (``5 million``,
``5 ملايين``, ``$3bn``) adds the scaled reading, because translators move between
``5,000`` and ``5 آلاف``. Small numbers spelled out (``three``, ``ثلاثة``, ``trois``)
are read too, but only to match a number in the other text, never to require one:
spelled forms are too often idioms (``one of``). Decades (``1980s``) are treated the
same way, because Arabic and other languages often write "the eighties" in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SEPARATORS = (
    ",.\u060c\u066b\u066c'\u2019\u00a0\u202f:"  # spaces count only before three digits (10 000)
)
_DECIMAL_MARKS = ",.\u066b\u060c"
_SPACES = " \u00a0\u202f\u2009"
NUMBER = re.compile(
    rf"(?<![{_DIGIT}])[{_DIGIT}]+(?:[{_SEPARATORS}][{_DIGIT}]+|[{_SPACES}][{_DIGIT}]{{3}}(?![{_DIGIT}]))*"
)
_SCALE_AFTER = re.compile(
    r"\s?(thousand|million|billion|trillion|bn|m|k|tn|ألف|الف|آلاف|الاف|مليون|ملايين|مليار|مليارات|ترليون|تريليون"
    r"|mille|millions?|milliards?|mil|millones|miles|Tausend|Millionen|Milliarden|Mio|Mrd|тыс|млн|млрд)\b",
    re.IGNORECASE,
)
_SCALES = {
    "thousand": 3,
    "k": 3,
    "ألف": 3,
    "الف": 3,
    "آلاف": 3,
    "الاف": 3,
    "mille": 3,
    "mil": 3,
    "miles": 3,
    "tausend": 3,
    "тыс": 3,
    "million": 6,
    "m": 6,
    "مليون": 6,
    "ملايين": 6,
    "millions": 6,
    "millones": 6,
    "millionen": 6,
    "mio": 6,
    "млн": 6,
    "billion": 9,
    "bn": 9,
    "مليار": 9,
    "مليارات": 9,
    "milliard": 9,
    "milliards": 9,
    "milliarden": 9,
    "mrd": 9,
    "млрд": 9,
    "trillion": 12,
    "tn": 12,
    "ترليون": 12,
    "تريليون": 12,
}

# Spelled-out numbers read reliably: cardinal and ordinal forms up to twelve, and tens.
_SPELLED: dict[str, int] = {}
for _value, _words in {
    0: "zero",
    1: "one first",
    2: "two second",
    3: "three third",
    4: "four fourth",
    5: "five fifth",
    6: "six sixth",
    7: "seven seventh",
    8: "eight eighth",
    9: "nine ninth",
    10: "ten tenth",
    11: "eleven eleventh",
    12: "twelve twelfth dozen",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    60: "sixty",
    70: "seventy",
    80: "eighty",
    90: "ninety",
    100: "hundred",
}.items():
    for _w in _words.split():
        _SPELLED[_w] = _value
for _value, _words in {  # Arabic, normalized (see audit.lang.arabic): cardinals and ordinals
    1: "واحد واحده اول اولي الاول الاولي",
    2: "اثنان اثنين اثنتان اثنتين ثاني ثانيه الثاني الثانيه",
    3: "ثلاث ثلاثه ثالث ثالثه الثالث الثالثه",
    4: "اربع اربعه رابع رابعه الرابع الرابعه",
    5: "خمس خمسه خامس خامسه الخامس الخامسه",
    6: "ست سته سادس سادسه السادس السادسه",
    7: "سبع سبعه سابع سابعه السابع السابعه",
    8: "ثمان ثماني ثمانيه ثامن ثامنه الثامن الثامنه",
    9: "تسع تسعه تاسع تاسعه التاسع التاسعه",
    10: "عشر عشره عاشر عاشره العاشر العاشره",
    11: "احد عشر",
    12: "اثنا عشر اثني",
    20: "عشرون عشرين",
    30: "ثلاثون ثلاثين",
    40: "اربعون اربعين",
    50: "خمسون خمسين",
    100: "مائه مئه",
}.items():
    for _w in _words.split():
        _SPELLED.setdefault(_w, _value)
for _value, _words in {  # French, Spanish, German
    1: "un une premier première uno una primero primera eins erste",
    2: "deux dos zwei zweite deuxième segundo",
    3: "trois tres drei dritte troisième tercero",
    4: "quatre cuatro vier vierte",
    5: "cinq cinco fünf",
    6: "seis sechs",
    7: "sept siete sieben",
    8: "huit ocho acht",
    9: "neuf nueve neun",
    10: "dix diez zehn",
}.items():
    for _w in _words.split():
        _SPELLED.setdefault(_w, _value)
_SPELLED_WORD = re.compile(r"[^\W\d_]+")
_SPELLED["decade"] = 10
# Arabic compounds, normalized: units (cardinal and ordinal, as used in compounds),
# 11-19 as unit + عشر, 21-99 as unit + و + tens; duals of scale words.
_AR_UNITS: dict[str, int] = {}
for _value, _words in {
    1: "واحد واحده حادي حاديه احد احدي",
    2: "اثنان اثنين اثنا اثني اثنتان اثنتين اثنتا اثنتي ثاني ثانيه",
    3: "ثلاث ثلاثه ثالث ثالثه",
    4: "اربع اربعه رابع رابعه",
    5: "خمس خمسه خامس خامسه",
    6: "ست سته سادس سادسه",
    7: "سبع سبعه سابع سابعه",
    8: "ثمان ثماني ثمانيه ثامن ثامنه",
    9: "تسع تسعه تاسع تاسعه",
}.items():
    for _w in _words.split():
        _AR_UNITS[_w] = _value
_AR_TENS = {
    w: v
    for v, ws in {
        20: "عشرون عشرين",
        30: "ثلاثون ثلاثين",
        40: "اربعون اربعين",
        50: "خمسون خمسين",
        60: "ستون ستين",
        70: "سبعون سبعين",
        80: "ثمانون ثمانين",
        90: "تسعون تسعين",
    }.items()
    for w in ws.split()
}
_AR_TEEN = frozenset({"عشر", "عشره"})
_AR_DUALS = {
    "الفين": 2000,
    "الفي": 2000,
    "مليونين": 2_000_000,
    "مليوني": 2_000_000,
    "مليارين": 2_000_000_000,
    "ملياري": 2_000_000_000,
}
_DECADE = re.compile(r"[’']?s\b")
# Every word that can start a spelled number (tens and teens only follow a unit).
_NUMBER_WORDS = frozenset(_SPELLED) | frozenset(_AR_UNITS) | frozenset(_AR_DUALS)


@dataclass(frozen=True)
class Number:
    """A number found in text, with every value it can be read as."""

    start: int
    end: int
    values: frozenset[str]
    spelled: bool = False

    def matches(self, other: Number) -> bool:
        return not self.values.isdisjoint(other.values)


def _canonical(value: Decimal) -> str:
    normalized = value.normalize()
    return format(normalized, "f")


def readings(token: str) -> frozenset[str]:
    """Every value a digit token can be read as (``1,500`` -> 1500 and 1.5)."""
    token = re.sub(f"[{_SPACES}]", "\u202f", token.translate(_DIGITS))
    parts = re.split(f"([{_SEPARATORS}])", token)
    groups, seps = parts[0::2], parts[1::2]
    if not seps:
        return frozenset({_canonical(Decimal(token))})
    out: set[str] = set()
    if len(seps) == 1 and seps[0] in ":." and len(groups[0]) <= 2 and len(groups[1]) == 2:
        out.add(f"{int(groups[0])}:{groups[1]}")  # a time of day: 5:30, 5.30
        if seps[0] == ":":
            return frozenset(out)
    thousands_ok = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    if len(set(seps)) == 1:
        if thousands_ok:
            out.add(_canonical(Decimal("".join(groups))))
        if len(seps) == 1 and seps[0] in _DECIMAL_MARKS:
            out.add(_canonical(Decimal(f"{groups[0]}.{groups[1]}")))
    elif seps[-1] in _DECIMAL_MARKS and len(set(seps[:-1])) == 1 and seps[-1] != seps[0]:
        head = groups[:-1]
        if len(head[0]) <= 3 and all(len(g) == 3 for g in head[1:]):
            out.add(_canonical(Decimal(f"{''.join(head)}.{groups[-1]}")))
    if not out:  # dates, versions, phone numbers: the digits as written
        out.add("".join(groups) + "#" + str(len(groups)))
    return frozenset(out)


class _Token:
    """A digit token: a regex match, or one group of a space-separated run that is no number."""

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """Digit tokens; ``10 000`` is one number, but ``in 2019 100 people`` is two."""
    out = []
    for m in NUMBER.finditer(text, start, end):
        token = m.group()
        pieces = re.split(f"[{_SPACES}]", token)
        if len(pieces) > 1 and any("#" in r for r in readings(token)):
            pos = m.start()
            for piece in pieces:
                out.append(_Token(text, pos, pos + len(piece)))
                pos += len(piece) + 1
        else:
            out.append(_Token(text, m.start(), m.end()))
    return out


def _scaled(values: frozenset[str], exponent: int) -> frozenset[str]:
    out = set(values)
    for v in values:
        try:
            out.add(_canonical(Decimal(v).scaleb(exponent)))
        except InvalidOperation:
            continue
    return frozenset(out)


def find_numbers(
    text: str, start: int = 0, end: int | None = None, *, spelled: bool = True
) -> list[Number]:
    """Numbers in ``text[start:end]`` in order: digit tokens, and spelled-out ones if asked."""
    end = len(text) if end is None else end
    out: list[Number] = []
    for m in _tokens(text, start, end):
        values = readings(m.group())
        if _DECADE.match(text, m.end()) and m.group()[-1] == "0":
            # "the 1980s" is as often "ثمانينيات القرن العشرين" (the eighties): matched, never required
            out.append(Number(m.start(), m.end() + 1, values, spelled=True))
            continue
        scale = _SCALE_AFTER.match(text, m.end(), end)
        if scale:
            values = _scaled(values, _SCALES[scale.group(1).lower()])
        out.append(Number(m.start(), m.end(), values))
    if spelled:
        out.extend(_spelled_numbers(text, start, end))
        out.sort(key=lambda n: n.start)
    return out


@lru_cache(maxsize=65536)
def _normalized(word: str) -> str:
    from audit.lang.arabic import normalize

    return normalize(word.lower())


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _spelled_numbers(text: str, start: int, end: int) -> list[Number]:
    """Numbers written as words, each with the values it may mean."""
    if not _ARABIC_LETTER.search(text, start, end):  # each word looked up as it is
        found: list[Number] = []
        spelled = _SPELLED.get
        for m in _SPELLED_WORD.finditer(text, start, end):
            value = spelled(m.group().lower())
            if value is not None:
                found.append(Number(m.start(), m.end(), frozenset({str(value)}), spelled=True))
        return found
    from audit.lang.arabic import strip_article, word_keys

    words = [
        (m.start(), m.end(), _normalized(m.group()))
        for m in _SPELLED_WORD.finditer(text, start, end)
    ]
    out: list[Number] = []
    i = 0
    while i < len(words):
        s0, e0, word = words[i]
        keys = {word} if word.isascii() else {word, *word_keys(word)}
        if keys.isdisjoint(_NUMBER_WORDS):  # most words of running text
            i += 1
            continue
        unit = next((_AR_UNITS[k] for k in keys if k in _AR_UNITS), None)
        nxt = words[i + 1] if i + 1 < len(words) else None
        if unit is not None and nxt is not None:
            if nxt[2] in _AR_TEEN:  # التاسع عشر: 19
                out.append(Number(s0, nxt[1], frozenset({str(10 + unit)}), spelled=True))
                i += 2
                continue
            tens = strip_article(nxt[2][1:]) if nxt[2].startswith("و") else None
            if tens in _AR_TENS:  # الرابعة والثلاثين: 34
                out.append(
                    Number(s0, nxt[1], frozenset({str(_AR_TENS[tens] + unit)}), spelled=True)
                )
                i += 2
                continue
        value = _SPELLED.get(word)
        if value is None and not word.isascii():  # والخمسين, بالثالثة
            value = next((_SPELLED[k] for k in keys if k in _SPELLED), None)
        dual = next((_AR_DUALS[k] for k in keys if k in _AR_DUALS), None)
        if dual is not None:
            out.append(Number(s0, e0, frozenset({"2", str(dual)}), spelled=True))
        elif value is not None:
            out.append(Number(s0, e0, frozenset({str(value)}), spelled=True))
        i += 1
    return out
