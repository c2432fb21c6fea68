"""Spacing and punctuation: the marks and spaces segmenters and MT leave misplaced.

``Tripoli .`` (a space before the full stop), ``Tripoli.The`` (none after it),
``said  that`` (two spaces), ``,,`` and brackets or quotation marks left open. French
puts a space before ``; : ? !``, so what counts as a stray space depends on the target
language (``space_before`` in ``audit/lang/languages.py``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from audit.checks.reading import word_after, word_before
from audit.document import Document, Span
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.profiles import language

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

_SPACE_BEFORE = re.compile(r"(?<=[^\s])([^\S\n\r]+)([.,;:!?؟،؛])")
_MISSING_SPACE = re.compile(r"(?<=\S)([.!?;,،؛؟])(?=\S)")  # then judged on the words as they read
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
# Two or more marks in a row, spaces allowed between them: judged by _one_mark.
_PUNCTUATION_RUN = re.compile(r"[,;:،؛.](?:[^\S\n\r]*[,;:،؛.])+(?!/)")
_EMOTICON_AFTER_COLON = frozenset(")(-DPpO/\\|")
_QUOTE_CHARS = "\"'“”‘’«»„‚‹›"
_ENTITY_BEFORE = re.compile(r"&#?\w+$")


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
    lang = language(doc.target_lang)
    text = doc.target
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


def _starts_sentence(text: str, at: int) -> bool:
    """A capitalized word (not an acronym such as .NET) right after the mark."""
    word = word_after(text, at)
    return word[:1].isupper() and word[1:2].islower()


def _is_exempt_after_space(text: str, space: int, mark: str, after: int) -> bool:
    following = word_after(text, after)[:1]
    if mark == "." and space > 1 and text[space - 2] == "." and text[space - 1].isalpha():
        return True  # "U.N ." may be an abbreviation's own full stop: a person should look
    if mark == "." and _in_ellipsis(text, after - 1):
        return True  # an ellipsis, spaced or not: "and . . . then", "and ... then"
    if following.isalnum():
        return True  # .NET, .45 calibre, :00
    score = text[space - 1].isdigit() and text[after + 1 : after + 2].isdigit()  # 2 : 1
    return mark == ":" and (following in _EMOTICON_AFTER_COLON or score)


def _in_ellipsis(text: str, dot: int) -> bool:
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
    for m in _MISSING_SPACE.finditer(text):
        mark, at, after = m.group(1), m.start(1), m.end(1)
        before, following = word_before(text, at), word_after(text, after)
        if not (before[-1:].isalpha() and following[:1].isalpha()):
            continue
        if mark in ".!?":
            if not lang.cased or not (before[-2:].islower() and len(before) >= 2):
                continue
            if not (following[:1].isupper() and following[1:2].islower()):
                continue
        if _inside_url(text, at) or (
            mark == ";" and _ENTITY_BEFORE.search(text, max(0, at - 12), at)
        ):
            continue  # a URL, or an HTML entity (artifacts.markup reports it)
        yield Hit(at, after, f'no space after "{mark}"', suggestion=mark + " ")


def _inside_url(text: str, offset: int) -> bool:
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
    for m in _DOUBLE_SPACE.finditer(doc.target):
        yield Hit(m.start(), m.end(), f"{len(m.group())} spaces in a row", suggestion=" ")


@check(
    code="S004",
    name="punctuation.doubled",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="The talks began,, and stalled..",
    good="The talks began, and stalled.",
    fixable=True,
)
def doubled_punctuation(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A punctuation mark typed twice (,, ;; .. , , . .) or a comma before a full stop.

    An ellipsis (``...``), a relative path (``../``) and ``etc.,`` are not reported;
    emphatic ``!!`` and ``?!`` are style, not debris. The suggestion keeps one mark.
    """
    text = doc.target
    for m in _PUNCTUATION_RUN.finditer(text):
        found = m.group()
        kept = _one_mark(found.replace(" ", "").replace("\t", ""))
        following = word_after(text, m.end())[:1]
        code_like = (
            " " not in found and word_before(text, m.start())[-1:].isalnum() and following.isalnum()
        )
        if kept is None or code_like or _inside_url(text, m.start()):
            continue  # not a doubling, or code such as std::vector, or a URL
        if found[0] == "." and _in_ellipsis(text, m.start()):
            continue
        if found[0] == ";" and _ENTITY_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # the ; of &quot; is artifacts.markup's finding
        suggestion = kept + (" " if following.isalpha() else "")  # ". .Les" -> ". Les"
        yield Hit(m.start(), m.end(), f'doubled punctuation "{found}"', suggestion=suggestion)


_ENTITY_BEFORE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31})\Z")


def _one_mark(marks: str) -> str | None:
    """The mark a run of marks stands for (",," -> ",", ",." -> "."), or None when the
    run is not a doubling (".," after an abbreviation, "..." an ellipsis)."""
    if len(set(marks)) == 1:
        return marks[0] if marks[0] != "." or len(marks) == 2 else None
    body = marks.rstrip(".")
    if body != marks and len(marks) - len(body) <= 2 and set(body) <= set(",;"):
        return "."
    return None


_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _BRACKETS.items()}


@check(
    code="S005",
    name="punctuation.unbalanced",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad='The envoy (Ghassan Salameh said the talks would "resume on Monday.',
    good='The envoy (Ghassan Salameh) said the talks would "resume on Monday."',
)
def unbalanced(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A bracket left open or closed twice, or a quotation closed with the wrong mark.

    Brackets are matched by kind within their paragraph; list markers (``a)``, ``1)``)
    and emoticons are not brackets. Quotation marks are another matter: quotations run
    over paragraphs and sentence-by-sentence translation moves their ends, so counting
    them cries wolf. What is reported is a quotation opened with one style and closed
    with another inside a paragraph (``„tief erschüttert"``, ``«Bonjour"``), with the
    right closing mark as the suggestion.
    """
    lang = language(doc.target_lang)
    for p in doc.paragraphs:
        yield from _unbalanced_brackets(doc.target, p)
        if lang.quotes:
            yield from _mismatched_quotes(doc.target, p, lang.quotes, lang.straight_quotes)


_BRACKET = re.compile(r"[()\[\]{}]")


def _unbalanced_brackets(text: str, p: Span) -> Iterator[Hit]:
    stack: list[int] = []
    for m in _BRACKET.finditer(text, p.start, p.end):  # only the brackets, not every character
        i = m.start()
        ch = text[i]
        if ch in _BRACKETS:
            stack.append(i)
        elif ch in _CLOSERS:
            if stack and text[stack[-1]] == _CLOSERS[ch]:
                stack.pop()
            elif not _is_list_marker_or_emoticon(text, i, p.start):
                yield Hit(i, i + 1, f'"{ch}" closes a bracket that was never opened')
    for i in stack:
        yield Hit(i, i + 1, f'"{text[i]}" is never closed in this paragraph')


def _is_list_marker_or_emoticon(text: str, i: int, start: int) -> bool:
    if i > start and text[i - 1] in ":;=":
        return True
    j = i
    while j > start and text[j - 1].isalnum() and i - j < 3:
        j -= 1
    return j < i and (j == start or text[j - 1].isspace())


def _mismatched_quotes(text: str, p: Span, pairs: tuple[str, ...], straight: bool) -> Iterator[Hit]:
    closing_of = {pair[0]: pair[1] for pair in pairs}
    if straight:
        closing_of.setdefault('"', '"')
    closers = {pair[1] for pair in pairs}
    stack: list[str] = []
    for m in _quote_marks(frozenset(closing_of) | closers).finditer(text, p.start, p.end):
        i = m.start()
        ch = text[i]
        if ch == '"' and straight:
            if stack and _closes(text, i):
                top = stack.pop()
                if top != '"':
                    yield Hit(i, i + 1, f'quotation opened with "{top}" is closed with "{ch}"')
            elif _opens(text, i):
                stack.append(ch)
        elif ch in closers and not (ch in closing_of and _opens(text, i)):
            if stack:
                top = stack.pop()
                if closing_of[top] != ch:
                    yield Hit(i, i + 1, f'quotation opened with "{top}" is closed with "{ch}"')
        elif ch in closing_of:
            stack.append(ch)


@cache
def _quote_marks(marks: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(marks)) + "]")


def _opens(text: str, i: int) -> bool:
    """True when the mark at i stands where a quotation opens: after a space, before a word."""
    after_space = i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-"
    return after_space and i + 1 < len(text) and not text[i + 1].isspace()


def _closes(text: str, i: int) -> bool:
    """True when the mark at i stands where a quotation closes: after a word, before a space or mark."""
    return i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or not text[i + 1].isalnum())
