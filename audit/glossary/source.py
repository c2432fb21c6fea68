"""Finding glossary entries by their source-language forms (``source:`` in a glossary).

Source forms are matched word by word on normalized text: Arabic hamza and alef
forms, ta marbuta, alef maqsura, diacritics and tatweel are unified and the article
and proclitics (و ف ب ك ل) may be attached (see :mod:`audit.lang.arabic`); other
scripts are folded as the target matcher folds them (case, accents). So the entry
with source form ``فايز السراج`` is found in ``وفائز السرّاج``: the proclitic and the
shadda go, and ``فائز`` (hamza on ya) normalizes to ``فايز``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import not_

from audit.glossary.fold import fold
from audit.glossary.model import Entry, Glossary
from audit.lang.arabic import normalize, strip_article, word_keys
from audit.lang.identify import script_of_char
from audit.lang.profiles import letters_of

WORD = re.compile(r"(?:[^\W_]|[\u064B-\u065F\u0670\u06D6-\u06ED\u0640])+")


@dataclass(frozen=True)
class SourceMatch:
    """A glossary entry's source form found at ``[start, end)`` of the source text."""

    start: int
    end: int
    entry: Entry
    form: str


@lru_cache(maxsize=65536)
def _word_norm(word: str) -> str:
    """A source word folded and normalized (cached: running text repeats its words)."""
    return normalize(fold(word))


class SourceMatcher:
    """Looks up entries by their source forms; build once per glossary."""

    def __init__(self, glossary: Glossary):
        self._by_first: dict[str, list[tuple[tuple[str, ...], Entry, str]]] = {}
        for entry in glossary.entries:
            for form in entry.source:
                key = tuple(strip_article(_word_norm(w)) for w in WORD.findall(form))
                if key:
                    self._by_first.setdefault(key[0], []).append((key, entry, form))
        for forms in self._by_first.values():
            forms.sort(key=lambda f: -len(f[0]))
        self._firsts = frozenset(self._by_first)
        # The scripts of the source forms: a text with no letter of them has no match
        # (an English source against a glossary of Arabic forms) and is not scanned.
        scripts = {
            script
            for entry in glossary.entries
            for form in entry.source
            for c in form
            if (script := script_of_char(c)) is not None
        }
        self._letters = (
            None
            if not scripts or "Other" in scripts
            else re.compile(letters_of(tuple(sorted(scripts))))
        )

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> list[SourceMatch]:
        """Leftmost-longest, non-overlapping matches in text order."""
        if not self._by_first or (self._letters is not None and not self._letters.search(text)):
            return []
        matches = list(WORD.finditer(text))
        # Each word's readings, and whether one may start a form, worked out in C
        # (maps over cached functions); Python looks only at the words that may.
        keys = list(map(word_keys, map(_word_norm, map(re.Match.group, matches))))
        starts = compress(range(len(keys)), map(not_, map(self._firsts.isdisjoint, keys)))
        out: list[SourceMatch] = []
        done = 0  # the words before this are part of a match
        for i in starts:
            if i < done:
                continue
            found = self._longest_at(keys, i)
            if found is None:
                continue
            length, entry, form = found
            out.append(SourceMatch(matches[i].start(), matches[i + length - 1].end(), entry, form))
            done = i + length
        return out

    def _longest_at(self, keys: list[frozenset[str]], i: int) -> tuple[int, Entry, str] | None:
        best: tuple[int, Entry, str] | None = None
        for first in keys[i]:
            for key, entry, form in self._by_first.get(first, ()):
                n = len(key)
                if i + n > len(keys) or (best and best[0] >= n):
                    continue
                if all(key[k] in keys[i + k] for k in range(1, n)):
                    best = (n, entry, form)
        return best


_CACHE: dict[int, tuple[Glossary, SourceMatcher]] = {}


def source_matcher(glossary: Glossary) -> SourceMatcher:
    """The (cached) source matcher of a glossary."""
    cached = _CACHE.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        cached = (glossary, SourceMatcher(glossary))
        _CACHE[id(glossary)] = cached
    return cached[1]
