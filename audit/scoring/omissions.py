"""Omission hints: source words that do not come back in the back-translation.

A low round-trip score says something was lost, not what. The words of the source
segment with no close counterpart among the back-translation's words point at it: a
dropped name, number or clause shows up here. Matching is fuzzy (rapidfuzz ratio) so
that inflection, clitics and spelling variants of the same word still count as
present; short function words are left out. These are hints for a reader, not proof:
a synonym in the back-translation makes a word look missing.
"""

from __future__ import annotations

import re

from audit.scoring.metrics import prepare

# Letters and digits with their combining marks (Arabic harakat, Latin accents).
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u064b-\u065f\u0670])+(?:['’-](?:[^\W_]|[\u0300-\u036f\u064b-\u065f\u0670])+)*"
)
# English function words long enough to pass the length rule; never worth a hint.
_STOPWORDS = frozenset(
    """
    about after also been before being could does from have into more much must only other
    over should some such than that their them then there these they this those until very
    were what when where which while will with would your
""".split()
)
#: Minimum rapidfuzz ratio (0-100) for a back-translation word to count as the same word.
SIMILARITY = 80.0
MAX_HINTS = 8


def missing_words(
    source: str, back_translation: str, language: str = "", limit: int = MAX_HINTS
) -> list[str]:
    """Source words (as written in the source) without a close match in the back-translation."""
    from rapidfuzz import fuzz, process

    present = {_key(w, language) for w in _WORD.findall(back_translation)}
    present_list = list(present)
    missing: list[str] = []
    seen: set[str] = set()
    for position, m in enumerate(_WORD.finditer(source)):
        word = m.group()
        key = _key(word, language)
        if key in seen or not _is_content_word(word, key, position):
            continue
        seen.add(key)
        if key in present:
            continue
        if (
            process.extractOne(key, present_list, scorer=fuzz.ratio, score_cutoff=SIMILARITY)
            is None
        ):
            missing.append(word)
            if len(missing) == limit:
                break
    return missing


def _key(word: str, language: str) -> str:
    return prepare(word, language).casefold()


def _is_content_word(word: str, key: str, position: int) -> bool:
    """Numbers, words of four letters or more, and capitalized words inside a sentence (names)."""
    if any(ch.isdigit() for ch in word):
        return True
    if len(key) >= 4:
        return key not in _STOPWORDS
    return position > 0 and len(word) >= 2 and word[0].isupper()
