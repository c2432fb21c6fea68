"""Arabic normalization for matching, as Arabic search engines do it.

Writers and translators spell the same Arabic word several ways: with or without
hamza on the alef (أحمد / احمد), with final ta marbuta or ha (سلامة / سلامه), with
alef maqsura or ya (مصطفى / مصطفي), with diacritics or tatweel (كـبير), and with the
article or a proclitic attached (السراج, والسراج, بالسراج). Matching must treat these
as one word; display never changes.

Normalization changes lengths (diacritics vanish), so :func:`fold_with_offsets` also
returns, for each folded character, the offset of the character it came from.
"""

from __future__ import annotations

import re
from functools import lru_cache

DIACRITICS = "".join(chr(c) for c in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)))
TATWEEL = "\u0640"
_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "ک": "ك",
}
_DROP = set(DIACRITICS + TATWEEL + "\u200c\u200d\u200e\u200f")
ARTICLE = "ال"
# Proclitics that attach before the article or a word: and, so, with/by, like, for.
PROCLITICS = ("و", "ف", "ب", "ك", "ل")
ARABIC_WORD = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")


#: What :func:`normalize` does, as score signatures name it (``arnorm:...``); keep in step.
STEPS = ("diacritics", "tatweel", "alef", "hamza", "ya", "ta-marbuta", "kaf", "zero-width")


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    return _LETTERS.get(ch, ch)


_TABLE = {**{ord(c): None for c in _DROP}, **{ord(k): v for k, v in _LETTERS.items()}}


def normalize(text: str) -> str:
    """Hamza/alef forms, ya/alef maqsura, ta marbuta/ha unified; diacritics and tatweel dropped."""
    return text.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalized text plus, for each of its characters, the index it came from in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if folded:
            out.append(folded)
            offsets.append(i)
    return "".join(out), offsets


def strip_article(word: str) -> str:
    """A normalized word without its article (السراج -> سراج; للسلام -> سلام)."""
    if word.startswith(ARTICLE) and len(word) > 3:
        return word[2:]
    return word


@lru_cache(maxsize=65536)
def word_keys(word: str) -> frozenset[str]:
    """Every reading of a normalized word with proclitics and the article taken off.

    ``والسراج`` gives {والسراج, السراج, سراج}; ``للسلام`` (li + al-) gives سلام. Only
    readings that leave at least two letters count, so short words are not eaten.
    """
    keys = {word, strip_article(word)}
    if word.startswith("لل") and len(word) > 4:
        keys.add(word[2:])
    for p in PROCLITICS:
        if word.startswith(p) and len(word) > 3:
            rest = word[1:]
            keys.add(rest)
            keys.add(strip_article(rest))
            if p == "و" or p == "ف":
                for q in ("ب", "ك", "ل"):
                    if rest.startswith(q) and len(rest) > 3:
                        keys.add(strip_article(rest[1:]))
    return frozenset(k for k in keys if len(k) >= 2)


def form_key(form: str) -> tuple[str, ...]:
    """A glossary form as the words to look for: normalized, without the article."""
    return tuple(strip_article(w) for w in normalize(form).split())
