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

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from audit.textmemory import TextMemory

if TYPE_CHECKING:
    from audit.document import Span

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u0e50-\u0e59\uff10-\uff19"
_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९๐๑๒๓๔๕๖๗๘๙０１２３４５６７８９：",
    "0123456789" * 5 + ":",
)
_SEPARATORS = ",.\u060c\u066b\u066c'\u2019\u00a0\u202f:\uff1a"  # spaces count only before three digits (10 000)
_DECIMAL_MARKS = ",.\u066b\u060c"
_SPACES = " \u00a0\u202f\u2009"
# A run of digits with its separators, not preceded by a digit. It starts with the digit
# and looks back after it: a pattern that starts with a character class lets the
# regular expression engine skip to the next digit, one that starts with a look-behind
# is tried at every character (four times the time on news text).
NUMBER = re.compile(
    rf"[{_DIGIT}](?<![{_DIGIT}][{_DIGIT}])[{_DIGIT}]*"
    rf"(?:[{_SEPARATORS}][{_DIGIT}]+|[{_SPACES}][{_DIGIT}]{{3}}(?![{_DIGIT}]))*"
)
_SCALE_AFTER = re.compile(
    r"\s?(thousand|million|billion|trillion|bn|m|k|tn|ألف|الف|آلاف|الاف|مليون|ملايين|مليار|مليارات|ترليون|تريليون"
    r"|mille|millions?|milliards?|mil|millones|miles|Tausend|Millionen|Milliarden|Mio|Mrd|тыс|млн|млрд"
    r"|lakhs?|crores?|लाख|करोड़|करोड|لاکھ|کروڑ)(?![^\W\d_])",
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
    "lakh": 5,
    "lakhs": 5,
    "लाख": 5,
    "لاکھ": 5,
    "crore": 7,
    "crores": 7,
    "करोड़": 7,
    "करोड": 7,
    "کروڑ": 7,
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
for _value, _words in {  # more French, Spanish and German: teens, tens, ordinals
    2: "deuxième",
    3: "troisième",
    4: "quatrième cuarto",
    5: "cinquième quinto",
    6: "sixième sexto",
    7: "septième séptimo",
    8: "huitième octavo",
    9: "neuvième noveno",
    10: "dixième décimo",
    11: "onze once elf onzième",
    12: "douze doce zwölf douzième",
    13: "treize trece dreizehn",
    14: "quatorze catorce vierzehn",
    15: "quinze quince fünfzehn",
    16: "seize dieciséis sechzehn",
    20: "vingt veinte zwanzig",
    30: "trente treinta dreißig",
    40: "quarante cuarenta vierzig",
    50: "cinquante cincuenta fünfzig",
    60: "soixante sesenta sechzig",
    100: "cent cien ciento hundert",
}.items():
    for _w in _words.split():
        _SPELLED.setdefault(_w, _value)
# English words that stand for a small number a translation may write in digits:
# "a year" is "1年", "twice" "2回", "teenagers" "10代" in Japanese and Chinese.
for _value, _words in {
    1: "a an once single",
    2: "twice both couple pair duo double biennial",
    10: "teen teens teenage teenager teenagers",
}.items():
    for _w in _words.split():
        _SPELLED.setdefault(_w, _value)
# Small numbers in the other languages NTREX-128 covers (one to ten, common forms):
# a translator writes "dört oyuncudan biri" for "1-of-4 players".
for _value, _words in {
    1: "один одна одно одного одну ein eine einen einem einer bir biri אחד אחת ένα ένας μία μια một एक",
    2: "два две двух дві двох zwei iki שניים שתיים שני שתי δύο hai दो",
    3: "три трёх трех трьох üç שלושה שלוש שלושת τρία τρεις ba तीन",
    4: "четыре четырёх четырех чотири чотирьох dört ארבעה ארבע ארבעת τέσσερα τέσσερις bốn चार",
    5: "пять пяти п'ять beş חמישה חמש חמשת πέντε năm पांच पाँच",
    6: "шесть шести шість altı שישה שש ששת έξι sáu छह",
    7: "семь семи сім yedi שבעה שבע שבעת επτά εφτά bảy सात",
    8: "восемь восьми вісім sekiz שמונה שמונת οκτώ οχτώ tám आठ",
    9: "девять девяти дев'ять dokuz תשעה תשע תשעת εννέα εννιά chín नौ",
    10: "десять десяти עשרה עשר עשרת δέκα mười दस",
    12: "двенадцать дванадцять",
}.items():
    for _w in _words.split():
        _SPELLED.setdefault(_w, _value)
_URDU_NUMBERS = {
    w: v
    for v, ws in {
        1: "ایک",
        2: "دو",
        3: "تین",
        4: "چار",
        5: "پانچ",
        6: "چھ",
        7: "سات",
        8: "آٹھ",
        9: "نو",
        10: "دس",
        18: "اٹھارہ",
        26: "چھبیس",
        34: "چونتیس",
    }.items()
    for w in ws.split()
}
_HEBREW_PREFIXES = "בהולמש"
_UNIT_START = re.compile(r"[\s-][a-zA-Z°]")  # a unit word may follow
_DECADES_AFTER = re.compile(r"\s+decades?\b", re.IGNORECASE)
# Persian: units, teens, tens and hundreds; ordinals add م, مین or ام (نوزدهم, پنجاهمین).
_FA_NUMBERS: dict[str, int] = {}
for _value, _w in enumerate(
    "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده".split(),
    start=1,
):
    _FA_NUMBERS[_w] = _value
for _value, _w in zip(range(20, 100, 10), "بیست سی چهل پنجاه شصت هفتاد هشتاد نود".split()):
    _FA_NUMBERS[_w] = _value
_FA_NUMBERS.update({"صد": 100, "دوم": 2, "سوم": 3, "اول": 1, "نخست": 1, "هجدهم": 18, "یکی": 1})


@lru_cache(maxsize=65536)
def _persian(word: str) -> int | None:
    """A Persian number word, cardinal or ordinal (``نوزدهم`` 19, ``پنجاهمین`` 50)."""
    for suffix in ("", "مین", "ام", "م"):
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] if suffix else word
        value = _FA_NUMBERS.get(stem)
        if value is not None:
            return value
    return None


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


@dataclass(frozen=True, slots=True)  # slots: a document's numbers are kept while B002 runs
class Number:
    """A number found in text, with every value it can be read as.

    ``metric`` holds the metric values of a quantity written in an imperial or US unit
    (``85 mph`` -> 136.8 km/h; ``10 inches`` -> 25.4 cm or 0.254 m): a translation that
    converted it matches within the translator's rounding.
    """

    start: int
    end: int
    values: frozenset[str]
    spelled: bool = False
    metric: tuple[float, ...] = ()

    def __reduce__(self) -> tuple[object, ...]:  # frozen with slots: by value (3.10)
        return (Number, (self.start, self.end, self.values, self.spelled, self.metric))

    def matches(self, other: Number) -> bool:
        if not self.values.isdisjoint(other.values):
            return True
        return _converted(self, other) or _converted(other, self)

    @property
    def amounts(self) -> list[float]:
        """The plain numeric values (not times, dates or digit strings)."""
        out = []
        for v in self.values:
            try:
                out.append(float(v))
            except ValueError:
                continue
        return out


def _converted(imperial: Number, other: Number) -> bool:
    if not imperial.metric:
        return False
    from audit.lang.units import near

    written = other.metric or tuple(other.amounts)  # 6.6 feet for 6-foot-6: compare in metres
    return any(near(m, v) for m in imperial.metric for v in written)


def _canonical(value: Decimal) -> str:
    normalized = value.normalize()
    return format(normalized, "f")


@lru_cache(maxsize=65536)
def readings(token: str) -> frozenset[str]:
    """Every value a digit token can be read as (``1,500`` -> 1500 and 1.5).

    Remembered per token: the same few figures (years, small counts) recur in every
    document, and reading one means two regular expressions and decimal arithmetic."""
    token = re.sub(f"[{_SPACES}]", "\u202f", token.translate(_DIGITS))
    parts = re.split(f"([{_SEPARATORS}])", token)
    groups, seps = parts[0::2], parts[1::2]
    if not seps:
        return frozenset({_canonical(Decimal(token))})
    out: set[str] = set()
    if (
        len(seps) == 1
        and seps[0] in ":."
        and len(groups[0]) <= 2
        and len(groups[1]) == 2
        and int(groups[0]) <= 24
        and int(groups[1]) < 60
    ):
        out.add(f"{int(groups[0])}:{groups[1]}")  # a time of day: 5:30, 5.30
        if seps[0] == ":":
            if groups[1] == "00":
                out.add(str(int(groups[0])))  # 14:00 is "14 h", "14時"
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
    if (
        not out
        and set(seps) == {","}
        and len(groups) >= 3
        and len(groups[0]) <= 2
        and all(len(g) == 2 for g in groups[1:-1])
        and len(groups[-1]) == 3
    ):
        out.add(_canonical(Decimal("".join(groups))))  # Indian grouping: 1,50,000
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


_GROUP_BREAK = re.compile(f"[{_SPACES}:\uff1a]")  # where a digit token may be cut in two


def _tokens(text: str, start: int, end: int) -> list[_Token | re.Match[str]]:
    """Digit tokens; ``10 000`` is one number, but ``in 2019 100 people`` is two.

    A token read whole is its regex match itself (most are): only the groups of a cut
    token are made into :class:`_Token` objects."""
    out: list[_Token | re.Match[str]] = []
    split = _GROUP_BREAK.split
    for m in NUMBER.finditer(text, start, end):
        token = m.group()
        pieces = split(token)
        if len(pieces) > 1 and any("#" in r for r in readings(token)):
            pos = m.start()
            for piece in pieces:
                out.append(_Token(text, pos, pos + len(piece)))
                pos += len(piece) + 1
        else:
            out.append(m)
    return out


def _scaled(values: frozenset[str], exponent: int) -> frozenset[str]:
    out = set(values)
    for v in values:
        try:
            out.add(_canonical(Decimal(v).scaleb(exponent)))
        except InvalidOperation:
            continue
    return frozenset(out)


# Digits that are no quantity: inside URLs, e-mail addresses, markup, placeholders,
# UUIDs and identifiers (A320, MH17, x86, COVID-19). The artifact checks own those.
_NOT_NUMBERS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|</?[A-Za-z][^<>\n]{0,300}>"
    r"|\{[^{}\s]{0,60}\}"
    r"|%\d+\$[sd@]|%(?:\(\w+\))[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]"
    r"|[0-9](?<![\w.,][0-9])[A-Z]{1,2}\b(?<!AM)(?<!PM)"  # 3D, 5G, 4K: names more than quantities
)
# Found from their rarest character, then widened: an e-mail address from its "@",
# a UUID from its "-xxxx-xxxx-xxxx-" middle.
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_UUID_TAIL = re.compile(r"-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_LOCAL_PART = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.+_-")
# A letter right before a digit (A320, x86, MH17, 3f9a) or a capitalized word, a
# hyphen and a digit (COVID-19, F-16): found at the junction, then widened to the word.
_JUNCTION = re.compile(r"[0-9](?:(?<=[A-Za-z_][0-9])|(?<=[A-Za-z_]-[0-9]))")
_IDENTIFIER_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_LEADING_DIGITS = re.compile(r"[0-9]+")
# Telephone numbers: three or more groups of digits, or one long run with a trunk 0.
# The first digit stands before the alternatives (the second starts with a trunk 0):
# the regular expression engine skips to a digit only when the pattern itself starts
# with a character class, not when each alternative does.
_PHONE = re.compile(
    rf"[{_DIGIT}](?:(?<![{_DIGIT}.,][{_DIGIT}])[{_DIGIT}]{{1,4}}[ \u00a0](?:[{_DIGIT}]{{2,5}}[ \u00a0])+"
    rf"[{_DIGIT}]{{2,5}}(?![{_DIGIT}.,]?[{_DIGIT}])"
    rf"|(?<=[0\u0660\u06f0])(?<![{_DIGIT}.,][0\u0660\u06f0])[{_DIGIT}]{{8,11}}(?![{_DIGIT}]))"
)
# The quick test before the spans that are no numbers are looked for: one of these
# strings, or a digit beside a Latin letter (a5, 5G); see _may_hold_non_numbers.
_NOT_NUMBERS_STRINGS = ("<", "@", "{", "%", "://", "www.")
# A digit after a Latin letter, "_" or "-", or before a capital: found from the digit,
# which the regular expression engine skips to directly.
_DIGIT_BESIDE_LETTER = re.compile(r"[0-9](?:(?<=[A-Za-z_-][0-9])|[A-Z])")
_CJK_AMOUNT_HINT = re.compile("[万萬만亿億억千천百백]")
_CJK_TIME_HINT = re.compile("[時时시点點]")
_CJK_NUMERAL_HINT = re.compile("[〇零一二两兩三四五六七八九十]")
_THAI_HINT = re.compile("[\u0e00-\u0e7f]")
_FAR_EAST_HINT = re.compile("[\u0e00-\u0e7f\u3000-\u9fff\uac00-\ud7af\u1100-\u11ff]")


def _may_hold_non_numbers(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold a URL, markup, a placeholder, an e-mail
    address, a UUID or an identifier: one of a few strings, or a digit beside a Latin
    letter (``[<@{%]|://|www\\.|[A-Za-z_-][0-9]|[0-9][A-Z]``).

    Asked as substring tests and one expression that starts at a digit: the same
    question as one alternation, which the regular expression engine tries at every
    character, cost four times as much on news text (most of which holds none)."""
    part = text if start == 0 and end == len(text) else text[start:end]
    return _DIGIT_BESIDE_LETTER.search(part) is not None or any(
        s in part for s in _NOT_NUMBERS_STRINGS
    )


def _masked(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if not _may_hold_non_numbers(text, start, end):
        return []
    spans = [(m.start(), m.end()) for m in _NOT_NUMBERS.finditer(text, start, end)]
    if "@" in text:
        for e in _EMAIL_DOMAIN.finditer(text, start, end):
            a = e.start()
            while a > start and text[a - 1] in _LOCAL_PART:
                a -= 1
            if a < e.start():
                spans.append((a, e.end()))
    if "-" in text:
        for u in _UUID_TAIL.finditer(text, start, end):
            spans.append((max(start, u.start() - 8), u.end()))
    for j in _JUNCTION.finditer(text, start, end):
        a = j.start() - (2 if text[j.start() - 1] == "-" else 1)
        b = j.end()
        while a > start and text[a - 1] in _IDENTIFIER_CHARS and text[a - 1] != "-":
            a -= 1
        if text[j.start() - 1] == "-" and not text[a].isupper():
            continue  # mid-2019: a word, a hyphen and a year
        while b < end and text[b] in _IDENTIFIER_CHARS:
            b += 1
        spans.append((a, b))
    return spans


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def find_numbers(
    text: str, start: int = 0, end: int | None = None, *, spelled: bool = True
) -> list[Number]:
    """Numbers in ``text[start:end]`` in order: digit tokens, and spelled-out ones if asked.

    Read as a reader would: ``1.2万`` is 12000, ``2pm`` is also 14 and 14:00,
    ``7時55分`` is 7:55, ``85 mph`` carries its metric value; digits in URLs,
    identifiers and markup are no numbers. A document's text is read once (the
    aligner and the checks all ask).
    """
    end = len(text) if end is None else end
    if not spelled:  # the words are not read at all
        before, after = _read_digits(text, start, end)
        return [n for n in sorted((*before, *after), key=_start) if not n.spelled]
    return list(_read_numbers(text, start, end))


def _start(n: Number) -> int:
    return n.start


@lru_cache(maxsize=16)
def _read_numbers(text: str, start: int, end: int) -> tuple[Number, ...]:
    """Every number of ``text[start:end]``, sorted by start (a stable sort: numbers that
    start together stay in the order they were read)."""
    before, after = _read_digits(text, start, end)
    out = [*before, *_spelled_numbers(text, start, end), *after]
    out.sort(key=_start)
    return tuple(out)


@lru_cache(maxsize=16)
def _read_digits(text: str, start: int, end: int) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
    """The numbers of ``text[start:end]`` that are no word looked up: those read before
    the words (digits, times, telephone numbers, heights, CJK amounts) and those read
    after them (CJK numerals, Thai months), each in the order read."""
    from audit.lang import cjk, dates, units

    out: list[Number] = []
    taken = _masked(text, start, end)
    far_east = _FAR_EAST_HINT.search(text, start, end) is not None
    if far_east and _CJK_AMOUNT_HINT.search(text, start, end):
        for a, b, value in cjk.amounts(text, start, end):
            if not _inside(taken, a, b):
                out.append(Number(a, b, frozenset({value})))
                taken.append((a, b))
    if far_east and _CJK_TIME_HINT.search(text, start, end):
        for t in dates.CJK_TIME.finditer(text, start, end):
            if _inside(taken, t.start(2), t.end(2)):
                continue
            afternoon = None if t.group(1) is None else t.group(1) in ("午後", "下午", "오후")
            minute = int(t.group(3)) if t.group(3) else 0
            values = dates.clock_values(int(t.group(2)), minute, afternoon)
            out.append(Number(t.start(2), t.end(), values | {str(int(t.group(2)))}))
            taken.append((t.start(2), t.end()))
    if "h" in text:
        for t in dates.FRENCH_TIME.finditer(text, start, end):
            if int(t.group(1)) <= 24 and int(t.group(2)) < 60:
                values = dates.clock_values(int(t.group(1)), int(t.group(2)), None)
                out.append(Number(t.start(), t.end(), values))
                taken.append(t.span())
    for p in _PHONE.finditer(text, start, end):  # 0800 555 111: one telephone number
        groups = p.group().translate(_DIGITS).split()
        thousands = groups[0][0] != "0" and all(len(g) == 3 for g in groups[1:])  # 10 000 000
        if len(groups) == 1 or (not thousands and any(g[0] == "0" or len(g) == 4 for g in groups)):
            if not _inside(taken, *p.span()):
                ordered = {"tel:" + "".join(groups), "tel:" + "".join(reversed(groups))}
                out.append(Number(p.start(), p.end(), frozenset(ordered)))
                taken.append(p.span())
    if "-foot-" in text or "ft" in text or "feet" in text:
        for a, b, inches, cm in units.feet_and_inches(text, start, end):
            if not _inside(taken, a, b):  # 6-foot-6: the feet carry the height, the inches follow
                feet = _LEADING_DIGITS.match(text, a)
                inch = _LEADING_DIGITS.match(text, inches)
                if feet and inch:
                    out.append(Number(a, feet.end(), readings(feet.group()), metric=(cm, cm / 100)))
                    out.append(Number(inches, inch.end(), readings(inch.group()), spelled=True))
                taken.append((a, b))
    for m in _tokens(text, start, end):
        if taken and _inside(taken, m.start(), m.end()):
            continue
        values = readings(m.group())
        if _DECADE.match(text, m.end()) and m.group()[-1] == "0":
            # "the 1980s" is as often "ثمانينيات القرن العشرين" (the eighties) or "20 世纪
            # 80 年代" (the 80s of the 20th century): matched, never required
            out.append(Number(m.start(), m.end() + 1, _decade(values), spelled=True))
            century = _century(values)
            if century:
                out.append(Number(m.start(), m.end() + 1, century, spelled=True))
            continue
        metric: tuple[float, ...] = ()
        scale = _SCALE_AFTER.match(text, m.end(), end)
        clock = dates.AM_PM.match(text, m.end(), end)
        if not clock and (not scale or scale.group(1).lower() == "miles"):  # 385 miles
            amount = next((float(v) for v in values if v.replace(".", "", 1).isdigit()), None)
            if amount is not None:
                metric = units.metric_value(text, m.end(), amount)
        if scale:
            values = _scaled(values, _SCALES[scale.group(1).lower()])
        if clock:
            values = values | _clock(values, clock.group(1).lower() == "p")
        out.append(Number(m.start(), m.end(), values, metric=metric))
    after: list[Number] = []
    if far_east and _CJK_NUMERAL_HINT.search(text, start, end):
        after.extend(
            Number(a, b, frozenset({str(v)}), spelled=True)
            for a, b, v in cjk.numerals(text, start, end)
            if not _inside(taken, a, b)
        )
    if far_east and _THAI_HINT.search(text, start, end):
        after.extend(
            Number(a, b, frozenset({str(v)}), spelled=True)
            for a, b, v in dates.thai_months(text, start, end)
        )
    return tuple(out), tuple(after)


class Reading:
    """The numbers of a whole text, with the number words read only where asked.

    B002 compares the numbers of a source segment with those of its translation, and
    only a number in digits is ever required: a segment pair without one on either
    side holds nothing to report, and its words need not be looked up (the costliest
    part of reading numbers, word by word). :meth:`within` gives exactly what
    ``find_numbers(text)`` holds within a span, in the same order."""

    def __init__(self, text: str, *, words_at_once: bool = False):
        self._text = text
        digits = _DIGITS_READ.get(text)
        self._digits = digits.keyed
        self._starts = digits.starts
        self._figures = digits.figures  # the numbers a text may require
        self._figure_starts = digits.figure_starts
        self._at_once = words_at_once
        self._words: list[Number] | None = None
        self._word_starts: list[int] = []
        # Arabic-script text is read word after word (compounds): its words as matches
        self._arabic = _ARABIC_LETTER.search(text) is not None
        self._matches: list[re.Match[str]] | None = None
        self._match_starts: list[int] = []

    @property
    def any_figures(self) -> bool:
        """Whether the text holds a number that is no word (``12``, not ``twelve``)."""
        return bool(self._figures)

    def has_figures(self, span: Span | None) -> bool:
        """Whether a number that is no word lies within ``span`` (none in no span)."""
        if span is None:
            return False
        lo = bisect.bisect_left(self._figure_starts, span.start)
        hi = bisect.bisect_left(self._figure_starts, span.end, lo)
        return any(n.end <= span.end for n in self._figures[lo:hi])

    def within(self, span: Span | None, *, words: bool = True) -> list[Number]:
        """``find_numbers(text)`` within ``span``: starting in it and ending by its end;
        without the number words looked up (``words=False``), all the others, in the
        same order."""
        if span is None:
            return []
        a, b = span.start, span.end
        lo = bisect.bisect_left(self._starts, a)
        keyed = [
            k for k in self._digits[lo : bisect.bisect_left(self._starts, b, lo)] if k[3].end <= b
        ]
        if not words:
            return [k[3] for k in keyed]
        spelled = self._words_within(a, b)
        if spelled:
            keyed += [(n.start, 1, i, n) for i, n in enumerate(spelled)]
            keyed.sort(key=_rank)
        return [k[3] for k in keyed]

    def _words_within(self, a: int, b: int) -> list[Number]:
        text = self._text
        if self._at_once:
            if self._words is None:
                self._words = _spelled_numbers(text, 0, len(text))
                self._word_starts = [n.start for n in self._words]
            lo = bisect.bisect_left(self._word_starts, a)
            hi = bisect.bisect_left(self._word_starts, b, lo)
            return [n for n in self._words[lo:hi] if n.end <= b]
        if self._arabic:
            return [n for n in self._arabic_words_from(a, b) if n.start >= a and n.end <= b]
        # Each word is looked up on its own: the words of text[a:b] are those of the
        # whole text, but for a word cut at either end, which the whole text does not
        # hold within the span.
        cut_before = a > 0 and _LETTER.match(text, a - 1) is not None
        cut_after = b < len(text) and _LETTER.match(text, b) is not None
        return [
            n
            for n in _looked_up_words(text, a, b)
            if not (cut_before and n.start == a) and not (cut_after and n.end == b)
        ]

    def _arabic_words_from(self, a: int, b: int) -> list[Number]:
        """The Arabic-script reading of the words that start before ``b``, from a word
        where the reading of the whole text also starts afresh, at or before ``a``.

        A compound takes at most the two words after its first: a word after two
        words that are read alone (no number, no month) starts afresh, whatever came
        before, and so does the first word of the text."""
        text = self._text
        if self._matches is None:
            self._matches = list(_SPELLED_WORD.finditer(text))
            self._match_starts = [m.start() for m in self._matches]
        words = self._matches
        k = bisect.bisect_left(self._match_starts, a)
        while k > 0 and not (
            _arabic_word_alone(text, words[k - 1])
            and (k == 1 or _arabic_word_alone(text, words[k - 2]))
        ):
            k -= 1
        return _arabic_script_words(text, words, k, b)


def _rank(k: tuple[int, int, int, Number]) -> tuple[int, int, int]:
    return k[0], k[1], k[2]


class _Digits:
    """What :func:`_read_digits` reads in a whole text, in the order of find_numbers:
    keyed by (start, rank, index), a stable sort by start of the numbers read before
    the words (rank 0), the words (1, added by :meth:`Reading.within`) and the rest
    (2). Never changed once made (Readings of the same text share it)."""

    __slots__ = ("keyed", "starts", "figures", "figure_starts")

    def __init__(self, text: str):
        before, after = _read_digits(text, 0, len(text))
        keyed = [(n.start, 0, i, n) for i, n in enumerate(before)]
        keyed += [(n.start, 2, i, n) for i, n in enumerate(after)]
        keyed.sort(key=_rank)
        self.keyed = keyed
        self.starts = [k[0] for k in keyed]
        self.figures = [n for *_, n in keyed if not n.spelled]
        self.figure_starts = [n.start for n in self.figures]


# The digits of texts met again (a source translated into many languages), read once.
_DIGITS_READ: TextMemory[_Digits] = TextMemory(_Digits, 2_000_000)


_LETTER = re.compile(r"[^\W\d_]")  # a character of a word (_SPELLED_WORD)


def _decade(values: frozenset[str]) -> frozenset[str]:
    """``1980`` -> 1980 and 80 (``the 80s``, ``années 80``)."""
    return values | {v[-2:] for v in values if len(v) == 4 and v.isdigit()}


def _century(values: frozenset[str]) -> frozenset[str]:
    """The century a decade lies in: the 1930s are in the 20th (``20 世纪 30 年代``)."""
    return frozenset(str(int(v) // 100 + 1) for v in values if len(v) == 4 and v.isdigit())


def _clock(values: frozenset[str], afternoon: bool) -> frozenset[str]:
    from audit.lang.dates import clock_values

    out: set[str] = set()
    for v in values:
        hour, _, minute = v.partition(":") if ":" in v else v.partition(".")
        if hour.isdigit() and int(hour) <= 12 and (not minute or minute.isdigit()):
            out |= clock_values(int(hour), int(minute or 0), afternoon)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _normalized(word: str) -> str:
    from audit.lang.arabic import normalize

    return normalize(word.lower())


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _plain_word_values() -> dict[str, frozenset[str]]:
    """Spelled numbers and month names looked up as they are (lower case)."""
    from audit.lang.dates import month_of

    words = set(_SPELLED)
    from audit.lang import dates

    words |= set(dates._MONTH_WORDS)
    out = {}
    for w in words:
        found = {_SPELLED.get(w), month_of(w)} - {None}
        if found:
            out[w] = frozenset(map(str, found))
    return out


_PLAIN_WORD_VALUES = _plain_word_values()


def _slow_first_letters() -> frozenset[str]:
    """First letters of the words that need more than a look-up: inflected month names
    (февраля, Σεπτεμβρίου), Hebrew words with a prefix (בספטמבר), Roman numerals."""
    import unicodedata

    from audit.lang import dates

    firsts = set("IVXLC") | set(_HEBREW_PREFIXES)
    for stem in dates._MONTH_STEMS:
        for c in {stem[0], *(stem[0] if stem[0] != "м" else "м")}:
            firsts |= {c, c.upper()}
    # accented capitals and small letters that strip to a stem's first letter (Ά -> α)
    for code in range(0x370, 0x400):
        c = chr(code)
        base = unicodedata.normalize("NFD", c)[0].lower()
        if base in firsts:
            firsts.add(c)
    return frozenset(firsts)


_SLOW_FIRST = _slow_first_letters()


def _arabic_script_endings() -> frozenset[str]:
    """The last two letters of every Arabic-script month name and Persian or Urdu number
    word (ordinal endings included): a word ending otherwise is none of them."""
    from audit.lang import dates

    words = [w for w in dates._MONTH_WORDS if _ARABIC_LETTER.search(w)]
    words += list(_URDU_NUMBERS)
    for w in _FA_NUMBERS:
        words += [w, w + "م", w + "مین", w + "ام"]
    return frozenset(w[-2:] for w in words)


_ARABIC_SCRIPT_ENDINGS = _arabic_script_endings()


@lru_cache(maxsize=65536)
def _word_values(word: str) -> frozenset[str] | None:
    """What one word may stand for as a number: spelled out, a month, a Roman numeral."""
    from audit.lang.dates import month_of, roman

    low = word.lower()
    value = _SPELLED.get(low)
    if value is None and low[0] in _HEBREW_PREFIXES and len(low) > 3:
        value = _SPELLED.get(low[1:])  # לאחד, מארבעת
    found = {value, month_of(word), roman(word) if word[0] in "IVXLC" else None} - {None}
    return frozenset(map(str, found)) if found else None


def _looked_up_words(text: str, start: int, end: int) -> list[Number]:
    """Number words found by look-up (every script but Arabic's): one dictionary look-up
    per word; only words that may be an inflected month name, a Hebrew word with a
    prefix or a Roman numeral are looked at further."""
    from audit.lang.units import metric_value  # once per text, not once per number word

    hits: list[Number] = []
    known = _WORD_NUMBERS
    seen = known.get
    for m in _SPELLED_WORD.finditer(text, start, end):
        word = m.group()
        found = seen(word, _UNSEEN)
        if found is _UNSEEN:  # a word not met before in this process
            if len(known) >= _MAX_REMEMBERED:
                known.clear()
            found = known[word] = _number_word(word)
        if found is None:
            continue
        if _DECADES_AFTER.match(text, m.end()):  # two decades: 20 (years)
            found = found | {str(int(v) * 10) for v in found if v.isdigit()}
        metric: tuple[float, ...] = ()
        if len(found) == 1 and _UNIT_START.match(text, m.end()):  # an eight-foot robot
            metric = metric_value(text, m.end(), float(next(iter(found))))
        hits.append(Number(m.start(), m.end(), found, spelled=True, metric=metric))
    return hits


def _number_word(word: str) -> frozenset[str] | None:
    """What one word may stand for as a number, or None: a look-up in lower case; only a
    word that may be an inflected month name, a Hebrew word with a prefix or a Roman
    numeral is read further."""
    found = _PLAIN_WORD_VALUES.get(word.lower())
    if found is None and word[0] in _SLOW_FIRST:
        return _word_values(word)
    return found


# What each word met in this process stands for (None: nothing): running text repeats
# its words, and one dictionary look-up per word is the cheapest reading. Forgotten
# past _MAX_REMEMBERED words, so memory stays bounded on any vocabulary.
_WORD_NUMBERS: dict[str, frozenset[str] | None] = {}
_UNSEEN = frozenset({"(unseen)"})
_MAX_REMEMBERED = 200_000


# Whether a word of Arabic-script text, as written, may be (part of) a number word: its
# normalized readings with and without proclitics, per word met in this process.
_ARABIC_NUMBERISH: dict[str, bool] = {}


def _keys(word: str) -> set[str]:
    """A normalized word's readings (itself, and without proclitics and the article)."""
    from audit.lang.arabic import word_keys

    return {word} if word.isascii() else {word, *word_keys(word)}


def _spelled_numbers(text: str, start: int, end: int) -> list[Number]:
    """Numbers written as words, each with the values it may mean."""
    if not _ARABIC_LETTER.search(text, start, end):
        return _looked_up_words(text, start, end)
    return _arabic_script_words(text, list(_SPELLED_WORD.finditer(text, start, end)), 0, end)


def _arabic_script_words(text: str, words: list[re.Match[str]], i: int, stop: int) -> list[Number]:
    """The number words of Arabic-script text, read from ``words[i]`` on, in one pass
    (a compound such as التاسع عشر, 19, takes the words after it), up to the first word
    that starts at ``stop`` or after it.

    The words are regex matches; a word is normalized only when it may be a number word
    or follows one (a compound): most words of running text are neither."""
    from audit.lang.arabic import strip_article
    from audit.lang.dates import month_of

    known = _ARABIC_NUMBERISH
    out: list[Number] = []
    while i < len(words) and words[i].start() < stop:
        s0, e0 = words[i].span()
        raw = words[i].group()
        if text[e0 - 2 : e0] in _ARABIC_SCRIPT_ENDINGS:  # a month, a Persian or Urdu number?
            month = month_of(raw)
            persian = _persian(raw) or _URDU_NUMBERS.get(raw)
        else:
            month = persian = None
        if month is not None or persian is not None:
            nxt = words[i + 1] if i + 1 < len(words) else None
            nxt2 = words[i + 2] if i + 2 < len(words) else None
            if persian and persian >= 20 and nxt and _normalized(nxt.group()) == "و" and nxt2:
                unit = _persian(nxt2.group())
                if unit and unit < 10:  # چهل و چهارمین: 44
                    out.append(
                        Number(s0, nxt2.end(), frozenset({str(persian + unit)}), spelled=True)
                    )
                    i += 3
                    continue
            values = {str(v) for v in (month, persian) if v is not None}
            out.append(Number(s0, e0, frozenset(values), spelled=True))
            i += 1
            continue
        numberish = known.get(raw)
        if numberish is None:  # a word not met before in this process
            numberish = _arabic_numberish(raw)
        if not numberish:  # most words of running text
            i += 1
            continue
        word = _normalized(raw)
        keys = _keys(word)
        unit = next((_AR_UNITS[k] for k in keys if k in _AR_UNITS), None)
        if unit is not None and i + 1 < len(words):
            after, after_end = _normalized(words[i + 1].group()), words[i + 1].end()
            if after in _AR_TEEN:  # التاسع عشر: 19
                out.append(Number(s0, after_end, frozenset({str(10 + unit)}), spelled=True))
                i += 2
                continue
            tens = strip_article(after[1:]) if after.startswith("و") else None
            if tens in _AR_TENS:  # الرابعة والثلاثين: 34
                out.append(
                    Number(s0, after_end, frozenset({str(_AR_TENS[tens] + unit)}), spelled=True)
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


def _arabic_numberish(raw: str) -> bool:
    """Whether a word of Arabic-script text may be (part of) a number word; remembered."""
    known = _ARABIC_NUMBERISH
    found = known.get(raw)
    if found is None:
        if len(known) >= _MAX_REMEMBERED:
            known.clear()
        found = known[raw] = not _keys(_normalized(raw)).isdisjoint(_NUMBER_WORDS)
    return found


def _arabic_word_alone(text: str, word: re.Match[str]) -> bool:
    """Whether :func:`_arabic_script_words` reads ``word`` as no number and takes no
    word after it: neither a month nor a Persian or Urdu number, nor a number word."""
    from audit.lang.dates import month_of

    raw, e0 = word.group(), word.end()
    if text[e0 - 2 : e0] in _ARABIC_SCRIPT_ENDINGS:
        persian = _persian(raw) or _URDU_NUMBERS.get(raw)
        if month_of(raw) is not None or persian is not None:
            return False
    return not _arabic_numberish(raw)
