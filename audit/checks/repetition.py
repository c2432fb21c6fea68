"""Repetition: a word, phrase, sentence or paragraph that machine translation said twice.

Neural MT sometimes loops (``the the``, ``in the city in the city in the city``) or
emits a sentence or a whole paragraph again. Reduplication that is grammar (Persian
``کم کم``, Hebrew ``לאט לאט``, English ``had had``) and names such as ``Sirhan Sirhan``
are not reported; the word lists live in ``audit/lang/languages.py``.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from audit.checks.reading import (
    MOJIBAKE_HINT,
    distinct_characters,
    invisibles_removed,
    needs_reading,
    reading,
)
from audit.document import Document, Span
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.profiles import Language, language
from audit.stretches import stretches

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

_TOKEN = re.compile(r"\S+")
STRETCH_CHARS = 1 << 16  # characters of whole paragraphs read at a time
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # cut after its first line break
_OPENING = "\"'“‘«„([{"
_CLOSING = "\"'”’»)]},;:.!?،؛؟…"
_MARKS = _OPENING + _CLOSING
_MAX_PHRASE_WORDS = 6
_MIN_REPEATED_WORDS = 6  # shorter sentences ("He said no.") may rightly recur


class _Word(NamedTuple):
    """A whitespace-separated token: where it is, the marks around it, and its key
    (the word as a reader sees it, casefolded)."""

    start: int
    end: int
    lead: str
    core: str
    trail: str
    key: str
    new_paragraph: bool  # a blank line before it


def _stretches(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of stretches of whole paragraphs of about STRETCH_CHARS
    characters, each cut inside a blank line."""
    return stretches(text, STRETCH_CHARS, _BLANK_LINE, after=1)


def _paragraphs(text: str, damaged: bool, offset: int = 0) -> Iterator[list[_Word]]:
    """The tokens of ``text``, a paragraph at a time (a list begins with each token
    that has a blank line before it), placed ``offset`` further; ``damaged``: some
    need :func:`reading` (see ``needs_reading``)."""
    out: list[_Word] = []
    previous_end = 0
    clean = reading if damaged else None
    append = out.append
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        token = m.group()
        new_paragraph = False
        if start - previous_end > 1:
            gap = text[previous_end:start]
            if "\n" in gap or "\r" in gap:
                new_paragraph = gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1
                if new_paragraph and out:
                    yield out
                    out = []
                    append = out.append
        previous_end = end
        start += offset
        end += offset
        if token.isalnum() and (clean is None or not MOJIBAKE_HINT.search(token)):  # a bare word
            append(_Word(start, end, "", token, "", token.casefold(), new_paragraph))
            continue
        append(_Word(start, end, *_marked(token, clean), new_paragraph))
    if out:
        yield out


def _marked(token: str, clean: Callable[[str], str] | None) -> tuple[str, str, str, str]:
    """``(lead, core, trail, key)`` of a token that is no bare word (see :func:`_words`)."""
    if clean is not None:
        token = clean(token)
    core = token.lstrip(_OPENING)
    lead = token[: len(token) - len(core)]
    stripped = core.rstrip(_CLOSING)
    if "." in stripped and core[len(stripped) :].startswith("."):
        stripped += "."  # an abbreviation keeps its full stop: U.N., a.m.
    return lead, stripped, core[len(stripped) :], stripped.casefold()


def _word(token: str, clean: Callable[[str], str] | None) -> _Word:
    """The :class:`_Word` that :func:`_words` makes of ``token``, but for its place
    (start, end and paragraph are left out)."""
    if token.isalnum() and (clean is None or not MOJIBAKE_HINT.search(token)):
        return _Word(0, 0, "", token, "", token.casefold(), False)
    return _Word(0, 0, *_marked(token, clean), False)


@check(
    code="S006",
    name="repetition.repeated-words",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="the talks in the the city in the city in the city",
    good="the talks in the city",
)
def repeated_words(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A word or phrase (up to six words) written twice or more in a row.

    ``the the`` is a slip; a phrase repeated three times or more is a translation loop
    and is major. Words the language may double (``that that``, German ``die die``),
    names and titles (``Sirhan Sirhan``, ``New York New York``) and, in languages that reduplicate
    for meaning, every word but function words are left alone; punctuation between
    the copies (``no, no, no``) makes them deliberate. Words are compared as a reader
    sees them, with encoding damage, entities, tags and invisible characters set
    aside. The span is the repeat, the copies after the first. No fix is offered:
    deleting text is for a person to confirm (the loop may have swallowed a word the
    source had), and a deletion can bring two other words together.
    """
    lang = language(doc.target_lang)
    text = doc.target
    damaged = needs_reading(text, distinct_characters(doc, ctx))
    # A repetition stays inside its paragraph (no copy after the first word starts
    # one, and those are never deleted), so a long text is read a stretch of whole
    # paragraphs at a time, and its words listed a paragraph at a time: a 4 MB
    # article read at once took 300 MB.
    for pos, end in _stretches(text):
        part = text if end - pos == len(text) else text[pos:end]
        if _may_report(part, damaged, lang):
            yield from _repeated_in(part, pos, damaged, lang)


def _repeated_in(text: str, offset: int, damaged: bool, lang: Language) -> Iterator[Hit]:
    """The hits of :func:`repeated_words` in ``text``, a stretch of whole paragraphs
    that starts at ``offset`` of the document."""
    for words in _paragraphs(text, damaged, offset):
        repeats = _repeats(words, lang)
        for run in _deleted_runs(words, repeats):
            first, last = run[0], run[-1]
            phrase, copies = repeats[first]
            yield Hit(
                words[first].start + len(words[first].lead),
                words[last].end - len(words[last].trail),
                f'"{phrase}" {"repeated" if copies == 2 else f"written {copies} times"} in a row; delete the repeat',
                severity=Severity.MAJOR if copies >= 3 else None,
            )


def _test_text(text: str) -> str | None:
    """What :func:`_may_repeat` can judge for a text that needs reading: the text
    without its invisible characters when that is all the damage and no token is made
    of them alone (a token that vanished would bring two others together); else
    None."""
    plain = invisibles_removed(text)
    if plain is None or (plain is not text and len(plain.split()) != len(text.split())):
        return None
    return plain


def _may_repeat(text: str | None) -> bool:
    """False when no run of up to six words is followed by the same words, comparing
    words without the marks around them, with no mark after the first copy's words
    and none before the second's: then there is no repetition to look at.

    Every repetition the check reports passes this test (its words are equal with
    marks set aside, and its copies are unmarked), so it only saves work on the texts,
    most of them, without one. None (a text the test cannot judge) may repeat.
    """
    if text is None:
        return True
    return next(_unmarked_repeats(text.casefold().split()), None) is not None


def _unmarked_repeats(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """``(i, n)`` wherever the ``n`` casefolded tokens at ``i`` are followed by the same
    words, marks set aside, with unmarked copies (:func:`_unmarked_copies`): every
    place a repetition the check finds can start, allowed ones included."""
    keys = [w.strip(_MARKS) for w in tokens]
    for n in range(1, _MAX_PHRASE_WORDS + 1):
        same = bytes(map(operator.eq, keys, keys[n:]))  # 1 where word i equals word i + n
        run = b"\x01" * n  # n equal pairs in a row: words i..i+n repeat
        at = same.find(run)
        while at >= 0:
            if _unmarked_copies(tokens, at, n):
                yield at, n
            at = same.find(run, at + 1)


def _may_report(text: str, damaged: bool, lang: Language) -> bool:
    """False when the check can report nothing on ``text``: every place where words
    are followed by the same words, unmarked (:func:`_unmarked_repeats`), is one that
    :func:`_is_allowed` lets stand (``die die``, ``Sirhan Sirhan``, ``10 10``).

    A repetition the check finds at word ``i``, ``n`` words long, is such a place, and
    whether it is allowed depends on its ``2n`` words alone, read here as
    :func:`_words` reads them; when none is reported at the first look, the check
    deletes nothing and looks no further. So only texts with a repetition to report
    (and a few more) are read word by word. A text that needs reading is judged on its
    tokens as read (``invisibles_removed`` when that is all the damage, else each
    token that is no bare word read on its own, as :func:`_words` does)."""
    originals: list[str] | None = None
    if not damaged:
        tokens = text.casefold().split()
    else:
        plain = _test_text(text)
        if plain is not None:
            tokens = plain.casefold().split()
        else:
            originals = text.split()
            tokens = [
                t.casefold()
                if t.isalnum() and not MOJIBAKE_HINT.search(t)
                else reading(t).casefold()
                for t in originals
            ]
    clean = reading if damaged else None
    read: dict[int, _Word] = {}  # each token read once, however many places hold it
    for i, n in _unmarked_repeats(tokens):
        if originals is None:
            originals = text.split()  # the tokens of text, casefolded or plain, one by one
        window = []
        for k in range(i, i + 2 * n):
            word = read.get(k)
            if word is None:
                word = read[k] = _word(originals[k], clean)
            window.append(word)
        if not _is_allowed(window, 0, n, lang):
            return True
    return False


def _unmarked_copies(tokens: list[str], i: int, n: int) -> bool:
    """Whether the ``n`` tokens at ``i`` may be a copy the check reports: none of them
    has a mark after it and none of the next ``n`` a mark before it (``no, no`` and
    ``"yes" "yes"`` are deliberate). Only the few places where words repeat get here,
    so the marks are worked out in Python for them alone, as :func:`_words` does (a
    token read as nothing, a tag, has no mark)."""
    return not any(
        _trail(tokens[i + k]) or tokens[i + n + k].startswith(_OPENING_MARKS) for k in range(n)
    )


_OPENING_MARKS = tuple(_OPENING)


def _trail(token: str) -> str:
    """The closing marks after a token's core, as :func:`_words` splits them off."""
    core = token.lstrip(_OPENING)
    stripped = core.rstrip(_CLOSING)
    trail = core[len(stripped) :]
    if "." in stripped and trail.startswith("."):
        return trail[1:]  # an abbreviation keeps its full stop
    return trail


def _repeats(words: list[_Word], lang: Language) -> dict[int, tuple[str, int]]:
    """The words to delete so that no repetition is left, each with the phrase it
    repeats and how many copies there were.

    Deleting the repeats of ``b`` in ``a b b a b`` leaves ``a b a b``, a repetition in
    turn; the scan runs again on what is left until nothing repeats, so that deleting
    once is enough.
    """
    alive = list(range(len(words)))
    deleted: dict[int, tuple[str, int]] = {}
    while True:
        seq = [words[i] for i in alive]
        found = []
        done = 0
        runs = _Runs(seq)
        for i in _candidates(seq):
            hit = _repeat_at(seq, i, lang, runs) if i >= done else None
            if hit is not None:
                n, copies = hit
                found.append((i, n, copies))
                done = i + n * copies
        if not found:
            return deleted
        gone = set()
        for i, n, copies in found:
            phrase = " ".join(w.lead + w.core for w in seq[i : i + n])
            for j in range(i + n, i + n * copies):
                deleted[alive[j]] = (phrase, copies)
                gone.add(alive[j])
        alive = [i for i in alive if i not in gone]


def _deleted_runs(words: list[_Word], deleted: dict[int, tuple[str, int]]) -> list[list[int]]:
    """Deleted word indices grouped into runs of consecutive words."""
    runs: list[list[int]] = []
    for i in sorted(deleted):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


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


class _Runs:
    """Run lengths over a word sequence, computed lazily and each position once.

    ``match(n, j)``: how many words from ``j`` on equal (by key) the word ``n`` later;
    ``clean(j)``: how many words from ``j`` on open with no mark and start no
    paragraph. Counting the copies of a phrase with these costs a few steps however
    long the loop is, where comparing copy after copy cost the whole loop at every
    word of it (``Foo Foo Foo ...`` was quadratic)."""

    def __init__(self, words: list[_Word]):
        self.words = words
        self._match: dict[int, dict[int, int]] = {}
        self._clean: dict[int, int] = {}

    def match(self, n: int, j: int) -> int:
        words = self.words
        last = len(words) - n
        return _run_length(
            self._match.setdefault(n, {}),
            j,
            lambda k: k < last and words[k].key == words[k + n].key,
        )

    def clean(self, j: int) -> int:
        words = self.words
        return _run_length(
            self._clean,
            j,
            lambda k: k < len(words) and not words[k].lead and not words[k].new_paragraph,
        )


def _run_length(cache: dict[int, int], j: int, holds: Callable[[int], bool]) -> int:
    """How many positions from ``j`` on satisfy ``holds``, remembering every run met."""
    path = []
    k = j
    while k not in cache and holds(k):
        path.append(k)
        k += 1
    length = cache.setdefault(k, 0)
    for p in reversed(path):
        length += 1
        cache[p] = length
    return cache[j]


def _repeat_at(
    words: list[_Word], i: int, lang: Language, runs: _Runs | None = None
) -> tuple[int, int] | None:
    """``(phrase length in words, number of copies)`` of a repetition starting at word i.

    Copy ``c`` of the ``n`` words at ``i`` repeats them when every word from ``i`` to
    the end of that copy equals the word ``n`` later, no word of the later copies opens
    with a mark or starts a paragraph, and the first copy has no mark inside or after
    it (only the first copy may open with a quote, only the last may close)."""
    runs = runs or _Runs(words)
    key = words[i].key
    for n in range(1, min(_MAX_PHRASE_WORDS, len(words) - i - 1) + 1):
        if words[i + n].key != key:
            continue  # the cheap test that rules out almost every position
        first_copy_ok = all(
            not words[i + k].trail and not words[i + k + 1].new_paragraph for k in range(n)
        )
        copies = 1
        if first_copy_ok:
            copies += min(runs.match(n, i), runs.clean(i + n)) // n
        if copies >= 2 and not _is_allowed(words, i, n, lang):
            return n, copies
    return None


def _is_allowed(words: list[_Word], i: int, n: int, lang: Language) -> bool:
    first, second = words[i], words[i + n]
    if not any(c.isalpha() for c in first.key) or any(c.isdigit() for c in first.key):
        return True  # numbers and marks: "10 10", "* * *"
    copy = words[i + n : i + 2 * n]
    if second.core[:1].isupper() and all(
        w.core[:1].isupper() or w.key in lang.function_words for w in copy
    ):
        return True  # names and titles: Sirhan Sirhan, Walla Walla, New York New York
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
)
def repeated_sentence(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A sentence of six words or more said again in the same or the next paragraph.

    A translation loop repeats a sentence close by; the same sentence far apart is
    more often deliberate (a summary bullet repeated in the body) and is not reported.
    The later copy is reported, without a fix (the repeat may stand where a sentence
    of the source was lost). Sentences inside a repeated paragraph are left to
    repetition.repeated-paragraph.
    """
    sentences = doc.sentences
    keys = _normalized_spans(doc.target, sentences)
    if not _said_twice(keys):
        return  # most documents
    repeated_paragraphs = {p.start for p, _ in _shared_repeated_paragraphs(doc, ctx)}
    paragraph_of = _paragraph_index(doc)
    seen: dict[str, Span] = {}
    for s, key in zip(sentences, keys):
        if _word_count(key) < _MIN_REPEATED_WORDS:
            continue
        paragraph = paragraph_of(s.start)
        if doc.paragraphs[paragraph].start in repeated_paragraphs:
            continue
        if key in seen and paragraph - paragraph_of(seen[key].start) <= 1:
            first = doc.lines.position(seen[key].start)[0]
            yield Hit(s.start, s.end, f"sentence repeated (first on line {first}); delete one copy")
        else:
            seen[key] = s


@check(
    code="S008",
    name="repetition.repeated-paragraph",
    severity=Severity.MAJOR,
    category=Category.ACCURACY,
    bad="The talks began in Geneva on Monday.   (as two paragraphs in a row)",
    good="The talks began in Geneva on Monday.   (once)",
)
def repeated_paragraph(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A paragraph of six words or more that already appeared in the document.

    The later copy is reported, without a fix: which copy to keep, and whether one
    stands for a lost paragraph of the source, is for a person to decide.
    """
    for p, first in _shared_repeated_paragraphs(doc, ctx):
        line = doc.lines.position(first.start)[0]
        yield Hit(p.start, p.end, f"paragraph repeated (first on line {line}); delete one copy")


def _paragraph_index(doc: Document) -> Callable[[int], int]:
    """A function from an offset to the index of the paragraph it lies in (or the one before)."""
    starts = [p.start for p in doc.paragraphs]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


def _shared_repeated_paragraphs(doc: Document, ctx: CheckContext) -> list[tuple[Span, Span]]:
    """:func:`_repeated_paragraphs`, worked out once for S007 and S008 together."""
    return ctx.shared(("repetition.repeated-paragraphs",), lambda: _repeated_paragraphs(doc))


def _repeated_paragraphs(doc: Document) -> list[tuple[Span, Span]]:
    """Each later copy of a paragraph, with the first one."""
    seen: dict[str, Span] = {}
    out = []
    for p in doc.paragraphs:
        key = _normalized(doc.target[p.start : p.end])
        if _word_count(key) < _MIN_REPEATED_WORDS:
            continue
        if key in seen:
            out.append((p, seen[key]))
        else:
            seen[key] = p
    return out


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def _normalized_spans(text: str, spans: Sequence[Span]) -> list[str]:
    """:func:`_normalized` of each span of ``text``, in maps: no Python step per span."""
    pieces = map(text.__getitem__, map(slice, map(_START, spans), map(_END, spans)))
    return list(map(str.casefold, map(" ".join, map(str.split, pieces))))


def _said_twice(keys: list[str]) -> bool:
    """Whether two of ``keys`` are the same: a repeated sentence needs it."""
    return len(set(keys)) != len(keys)


_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def _word_count(normalized: str) -> int:
    """``len(normalized.split())`` for a :func:`_normalized` text, without the list:
    its words are joined by single spaces (casefolding makes no space)."""
    return normalized.count(" ") + 1 if normalized else 0
