"""The word lists of ``lexicon.yaml``: name particles, derivational endings, non-names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from audit.cachefiles import load_yaml_data

_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Lexicon:
    """Word lists used by name extraction and comparison (see ``lexicon.yaml``)."""

    particles: frozenset[str]
    hyphen_particles: frozenset[str]
    derivational_suffixes: frozenset[str]
    inflections: dict[str, frozenset[str]]
    name_inflections: dict[str, frozenset[str]]
    not_names: frozenset[str]
    titles: dict[str, frozenset[str]]  # lower case, by language that capitalizes nouns
    apostrophe_suffixes: frozenset[str]  # languages: Kavanaugh'a is Kavanaugh declined
    romanization: dict[int, str]  # str.translate table: Cyrillic and Greek letters to Latin

    def romanize(self, text: str) -> str:
        """Lower-case Cyrillic and Greek letters in Latin (``хафтар`` -> ``khaftar``)."""
        return text if text.isascii() else text.translate(self.romanization)

    def endings(self, language: str | None) -> frozenset[str]:
        """Derivational endings plus the inflections of ``language`` (``de``, ``ru-RU``...)."""
        return self.derivational_suffixes | self.inflections_of(language)

    def titles_of(self, language: str | None) -> frozenset[str]:
        """Words of office of ``language`` that stand beside names (``titles``); none for
        a language that writes them in lower case or has none listed."""
        return self.titles.get(_base(language), frozenset())

    def suffixes_after_apostrophe(self, language: str | None) -> bool:
        """Whether ``language`` joins case endings to names with an apostrophe
        (``apostrophe_suffixes``: Turkish ``Kavanaugh'a``)."""
        return _base(language) in self.apostrophe_suffixes

    def inflections_of(self, language: str | None) -> frozenset[str]:
        return self.inflections.get(_base(language), frozenset())

    def name_inflections_of(self, language: str | None) -> frozenset[str]:
        """The inflections that names take in ``language`` (all, where not listed)."""
        lang = _base(language)
        if lang in self.name_inflections:
            return self.name_inflections[lang]
        return self.inflections_of(lang)


def is_derivation(
    a: str,
    b: str,
    endings: frozenset[str],
    inflections: frozenset[str] = frozenset(),
    vowel_alternations: bool = False,
) -> bool:
    """True when two folded spellings differ only in endings from ``endings``.

    ``ali``/``alia``, ``libya``/``libyan``, ``syria``/``syrians``, ``jahr``/``jahre``:
    different words. Spellings that differ only in doubled letters or y for i
    (``zelensky``/``zelenskyy``, ``hosni``/``hosny``) are spelling variants, unless
    both endings are inflections of the text's language (Russian ``korei``/``koreey``).

    With ``vowel_alternations`` (a surname mention against a person's surname), two
    endings that are the same consonants with other vowels are one ending transliterated
    two ways: ``gorbachev``/``gorbachov``, ``eriksen``/``erikson``, ``damian``/``damien``.
    An ending added to the whole word (``ali``/``alia``, ``ivanov``/``ivanova``), a vowel
    more (``davis``/``davies``) or a different consonant (``andreev``/``andrey``) still
    makes another name.
    """
    if a == b:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    for stem in range(common, max(common - 3, 0), -1):
        ra, rb = a[stem:], b[stem:]
        if (ra in endings or not ra) and (rb in endings or not rb):
            inflected = (ra in inflections or not ra) and (rb in inflections or not rb)
            if inflected:
                return True
            if vowel_alternations and _alternation(ra, rb):
                return False
            return not _same_letters(a, b)
    return False


def _alternation(ra: str, rb: str) -> bool:
    """Two endings of one length that differ only in vowels, with a consonant at least:
    ``ev``/``ov``, ``sen``/``son``; not ``s``/``es`` (Davis / Davies)."""
    frame = ra.translate(_NO_VOWELS)
    return len(ra) == len(rb) and bool(frame) and frame == rb.translate(_NO_VOWELS)


_NO_VOWELS = {ord(c): None for c in "aeiouy"}


def _same_letters(a: str, b: str) -> bool:
    """Equal once doubled letters are single and y is i: a spelling variant."""
    return _plain(a) == _plain(b)


def _plain(word: str) -> str:
    return _DOUBLED.sub(r"\1", word.replace("y", "i"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled lexicon, read once."""
    data = load_yaml_data(  # through the JSON cache: no PyYAML on a warm start
        (Path(__file__).parent / "lexicon.yaml").read_text(
            encoding="utf-8"
        )  # no importlib.resources
    )
    romanization = {ord(str(k)): str(v) for k, v in (data.get("romanization") or {}).items()}

    def latin(words: list[str]) -> frozenset[str]:
        return frozenset(str(w).translate(romanization) for w in words)

    return Lexicon(
        particles=frozenset(str(w).lower() for w in data["particles"]),
        hyphen_particles=frozenset(str(w).lower() for w in data["hyphen_particles"]),
        derivational_suffixes=frozenset(str(w) for w in data["derivational_suffixes"]),
        inflections={str(k): latin(v) for k, v in (data.get("inflections") or {}).items()},
        name_inflections={
            str(k): latin(v or []) for k, v in (data.get("name_inflections") or {}).items()
        },
        not_names=frozenset(str(w) for w in data["not_names"]),
        apostrophe_suffixes=frozenset(str(c) for c in data.get("apostrophe_suffixes") or []),
        titles={
            str(k): frozenset(str(w).lower() for w in v or [])
            for k, v in (data.get("titles") or {}).items()
        },
        romanization=romanization,
    )


def _base(language: str | None) -> str:
    """The key of ``language`` in the lexicon's lists: ``de`` for ``de-AT``."""
    return (language or "").split("-")[0].lower()


@lru_cache(maxsize=65536)  # asked for every word of a German name span
def is_title(word: str, titles: frozenset[str]) -> bool:
    """A word of office from ``titles``, or a compound ending in one: after a hyphen
    (``US-Präsident``) or after four letters more (``Staatspräsident``, but ``Demir`` is
    no ``Emir``)."""
    lower = word.lower()
    if lower in titles:
        return True
    if "-" in lower and lower.rsplit("-", 1)[1] in titles:
        return True
    return any(lower.endswith(t) and len(lower) - len(t) >= 4 for t in titles if len(t) >= 4)
