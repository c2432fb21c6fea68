"""Quantities a translator is right to convert: 85 mph is 136 km/h.

A news translator writing for readers who use the metric system converts miles,
feet, pounds, gallons and degrees Fahrenheit, rounding as a reader expects
(``385 miles`` → ``620 kilómetros``, ``10 inches`` → ``25 centímetros``). This module
finds a number with an imperial or US unit after it and gives its metric value, so
B002 can accept the converted number within the translator's rounding.

A small table rather than a units library: the few conversions news uses, with the
unit words of the languages audit reads (an imperial unit kept in the translation is
written ``英里``, ``マイル``, ``миль``...), matched without importing anything; pint
would add a dependency and a slow import for the same eight factors.
"""

from __future__ import annotations

import re

# Unit words (lower case) -> the factors to the metric units a translation may use
# (inches become centimetres or metres; feet metres or centimetres).
_LINEAR: dict[str, tuple[float, ...]] = {}
for _factors, _words in (
    (
        (1.609344,),
        "mph|miles per hour|mile|miles|英里|マイル|마일|миль|мили|милі|миля|meilen|meile"
        "|milles|millas|milla|μίλια|میل|מייל|ไมล์|मील",
    ),
    (
        (2.54, 0.0254),
        "inch|inches|英寸|インチ|인치|дюйм|дюйма|дюймов|zoll|pouces|pouce|pulgadas|pulgada"
        "|inç|ίντσες|اینچ|אינץ'|นิ้ว|इंच|انچ|بوصة",
    ),
    (
        (0.3048, 30.48),
        "foot|feet|ft|英尺|フィート|피트|фут|фута|футов|fuß|pieds|pied|pies|πόδια|فوت"
        "|רגל|ฟุต|फुट|فٹ|قدم|أقدام|اقدام",
    ),
    ((0.9144,), "yard|yards|yd|码|ヤード|야드|ярд|ярдов"),
    ((0.45359237,), "pound|pounds|lb|lbs|磅|ポンド|파운드|фунт|фунтов|pfund|livres|libras|libra"),
    ((28.349523,), "ounce|ounces|oz|盎司|オンス|온스|унций|unzen|onces|onzas"),
    ((3.785411784,), "gallon|gallons|gal|加仑|ガロン|갤런|галлон|галлонов|gallonen|galones"),
    ((0.40468564, 4046.8564), "acre|acres|英亩|エーカー|에이커|акр|акров"),
    ((2.58998811,), "square mile|square miles|sq mi|平方英里|平方マイル|제곱마일"),
    ((0.09290304,), "square foot|square feet|sq ft|平方英尺|平方フィート"),
):
    for _w in _words.split("|"):
        _LINEAR.setdefault(_w, _factors)

_FAHRENHEIT = re.compile(
    r"\s?(?:°\s?F\b|º\s?F\b|degrees? fahrenheit|fahrenheit|华氏度|華氏|화씨)", re.I
)
_UNIT_AFTER = re.compile(
    r"[\s\u00a0-]?("
    + "|".join(sorted((re.escape(w) for w in _LINEAR), key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.I,
)
# "6-foot-6", "6 ft 6 in", "5 feet 11 inches": one height in inches.
_FEET_INCHES = re.compile(
    r"(\d{1,2})(?:-foot-|\s?(?:ft|feet|foot|′|')\s?)(\d{1,2})(?:\s?(?:in|inches|inch|″|\"))?(?!\d)"
)


# The first letter of any unit word or Fahrenheit sign, after the separator either
# allows: one character class (case-insensitive, as both patterns are) rules out at
# once what follows most numbers, before the long alternations are tried.
_UNIT_OR_DEGREE_START = re.compile(
    r"[\s\u00a0-]?["
    + re.escape("".join(sorted({w[0] for w in _LINEAR} | set("°ºdf华華화"))))
    + "]",
    re.I,
)


def metric_value(text: str, end: int, value: float) -> tuple[float, ...]:
    """The metric values of ``value`` when an imperial unit follows ``text[end:]``, else ()."""
    if not _UNIT_OR_DEGREE_START.match(text, end):
        return ()
    m = _UNIT_AFTER.match(text, end)
    if m:
        return tuple(value * f for f in _LINEAR[m.group(1).lower()])
    if _FAHRENHEIT.match(text, end):
        return ((value - 32) * 5 / 9,)
    return ()


# What every height in feet and inches holds: a digit and the feet after it. The
# pattern starts with a character class, so the engine skips to digits (_FEET_INCHES
# starts with a group and is tried at every character).
_FEET_AFTER_DIGIT = re.compile(r"\d(?:-foot-|\s?(?:ft|feet|foot|′|'))")


def feet_and_inches(text: str, start: int, end: int) -> list[tuple[int, int, int, float]]:
    """``(start, end, inches start, centimetres)`` of heights written in feet and inches."""
    if not _FEET_AFTER_DIGIT.search(text, start, end):
        return []
    return [
        (m.start(), m.end(), m.start(2), (int(m.group(1)) * 12 + int(m.group(2))) * 2.54)
        for m in _FEET_INCHES.finditer(text, start, end)
    ]


def near(converted: float, written: float) -> bool:
    """Whether ``written`` is ``converted`` as a translator would round it.

    Within 6% (``85 mph`` = 136.8 km/h written ``136`` or ``140``), or within the
    rounding the written number shows (``620`` for 619.6; ``600`` for 619.6).
    """
    if converted == 0:
        return written == 0
    diff = abs(written - converted)
    if diff <= 0.06 * abs(converted):
        return True
    step = _rounding_step(written)
    return step > 1 and diff <= step / 2 and abs(written) >= step


def _rounding_step(value: float) -> float:
    if value != int(value) or value == 0:
        return 0.0
    n, step = int(abs(value)), 1.0
    while n % 10 == 0:
        n //= 10
        step *= 10
    return step
