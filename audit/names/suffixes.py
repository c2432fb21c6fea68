"""Case suffixes written after an apostrophe: part of the word, not of the name.

Turkish (and Azerbaijani) spelling joins a case ending to a proper name with an
apostrophe: ``Kavanaugh'a``, ``Köln'de``, ``Milletler'e``, ``McGregor'un``. Read as
written, each case looks like another spelling of the name. In the languages that
``lexicon.yaml`` lists under ``apostrophe_suffixes`` the name word ends at the
apostrophe, as an English possessive does (``Haftar's``). Elsewhere an apostrophe
may be part of the name itself (``Qur'an``, ``Sana'a``, ``Ja'far``), so nothing is cut.
"""

from __future__ import annotations

from audit.names.extract import NameSpan, NameWord
from audit.names.lexicon import lexicon

_APOSTROPHES = ("'", "’")


def without_suffixes(
    names: list[NameSpan], openers: list[NameWord], language: str | None
) -> tuple[list[NameSpan], list[NameWord]]:
    """``names`` and ``openers`` with the case suffixes of ``language`` cut off."""
    if not lexicon().suffixes_after_apostrophe(language):
        return names, openers
    return [_span(s) for s in names], [_word(w) for w in openers]


def _word(word: NameWord) -> NameWord:
    text = word.text
    cut = max(text.rfind(a) for a in _APOSTROPHES)
    suffix = text[cut + 1 :]
    if cut < 2 or not suffix.isalpha() or not suffix.islower():
        return word  # O'Brien, a name with no suffix
    return NameWord(word.start, word.start + cut, text[:cut], word.certain)


def _span(span: NameSpan) -> NameSpan:
    words = tuple(_word(w) for w in span.words)
    if words == span.words:
        return span
    end = max(span.end - (span.words[-1].end - words[-1].end), words[-1].end)
    return NameSpan(span.start, end, span.text[: end - span.start], words)
