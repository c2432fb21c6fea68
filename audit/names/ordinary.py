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

import importlib.util
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

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
    plain = lang in _PLAIN or (word.isascii() and lang not in _DOTTED_I)
    table = _table(lang) if plain and word.isalpha() else None
    if table is not None:
        index = table.get(unicodedata.normalize("NFC", word).casefold())
        return 0.0 if index is None else _zipf_of_index(index)
    try:
        from wordfreq import zipf_frequency

        # The "small" lists hold every word down to Zipf 3.0, below every cut-off here,
        # in a tenth of the memory and load time of the default "large" ones.
        return float(zipf_frequency(word, lang, wordlist="small"))
    except (LookupError, ValueError, ImportError):  # a tokenizer wordfreq lacks (jieba)
        return 0.0


#: Languages whose wordfreq preprocessing of a word of letters is NFC and case folding
#: only (no transliteration, mark removal or special case folding as in ar, he, sr, tr):
#: their lists are read directly, without importing wordfreq and its tokenizers, which
#: costs a quarter of a second at each ``audit check`` that asks one word.
_PLAIN = frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "sv", "da", "fi"})
#: Every other language preprocesses a word of ASCII letters the same way too (its
#: marks and transliterations concern its own script), except the case folding of
#: Turkish and Azerbaijani (I / ı); wordfreq cannot read Chinese, Japanese or Korean
#: without tokenizers that are not installed, where the list answers instead.
_DOTTED_I = frozenset({"tr", "az"})


def _data_dir() -> Path | None:
    """wordfreq's data folder, found without importing the package."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@lru_cache(maxsize=32)
def _table(lang: str) -> dict[str, int] | None:
    """Word -> centibel index of wordfreq's small list for ``lang`` (its cBpack file:
    a header, then one list of words per centibel below the most frequent); None when
    the file is not there or not in that format (then wordfreq answers)."""
    folder = _data_dir()
    path = folder / f"small_{lang}.msgpack.gz" if folder else None
    if path is None or not path.is_file():
        return None
    import gzip

    import msgpack  # type: ignore[import-untyped]  # no stubs; a wordfreq dependency

    with gzip.open(path, "rb") as f:
        data = msgpack.load(f, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    return {w: index for index, bucket in enumerate(data[1:]) for w in bucket}


def _zipf_of_index(index: int) -> float:
    """wordfreq's Zipf value of a word at centibel ``-index``: the frequency rounded
    to three significant digits, then log10 per billion, to two decimals."""
    freq = 10 ** (-index / 100)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    folder = _data_dir()
    if folder is not None and folder.is_dir():
        return frozenset(
            p.name[len("small_") : -len(".msgpack.gz")] for p in folder.glob("small_*.msgpack.gz")
        )
    try:
        from wordfreq import available_languages
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return frozenset()
    return frozenset(available_languages("small"))


def is_ordinary(word: str, language: str | None, cutoff: float = ORDINARY_ZIPF) -> bool:
    """True when ``word`` is a frequent word of ``language`` (see :data:`ORDINARY_ZIPF`)."""
    return zipf(word, language) >= cutoff


def established_pair(a: str, b: str, language: str | None) -> bool:
    """True when both spellings are frequent in their own right: two words, not one
    name spelled two ways (``Gordon`` / ``Jordan``, ``Argentine`` / ``Argentina``)."""
    return zipf(a, language) >= ESTABLISHED_ZIPF and zipf(b, language) >= ESTABLISHED_ZIPF
