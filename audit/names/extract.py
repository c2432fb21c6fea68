"""Finding proper names in text without a model: capitalized runs, read carefully.

A name is a run of capitalized words joined by single spaces or hyphens, with name
particles allowed inside or in front (Fayez al-Sarraj, Osama bin Laden, Abu Bakr
al-Baghdadi, Mohamed Ould Abdel Aziz, Ludwig van Beethoven). Works for any script
with capital letters (Latin with accents, Cyrillic, Greek); scripts without case
(Arabic, Hebrew, Chinese) yield nothing.

Precision matters more than recall here, so a capitalized word is *not* taken for a
name word when:

- it is written in capitals (an acronym, a headline);
- it is a title, month or day (``lexicon.yaml`` ``not_names``);
- it starts a sentence and the document never writes it capitalized elsewhere
  (``The``, ``According``; but ``Salama had visited...`` counts when Salama appears
  mid-sentence too). Followed by a name word (``Khalifa Haftar said``, but also
  ``Later Hiftar left``) it is kept as an *uncertain* word: evidence, never reported;
- the document also writes it in lower case (``Turkey``/``turkey``, ``May``/``may``).

A headline in title case (``Hifter Denies Talks With Rivals``) capitalizes every word,
so its words are read like a sentence's first word: names where the document writes
them capitalized mid-sentence too, else *openers* for
:func:`audit.names.entities.resolve` to compare with the people of the text.

A possessive (``Haftar's``, ``Hifter’s``) stays outside the word's span; a French
elision (``d'Haftar``, ``l’Égypte``) stays outside too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from audit.names.lexicon import lexicon

# Letters, with apostrophes inside (d'Haftar, Haftar’s): one letter, then letters or an
# apostrophe followed by a letter. Written as runs of letters, which the regular
# expression engine scans in one loop, rather than one alternative per character:
# the same tokens in about 30% less time.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’][sS]$")
_ELISION = re.compile(r"^(?:[dlDL]|[qQ]u)['’](?=[^\W\d_])")
_HYPHENS = frozenset("-‐‑")
HEADLINE_CHARS = 160  # a longer line is running text, whatever its capitals
_SENTENCE_ENDS = (".", ",", ";", ":")


@dataclass(frozen=True, slots=True)  # slots: one per name word of a document
class NameWord:
    """One word of a name, at ``[start, end)`` of the text.

    ``certain`` is false for a sentence's first word taken for a name only because a
    name word follows (``Khalifa Haftar said``, but also ``Later Hiftar left``).
    """

    start: int
    end: int
    text: str
    certain: bool = True

    def __reduce__(self) -> tuple[object, ...]:  # frozen with slots: by value (3.10)
        return (
            NameWord,
            (
                self.start,
                self.end,
                self.text,
                self.certain,
            ),
        )


@dataclass(frozen=True, slots=True)  # slots: one per name of a document
class NameSpan:
    """A name: its span (particles included) and the words that carry it."""

    start: int
    end: int
    text: str
    words: tuple[NameWord, ...]

    def __reduce__(self) -> tuple[object, ...]:  # frozen with slots: by value (3.10)
        return (
            NameSpan,
            (
                self.start,
                self.end,
                self.text,
                self.words,
            ),
        )


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    possessive: bool = False  # a possessive was stripped: the name ends here
    cap: bool = False  # _capitalized(text), asked once per token


def find_names(text: str, is_sentence_start: Callable[[int], bool] | None = None) -> list[NameSpan]:
    """Proper-name spans in ``text``, in order (see the module docstring for the rules).

    ``is_sentence_start(offset)`` says whether a word opens a sentence (default: never,
    which suits lists of names); pass ``Document.is_sentence_start`` for running text.
    """
    return find_names_and_openers(text, is_sentence_start)[0]


def find_names_and_openers(
    text: str, is_sentence_start: Callable[[int], bool] | None = None
) -> tuple[list[NameSpan], list[NameWord]]:
    """:func:`find_names`, and the *openers*: capitalized words that open a sentence
    alone and that the document never writes mid-sentence or in lower case
    (``Zelenskyy`` in ``Zelenskyy later thanked the allies``, but also ``According``).

    An opener is not a name by itself (every sentence starts with a capital), so it is
    never one of the spans; it is what a person's surname spelled another way looks
    like at the start of a sentence, and :func:`audit.names.entities.resolve` compares
    it with the surnames the document has introduced (uncertain words, ``certain``
    false). Found in the same pass over the tokens as the names.
    """
    starts = is_sentence_start or (lambda offset: False)
    lex = lexicon()
    tokens, lower_words = _tokens(text, lex.particles | lex.hyphen_particles)
    headline = _in_headline(text, lower_words)
    # Each capitalized token asks once whether it opens a sentence; in a headline in
    # title case, every word is capitalized as if it did.
    mid_sentence: set[str] = set()
    opening: set[int] = set()  # starts of capitalized tokens that open a sentence
    for t in tokens:
        if t.cap:
            if starts(t.start) or headline(t.start):
                opening.add(t.start)
            else:
                mid_sentence.add(t.text)

    def is_name_word(t: _Token) -> bool:
        word = t.text
        if not t.cap or word in lex.not_names or word.lower() in lower_words:
            return False
        if word.lower() in lex.particles or word.lower() in lex.hyphen_particles:
            return False
        return word in mid_sentence or t.start not in opening

    def opens_name(run: list[_Token], i: int) -> bool:
        """A sentence's first word may be a name's first word when a name word follows
        and the document never writes it in lower case: ``Khalifa Haftar said``."""
        t = run[i]
        return (
            t.start in opening
            and t.cap
            and t.text not in lex.not_names
            and t.text.lower() not in lower_words
            and not _is_particle(t)
        )

    spans: list[NameSpan] = []
    openers: list[NameWord] = []
    for run in _runs(text, tokens):
        words = [(t, True) for t in run if is_name_word(t)]
        if words and run.index(words[0][0]) == 1 and opens_name(run, 0):
            words.insert(0, (run[0], False))
        if run and headline(run[0].start):
            # Hifter Denies Talks: each word of a headline that is no name by itself
            # is an opener, whatever its place in the run.
            taken = {t.start for t, _ in words}
            openers.extend(
                NameWord(t.start, t.end, t.text, False)
                for t in run
                if t.start not in taken and opens_name([t], 0)
            )
            words = [(t, certain) for t, certain in words if certain]
        if not words:
            if len(run) == 1 and opens_name(run, 0) and not headline(run[0].start):
                t = run[0]
                openers.append(NameWord(t.start, t.end, t.text, False))
            continue
        first = run.index(words[0][0])
        while first > 0 and _particle_of_next(text, run[first - 1], run[first]):
            first -= 1
        start, end = run[first].start, words[-1][0].end
        name_words = tuple(NameWord(t.start, t.end, t.text, certain) for t, certain in words)
        spans.append(NameSpan(start, end, text[start:end], name_words))
    return spans, openers


def _in_headline(text: str, lower_words: set[str]) -> Callable[[int], bool]:
    """Whether an offset lies in a headline written in title case: a line of at most
    HEADLINE_CHARS characters, not ending as a sentence does, whose words of four
    letters or more are all capitalized, three or more of them, at least two words the
    text also writes in lower case (``Hifter Denies Talks With Rivals``, but not a line
    of names such as ``Khalifa Haftar, Ghassan Salameh``). Only short lines are read."""
    lines: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if 0 < len(line) <= HEADLINE_CHARS and not line.rstrip().endswith(_SENTENCE_ENDS):
            words = _TOKEN.findall(line)
            capitalized = [w for w in words if w[:1].isupper() and not w.isupper()]
            if (
                len(capitalized) >= 3
                and all(w[:1].isupper() for w in words if len(w) >= 4)
                and sum(w.lower() in lower_words for w in capitalized) >= 2
            ):
                lines.append((start, end))
        start = end + 1
    if not lines:
        return lambda offset: False
    starts = [a for a, _ in lines]

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < lines[i][1]

    return inside


def _tokens(text: str, particles: frozenset[str] | set[str]) -> tuple[list[_Token], set[str]]:
    """The tokens that can belong to a name (capitalized words and particles, cleaned),
    and the set of words the text writes in lower case.

    Other words never join a run, and leaving them out keeps the gap between two kept
    tokens non-blank wherever a word stood between them, so runs come out the same;
    most words of running text are skipped without building a token.
    """
    kept: list[_Token] = []
    lower: set[str] = set()
    add_lower = lower.add
    for m in _TOKEN.finditer(text):
        word = m.group()
        if "'" not in word and "’" not in word:  # nothing to clean
            if word.islower():
                add_lower(word)  # the common case: a plain lower-case word, never a name
                if word in particles:
                    kept.append(_Token(m.start(), m.end(), word))
            elif word[0].isupper():
                if not word.isupper():
                    kept.append(_Token(m.start(), m.end(), word, cap=True))
                elif word.lower() in particles:
                    kept.append(_Token(m.start(), m.end(), word))
            elif word.lower() in particles:  # a word of a caseless script: never a name
                kept.append(_Token(m.start(), m.end(), word))
            continue
        t = _clean(text, m.start(), m.end())
        if t.text.islower():
            lower.add(t.text)
        if t.cap or t.text.lower() in particles:
            kept.append(t)
    return kept, lower


def _clean(text: str, start: int, end: int) -> _Token:
    """Strip a possessive and a French elision from a token."""
    word = text[start:end]
    m = _ELISION.match(word)
    if m and len(word) > m.end():
        start += m.end()
        word = word[m.end() :]
    m = _POSSESSIVE.search(word)
    if m and m.start() >= 2:
        word = word[: m.start()]
        return _Token(start, start + m.start(), word, True, _capitalized(word))
    return _Token(start, end, word, cap=_capitalized(word))


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _is_particle(t: _Token) -> bool:
    lex = lexicon()
    low = t.text.lower()
    return low in lex.particles or low in lex.hyphen_particles


def _particle_of_next(text: str, particle: _Token, nxt: _Token) -> bool:
    """A particle belongs to the next word when capitalized or joined by a hyphen
    (``Al-Wefaq``, ``al-Sarraj``, ``Abu Bakr``), not when free-standing in lower case
    (``the city of Tripoli`` in French: ``la ville de Tripoli``)."""
    if not _is_particle(particle):
        return False
    return particle.text[:1].isupper() or text[particle.end : nxt.start] in _HYPHENS


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal sequences of capitalized words and particles joined by one space or hyphen.

    A hyphen-only particle (``as``, ``an``) joins only through a hyphen; a possessive
    ends the run; lower-case particles at the ends of a run are dropped.
    """
    lex = lexicon()
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, t in enumerate(tokens):
        member = t.cap
        if not member:
            low = t.text.lower()
            member = low in lex.particles or (
                low in lex.hyphen_particles
                and i + 1 < len(tokens)
                and text[t.end : tokens[i + 1].start] in _HYPHENS
            )
        joined = False
        if current and not current[-1].possessive:
            gap = text[current[-1].end : t.start]
            joined = gap == " " or gap in _HYPHENS
        if member and joined:
            current.append(t)
            continue
        if current:
            runs.append(current)
        current = [t] if member else []
    if current:
        runs.append(current)
    return [_trim(text, r) for r in runs]


def _trim(text: str, run: list[_Token]) -> list[_Token]:
    while run and not run[-1].cap:
        run = run[:-1]
    while len(run) > 1 and not run[0].cap and not _particle_of_next(text, run[0], run[1]):
        run = run[1:]
    return run
