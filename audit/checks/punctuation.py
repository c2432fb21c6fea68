"""Punctuation: marks doubled (``,,``, ``..`` where one was meant) and brackets or
quotation marks left open, as segmenters and MT leave them (S004, S005; the
``punctuation.*`` family). Spaces around marks are :mod:`audit.checks.spacing`'s."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from audit.checks.reading import word_after, word_before
from audit.checks.spacing import in_ellipsis, inside_url
from audit.document import Document, Span
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.profiles import language

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

# Two or more marks in a row, spaces allowed between them: judged by _one_mark.
_PUNCTUATION_RUN = re.compile(r"[,;:،؛.](?:[^\S\n\r]*[,;:،؛.])+(?!/)")


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
        if kept is None or code_like or inside_url(text, m.start()):
            continue  # not a doubling, or code such as std::vector, or a URL
        if found[0] == "." and in_ellipsis(text, m.start()):
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
    text = doc.target
    # A paragraph without a bracket or a quotation mark (most) is passed over after one
    # search from C, without setting up the scans.
    quotes = _quote_pattern(lang.quotes, lang.straight_quotes) if lang.quotes else None
    for p in doc.paragraphs:
        if _BRACKET.search(text, p.start, p.end):
            yield from _unbalanced_brackets(text, p)
        if quotes is not None and quotes.search(text, p.start, p.end):
            yield from _mismatched_quotes(text, p, lang.quotes, lang.straight_quotes)


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
def _quote_pattern(pairs: tuple[str, ...], straight: bool) -> re.Pattern[str]:
    """Every mark :func:`_mismatched_quotes` looks at, for a language's quotation marks."""
    marks = {c for pair in pairs for c in pair[:2]}
    if straight:
        marks.add('"')
    return _quote_marks(frozenset(marks))


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
