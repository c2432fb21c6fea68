"""Broken segmentation: sentence boundaries lost, invented or glued to a heading.

Machine translation works sentence by sentence; when the segmenter splits in the wrong
place the pieces come back with the wrong capitals: ``a mechanism To observe`` (a
sentence start inside a sentence), ``stopped. the talks`` (a sentence end where there
was none), ``Persuade Hifter It is reported`` (a heading run into its paragraph). These
checks need a script with capitals and the language's function words
(``audit/lang/languages.py``); in Arabic, Persian and Hebrew they stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from audit.checks.lookbehind import finditer_after
from audit.document import Document, Span
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.profiles import Language, language

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_WORD_BEFORE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*$")
# A full stop and the word after it; the full stop follows no full stop and no space
# (the look-behind ``(?<![.\s])``, tested by _not_after_stop_or_space).
_FULL_STOP = re.compile(r"\.(?!\.)[\"'”’»)\]]*\s+[\"'“‘«(\[]*([^\W\d_][\w'’-]*)")
_MAX_HEADING_WORDS = 8


# A NamedTuple, not a frozen dataclass: about 0.4 ms less to create in every process.
class _Word(NamedTuple):
    start: int
    end: int
    text: str


def _is_title(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _broken_start(words: list[_Word], k: int, text: str, lang: Language) -> bool:
    """True when word k is a capitalized function word followed by a lower-case word,
    as at the start of a sentence: ``To observe``, ``It is``. A following particle
    (``De la Cruz``) makes it part of a name."""
    w = words[k]
    if not _is_title(w.text) or w.text.lower() not in lang.function_words or k + 1 >= len(words):
        return False
    nxt = words[k + 1]
    return (
        text[w.end : nxt.start] == " "
        and nxt.text.islower()
        and nxt.text.lower() not in lang.name_particles
    )


@check(
    code="S009",
    name="segmentation.capitalized-function-word",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="and establish a mechanism To observe a cease-fire.",
    good="and establish a mechanism to observe a cease-fire.",
)
def capitalized_function_word(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A capitalized function word inside a sentence (a mechanism To observe).

    The capital is the trace of a sentence boundary the segmenter put in the wrong
    place: either the word should be in lower case or a sentence end went missing
    before it, and only a reader of the source knows which. Reported only between a
    lower-case word and a lower-case word, so titles (``The Hague``, ``read The
    Guardian``), names (``De la Cruz``) and headlines in title case pass; the polite
    German ``Sie`` is not listed.
    """
    lang = language(doc.target_lang)
    if not lang.cased:
        return
    text = doc.target
    title_case: dict[Span, bool] = {}  # per sentence, decided once
    for m in finditer_after(_capitalized_function_words(lang), text, _after_letter_and_space):
        prev = _WORD_BEFORE.search(text, max(0, m.start() - 80), m.start() - 1)
        nxt = _WORD.match(text, m.end() + 1)
        if prev is None or nxt is None or not prev.group().islower():
            continue
        if (
            not nxt.group().islower()
            or nxt.group() in lang.name_particles
            or doc.is_sentence_start(m.start())
        ):
            continue
        sentence = doc.sentence_at(m.start())
        if sentence is not None and sentence not in title_case:
            title_case[sentence] = _title_case(_words_in(text, sentence), lang)
        if sentence is not None and title_case[sentence]:
            continue  # a headline in title case: "What Is It and Has It Done Anything?"
        yield Hit(
            m.start(),
            m.end(),
            f'"{m.group()}" is capitalized inside a sentence: lower-case it, '
            "or end the sentence before it",
        )


@cache
def _capitalized_function_words(lang: Language) -> re.Pattern[str]:
    """Capitalized function words between a letter and a space and a space and a letter."""
    words = sorted(
        (w[:1].upper() + w[1:] for w in lang.function_words if len(w) > 1), key=len, reverse=True
    )
    return re.compile(r"(?:" + "|".join(map(re.escape, words)) + r")(?= [^\W\d_])")


_LETTER = re.compile(r"[^\W\d_]")


def _after_letter_and_space(text: str, at: int) -> bool:
    """``(?<=[^\\W\\d_] )``: a letter and a space just before ``at`` (the look-behind
    the function-word pattern had; see audit.checks.lookbehind)."""
    return at > 1 and text[at - 1] == " " and _LETTER.match(text, at - 2) is not None


def _not_after_stop_or_space(text: str, at: int) -> bool:
    """``(?<![.\\s])``: no full stop and no space just before ``at``."""
    return at == 0 or (text[at - 1] != "." and not text[at - 1].isspace())


def _words_in(text: str, span: Span) -> list[_Word]:
    return [
        _Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, span.start, span.end)
    ]


@check(
    code="S010",
    name="segmentation.lowercase-sentence-start",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="The talks stalled. the envoy left Geneva.",
    good="The talks stalled. The envoy left Geneva.",
)
def lowercase_sentence_start(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A lower-case word after a full stop: a sentence end where there was none, or a lost capital.

    Not after abbreviations (the language's list, single letters and dotted forms such
    as ``a.m.`` or ``z. B.``), numbers (German ordinals: ``am 3. großen Tag``) or an
    ellipsis, and not for words written with an inner capital (``iPhone``, ``eBay``)
    or name particles (``von der Leyen``, ``de Gaulle``). In a file of units (PO,
    CSV, XLIFF...) each unit is read alone: one entry's full stop is not followed by
    the next entry's first word.
    """
    lang = language(doc.target_lang)
    if not lang.cased:
        return
    text = doc.target
    for m in finditer_after(_FULL_STOP, text, _not_after_stop_or_space):
        word = m.group(1)
        if text[m.start() + 1 : m.start() + 2] in ")]":
            continue  # "(R-Ariz.) in favour": the sentence goes on after the bracket
        if not word[0].islower() or any(c.isupper() for c in word):
            continue
        if doc.segments and doc.segment_at("target", m.start()) is not doc.segment_at(
            "target", m.start(1)
        ):
            continue  # the full stop ends the previous unit (a PO entry, a CSV row)
        before = _token_before(text, m.start())
        if _is_abbreviation(before, lang) or _starts_name(text, m.end(1), word, lang):
            continue
        yield Hit(
            m.start(1), m.end(1), f'"{word}" starts a sentence in lower case after "{before}."'
        )


def _starts_name(text: str, end: int, word: str, lang: Language) -> bool:
    """``von der Leyen``, ``de Gaulle``: a name particle before a capitalized word."""
    if word not in lang.name_particles:
        return False
    for m in _WORD.finditer(text, end, end + 40):
        if m.group() not in lang.name_particles:
            return m.group()[0].isupper()
    return False


def _token_before(text: str, dot: int) -> str:
    i = dot
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:dot].lstrip("\"'“‘«([")


def _is_abbreviation(token: str, lang: Language) -> bool:
    if not token or not token[-1].isalpha():
        return True  # "5." "(p. 4)." and the like are left alone
    if token.isupper() and len(token) <= 4:
        return True  # "EE. UU.", "U.S.", "Ariz." and other capitalized abbreviations
    return "." in token or len(token) == 1 or token.lower() in lang.abbreviations


@check(
    code="S011",
    name="segmentation.glued-heading",
    severity=Severity.MINOR,
    category=Category.MARKUP,
    bad="Persuade Hifter It is reported that the talks were supposed to start last Tuesday.",
    good="Persuade Hifter   (a line of its own)   It is reported that the talks were supposed to...",
)
def glued_heading(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A heading run into the sentence after it (Persuade Hifter It is reported...).

    Found at the start of a sentence: two to eight capitalized words (short function
    words may sit between them, as in title case) followed by a capitalized function
    word and a lower-case word. No fix is offered: the heading may want a line of its
    own, or the sentence a full stop, and only a person can tell.
    """
    lang = language(doc.target_lang)
    if not lang.cased:
        return
    text = doc.target
    for s in doc.sentences:
        if not _may_open_heading(text, s, lang):
            continue
        words = _heading_candidate(text, s, lang)
        k = _heading_length(words, text, lang) if words else None
        if k is None:
            continue
        heading = text[s.start : words[k - 1].end]
        yield Hit(
            s.start,
            words[k - 1].end,
            f'heading "{heading}" runs into the sentence after it; put it on a line of its own',
        )


def _may_open_heading(text: str, sentence: Span, lang: Language) -> bool:
    """Whether the sentence's first two words are title words, the first at its start:
    :func:`_heading_candidate` finds no candidate in any other sentence (most start
    with a capital and go on in lower case), and this asks for two matches only."""
    first = _WORD.match(text, sentence.start, sentence.end)
    if first is None or not _title_word(first.group(), lang):
        return False
    second = _WORD.search(text, first.end(), sentence.end)
    return second is not None and _title_word(second.group(), lang)


def _title_word(word: str, lang: Language) -> bool:
    return word[0].isupper() or word.lower() in lang.function_words


def _heading_candidate(text: str, sentence: Span, lang: Language) -> list[_Word]:
    """The sentence's first words while they may still be a title-case heading and the
    sentence glued to it: capitalized or function words, then one more word."""
    words: list[_Word] = []
    for m in _WORD.finditer(text, sentence.start, sentence.end):
        word = _Word(m.start(), m.end(), m.group())
        if not words and word.start != sentence.start:
            return []
        words.append(word)
        if len(words) > _MAX_HEADING_WORDS + 1 or not _title_word(word.text, lang):
            break
    return words if len(words) >= 3 else []


def _heading_length(words: list[_Word], text: str, lang: Language) -> int | None:
    """Number of heading words before a glued sentence start, or None."""
    for k in range(2, min(len(words), _MAX_HEADING_WORDS + 1)):
        prev = words[k - 1]
        gap = text[prev.end : words[k].start]
        if gap.strip() or "\n" in gap or not prev.text[0].isupper():
            if gap.strip() and gap.strip() not in "-'’":
                return None  # punctuation inside: a sentence, not a heading
            continue
        if _broken_start(words, k, text, lang) and _title_case(words[:k], lang):
            return k
    return None


def _title_case(words: list[_Word], lang: Language) -> bool:
    """Every word capitalized except function words (a heading in title case)."""
    return (
        bool(words)
        and words[0].text[0].isupper()
        and all(w.text[0].isupper() or w.text.lower() in lang.function_words for w in words)
    )
