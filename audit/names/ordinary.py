"""Ordinary words of a language, from a maintained word-frequency lexicon.

A transliteration variant is a rare string: ``Hifter``, ``Qadhafi``, ``Salameh``. A
capitalized word that the language uses all the time (``Chapter`` in "Chapter 11",
``Argentine``, ``Janeiro``, ``Will``) is a word of the language, not a fresh spelling
of a foreign name, and two such words (``Gordon`` / ``Jordan``, ``Thames`` /
``Thomas``) are two established words, whatever their letters. Hand lists never
cover the next article, so the frequencies come from ``wordfreq`` (Apache-2.0 code,
CC BY-SA 4.0 data shipped in the package, about 40 languages; no download at run
time).

``wordfreq`` and its data cost a few tenths of a second to load, so it is imported on
the first question, which only the name-variant checks ask, and only about a word
that is already a candidate variant: ``audit check`` on a text without one never
loads it. The cut-offs are Zipf values (log10 of uses per billion words) calibrated by
``benchmarks/names_in_context.py`` on half of the spelling groups.
"""

from __future__ import annotations

from functools import lru_cache

#: A word at least this frequent is an ordinary word of the language (Chapter 4.6,
#: Argentine 3.6, Janeiro 3.5), too common to be a fresh transliteration.
ORDINARY_ZIPF = 3.4
#: Two spellings both at least this frequent are two established words or names
#: (Gordon 4.4 / Jordan 4.5, Iran / Iron, Thames / Thomas), not one name spelled twice.
ESTABLISHED_ZIPF = 3.0


@lru_cache(maxsize=65536)
def zipf(word: str, language: str | None) -> float:
    """Zipf frequency of ``word`` in ``language`` (0 for a word or language not known)."""
    lang = (language or "en").split("-")[0].split("_")[0].lower()
    if lang not in _languages():
        return 0.0
    from wordfreq import zipf_frequency

    try:
        # The "small" lists hold every word down to Zipf 3.0, below every cut-off here,
        # in a tenth of the memory and load time of the default "large" ones.
        return float(zipf_frequency(word, lang, wordlist="small"))
    except (LookupError, ValueError):  # pragma: no cover - wordfreq refuses the language
        return 0.0


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages("small"))


def is_ordinary(word: str, language: str | None, cutoff: float = ORDINARY_ZIPF) -> bool:
    """True when ``word`` is a frequent word of ``language`` (see :data:`ORDINARY_ZIPF`)."""
    return zipf(word, language) >= cutoff


def established_pair(a: str, b: str, language: str | None) -> bool:
    """True when both spellings are frequent in their own right: two words, not one
    name spelled two ways (``Gordon`` / ``Jordan``, ``Argentine`` / ``Argentina``)."""
    return zipf(a, language) >= ESTABLISHED_ZIPF and zipf(b, language) >= ESTABLISHED_ZIPF
