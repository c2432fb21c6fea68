"""Source-anchored name consistency: two target spellings of one source name.

When the source is present, it settles what letters cannot: ``Gaddafi`` and
``Khadafi`` score low as strings, but both render القذافي. For each target name word
this module collects the source words of the aligned sentences (``CheckContext.pairs``:
file units, or the sentence alignment of whole articles) that are present wherever
the spelling is used, and keeps those whose consonants could be the spelling's (a
coarse consonant-class skeleton of the Arabic or Cyrillic word against the Latin
one). Two spellings that never stand in one sentence and both render the same source
word are one name written two ways; a spelling whose sentences do not share a source
word with the other's is not merged, so one spelling aligned to two different source
names stays two people.

Arabic words are normalized and lose their article and proclitics
(:mod:`audit.lang.arabic`); Cyrillic is romanized first (``lexicon.yaml``).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from audit.lang.arabic import ARABIC_WORD, normalize, word_keys
from audit.names.lexicon import lexicon
from audit.names.similarity import compact

if TYPE_CHECKING:
    from audit.names.extract import NameWord
    from audit.pairs import Pair

MIN_SKELETON = 0.6  # least normalized similarity of consonant skeletons
_WORD = re.compile(r"[^\W\d_]{3,}")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Consonant classes that romanizations interchange (q/k/g/kh, d/dh/th/z, s/sh/ṣ...).
_ARABIC_CLASSES = {
    "ب": "B", "ت": "T", "ث": "T", "ج": "G", "ح": "H", "خ": "K", "د": "D", "ذ": "D",
    "ر": "R", "ز": "D", "س": "S", "ش": "S", "ص": "S", "ض": "D", "ط": "T", "ظ": "D",
    "غ": "K", "ف": "F", "ق": "K", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H",
    "پ": "B", "چ": "S", "ژ": "G", "گ": "K", "ک": "K", "ی": "",
}  # fmt: skip
_LATIN_DIGRAPHS = (("kh", "K"), ("gh", "K"), ("sh", "S"), ("ch", "S"), ("th", "T"),
                   ("dh", "D"), ("ph", "F"), ("ts", "S"), ("zh", "G"))  # fmt: skip
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


def latin_skeleton(word: str) -> str:
    """Consonant classes of a Latin spelling: ``Khadafi`` -> ``KDF``."""
    w = compact(word)
    for digraph, cls in _LATIN_DIGRAPHS:
        w = w.replace(digraph, cls)
    return _squeeze("".join(_LATIN_CLASSES.get(c, c if c.isupper() else "") for c in w))


def source_skeleton(word: str) -> str:
    """Consonant classes of a source word: ``القذافي`` -> ``KDF``; Cyrillic romanized."""
    if ARABIC_WORD.fullmatch(word):
        return _squeeze("".join(_ARABIC_CLASSES.get(c, "") for c in word))
    return latin_skeleton(lexicon().romanize(word.lower()))


def _squeeze(s: str) -> str:
    return "".join(c for i, c in enumerate(s) if i == 0 or c != s[i - 1])


def _source_words(text: str) -> dict[str, str]:
    """Comparable keys of a source text's words -> the word as written."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(text):
        word = m.group()
        if ARABIC_WORD.fullmatch(word):
            for key in word_keys(normalize(word)):
                if len(key) >= 3:
                    out.setdefault(key, word)
        elif _CYRILLIC.search(word):
            out.setdefault(word.lower(), word)
        # A source in the target's own script (an English source of a German target)
        # holds translations, not renderings: its words say nothing of spellings.
    return out


def source_groups(
    target_words: Sequence[NameWord], source: str, pairs: Sequence[Pair]
) -> list[SourceGroup]:
    """Groups of target spellings that render one source word (see the module doc)."""
    if not target_words or not (ARABIC_WORD.search(source) or _CYRILLIC.search(source)):
        return []  # the only scripts _source_words reads: the rest holds translations
    units = [p for p in pairs if p.source is not None and p.target is not None]
    if not units:
        return []
    units.sort(key=lambda p: p.target.start if p.target else 0)
    starts = [p.target.start for p in units if p.target]
    where: dict[str, set[int]] = defaultdict(set)  # spelling -> units it is used in
    uses: dict[str, int] = defaultdict(int)
    for w in target_words:
        i = bisect.bisect_right(starts, w.start) - 1
        if i < 0:
            continue
        t = units[i].target
        if t is None or not t.start <= w.start < t.end:
            continue
        key = compact(w.text)
        where[key].add(i)
        uses[key] += 1
    words_of: dict[int, dict[str, str]] = {}
    for i in {i for s in where.values() for i in s}:
        src = units[i].source
        assert src is not None
        words_of[i] = _source_words(source[src.start : src.end])
    renders: dict[str, list[str]] = defaultdict(list)  # source key -> spellings
    written: dict[str, str] = {}
    for key, units_used in where.items():
        if len(key) < 4:
            continue
        common = set.intersection(*(set(words_of[i]) for i in units_used))
        skeleton = latin_skeleton(key)
        for skey in sorted(common):  # sorted: the same groups whatever the hash seed
            surface = words_of[min(units_used)][skey]
            other = source_skeleton(skey)
            if other and Levenshtein.normalized_similarity(skeleton, other) >= MIN_SKELETON:
                renders[skey].append(key)
                written.setdefault(skey, surface)
    groups: list[SourceGroup] = []
    claimed: set[str] = set()
    for skey, spellings in renders.items():
        apart = [s for s in spellings if s not in claimed]
        # Two spellings of one name stand in different sentences, never together.
        if len(apart) < 2 or any(
            where[a] & where[b] for i, a in enumerate(apart) for b in apart[i + 1 :]
        ):
            continue
        ordered = tuple(sorted(apart, key=lambda s: (-uses[s], min(where[s]))))
        groups.append(SourceGroup(written[skey], ordered))
        claimed.update(apart)
    return groups
