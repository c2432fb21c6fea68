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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from audit.gcpause import no_cycle_collection
from audit.names.cluster import cluster_spellings
from audit.names.entities import FIRST, MENTION_SCORE, Entity, resolve
from audit.names.extract import NameSpan, NameWord, find_names_and_openers
from audit.names.keys import KeyTable, tables_for_language
from audit.names.lexicon import is_title, lexicon
from audit.names.match import NameIndex, NameMatch
from audit.names.ordinary import established_pair, is_ordinary, zipf
from audit.names.similarity import Comparer, compact
from audit.names.suffixes import without_suffixes

if TYPE_CHECKING:
    from audit.document import Document
    from audit.glossary.matcher import GlossaryMatcher, Match
    from audit.names.source_names import SourceReading
    from audit.pairs import Pair

ALONE_MATCH = 0.9  # N005: least score for a word only ever used alone (no full name)
ALONE_LETTERS = 6  # N005: and least length (China is not Chana, Paul is not Pal)
VARIANT_PAIR = 0.85  # glossary suggestions: least score for two spellings to be one name
MIN_LETTERS = 4  # shorter words (Ali, Aly, Amr) are too ambiguous to report
MAX_BLOCK = 12  # spellings of one document compared per block (no real article has more)
MENTION_ORDINARY = 4.4  # Zipf: a word this common is not a person's surname respelled (Chapter)
SURNAME_ORDINARY = 5.0  # Zipf: a full name ending in a word this common is a title (Night Live)
COMMON_OPENER = 4.4  # Zipf: a sentence's first word this common is no first name (Then, Later)
TRANSLATED_WORD = 3.0  # Zipf: each word of a translated name is a word of the language
INFLECTED_WORD = 3.5  # Zipf: an inflected pair with a word this common is that word's forms
MAX_NAME_WORDS = 6  # longer capitalized runs are headlines or lists, not one name to look up


@dataclass(frozen=True)
class Occurrences:
    """The occurrences of one spelling (folded letters) in a document."""

    spelling: str  # the first surface form met
    words: tuple[NameWord, ...]


@dataclass(frozen=True)
class VariantGroup:
    """Spellings of one name in one document (N004)."""

    preferred: str
    why: str  # "glossary", "majority", "entity" or "source"
    forms: dict[str, int]  # surface spelling -> count, most frequent first
    flagged: tuple[Occurrences, ...]  # occurrences to change to the preferred form
    source_form: str = ""  # for "source": the source word both spellings render


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
    entities: list[Entity] = field(default_factory=list)


@no_cycle_collection()
def analyse(
    doc: Document,
    glossary_matches: list[Match],
    matcher: GlossaryMatcher | None,
    *,
    near_min_score: float | None,
    variant_min_score: float | None,
    mention_score: float | None = None,
    pairs: Callable[[], Sequence[Pair]] | None = None,
) -> NameAnalysis:
    """Names, near glossary matches, variant groups and people of ``doc``.

    ``glossary_matches`` are the glossary's matches in the target text; ``matcher``
    is the glossary to look unlisted spellings up in. ``near_min_score`` is the least
    score of a near match and ``variant_min_score`` that of two spellings of one name;
    None for either leaves that part out (no near matches; no groups, no entities).
    ``mention_score`` is the least score of a surname mention respelled after a full
    name (default: :data:`audit.names.entities.MENTION_SCORE`); ``pairs`` gives the
    aligned source-target pairs of a bilingual document, asked for only when the
    document has a source (spellings of one source name are one name).

    The cycle collector is paused meanwhile: the analysis builds many short-lived
    containers (tokens, spans, blocks) and no reference cycles, and each collection
    that their number set off walked every live object of the run (see
    :mod:`audit.gcpause`).
    """
    # A run of more capitalized words than a name has (a title-case headline, a list,
    # generated text) is not read as names: keeps the work linear in the input.
    found, openers = without_suffixes(
        *find_names_and_openers(doc.target, doc.is_sentence_start), doc.target_lang
    )
    names = [s for s in found if len(s.words) <= MAX_NAME_WORDS]
    covered = _Covered([(m.start, m.end, m.form.accepted) for m in glossary_matches])
    comparer = _comparer(doc.source_lang, doc.target_lang)
    in_document = {m.entry.id for m in glossary_matches}
    language = doc.target_lang
    near = (
        _near_matches(names, covered, matcher, comparer, in_document, near_min_score, language)
        if near_min_score is not None
        else []
    )
    near_words = {(n.start, n.end) for n in near}
    if variant_min_score is None:
        return NameAnalysis(names, near, [])
    min_score = variant_min_score
    # Spellings the glossary lists as variants are N001's; leaving them out also keeps
    # the word-frequency lexicon unloaded on a text such as the seed.
    entities = resolve(
        [s for s in names if covered.state(s.words[-1].start, s.words[-1].end) != "variant"],
        _comparer(doc.source_lang, doc.target_lang, names_only=True),
        ordinary=lambda word: _ordinary_here(word, language, MENTION_ORDINARY),
        established=lambda word, surname: _inflected_word(word, surname, comparer, language),
        surname_ordinary=lambda word: _ordinary_here(word, language, SURNAME_ORDINARY),
        common=lambda word: is_ordinary(word, language, COMMON_OPENER),
        min_score=min_score,
        mention_score=MENTION_SCORE if mention_score is None else mention_score,
        openers=[w for w in openers if covered.state(w.start, w.end) != "variant"],
        title=_title_test(language),
    )
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
    companions = Companions(names, lambda word: is_ordinary(word, language, COMMON_OPENER))
    groups = _variant_groups(anchors, free, comparer, min_score, companions, language)
    groups = _entity_groups(entities, covered, near_words, groups)
    if pairs is not None and doc.source and _source_readable(doc.source):
        groups = _source_groups(
            doc.target, language, doc.source, pairs(), names, covered, near_words, groups
        )
    return NameAnalysis(names, near, groups, entities)


def _source_readable(source: str) -> bool:
    """The source has words in a script the source-anchored groups read: only then are
    the document's pairs asked for (a whole article is aligned for them)."""
    from audit.names.source_names import reads

    return reads(source)


def _source_groups(
    target: str,
    language: str | None,
    source: str,
    pairs: Sequence[Pair],
    names: list[NameSpan],
    covered: _Covered,
    near_words: set[tuple[int, int]],
    groups: list[VariantGroup],
) -> list[VariantGroup]:
    """Spellings that render one source name, however unlike as strings
    (:mod:`audit.names.source_names`); the most used is preferred."""
    from audit.names.source_names import read_source, source_groups

    words = [
        w
        for span in names
        for w in span.words
        if w.certain
        and covered.state(w.start, w.end) is None
        and (w.start, w.end) not in near_words
    ]
    taken = {w.start for g in groups for o in g.flagged for w in o.words}
    by_key: dict[str, list[NameWord]] = defaultdict(list)
    for w in words:
        by_key[compact(w.text)].append(w)
    out = list(groups)
    reading = read_source(words, source, pairs)
    if reading is None:
        return out
    for found in source_groups(words, source, pairs, reading):
        surface = {k: by_key[k][0].text for k in found.spellings}
        preferred = found.spellings[0]
        # Two words of the language (England / English, Alan / Allan) are two words,
        # whatever the source letters they share.
        flagged = tuple(
            Occurrences(surface[k], tuple(w for w in by_key[k] if w.start not in taken))
            for k in found.spellings[1:]
            if not established_pair(surface[k].lower(), surface[preferred].lower(), language)
        )
        flagged = tuple(o for o in flagged if o.words)
        if flagged:
            forms = {surface[k]: len(by_key[k]) for k in found.spellings}
            out.append(VariantGroup(surface[preferred], "source", forms, flagged, found.source))
            taken |= {w.start for o in flagged for w in o.words}
    return out + _translated(target, source, pairs, names, words, by_key, taken, language, reading)


def _translated(
    target: str,
    source: str,
    pairs: Sequence[Pair],
    names: list[NameSpan],
    words: list[NameWord],
    by_key: dict[str, list[NameWord]],
    taken: set[int],
    language: str | None,
    reading: SourceReading,
) -> list[VariantGroup]:
    """A source name written once by its letters and elsewhere by a translated phrase
    (``Wefaq`` and ``National Accord`` for الوفاق): the less used is flagged."""
    from audit.names.source_names import phrases_of, translated_groups

    out = []

    def ordinary(word: str) -> bool:  # a word of the target's language (or English)
        return _ordinary_here(word, language, TRANSLATED_WORD)

    phrases = phrases_of(target, names)
    for found in translated_groups(words, phrases, source, pairs, ordinary, reading):
        letters = by_key[found.spelling]
        phrase = [NameWord(s, e, target[s:e], True) for s, e in found.occurrences]
        spelled, translated = letters[0].text, phrase[0].text
        forms = {spelled: len(letters), translated: len(phrase)}
        if len(phrase) > len(letters):
            preferred, flagged = translated, Occurrences(spelled, tuple(letters))
        else:
            preferred, flagged = spelled, Occurrences(translated, tuple(phrase))
        kept = tuple(w for w in flagged.words if w.start not in taken)
        if kept:
            forms = dict(sorted(forms.items(), key=lambda kv: -kv[1]))
            out.append(
                VariantGroup(
                    preferred, "source", forms, (Occurrences(flagged.spelling, kept),), found.source
                )
            )
            taken |= {w.start for w in kept}
    return out


def _title_test(language: str | None) -> Callable[[str], bool] | None:
    """Whether a word is a word of office beside names, for a language that capitalizes
    its nouns and lists them (German); None elsewhere."""
    titles = lexicon().titles_of(language)
    if not titles:
        return None
    return lambda word: is_title(word, titles)


def _ordinary_here(word: str, language: str | None, cutoff: float) -> bool:
    """A frequent word of the text's language, or of English, which news in every
    language quotes in titles and names (Saturday Night Live, Global Poverty Project)."""
    if is_ordinary(word, language, cutoff):
        return True
    return (language or "en").split("-")[0] != "en" and is_ordinary(word, "en", cutoff)


def _inflected_word(word: str, surname: str, comparer: Comparer, language: str | None) -> bool:
    """Two spellings that differ in an inflection of the language, one of them a word
    of it (``Armen`` for ``Armin`` in German: the poor, not a spelling): the veto that
    the names-only comparer of the entities leaves out for rare names."""
    if not comparer.derived(compact(word), compact(surname)):
        return False
    return max(zipf(word, language), zipf(surname, language)) >= INFLECTED_WORD


def _entity_groups(
    entities: list[Entity],
    covered: _Covered,
    near_words: set[tuple[int, int]],
    groups: list[VariantGroup],
) -> list[VariantGroup]:
    """The pairwise groups, plus each entity whose surname the document spells more
    than one way (``Khalifa Haftar`` ... ``Hifter``), even once.

    The glossary's accepted spelling is preferred when a mention has it; else the
    most used spelling, the introduced one on a tie. Mentions the glossary checks or
    N005 report are left to them.
    """
    taken = {w.start for g in groups for o in g.flagged for w in o.words}
    out = list(groups)
    for entity in entities:
        if not entity.variants:
            continue
        words: dict[str, list[NameWord]] = defaultdict(list)
        accepted: set[str] = set()
        for m in entity.mentions:
            if m.kind == FIRST:  # Khalifa alone: the person, not a spelling of Haftar
                continue
            state = covered.state(m.surname.start, m.surname.end)
            if state == "variant" or (m.surname.start, m.surname.end) in near_words:
                continue
            words[m.surname.text].append(m.surname)
            if state == "accepted":
                accepted.add(m.surname.text)
        if len(words) < 2:
            continue
        order = list(words)
        preferred = max(order, key=lambda s: (s in accepted, len(words[s]), -order.index(s)))
        flagged = [
            Occurrences(s, tuple(w for w in words[s] if w.start not in taken))
            for s in sorted(order, key=lambda s: (-len(words[s]), order.index(s)))
            if s != preferred and s not in accepted
        ]
        flagged = [o for o in flagged if o.words]
        if not flagged:
            continue
        forms = {s: len(words[s]) for s in sorted(order, key=lambda s: -len(words[s]))}
        why = "glossary" if preferred in accepted else "entity"
        out.append(VariantGroup(preferred, why, forms, tuple(flagged)))
        taken |= {w.start for o in flagged for w in o.words}
    return out


class Companions:
    """The words each name word stands next to in full names: evidence for or against
    two spellings being one person.

    ``Khalifa Hifter`` and ``Field Marshal Khalifa Haftar`` share ``Khalifa`` before
    the name: one person (support). ``Wayde Sims`` and ``Will Wade``, ``Kim Jong Un``
    and ``Ri Yong Ho`` have no neighbour in common: two people (conflict).
    """

    def __init__(self, names: list[NameSpan], common: Callable[[str], bool] | None = None) -> None:
        # The neighbours are listed at the first verdict: a document asks for one only
        # when two of its spellings cluster, which most documents never do.
        self._names = list(names)
        self._common = common
        self._neighbours: (
            tuple[dict[str, set[tuple[str, str]]], dict[str, set[tuple[str, str]]]] | None
        ) = None

    def _listed(
        self,
    ) -> tuple[dict[str, set[tuple[str, str]]], dict[str, set[tuple[str, str]]]]:
        """(every neighbour, certain neighbours) of each name word, made once."""
        if self._neighbours is not None:
            return self._neighbours
        every: dict[str, set[tuple[str, str]]] = defaultdict(set)
        certain: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for span in self._names:
            words = [(compact(w.text), w.certain) for w in span.words]
            for i, (w, _) in enumerate(words):
                for side, j in (("before", i - 1), ("after", i + 1)):
                    if 0 <= j < len(words):
                        every[w].add((side, words[j][0]))
                        if words[j][1]:
                            certain[w].add((side, words[j][0]))
        self._neighbours = (every, certain)
        return self._neighbours

    def verdict(self, a: str, b: str) -> str:
        """``support``, ``conflict`` or ``neutral`` (one of them only ever used alone).

        Uncertain neighbours (a sentence's first word) may support, never conflict,
        and a common word (``Then Haftar``, ``Then Hafter``) does not support either.
        """
        every, sure = self._listed()
        shared = every.get(a, set()) & every.get(b, set())
        certain = sure.get(a, set()) & sure.get(b, set())
        if certain or any(self._common is None or not self._common(w) for _, w in shared):
            return "support"
        return "conflict" if sure.get(a) and sure.get(b) else "neutral"


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
def _comparer(source_lang: str | None, target_lang: str, names_only: bool = False) -> Comparer:
    """Key tables of the source language (all when unknown), endings of the target's
    (with ``names_only``, of its names: see :class:`Comparer`)."""
    tables = tables_for_language(source_lang)
    return Comparer(tables, language=target_lang, names_only=names_only, share=_preparer(tables))


_PREPARERS: dict[tuple[int, ...], Comparer] = {}


def _preparer(tables: tuple[KeyTable, ...]) -> Comparer:
    """One comparer per set of key tables whose prepared spellings the comparers of
    every target language share: a spelling's keys depend on the tables only, and a
    name (Trump, Putin) recurs across the languages of a corpus. The comparer holds
    its tables, so the ids in the key stay theirs."""
    key = tuple(id(t) for t in tables)
    found = _PREPARERS.get(key)
    if found is None:
        found = _PREPARERS[key] = Comparer(tables)
    return found


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
    language: str | None = None,
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
            if (
                found
                and _word_evidence(compact(w.text), found, in_document, full_names, alone_counts)
                and not is_ordinary(w.text.lower(), language)
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
    language: str | None = None,
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
    for cluster in cluster_spellings(counts, comparer, max_block=MAX_BLOCK, linked_only=True):
        if not any(s in free for s in cluster.spellings):
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
            and not established_pair(
                words[s][0].text.lower(), words[preferred][0].text.lower(), language
            )
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
