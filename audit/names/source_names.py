"""Source-anchored name consistency: two target spellings of one source name.

When the source is present, it settles what letters cannot: ``Gaddafi`` and
``Khadafi`` score low as strings, but both render القذافي. For each target name word
this module collects the source words of the aligned sentences (``CheckContext.pairs``:
file units, or the sentence alignment of whole articles) that are present wherever
the spelling is used, and keeps those whose consonants could be the spelling's (a
coarse consonant-class skeleton of the Arabic, Hebrew or Cyrillic word against the Latin
one). Two spellings that never stand in one sentence and both render the same source
word are one name written two ways; a spelling whose sentences do not share a source
word with the other's is not merged, so one spelling aligned to two different source
names stays two people.

Arabic words are normalized and lose their article and proclitics
(:mod:`audit.lang.arabic`); Hebrew words lose up to two one-letter prefixes (ה, ו,
ב...); Cyrillic is romanized first (``lexicon.yaml``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from audit.lang.arabic import ARABIC_WORD, normalize, word_keys
from audit.names.lexicon import is_derivation, lexicon
from audit.names.similarity import compact

if TYPE_CHECKING:
    from audit.names.extract import NameSpan, NameWord
    from audit.pairs import Pair

MIN_SKELETON = 0.6  # least normalized similarity of consonant skeletons
TRANSLATED_SKELETON = 0.8  # least, for the transliteration beside a translated phrase
_WORD = re.compile(r"[^\W\d_]{3,}")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_HEBREW_WORD = re.compile(r"[\u05d0-\u05ea]+")
# A letter of ARABIC_WORD, _CYRILLIC or _HEBREW: one scan of a source for :func:`reads`
# instead of three (every bilingual document asks, most sources being in none of them).
_READ_LETTER = re.compile(
    "[\u0400-\u04ff\u05d0-\u05ea\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
# One-letter prefixes of Hebrew words (the, and, in, to, from, that, as): a name
# stands with them attached (ונתניהו, "and Netanyahu"), at most two deep.
_HEBREW_PREFIXES = frozenset("הובלמשכ")

# Consonant classes that romanizations interchange (q/k/g/kh, d/dh/th/z, s/sh/ṣ...).
_ARABIC_CLASSES = {
    "ب": "B", "ت": "T", "ث": "T", "ج": "G", "ح": "H", "خ": "K", "د": "D", "ذ": "D",
    "ر": "R", "ز": "D", "س": "S", "ش": "S", "ص": "S", "ض": "D", "ط": "T", "ظ": "D",
    "غ": "K", "ف": "F", "ق": "K", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H",
    "پ": "B", "چ": "S", "ژ": "G", "گ": "K", "ک": "K", "ی": "",
}  # fmt: skip
# Hebrew letters in the same classes; vav, yod, alef and ayin are vowels or silent.
# Bet and pe are b or v, p or f: the class of their more usual reading in names.
_HEBREW_CLASSES = {
    "ב": "B", "ג": "K", "ד": "D", "ה": "H", "ז": "D", "ח": "K", "ט": "T", "כ": "K",
    "ך": "K", "ל": "L", "מ": "M", "ם": "M", "נ": "N", "ן": "N", "ס": "S", "פ": "F",
    "ף": "F", "צ": "S", "ץ": "S", "ק": "K", "ר": "R", "ש": "S", "ת": "T",
}  # fmt: skip
_LATIN_DIGRAPHS = (("kh", "K"), ("gh", "K"), ("sh", "S"), ("ch", "S"), ("th", "T"),
                   ("dh", "D"), ("ph", "F"), ("ts", "S"), ("tz", "S"), ("zh", "G"))  # fmt: skip
_LATIN_CLASSES = {
    "b": "B", "p": "B", "t": "T", "g": "K", "j": "G", "h": "H", "k": "K", "q": "K",
    "c": "K", "d": "D", "z": "D", "r": "R", "s": "S", "x": "K", "f": "F", "v": "F",
    "l": "L", "m": "M", "n": "N",
}  # fmt: skip


@dataclass(frozen=True)
class SourceGroup:
    """Target spellings (folded keys) that render one source word."""

    source: str  # the source word as written (first occurrence)
    spellings: tuple[str, ...]  # folded target spellings, most used first


@lru_cache(maxsize=65536)
def latin_skeleton(word: str) -> str:
    """Consonant classes of a Latin spelling: ``Khadafi`` -> ``KDF``."""
    w = compact(word)
    for digraph, cls in _LATIN_DIGRAPHS:
        w = w.replace(digraph, cls)
    return _squeeze("".join(_LATIN_CLASSES.get(c, c if c.isupper() else "") for c in w))


@lru_cache(maxsize=65536)
def source_skeleton(word: str) -> str:
    """Consonant classes of a source word: ``القذافي`` -> ``KDF``; Cyrillic romanized."""
    if ARABIC_WORD.fullmatch(word):
        return _squeeze("".join(_ARABIC_CLASSES.get(c, "") for c in word))
    if _HEBREW_WORD.fullmatch(word):
        return _squeeze("".join(_HEBREW_CLASSES.get(c, "") for c in word))
    return latin_skeleton(lexicon().romanize(word.lower()))


def _squeeze(s: str) -> str:
    return "".join(c for i, c in enumerate(s) if i == 0 or c != s[i - 1])


def _source_words(text: str) -> dict[str, str]:
    """Comparable keys of a source text's words -> the word as written."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text):
        for key in _word_keys(word):
            out.setdefault(key, word)
    return out


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, ...]:
    """The comparable keys of one source word, remembered (a corpus repeats its words).

    A word in the target's own script (an English source of a German target) holds a
    translation, not a rendering: it says nothing of spellings and has no key."""
    if ARABIC_WORD.fullmatch(word):
        return tuple(k for k in word_keys(normalize(word)) if len(k) >= 3)
    if _CYRILLIC.search(word):
        return (word.lower(),)
    if _HEBREW_WORD.fullmatch(word):
        keys = [word]
        for _ in range(2):  # ה, ו, ב... before the name, at most two
            if keys[-1][0] in _HEBREW_PREFIXES and len(keys[-1]) > 3:
                keys.append(keys[-1][1:])
        return tuple(keys)
    return ()


class _Units:
    """The aligned units of a document in target order: which unit a target offset
    falls in, and the comparable words of each unit's source (read once)."""

    def __init__(self, source: str, pairs: Sequence[Pair]) -> None:
        units = [p for p in pairs if p.source is not None and p.target is not None]
        units.sort(key=lambda p: p.target.start if p.target else 0)
        self.units = units
        self._source = source
        self._starts = [p.target.start for p in units if p.target]
        self._words: dict[int, dict[str, str]] = {}
        self._skeletons: dict[int, dict[str, str]] = {}

    def __bool__(self) -> bool:
        return bool(self.units)

    def at(self, start: int, end: int) -> int | None:
        """The unit whose target holds ``start`` to ``end``, if any."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        t = self.units[i].target
        if t is None or not (t.start <= start and end <= t.end):
            return None
        return i

    def having(self, key: str) -> set[int]:
        """The units whose source has the word ``key``."""
        return {i for i in range(len(self.units)) if key in self.words(i)}

    def common_skeletons(self, used: set[int]) -> dict[str, str]:
        """Source key -> its consonant skeleton, for the keys that the source of each of
        the units ``used`` has (empty skeletons left out: they are like nothing).

        One mapping per unit, made once: a spelling is scored against it in one
        ``rapidfuzz.process.extract`` call instead of one Python call per source word
        (on the NTREX corpus, about half the CPU of reading the source)."""
        first, *others = used
        skeletons = self._skeletons.get(first)
        if skeletons is None:
            skeletons = self._skeletons[first] = {
                k: sk for k in self.words(first) if (sk := source_skeleton(k))
            }
        if not others:
            return skeletons
        common = set(skeletons).intersection(*(self.words(i) for i in others))
        return {k: skeletons[k] for k in common}

    def words(self, i: int) -> dict[str, str]:
        if i not in self._words:
            src = self.units[i].source
            assert src is not None
            self._words[i] = _source_words(self._source[src.start : src.end])
        return self._words[i]


@dataclass
class _Renderings:
    """Which units each target spelling is used in, and the source words it renders."""

    where: dict[str, set[int]]  # spelling -> units it is used in
    uses: dict[str, int]
    renders: dict[str, list[str]]  # source key -> spellings that render it
    written: dict[str, str]  # source key -> the source word as written
    close: dict[tuple[str, str], float]  # (spelling, source key) -> skeleton similarity


def _renderings(target_words: Sequence[NameWord], units: _Units) -> _Renderings:
    where: dict[str, set[int]] = defaultdict(set)
    uses: dict[str, int] = defaultdict(int)
    for w in target_words:
        i = units.at(w.start, w.start + 1)
        if i is None:
            continue
        key = compact(w.text)
        where[key].add(i)
        uses[key] += 1
    renders: dict[str, list[str]] = defaultdict(list)
    written: dict[str, str] = {}
    close: dict[tuple[str, str], float] = {}
    for key, units_used in where.items():
        if len(key) < 4:
            continue
        skeleton = latin_skeleton(key)
        # The batch call's own cut-off rounds (it drops a similarity of exactly 0.6):
        # a lower one, then the same test as one call at a time.
        scored = {
            skey: similarity
            for _, similarity, skey in process.extract(
                skeleton,
                units.common_skeletons(units_used),
                scorer=Levenshtein.normalized_similarity,
                score_cutoff=MIN_SKELETON - 0.01,
                limit=None,
            )
            if similarity >= MIN_SKELETON
        }
        # A spelling renders the source words it spells best: Byeong is ביונג, not the
        # Yong (יונג) that ביונג would be with its first letter taken for a prefix.
        best = max(scored.values(), default=0.0)
        for skey in sorted(scored):  # sorted: the same groups whatever the hash seed
            if scored[skey] == best:
                renders[skey].append(key)
                written.setdefault(skey, units.words(min(units_used))[skey])
                close[(key, skey)] = best
    return _Renderings(where, uses, renders, written, close)


def _counts(source: str) -> Counter[str]:
    """How many words of the source have each comparable key."""
    return Counter(k for word in _WORD.findall(source) for k in _word_keys(word))


def reads(source: str) -> bool:
    """The source has words in a script this module reads (the rest holds translations)."""
    return _READ_LETTER.search(source) is not None


@dataclass
class SourceReading:
    """What the source says of a document's target name words: the aligned units,
    the source words each spelling renders, and how often the source uses each word.
    Read once, for both :func:`source_groups` and :func:`translated_groups`."""

    units: _Units
    found: _Renderings
    source: str

    @cached_property
    def counts(self) -> Counter[str]:
        """How many words of the source have each key: counted on the first question,
        which only a candidate group asks (two spellings of one source word, a phrase
        in its sentences); most documents have none, and counting reads every word."""
        return _counts(self.source)


def read_source(
    target_words: Sequence[NameWord], source: str, pairs: Sequence[Pair]
) -> SourceReading | None:
    """The source's reading, or None where it says nothing of spellings (no target
    name words, no aligned units, no word in a script this module reads)."""
    if not target_words or not reads(source):
        return None
    units = _Units(source, pairs)
    if not units:
        return None
    return SourceReading(units, _renderings(target_words, units), source)


def source_groups(
    target_words: Sequence[NameWord],
    source: str,
    pairs: Sequence[Pair],
    reading: SourceReading | None = None,
) -> list[SourceGroup]:
    """Groups of target spellings that render one source word (see the module doc);
    ``reading``: the source already read by :func:`read_source`."""
    reading = reading or read_source(target_words, source, pairs)
    if reading is None:
        return []
    found = reading.found
    where, uses = found.where, found.uses
    endings = lexicon().derivational_suffixes
    groups: list[SourceGroup] = []
    claimed: set[str] = set()
    for skey, spellings in found.renders.items():
        apart = [s for s in spellings if s not in claimed]
        pairs_of = [(a, b) for i, a in enumerate(apart) for b in apart[i + 1 :]]
        # Two spellings of one name stand in different sentences, never together; a
        # word and its derivation (Korea / Korean, Catalan / Catalans) are two words;
        # and each use of the source word is one of the spellings (a word the source
        # uses more often stands for more than this name, or is no name at all).
        if (
            len(apart) < 2
            or any(where[a] & where[b] or is_derivation(a, b, endings) for a, b in pairs_of)
            or reading.counts[skey] != sum(uses[s] for s in apart)
        ):
            continue
        ordered = tuple(sorted(apart, key=lambda s: (-uses[s], min(where[s]))))
        groups.append(SourceGroup(found.written[skey], ordered))
        claimed.update(apart)
    return groups


def phrases_of(text: str, spans: Sequence[NameSpan]) -> list[tuple[int, int, str]]:
    """Each name span with the title-like capitalized words just before it that name
    extraction leaves out (``National`` in ``National Accord``), as (start, end,
    text)."""
    not_names = lexicon().not_names
    out = []
    for span in spans:
        start = span.start
        while True:
            m = _TITLE_BEFORE.search(text, max(0, start - 40), start)
            if m is None or m.group(1) not in not_names:
                break
            start = m.start(1)
        out.append((start, span.end, text[start : span.end]))
    return out


_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")


@dataclass(frozen=True)
class TranslatedGroup:
    """A source name rendered both by transliteration and by a translated phrase
    (``Al-Wefaq`` and ``National Accord`` for الوفاق)."""

    source: str  # the source word as written
    spelling: str  # the transliteration (folded key), the most used one
    phrase: str  # the translated phrase (folded key)
    occurrences: tuple[tuple[int, int], ...]  # the phrase's spans in the target


def translated_groups(
    target_words: Sequence[NameWord],
    phrases: Sequence[tuple[int, int, str]],
    source: str,
    pairs: Sequence[Pair],
    ordinary: Callable[[str], bool],
    reading: SourceReading | None = None,
) -> list[TranslatedGroup]:
    """Source names that the target renders once by their letters and elsewhere by a
    translation.

    A capitalized phrase of two or more words (``National Accord``) none of whose
    words renders a source word by its letters is a translation of a source name
    when, in every sentence that uses it, the source has a word that the document
    elsewhere transliterates (``Wefaq`` for الوفاق), never in a sentence that also
    has that transliteration, and every sentence whose source has the word renders it
    one of the two ways (a frequent source word stands in many sentences that render
    neither): one name, written two ways. A phrase that could be the translation of
    two such names, or used where the source lacks the name, is left alone.
    """
    if not phrases:
        return []
    reading = reading or read_source(target_words, source, pairs)
    if reading is None or not reading.found.renders:
        return []
    units, found = reading.units, reading.found
    rendering = {k for spellings in found.renders.values() for k in spellings}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    used: dict[str, set[int]] = defaultdict(set)
    outside: set[str] = set()  # phrases used outside the aligned units
    for start, end, text in phrases:
        words = [compact(w) for w in text.replace("-", " ").split()]
        if len(words) < 2 or any(w in rendering or not ordinary(w) for w in words):
            continue
        i = units.at(start, end)
        key = compact(text)
        if i is None:
            outside.add(key)
            continue
        spans[key].append((start, end))
        used[key].add(i)
    out: list[TranslatedGroup] = []
    for key, units_used in used.items():
        if key in outside:
            continue
        candidates: dict[frozenset[str], str] = {}
        for skey, spellings in found.renders.items():
            transliterated = set().union(*(found.where[s] for s in spellings))
            if units_used & transliterated:
                continue
            spelled = [
                k
                for k in spellings
                if found.close[(k, skey)] >= TRANSLATED_SKELETON and not ordinary(k)
            ]
            if (
                spelled
                and all(skey in units.words(i) for i in units_used)
                and units.having(skey) == units_used | transliterated
                and reading.counts[skey] == len(spans[key]) + sum(found.uses[k] for k in spelled)
            ):
                candidates.setdefault(frozenset(spelled), skey)
        if len(candidates) != 1:
            continue  # no source name in every sentence of the phrase, or several
        ((chosen, skey),) = candidates.items()
        spelling = max(sorted(chosen), key=lambda s: found.uses[s])
        out.append(TranslatedGroup(found.written[skey], spelling, key, tuple(spans[key])))
    return out
