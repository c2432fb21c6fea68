"""How alike two spellings of a name are, on their letters and on their keys.

The score mixes the similarity of the raw (folded) spellings with the similarity of
their transliteration keys, for each key table, and keeps the best table. A veto and
a few penalties keep different names apart where letters alone would join them:

- a derivational ending or an inflection (Ali / Alia, Libya / Libyan, Jahr / Jahre)
  makes a different word: score 0;
- keys starting with different consonant classes (Abir / Sabir, Hazem / Nazem),
  consonant frames that differ (Hatim / Hazim, Saleh / Salameh), a final ending in
  one key only (Salem / Salameh), and keys that differ in their vowels when the
  letters are not alike either (Hassan / Hussein, Omar / Amr) are marked down.

The thresholds are calibrated on real spellings of Arabic- and Hebrew-script names
(``benchmarks/translit_eval.py --calibrate``) and kept in :class:`Thresholds`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from audit.glossary.fold import fold
from audit.names.keys import KeyTable, key_tables, strip_marks, words_of
from audit.names.lexicon import is_derivation, lexicon


@dataclass(frozen=True)
class Thresholds:
    """Weights and cut-offs of the score, as calibrated (see the module docstring).

    - ``raw_weight``: share of the raw-letter similarity in a table's score (the rest
      is the key similarity);
    - ``onset_penalty``: taken off when the keys start with different consonant
      classes (Abir, Sabir);
    - ``consonant_penalty``: taken off for each consonant class inserted, dropped or
      changed between the consonant frames (Saleh, Salameh); vowels vary freely
      across romanizations, consonants rarely do;
    - ``ending_penalty``: taken off when only one key has the table's final ending
      (Salem, Salameh);
    - ``raw_floor``/``raw_floor_penalty``: keys that differ only in their vowels, with
      letters less alike than ``raw_floor``, are marked down (Omar, Amr);
    - ``link``: two spellings at or above it are one name;
    - ``head``: two clusters merge only when their most frequent spellings score at
      least this (no chain from Hassan through Hasan and Husain to Hussein);
    - ``match``: a glossary form at or above it is the name a query spells.
    """

    raw_weight: float = 0.35
    onset_penalty: float = 0.3
    consonant_penalty: float = 0.05
    ending_penalty: float = 0.15
    raw_floor: float = 0.75
    raw_floor_penalty: float = 0.1
    link: float = 0.86
    head: float = 0.8
    match: float = 0.7


DEFAULT_THRESHOLDS = Thresholds()
_CACHE_SIZE = 200_000  # prepared spellings a comparer keeps


@dataclass(frozen=True)
class Spelling:
    """A spelling prepared for comparison: folded letters and one key per table."""

    text: str
    folded: str  # lower case, no accents, letters only, no spaces
    keys: tuple[str, ...]
    skeletons: tuple[str, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


class Comparer:
    """Prepares spellings and scores pairs under one set of key tables and thresholds.

    ``language`` is the language of the text the spellings come from; its
    inflections (``lexicon.yaml``) count as different words (Jahr / Jahre). With
    ``names_only``, only the inflections its names take do (German genitive
    ``Merkels``): the comparer of a surname mention with a person's surname, where two
    rare names that differ in another such ending are one name transliterated two
    ways (``Austin`` / ``Austen``, ``Ayman`` / ``Aymen``).
    """

    def __init__(
        self,
        tables: Sequence[KeyTable] | None = None,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        language: str | None = None,
        names_only: bool = False,
        share: Comparer | None = None,
    ):
        self.tables = tuple(tables) if tables is not None else key_tables()
        self.thresholds = thresholds
        lex = lexicon()
        self._inflections = (
            lex.name_inflections_of(language) if names_only else lex.inflections_of(language)
        )
        self._endings = lex.derivational_suffixes | self._inflections
        self._alternations = names_only  # Gorbachev / Gorbachov: see is_derivation
        # Prepared spellings depend on the tables only: a comparer made ``share`` of
        # another with the same tables (the names-only one) prepares each word once.
        self._cache: dict[str, Spelling] = (
            share._cache if share is not None and share.tables == self.tables else {}
        )

    def prepare(self, text: str) -> Spelling:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        words = words_of(text)
        keys = tuple(t.key_of_words(words) for t in self.tables)
        spelling = Spelling(
            text=text,
            folded=compact(text),
            keys=keys,
            skeletons=tuple(t.skeleton(k) for t, k in zip(self.tables, keys)),
        )
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()  # a long corpus run: keep memory bounded
        self._cache[text] = spelling
        return spelling

    def score(self, a: Spelling, b: Spelling, floor: float = 0.0) -> float:
        """Similarity in [0, 1]: 1 for the same folded letters, 0 for a vetoed pair.

        With ``floor``, any score under it may come back as 0 (clustering needs only
        the pairs that reach the link threshold, and skips work on the others).
        """
        if a.folded == b.folded:
            return 1.0
        th = self.thresholds
        w = th.raw_weight
        raw = fuzz.ratio(a.folded, b.folded) / 100
        if self.letters_bound(raw) < floor or is_derivation(
            a.folded, b.folded, self._endings, self._inflections, self._alternations
        ):
            return 0.0
        best = 0.0
        for table, ka, kb, sa, sb in zip(self.tables, a.keys, b.keys, a.skeletons, b.skeletons):
            needed = max(floor, best) - w * raw
            key_sim = fuzz.ratio(ka, kb, score_cutoff=max(0.0, needed / (1 - w)) * 100) / 100
            if not key_sim:
                continue
            s = w * raw + (1 - w) * key_sim
            if _onset(ka) != _onset(kb):
                s -= th.onset_penalty
            if sa != sb:
                s -= th.consonant_penalty * Levenshtein.distance(sa, sb)
            if table.has_ending(ka) != table.has_ending(kb):
                s -= th.ending_penalty
            if raw < th.raw_floor and ka != kb and sa == sb:
                s -= th.raw_floor_penalty
            best = max(best, s)
        return max(0.0, best)

    @property
    def name_inflections(self) -> frozenset[str]:
        """The case endings a name takes in the comparer's language (``names_only``)
        or every inflection of it; none for a language without inflections (English)."""
        return self._inflections

    def letters_bound(self, raw: float) -> float:
        """The most :meth:`score` can give a pair whose folded letters have the ratio
        ``raw`` (0 to 1): the keys weigh ``1 - raw_weight`` at most."""
        w = self.thresholds.raw_weight
        return w * raw + (1 - w)

    def derived(self, a: str, b: str) -> bool:
        """Two folded spellings that differ only in endings that make another word."""
        return a != b and is_derivation(a, b, self._endings, self._inflections)

    def key_floor(self, threshold: float) -> float:
        """The key similarity (0-100) below which no pair can reach ``threshold``.

        With the raw similarity at most 1, a score of ``t`` needs a key similarity of at
        least ``(t - w) / (1 - w)``; candidates under it are dropped before scoring.
        """
        w = self.thresholds.raw_weight
        return max(0.0, (threshold - w) / (1 - w)) * 100


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Folded letters, in Latin: ``Al-Sarraj’s`` -> ``alsarrajs``, ``Хафтар`` -> ``khaftar``.

    Cached: a document asks for the same name words many times."""
    return "".join(c for c in strip_marks(lexicon().romanize(fold(text))) if c.isalpha())


def _onset(key: str) -> str:
    """The first consonant class of a key; any vowel (class) counts as one onset."""
    if not key:
        return ""
    first = key[0]
    return "V" if first in "AEIOUVaeiou" else first
