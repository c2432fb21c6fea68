"""Length-preserving text folding for matching.

Matching runs on a folded copy of the text in which every character maps to exactly
one character, so an offset found in the folded copy is the same offset in the
original. Folding lower-cases, strips accents from precomposed Latin letters, makes
every apostrophe ``'`` and turns hyphens, dashes and whitespace into a plain space, so
``Al-Wefaq``, ``al Wefaq`` and ``AL‑WEFAQ`` all read ``al wefaq``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from audit.stretches import WHITE_SPACE, stretches

APOSTROPHES = "'’‘ʼʻ`´′"
HYPHENS = "-‐‑‒–—―−"
SPACES = "\t\n\r\x0b\x0c \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# Arabic definite-article spellings treated as equivalent in Latin transliteration,
# including sun-letter assimilation (as-Sarraj, ash-Shati, ad-Dbeibah).
ARTICLE_FORMS = ("al", "el")
SUN_LETTER_ONSETS = ("th", "dh", "sh", "t", "d", "r", "z", "s", "n")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Characters that folding changes (after lower-casing), and what they become."""
    table: dict[int, str] = {}
    for ch in APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in HYPHENS + SPACES:
        table[ord(ch)] = " "
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base.lower()
    return {k: v for k, v in table.items() if chr(k) != v}


@lru_cache(maxsize=1)
def _changed() -> re.Pattern[str]:
    # Substituting only the characters that change is several times faster than
    # str.translate over the whole text, which is mostly unchanged ASCII.
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_table())) + "]")


# The characters whose lower case is longer than one character (İ -> i̇), checked
# against every code point by tests/test_glossary_chunks.py.
LONGER_LOWER = "\u0130"
FOLD_CHUNK = 1 << 16  # characters folded at a time (str.lower takes 12 bytes a character)


def _lower_preserving_length(text: str, one_by_one: bool) -> str:
    if not one_by_one:
        return text.lower()
    # A few characters lower-case to two (İ -> i̇); keep the first to stay aligned.
    return "".join(c.lower()[0] for c in text)


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(text)) == len(text)`` always holds.

    A text with a character whose lower case is longer is lower-cased one character
    at a time, as a whole. A long text is folded FOLD_CHUNK characters at a time, cut
    at white space, where lower-casing has no context to lose (a final sigma is final
    before a space as at the end): the same result without str.lower's buffer of
    twelve bytes a character for all of it (49 MB for a 4 MB article)."""
    one_by_one = any(c in text for c in LONGER_LOWER)
    if len(text) <= FOLD_CHUNK:
        return _fold(text, one_by_one)
    return "".join(
        _fold(text[start:end], one_by_one)
        for start, end in stretches(text, FOLD_CHUNK, WHITE_SPACE)
    )


def _fold(text: str, one_by_one: bool) -> str:
    table = _table()
    return _changed().sub(
        lambda m: table[ord(m.group())], _lower_preserving_length(text, one_by_one)
    )


def fold_key(form: str) -> str:
    """The matching key of a glossary form: folded, with runs of spaces collapsed."""
    return " ".join(fold(form).split())


_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(folded: str) -> list[str]:
    """Matching tokens of folded text: runs of word characters, single punctuation marks."""
    return _TOKEN.findall(folded)


def token_spans(folded: str) -> list[tuple[int, int, str]]:
    """``tokens`` with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]


def token_offsets(folded: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each of ``tokens``, listed in C."""
    return list(map(re.Match.span, _TOKEN.finditer(folded)))


def form_keys(form: str) -> list[str]:
    """The lookup keys of a glossary form: its folded tokens joined by single spaces,
    over the spellings of the Arabic article. Two forms with a key in common cannot be
    told apart by the matcher."""
    return [" ".join(tokens(k)) for k in article_expansions(fold_key(form))]


def article_expansions(key: str) -> list[str]:
    """All spellings of a folded key under Arabic article alternation.

    ``al wefaq`` -> ``al wefaq``, ``el wefaq``; ``al sarraj`` also gives ``as sarraj``
    and ``es sarraj``. Only free-standing article tokens followed by a word count.
    """
    tokens = key.split(" ")
    if len(tokens) == 1 or not any(t[:1] in ("a", "e") and len(t) <= 3 for t in tokens[:-1]):
        return [key]  # no article: the common case, kept cheap for large glossaries
    options: list[list[str]] = []
    for i, token in enumerate(tokens):
        if i + 1 < len(tokens) and (token in ARTICLE_FORMS or _is_assimilated(token, tokens, i)):
            nxt = tokens[i + 1]
            alts = list(ARTICLE_FORMS)
            onset = next((o for o in SUN_LETTER_ONSETS if nxt.startswith(o)), None)
            if onset:
                alts += ["a" + onset, "e" + onset]
            options.append(alts)
        else:
            options.append([token])
    keys = [""]
    for alts in options:
        keys = [f"{k} {a}" if k else a for k in keys for a in alts]
    return sorted(set(keys))


def _is_assimilated(token: str, tokens: list[str], i: int) -> bool:
    if i + 1 >= len(tokens) or len(token) < 2 or token[0] not in "ae":
        return False
    onset = token[1:]
    return onset in SUN_LETTER_ONSETS and tokens[i + 1].startswith(onset)


def is_word_char(ch: str) -> bool:
    """Letters, digits, underscore and combining marks continue a word."""
    if ch.isalnum() or ch == "_":
        return True
    return unicodedata.category(ch).startswith("M")
