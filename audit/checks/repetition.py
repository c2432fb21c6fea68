"""Repetition: a word, phrase, sentence or paragraph that machine translation said twice.

Neural MT sometimes loops (``the the``, ``in the city in the city in the city``) or
emits a sentence or a whole paragraph again. Reduplication that is grammar (Persian
``کم کم``, Hebrew ``לאט לאט``, English ``had had``) and names such as ``Sirhan Sirhan``
are not reported; the word lists live in ``audit/lang/languages.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from audit.checks.base import CheckContext, Hit, check
from audit.document import Document, Span
from audit.findings import Category, Severity
from audit.lang import Language, language

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_MAX_PHRASE_WORDS = 6
_MIN_REPEATED_WORDS = 6  # shorter sentences ("He said no.") may rightly recur


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    key: str


@check(
    code="S006",
    name="repetition.repeated-words",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="the talks in the the city in the city in the city",
    good="the talks in the city",
    fixable=True,
)
def repeated_words(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A word or phrase (up to six words) written twice or more in a row.

    ``the the`` is a slip; a phrase repeated three times or more is a translation loop
    and is major. Words the language may double (``that that``, German ``die die``),
    capitalized doubles (names: ``Sirhan Sirhan``) and, in languages that reduplicate
    for meaning, every word but function words are left alone. The suggestion keeps one copy.
    """
    lang = language(doc.target_lang)
    text = doc.target
    words = [_Word(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
    done = 0
    for i in _candidates(words):
        found = _repeat_at(text, words, i, lang) if i >= done else None
        if found is None:
            continue
        n, copies = found
        first, last = words[i], words[i + n * copies - 1]
        phrase = text[first.start : words[i + n - 1].end]
        yield Hit(
            first.start,
            last.end,
            f'"{phrase}" {"repeated" if copies == 2 else f"written {copies} times"} in a row',
            suggestion=phrase,
            severity=Severity.MAJOR if copies >= 3 else None,
        )
        done = i + n * copies


def _candidates(words: list[_Word]) -> list[int]:
    """Positions of words that recur within the next few words: the only places a
    repetition can start."""
    last: dict[str, int] = {}
    found = set()
    for j, w in enumerate(words):
        i = last.get(w.key)
        if i is not None and j - i <= _MAX_PHRASE_WORDS:
            found.add(i)
        last[w.key] = j
    return sorted(found)


def _repeat_at(text: str, words: list[_Word], i: int, lang: Language) -> tuple[int, int] | None:
    """``(phrase length in words, number of copies)`` of a repetition starting at word i."""
    key = words[i].key
    for n in range(1, min(_MAX_PHRASE_WORDS, len(words) - i - 1) + 1):
        if words[i + n].key != key:
            continue  # the cheap test that rules out almost every position
        copies = 1
        while _same_phrase(text, words, i, i + n * copies, n):
            copies += 1
        if copies >= 2 and not _is_allowed(text, words, i, n, lang):
            return n, copies
    return None


def _same_phrase(text: str, words: list[_Word], a: int, b: int, n: int) -> bool:
    if b + n > len(words):
        return False
    if any(words[a + k].key != words[b + k].key for k in range(n)):
        return False
    if not text[words[b - 1].end : words[b].start].isspace():
        return False  # copies must follow each other with nothing but space between
    inner = [text[words[a + k].end : words[a + k + 1].start] for k in range(n - 1)]
    return inner == [text[words[b + k].end : words[b + k + 1].start] for k in range(n - 1)]


def _is_allowed(text: str, words: list[_Word], i: int, n: int, lang: Language) -> bool:
    first = words[i]
    second = words[i + n]
    if first.key.isdigit() or any(c.isdigit() for c in first.key):
        return True
    if text[second.start].isupper():
        return True  # names and titles: Sirhan Sirhan, Walla Walla
    if n == 1:
        if first.key in lang.doubled_ok:
            return True
        if lang.reduplication and first.key not in lang.function_words:
            return True
    return False


@check(
    code="S007",
    name="repetition.repeated-sentence",
    severity=Severity.MAJOR,
    category=Category.ACCURACY,
    bad="The talks began on Monday in Geneva. The talks began on Monday in Geneva.",
    good="The talks began on Monday in Geneva.",
    fixable=True,
)
def repeated_sentence(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A sentence of six words or more said again in the same or the next paragraph.

    A translation loop repeats a sentence close by; the same sentence far apart is
    more often deliberate (a summary bullet repeated in the body) and is not reported.
    The later copy is reported; when it follows its twin directly, the suggestion
    deletes it. Sentences inside a repeated paragraph are left to
    repetition.repeated-paragraph.
    """
    repeated_paragraphs = [p for p, _ in _repeated_paragraphs(doc)]
    seen: dict[str, Span] = {}
    previous: Span | None = None
    for s in doc.sentences:
        key = _normalized(doc.target[s.start : s.end])
        if len(key.split()) < _MIN_REPEATED_WORDS or any(p.start <= s.start < p.end for p in repeated_paragraphs):
            previous = s
            continue
        if key in seen and _paragraph_distance(doc, seen[key].start, s.start) <= 1:
            adjacent = previous is not None and _normalized(doc.target[previous.start : previous.end]) == key \
                and "\n" not in doc.target[previous.end : s.start]
            start = previous.end if adjacent and previous is not None else s.start
            first = doc.lines.position(seen[key].start)[0]
            yield Hit(start, s.end, f"sentence repeated (first on line {first})",
                      suggestion="" if adjacent else None)
        else:
            seen[key] = s
        previous = s


@check(
    code="S008",
    name="repetition.repeated-paragraph",
    severity=Severity.MAJOR,
    category=Category.ACCURACY,
    bad="The talks began in Geneva on Monday.   (as two paragraphs in a row)",
    good="The talks began in Geneva on Monday.   (once)",
    fixable=True,
)
def repeated_paragraph(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A paragraph of six words or more that already appeared in the document.

    The suggestion deletes the later copy together with the blank line before it.
    """
    paragraphs = doc.paragraphs
    for p, first in _repeated_paragraphs(doc):
        index = paragraphs.index(p)
        start = paragraphs[index - 1].end if index > 0 else p.start
        line = doc.lines.position(first.start)[0]
        yield Hit(start, p.end, f"paragraph repeated (first on line {line})", suggestion="")


def _paragraph_distance(doc: Document, a: int, b: int) -> int:
    index = [i for i, p in enumerate(doc.paragraphs) if p.start <= a < p.end or p.start <= b < p.end]
    return index[-1] - index[0] if index else 0


def _repeated_paragraphs(doc: Document) -> list[tuple[Span, Span]]:
    """Each later copy of a paragraph, with the first one."""
    seen: dict[str, Span] = {}
    out = []
    for p in doc.paragraphs:
        key = _normalized(doc.target[p.start : p.end])
        if len(key.split()) < _MIN_REPEATED_WORDS:
            continue
        if key in seen:
            out.append((p, seen[key]))
        else:
            seen[key] = p
    return out


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()
