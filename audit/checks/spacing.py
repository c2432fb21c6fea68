"""Spacing around punctuation: the spaces segmenters and MT leave misplaced (S001-S003,
the ``spacing.*`` family; doubled marks and open brackets are :mod:`audit.checks.punctuation`'s).

``Tripoli .`` (a space before the full stop), ``Tripoli.The`` (none after it),
``said  that`` (two spaces). French
puts a space before ``; : ? !``, so what counts as a stray space depends on the target
language (``space_before`` in ``audit/lang/languages.py``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from audit.checks.lookbehind import after_non_space, finditer_after
from audit.checks.reading import word_after, word_before
from audit.document import Document
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.profiles import language
from audit.lazypattern import LazyPattern

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

# Spaces before a mark, where the spaces follow a non-space. The pattern starts with a
# space, so the engine skips ahead to spaces; the look-behind after that first space
# keeps a match from starting inside a run of spaces: without it every space of a long
# run that ends in no mark would start a scan of the rest of the run (quadratic).
_SPACE_BEFORE = re.compile(r"([^\S\n\r](?<=\S[^\S\n\r])[^\S\n\r]*)([.,;:!?؟،؛])")
# A mark right after a space: every match of _SPACE_BEFORE ends so. Found from the
# mark, which is rarer than a space, it costs a third of a scan for _SPACE_BEFORE on
# texts without one (most: French and a few others space their marks).
_SPACE_THEN_MARK = LazyPattern(r"[.,;:!?؟،؛](?<=[^\S\n\r][.,;:!?؟،؛])")
# A mark with no space after it, after a non-space (see _after_non_space); then judged
# on the words as they read.
_MISSING_SPACE = re.compile(r"([.!?;,،؛؟])(?=\S)")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_EMOTICON_AFTER_COLON = frozenset(")(-DPpO/\\|")
# An entity ending just before a mark (``&amp;``): its ``;`` is not punctuation.
_ENTITY_BEFORE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31})\Z")


@check(
    code="S001",
    name="spacing.space-before-punctuation",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="in the southern neighborhoods of the capital Tripoli .",
    good="in the southern neighborhoods of the capital Tripoli.",
    fixable=True,
)
def space_before_punctuation(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A space before . , ; : ? ! (and the Arabic ، ؛ ؟) where the language has none.

    French (and any language whose ``space_before`` lists them) keeps its space before
    ``; : ? !``. A spaced ellipsis, a leading dot (``.NET``, ``.45``), a score
    (``2 : 1``), an emoticon and ``U.N .`` (maybe an abbreviation's own full stop)
    are not reported. The suggestion deletes the space, or moves it after the mark
    when a sentence follows at once (``Genève .Puis``).
    """
    text = doc.target
    if not _SPACE_THEN_MARK.search(text):
        return
    lang = language(doc.target_lang)
    for m in _SPACE_BEFORE.finditer(text):
        space, mark = m.span(1), m.group(2)
        after = m.end(2)
        if mark in lang.space_before:
            continue
        if _starts_sentence(text, after):  # "Genève .Puis": the space belongs after the mark
            yield Hit(
                space[0], after, f'space before "{mark}" instead of after it', suggestion=mark + " "
            )
        elif not _is_exempt_after_space(text, m.start(1), mark, after):
            yield Hit(space[0], space[1], f'space before "{mark}"; delete it', suggestion="")


def _after_non_space(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` with ``(?<=\\S)`` before it (see audit.checks.lookbehind)."""
    return finditer_after(pattern, text, after_non_space)


def _starts_sentence(text: str, at: int) -> bool:
    """A capitalized word (not an acronym such as .NET) right after the mark."""
    word = word_after(text, at)
    return word[:1].isupper() and word[1:2].islower()


def _is_exempt_after_space(text: str, space: int, mark: str, after: int) -> bool:
    following = word_after(text, after)[:1]
    if mark == "." and space > 1 and text[space - 2] == "." and text[space - 1].isalpha():
        return True  # "U.N ." may be an abbreviation's own full stop: a person should look
    if mark == "." and in_ellipsis(text, after - 1):
        return True  # an ellipsis, spaced or not: "and . . . then", "and ... then"
    if following.isalnum():
        return True  # .NET, .45 calibre, :00
    score = text[space - 1].isdigit() and text[after + 1 : after + 2].isdigit()  # 2 : 1
    return mark == ":" and (following in _EMOTICON_AFTER_COLON or score)


def in_ellipsis(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` is one of three or more, spaced or not.

    The walk stops at the third full stop found, so a text of 10,000 spaced dots costs
    a few steps per dot, not the whole run each time."""
    dots = 1
    start, seen = dot, 0
    while start > 0 and text[start - 1] in ". " and seen < 2:
        start -= 1
        seen += text[start] == "."
    end, seen_after = dot + 1, 0
    while end < len(text) and text[end] in ". " and seen_after < 2:
        seen_after += text[end] == "."
        end += 1
    return dots + seen + seen_after >= 3


@check(
    code="S002",
    name="spacing.missing-space-after-punctuation",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="the capital Tripoli.The talks began.",
    good="the capital Tripoli. The talks began.",
    fixable=True,
)
def missing_space_after(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """No space after a full stop, comma or semicolon between two words (Tripoli.The).

    After ``.``, ``!`` or ``?`` the next word must start with a capital and the word
    before must end in two lower-case letters, so abbreviations (``U.S``, ``St.Martin``
    style initials) and domain names (``example.com``) pass; in scripts without capitals
    only commas, semicolons and question marks are checked (Arabic abbreviations such
    as ``د.`` are written closed up). URLs and e-mail addresses are skipped.
    """
    lang = language(doc.target_lang)
    text = doc.target
    for m in _after_non_space(_MISSING_SPACE, text):
        mark, at, after = m.group(1), m.start(1), m.end(1)
        before, following = word_before(text, at), word_after(text, after)
        if not (before[-1:].isalpha() and following[:1].isalpha()):
            continue
        if mark in ".!?":
            if not lang.cased or not (before[-2:].islower() and len(before) >= 2):
                continue
            if not (following[:1].isupper() and following[1:2].islower()):
                continue
        if inside_url(text, at) or (
            mark == ";" and _ENTITY_BEFORE.search(text, max(0, at - 12), at)
        ):
            continue  # a URL, or an HTML entity (artifacts.markup reports it)
        yield Hit(at, after, f'no space after "{mark}"', suggestion=mark + " ")


def inside_url(text: str, offset: int) -> bool:
    """True when the run of non-space characters around ``offset`` looks like a URL or
    an e-mail address. Runs are found once per text (cached), so asking at every mark
    of a long run stays linear."""
    starts, ends, urls = _runs(text)
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i] and urls[i]


_NON_SPACE = re.compile(r"\S+")


@lru_cache(maxsize=2)
def _runs(text: str) -> tuple[list[int], list[int], list[bool]]:
    """Start, end and URL-likeness of every run of non-space characters."""
    starts, ends, urls = [], [], []
    for m in _NON_SPACE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        run = m.group()
        urls.append("://" in run or "www." in run or "@" in run)
    return starts, ends, urls


@check(
    code="S003",
    name="spacing.double-space",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="The talks  began in Geneva.",
    good="The talks began in Geneva.",
    fixable=True,
)
def double_space(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Two or more spaces between words on one line.

    Harmless in HTML, visible in print and in every plain-text channel. Indentation
    and spaces at line ends are not reported. The suggestion is one space.
    """
    if "  " not in doc.target:
        return  # every match holds two spaces; the substring test is far cheaper
    for m in _DOUBLE_SPACE.finditer(doc.target):
        yield Hit(m.start(), m.end(), f"{len(m.group())} spaces in a row", suggestion=" ")
