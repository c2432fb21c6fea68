"""The names of one document, read once for the name-variant checks.

:func:`analyse` finds the proper names of a document, sets aside the words the
glossary matcher already recognized, looks the others up in the glossary by fuzzy
matching (a near match is a spelling the glossary does not list), and clusters the
rest into spellings of one name. It knows no check: the check context
(:mod:`audit.engine.context`) calls it once per document with N004's and N005's
options, and both checks read the result there.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from audit.names.cluster import cluster_spellings
from audit.names.extract import NameSpan, NameWord, find_names
from audit.names.keys import tables_for_language
from audit.names.match import NameIndex, NameMatch
from audit.names.similarity import Comparer, compact

if TYPE_CHECKING:
    from audit.document import Document
    from audit.glossary.matcher import GlossaryMatcher, Match

ALONE_MATCH = 0.9  # N005: least score for a word only ever used alone (no full name)
ALONE_LETTERS = 6  # N005: and least length (China is not Chana, Paul is not Pal)
VARIANT_PAIR = 0.85  # glossary suggestions: least score for two spellings to be one name
MIN_LETTERS = 4  # shorter words (Ali, Aly, Amr) are too ambiguous to report


@dataclass(frozen=True)
class Occurrences:
    """The occurrences of one spelling (folded letters) in a document."""

    spelling: str  # the first surface form met
    words: tuple[NameWord, ...]


@dataclass(frozen=True)
class VariantGroup:
    """Spellings of one name in one document (N004)."""

    preferred: str
    why: str  # "glossary" or "majority"
    forms: dict[str, int]  # surface spelling -> count, most frequent first
    flagged: tuple[Occurrences, ...]  # occurrences to change to the preferred form


@dataclass(frozen=True)
class NearMatch:
    """Name text close to a glossary form that the glossary does not list (N005)."""

    start: int
    end: int
    text: str
    match: NameMatch


@dataclass
class NameAnalysis:
    names: list[NameSpan]
    near: list[NearMatch] = field(default_factory=list)
    groups: list[VariantGroup] = field(default_factory=list)


def analyse(
    doc: Document,
    glossary_matches: list[Match],
    matcher: GlossaryMatcher | None,
    *,
    near_min_score: float | None,
    variant_min_score: float | None,
) -> NameAnalysis:
    """Names, near glossary matches and variant groups of ``doc``.

    ``glossary_matches`` are the glossary's matches in the target text; ``matcher``
    is the glossary to look unlisted spellings up in. ``near_min_score`` is the least
    score of a near match and ``variant_min_score`` that of two spellings of one name;
    None for either leaves that part out (no near matches, no groups)."""
    names = find_names(doc.target, doc.is_sentence_start)
    covered = _Covered([(m.start, m.end, m.form.accepted) for m in glossary_matches])
    comparer = _comparer(doc.source_lang, doc.target_lang)
    in_document = {m.entry.id for m in glossary_matches}
    near = (
        _near_matches(names, covered, matcher, comparer, in_document, near_min_score)
        if near_min_score is not None
        else []
    )
    near_words = {(n.start, n.end) for n in near}
    anchors: dict[str, list[NameWord]] = defaultdict(list)
    free: dict[str, list[NameWord]] = defaultdict(list)
    for span in names:
        for w in span.words:
            if not w.certain:
                continue
            state = covered.state(w.start, w.end)
            if state == "accepted":
                anchors[compact(w.text)].append(w)
            elif state is None and not _inside(near_words, w):
                free[compact(w.text)].append(w)
    if variant_min_score is None:
        return NameAnalysis(names, near, [])
    companions = Companions(names)
    groups = _variant_groups(anchors, free, comparer, variant_min_score, companions)
    return NameAnalysis(names, near, groups)


class Companions:
    """The words each name word stands next to in full names: evidence for or against
    two spellings being one person.

    ``Khalifa Hifter`` and ``Field Marshal Khalifa Haftar`` share ``Khalifa`` before
    the name: one person (support). ``Wayde Sims`` and ``Will Wade``, ``Kim Jong Un``
    and ``Ri Yong Ho`` have no neighbour in common: two people (conflict).
    """

    def __init__(self, names: list[NameSpan]):
        self._all: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._certain: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for span in names:
            words = [(compact(w.text), w.certain) for w in span.words]
            for i, (w, _) in enumerate(words):
                for side, j in (("before", i - 1), ("after", i + 1)):
                    if 0 <= j < len(words):
                        self._all[w].add((side, words[j][0]))
                        if words[j][1]:
                            self._certain[w].add((side, words[j][0]))

    def verdict(self, a: str, b: str) -> str:
        """``support``, ``conflict`` or ``neutral`` (one of them only ever used alone).

        Uncertain neighbours (a sentence's first word) may support, never conflict.
        """
        if self._all.get(a, set()) & self._all.get(b, set()):
            return "support"
        return "conflict" if self._certain.get(a) and self._certain.get(b) else "neutral"


class _Covered:
    """Spans of glossary matches, sorted and non-overlapping: is a word inside one?"""

    def __init__(self, spans: list[tuple[int, int, bool]]):
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def state(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._spans[i][1] > start:
            return "accepted" if self._spans[i][2] else "variant"
        if i + 1 < len(self._spans) and self._spans[i + 1][0] < end:
            return "accepted" if self._spans[i + 1][2] else "variant"
        return None


def _inside(spans: set[tuple[int, int]], w: NameWord) -> bool:
    return any(s <= w.start and w.end <= e for s, e in spans)


@lru_cache(maxsize=32)
def _comparer(source_lang: str | None, target_lang: str) -> Comparer:
    """Key tables of the source language (all when unknown), endings of the target's."""
    return Comparer(tables_for_language(source_lang), language=target_lang)


_INDEXES: WeakKeyDictionary[GlossaryMatcher, dict[int, NameIndex]] = WeakKeyDictionary()


def _index(matcher: GlossaryMatcher, comparer: Comparer) -> NameIndex:
    """One fuzzy index per glossary and key tables, built on first use."""
    by_comparer = _INDEXES.setdefault(matcher, {})
    key = id(comparer)
    if key not in by_comparer:
        by_comparer[key] = NameIndex(matcher.glossary, comparer)
    return by_comparer[key]


def _near_matches(
    names: list[NameSpan],
    covered: _Covered,
    matcher: GlossaryMatcher | None,
    comparer: Comparer,
    in_document: set[str],
    min_score: float,
) -> list[NearMatch]:
    """Whole names, then single words, that closely match a glossary form.

    Only text the glossary matcher did not recognize is looked up, and only words of
    at least MIN_LETTERS letters. A whole name (``Khalifa Hiftar``) carries its own
    evidence. A single word in a full name is taken for the entry when the full name
    shares a word with the entry (``Khalifa Hiftar``), never when it is someone
    else's (``Michael Smith`` is not Charles Michel). A word only ever used alone needs
    ALONE_LETTERS letters, a score of ALONE_MATCH, and either the entry named
    elsewhere in the document or a second use.
    """
    if matcher is None or not len(matcher.glossary):
        return []
    index = _index(matcher, comparer)
    alone_counts: dict[str, int] = defaultdict(int)
    full_names: dict[str, list[set[str]]] = defaultdict(list)  # other certain words of its names
    for span in names:
        certain = {compact(w.text) for w in span.words if w.certain}
        for key in certain:
            if len(certain) == 1:
                alone_counts[key] += 1
            else:
                full_names[key].append(certain - {key})
    out: list[NearMatch] = []
    for span in names:
        if any(covered.state(w.start, w.end) for w in span.words):
            continue
        if len(span.words) > 1:
            found = _near(index, span.text, min_score)
            if found:
                out.append(NearMatch(span.start, span.end, span.text, found))
                continue
        for w in span.words:
            found = _near(index, w.text, min_score) if w.certain else None
            if found and _word_evidence(
                compact(w.text), found, in_document, full_names, alone_counts
            ):
                out.append(NearMatch(w.start, w.end, w.text, found))
    return out


def _word_evidence(
    word: str,
    found: NameMatch,
    in_document: set[str],
    full_names: dict[str, list[set[str]]],
    alone_counts: dict[str, int],
) -> bool:
    entry = found.entry
    assert entry is not None
    if full_names.get(word):
        entry_words = {
            compact(w)
            for form in (*entry.accepted, *(v.form for v in entry.variants))
            for w in form.split()
        }
        return any(others & entry_words for others in full_names[word])
    if len(word) < ALONE_LETTERS or found.score < ALONE_MATCH:
        return False
    return entry.id in in_document or alone_counts.get(word, 0) >= 2


def _near(index: NameIndex, text: str, min_score: float) -> NameMatch | None:
    if len(compact(text)) < MIN_LETTERS:
        return None
    m = index.best(text)
    if m.form is None or m.score < min_score or m.score >= 1.0:
        return None
    return m


def _variant_groups(
    anchors: dict[str, list[NameWord]],
    free: dict[str, list[NameWord]],
    comparer: Comparer,
    min_score: float,
    companions: Companions,
) -> list[VariantGroup]:
    """Cluster the document's name words; keep the spellings worth changing.

    A spelling is reported against the cluster's preferred one when the two score at
    least ``min_score`` and their full names agree (``Khalifa Hifter``, ``Khalifa
    Haftar``), or, when one is only ever used alone, when each is used at least twice;
    never when their full names disagree (``Wayde Sims``, ``Will Wade``).
    """
    counts = {k: len(v) for k, v in anchors.items()}
    for k, v in free.items():
        if len(k) >= MIN_LETTERS:
            counts[k] = counts.get(k, 0) + len(v)
    groups = []
    for cluster in cluster_spellings(counts, comparer):
        if len(cluster) < 2 or not any(s in free for s in cluster.spellings):
            continue
        words = {s: anchors.get(s, []) + free.get(s, []) for s in cluster.spellings}
        preferred, why = _preferred(cluster.spellings, anchors, words)
        head = comparer.prepare(preferred)
        flagged = [
            s
            for s in cluster.spellings
            if s != preferred
            and s in free
            and comparer.score(head, comparer.prepare(s)) >= min_score
            and evidence(companions.verdict(s, preferred), len(words[s]), len(words[preferred]))
        ]
        if flagged:
            groups.append(_group(cluster.spellings, preferred, why, flagged, words, free))
    return groups


def evidence(verdict: str, count: int, preferred_count: int) -> bool:
    """Enough to call two spellings one name: their full names agree, or neither has a
    full name to disagree and each is used at least twice."""
    if verdict == "support":
        return True
    return verdict == "neutral" and count >= 2 and preferred_count >= 2


def _preferred(
    spellings: tuple[str, ...], anchors: dict[str, list[NameWord]], words: dict[str, list[NameWord]]
) -> tuple[str, str]:
    """The glossary's form if the cluster has one, else the most used (first, on a tie)."""

    def rank(s: str) -> tuple[int, int]:
        return len(words[s]), -min(w.start for w in words[s])

    anchored = [s for s in spellings if s in anchors]
    if anchored:
        return max(anchored, key=rank), "glossary"
    return max(spellings, key=rank), "majority"


def _group(
    spellings: tuple[str, ...],
    preferred: str,
    why: str,
    flagged: list[str],
    words: dict[str, list[NameWord]],
    free: dict[str, list[NameWord]],
) -> VariantGroup:
    first = {s: min(w.start for w in ws) for s, ws in words.items()}
    surface = {s: min(words[s], key=lambda w: w.start).text for s in spellings}
    ordered = sorted(spellings, key=lambda s: (-len(words[s]), first[s]))
    occurrences = tuple(
        Occurrences(surface[s], tuple(sorted(free[s], key=lambda w: w.start)))
        for s in ordered
        if s in flagged
    )
    return VariantGroup(
        surface[preferred], why, {surface[s]: len(words[s]) for s in ordered}, occurrences
    )
