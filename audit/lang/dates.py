"""Dates and times as readers write them: month names, clock times, Roman centuries.

``2月11日`` is ``February 11``: the month is a number in Chinese and a word in English,
so B002 must read ``February`` as 2 (and ``Sept.``, ``فبراير``, ``Februar``, ``февраля``,
``กุมภาพันธ์``...). Month names and Roman numerals (``XIXe siècle``) are read as spelled
numbers: they match a number in the other text, they are never required. Clock times
(``2pm`` = ``14 h`` = ``午後2時``, ``7.55am`` = ``07h55`` = ``7時55分``) are read with every
value a translation may show.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Month names and common abbreviations, lower case, accents kept; whole words.
_MONTH_WORDS: dict[str, int] = {}
for _lang_months in (
    # English
    "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
    "|september sep sept|october oct|november nov|december dec",
    # French, Spanish, German, Turkish, Vietnamese-free Latin scripts
    "janvier enero januar jänner ocak|février febrero februar şubat|mars marzo märz mart"
    "|avril abril april nisan|mai mayo mayıs|juin junio juni haziran|juillet julio juli temmuz"
    "|août agosto august ağustos|septembre septiembre setiembre september eylül"
    "|octobre octubre oktober ekim|novembre noviembre november kasım|décembre diciembre dezember aralık",
    # Arabic (Egyptian and Levantine), Persian, Urdu
    "يناير كانون جانفي ژانویه جنوری|فبراير شباط فيفري فوریه فروری|مارس آذار مارچ"
    "|أبريل ابريل نيسان أفريل آوریل اپریل|مايو أيار ماي مه مئی|يونيو حزيران جوان ژوئن جون"
    "|يوليو تموز جويلية ژوئیه جولائی|أغسطس اغسطس آب أوت اوت اگست|سبتمبر أيلول سپتامبر ستمبر"
    "|أكتوبر اكتوبر تشرين اکتبر اکتوبر|نوفمبر نوامبر نومبر|ديسمبر دسامبر دسمبر",
    # Hebrew, Hindi
    "ינואר जनवरी|פברואר फ़रवरी फरवरी|מרץ מרס मार्च|אפריל अप्रैल|מאי मई|יוני जून|יולי जुलाई"
    "|אוגוסט अगस्त|ספטמבר सितंबर सितम्बर|אוקטובר अक्टूबर|נובמבר नवंबर नवम्बर|דצמבר दिसंबर दिसम्बर",
):
    for _n, _group in enumerate(_lang_months.split("|"), start=1):
        for _w in _group.split():
            _MONTH_WORDS.setdefault(_w, _n)
_MONTH_WORDS["كانون"] = 1  # كانون الثاني (January) or كانون الأول (December): either
_MONTH_WORDS["تشرين"] = 10
# Inflected languages: the stem (accents stripped, lower case) a month word starts with.
_MONTH_STEMS: dict[str, int] = {}
for _stems in (
    "январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр",
    "січ|лют|берез|квіт|травн|червн|липн|серп|верес|жовт|листопад|груд",
    "ιανουαρ|φεβρουαρ|μαρτ|απριλ|μαι|ιουν|ιουλ|αυγουστ|σεπτεμβρ|οκτωβρ|νοεμβρ|δεκεμβρ",
):
    for _n, _stem in enumerate(_stems.split("|"), start=1):
        _MONTH_STEMS[_stem] = _n
_STEM = re.compile("|".join(f"(?P<m{n}_{k}>{s})" for k, (s, n) in enumerate(_MONTH_STEMS.items())))
# Thai writes words without spaces: month names are found as substrings.
_THAI_MONTHS = re.compile(
    "(มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"
    "|ม\\.ค\\.|ก\\.พ\\.|มี\\.ค\\.|เม\\.ย\\.|พ\\.ค\\.|มิ\\.ย\\.|ก\\.ค\\.|ส\\.ค\\.|ก\\.ย\\.|ต\\.ค\\.|พ\\.ย\\.|ธ\\.ค\\.)"
)
_THAI_ORDER = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
_THAI_ABBR = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
]
# Hebrew and Arabic attach prepositions and the article: בספטמבר, وفي, بمايو.
_PREFIXES = ("ב", "ל", "מ", "ו", "ה", "ال", "و", "ب", "ل", "في")


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def month_of(word: str) -> int | None:
    """The month (1-12) a word names, or None: ``Sept`` 9, ``февраля`` 2, ``בספטמבר`` 9."""
    low = word.lower()
    n = _MONTH_WORDS.get(low)
    if n is not None:
        return n
    for p in _PREFIXES:
        if low.startswith(p) and len(low) > len(p) + 2 and low[len(p) :] in _MONTH_WORDS:
            return _MONTH_WORDS[low[len(p) :]]
    plain = _plain(low)
    m = _STEM.match(plain)
    if m and len(plain) <= len(m.group()) + 4 and m.lastgroup:
        return int(m.lastgroup[1:].split("_")[0])
    return None


def thai_months(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """``(start, end, month)`` of Thai month names (written without spaces around them)."""
    out = []
    for m in _THAI_MONTHS.finditer(text, start, end):
        name = m.group()
        month = (_THAI_ORDER.index(name) if name in _THAI_ORDER else _THAI_ABBR.index(name)) + 1
        out.append((m.start(), m.end(), month))
    return out


_ROMAN = re.compile(r"^([IVXLC]{2,})(?:e|er|ème|es|eme|\.)?$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(word: str) -> int | None:
    """The value of an upper-case Roman numeral of two letters or more (``XIXe`` 19)."""
    m = _ROMAN.match(word)
    if not m:
        return None
    letters = m.group(1)
    total = 0
    for i, c in enumerate(letters):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(letters) and _ROMAN_VALUES[letters[i + 1]] > v else v
    return total if 0 < total < 400 else None


# A clock time after a number: "2pm", "7.55 a.m.", and Japanese/Chinese/Korean 7時55分.
AM_PM = re.compile(r"\s?([ap])\.?\s?m\b\.?", re.I)
CJK_TIME = re.compile(
    r"(午前|午後|上午|下午|오전|오후)?\s?([0-9]{1,2})\s?[時时시点點](?![間间간])\s?(?:([0-9]{1,2})\s?[分분])?"
)
FRENCH_TIME = re.compile(r"([0-9](?<![\w.,][0-9])[0-9]?)\s?h\s?([0-9]{2})\b")


def clock_values(hour: int, minute: int, afternoon: bool | None) -> frozenset[str]:
    """Every way a translation may write a time: ``2pm`` -> 2, 14, 2:00, 14:00."""
    hours = {hour}
    if afternoon and hour < 12:
        hours.add(hour + 12)
    if afternoon is False and hour == 12:
        hours.add(0)
    out: set[str] = set()
    for h in hours:
        out.add(f"{h}:{minute:02d}")
        if minute == 0:
            out.add(str(h))
    return frozenset(out)
