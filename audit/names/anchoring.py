"""Does a glossary match stand for the glossary's entry in this document?

A glossary lists ``Salama`` as a variant of Ghassan Salameh and ``Hafter`` as one of
Khalifa Haftar, but other people carry those names: ``Egyptian striker Amr Salama``,
``the businessman Ahmed Hafter``, ``the Salama Fund``. Rewriting them is worse than
missing a variant, and the glossary's fixes are applied without a person. So each
match of a short form or variant is read in context:

- ``other``: the word is part of a longer name whose other words are not the entry's
  (``Amr Salama``, ``Salama Fund``): someone or something else; no finding;
- ``unanchored``: a form the glossary marks ``ambiguous`` (a frequent name or word of
  the language) in a document that does not otherwise name the entry, by a full name,
  an unambiguous form, or its source-language form in the source, and that does not
  stand beside another word of the entry's own (``Ghassan Salama``): at most a
  low-severity suggestion, never a safe fix;
- ``anchored``: everything else (the glossary checks as before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from audit.glossary.fold import fold_key

if TYPE_CHECKING:
    from audit.glossary.matcher import Match
    from audit.glossary.model import Entry
    from audit.names.extract import NameSpan, NameWord

ANCHORED = "anchored"
UNANCHORED = "unanchored"
OTHER = "other"
NOUN_CAPITALS = frozenset({"de", "lb"})  # languages that capitalize every noun


def read_matches(
    text: str,
    matches: Sequence[Match],
    is_sentence_start: Callable[[int], bool],
    source_entries: set[str] | frozenset[str] = frozenset(),
    language: str | None = None,
) -> list[str]:
    """One reading per match, in order (see the module docstring).

    ``source_entries`` holds the ids of entries found in the source text by their
    source-language forms. Names are extracted only when some one-word short form or
    variant needs reading, so a document without one costs nothing more.
    """
    readings = [ANCHORED] * len(matches)
    single = [
        i
        for i, m in enumerate(matches)
        if m.form.role != "canonical" and len(m.form.text.split()) == 1
    ]
    if not single:
        return readings
    from audit.names.extract import find_names

    spans = find_names(text, is_sentence_start)
    starts = [s.start for s in spans]
    named_with_own: set[int] = set()  # the entry's other words beside it: Ghassan Salama
    for i in single:
        m = matches[i]
        span = _span_at(spans, starts, m.start, m.end)
        if span is not None and _other_name(text, span, m, language):
            readings[i] = OTHER
        elif span is not None and _beside_own_word(span, m):
            named_with_own.add(i)
    for i in single:
        m = matches[i]
        if readings[i] != ANCHORED or not _is_ambiguous(m):
            continue
        entry = m.entry
        anchored = (
            i in named_with_own
            or entry.id in source_entries
            or any(
                readings[j] == ANCHORED and o.entry.id == entry.id and not _is_ambiguous(o)
                for j, o in enumerate(matches)
            )
        )
        if not anchored:
            readings[i] = UNANCHORED
    return readings


def _is_ambiguous(m: Match) -> bool:
    ambiguous = m.entry.ambiguous
    return bool(ambiguous) and fold_key(m.form.text) in {fold_key(f) for f in ambiguous}


def _span_at(spans: list[NameSpan], starts: list[int], start: int, end: int) -> NameSpan | None:
    import bisect

    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and spans[i].start <= start and end <= spans[i].end:
        return spans[i]
    return None


def _other_name(text: str, span: NameSpan, m: Match, language: str | None) -> bool:
    """The match is one word of a longer name, next to a word not of the entry's
    (``Amr Salama``, ``Salama Fund``), also when that word opens the sentence and is
    no common word of the language (``Ahmed Hafter scored``, not ``Later Hafter
    left``). A particle in between introduces the
    name instead (``die Truppen von Gadhafi``), and in a language that capitalizes its
    nouns an ordinary word next to it is a title or a noun (``Machthaber Gaddafi``)."""
    own = _entry_words(m.entry)
    for w, other in _neighbours(span, m):
        if not other.certain and _common_opener(other.text, language):
            continue  # Later Hafter left: a sentence's first word, not a first name
        gap = text[min(other.end, w.end) : max(other.start, w.start)]
        if any(c.isalpha() for c in gap) or fold_key(other.text) in own:
            continue
        if _capitalizes_nouns(language):
            from audit.names.ordinary import is_ordinary

            if is_ordinary(other.text.lower(), language):
                continue
        return True
    return False


def _common_opener(word: str, language: str | None) -> bool:
    """A sentence's first word that the language uses all the time (``Later``, ``Then``):
    the cut-off of the entities' openers (:data:`audit.names.analysis.COMMON_OPENER`)."""
    from audit.names.analysis import COMMON_OPENER
    from audit.names.ordinary import is_ordinary

    return is_ordinary(word.lower(), language, COMMON_OPENER)


def _beside_own_word(span: NameSpan, m: Match) -> bool:
    """The match is one word of a longer name whose next word is one of the entry's
    own (``Ghassan Salama``): the person the entry is about, spelled another way."""
    own = _entry_words(m.entry) - {fold_key(m.form.text)}
    return any(fold_key(other.text) in own for _, other in _neighbours(span, m))


def _neighbours(span: NameSpan, m: Match) -> Iterator[tuple[NameWord, NameWord]]:
    """Each word of ``span`` inside the match, with the words just before and after it."""
    words = span.words
    for i, w in enumerate(words):
        if m.start <= w.start < m.end:
            for j in (i - 1, i + 1):
                if 0 <= j < len(words):
                    yield w, words[j]


def _capitalizes_nouns(language: str | None) -> bool:
    return (language or "").split("-")[0].lower() in NOUN_CAPITALS


def _entry_words(entry: Entry) -> set[str]:
    forms = (*entry.accepted, *(v.form for v in entry.variants))
    return {fold_key(w) for f in forms for w in f.replace("-", " ").split()}
