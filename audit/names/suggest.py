"""Glossary entries proposed from a corpus, for a person to review.

The names of every document are counted (one count per use) with a few example
sentences each; spellings are clustered; a cluster becomes a proposal when two or
more of its spellings are close enough and there is entity evidence that they are
one person: their full names agree (``Khalifa Hifter``, ``Khalifa Haftar``), or in
some document one is the surname used after the other's full name (``Khalifa
Haftar`` ... ``Hifter``). Evidence repeated across documents counts for more: a
respelling found after the person's full name in two documents needs a lower score,
and lower still when no document uses that spelling for anything else, and it may
join two names of the language (``Dennis`` / ``Denis``). ``Wayde Sims`` is not ``Will
Wade``; ``Gordon`` is not ``Jordan`` (two frequent words of the language). Its canonical form
is the glossary's, when the glossary already knows one of the spellings, or else the
most used spelling; the other spellings are its variants, each with its count and an
example.

:func:`render_yaml` writes the proposals in the glossary format: new names as
entries (the file loads with the project's loader, alone or beside the glossaries
used), spellings of existing entries as comments to copy into those entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from audit.document import Document
from audit.glossary.fold import form_keys
from audit.glossary.matcher import GlossaryMatcher
from audit.glossary.model import Entry
from audit.names.analysis import (
    COMMON_OPENER,
    MENTION_ORDINARY,
    MIN_LETTERS,
    SURNAME_ORDINARY,
    VARIANT_PAIR,
    Companions,
)
from audit.names.cluster import cluster_spellings
from audit.names.entities import resolve
from audit.names.extract import NameSpan, NameWord, find_names_and_openers
from audit.names.ordinary import ESTABLISHED_ZIPF, established_pair, is_ordinary, zipf
from audit.names.similarity import Comparer, compact
from audit.names.suffixes import without_suffixes

EXAMPLES = 2  # example contexts kept per spelling
#: Least score for a surname respelled after the full name to be proposed: N004's.
#: Lower scores found a little more on the calibration half (0.74: recall 0.70 against
#: 0.67) but proposed place names for people (Berlin for Belen) on the held-out half.
RESPELLED_SCORE = 0.82
#: A respelling seen after the person's full name in REPEATED_DOCUMENTS documents is
#: evidence repeated where chance rarely repeats it: a lower score suffices, and two
#: spellings that are both names of the language (Dennis / Denis) may still be one
#: person's. Calibrated on the calibration half of benchmarks/names_in_context.py --corpus.
REPEATED_SCORE = 0.75
REPEATED_DOCUMENTS = 2
#: Least score when, besides, every document that uses the respelling uses it for
#: that person (no other entity claims it anywhere in the corpus).
EXCLUSIVE_SCORE = 0.6
_CONTEXT = 60  # characters either side of an example


@dataclass
class _Seen:
    """Uses of one spelling (folded letters) across the corpus."""

    surface: dict[str, int] = field(default_factory=dict)  # as written -> count
    documents: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)
    languages: set[str] = field(default_factory=set)
    entry: Entry | None = None  # the glossary entry whose accepted form this is

    @property
    def count(self) -> int:
        return sum(self.surface.values())

    @property
    def form(self) -> str:
        return max(self.surface, key=lambda s: (self.surface[s], s[:1].isupper()))


@dataclass(frozen=True)
class Spelling:
    """One spelling in a proposal."""

    form: str
    count: int
    documents: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    """A cluster of spellings of one name: the form to use and the ones to replace."""

    canonical: Spelling
    variants: tuple[Spelling, ...]
    entry: Entry | None = None  # the existing glossary entry, when there is one

    @property
    def total(self) -> int:
        return self.canonical.count + sum(v.count for v in self.variants)


def propose(
    documents: Iterable[Document],
    matcher: GlossaryMatcher | None,
    comparer: Comparer,
    min_score: float = VARIANT_PAIR,
) -> list[Proposal]:
    """Proposals from ``documents``, most used names first.

    Spellings are paired only on entity evidence: their full names agree across the
    corpus (``Khalifa Hifter``, ``Khalifa Haftar``), or, within one document, one is
    a surname used after the other's full name introduced the person
    (:mod:`audit.names.entities`). Two frequent words of the language (``Gordon`` /
    ``Jordan``, ``Police`` / ``Palace``), acronyms (``CSOs`` / ``GCSEs``) and spellings
    used with different first names are never proposed.
    """
    seen: dict[str, _Seen] = defaultdict(_Seen)
    all_names = []
    # (introduced surname, respelled surname) -> (document, best score there)
    evidence: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    used_in: dict[str, set[str]] = defaultdict(set)  # name word -> documents, any use
    for doc in documents:
        matches = matcher.find(doc.target) if matcher else []
        accepted = {(m.start, m.end): m.entry for m in matches if m.form.accepted}
        variant_spans = [(m.start, m.end) for m in matches if not m.form.accepted]
        names, openers = without_suffixes(
            *find_names_and_openers(doc.target, doc.is_sentence_start), doc.target_lang
        )
        all_names.extend(names)
        for pair, score in _respelled(names, comparer, doc.target_lang, openers).items():
            evidence[pair].append((doc.id, score))
        for span in names:
            for w in span.words:
                key = compact(w.text)
                used_in[key].add(doc.id)
                if (
                    not w.certain
                    or len(key) < MIN_LETTERS
                    or any(s <= w.start < e for s, e in variant_spans)
                ):
                    continue
                item = seen[key]
                item.surface[w.text] = item.surface.get(w.text, 0) + 1
                item.documents.add(doc.id)
                item.languages.add(doc.target_lang)
                item.entry = item.entry or _entry_at(accepted, w.start, w.end)
                if len(item.examples) < EXAMPLES:
                    item.examples.append(_context(doc.target, w.start, w.end))
    language = min(_languages(seen), default="en")
    repeated = {
        pair
        for pair, found in evidence.items()
        if _repeated(found, used_in[pair[1]], _words_of(pair, seen, language))
    }
    mentions = repeated | {
        pair for pair, found in evidence.items() if max(s for _, s in found) >= RESPELLED_SCORE
    }
    companions = Companions(all_names, lambda w: is_ordinary(w, language, COMMON_OPENER))
    out = []
    counts = {k: v.count for k, v in seen.items()}
    grouped: set[str] = set()
    for cluster in cluster_spellings(counts, comparer):
        if len(cluster) > 1:
            proposal = _proposal(
                cluster.spellings,
                seen,
                comparer,
                min_score,
                companions,
                mentions,
                language,
                repeated,
            )
            if proposal:
                out.append(proposal)
                grouped.update(compact(v.form) for v in (proposal.canonical, *proposal.variants))
    # Respelled surnames too far from the introduced one for a cluster (``Hifter``).
    by_head: dict[str, list[str]] = defaultdict(list)
    for head, variant in sorted(mentions):
        if head in seen and variant in seen and not {head, variant} & grouped:
            by_head[head].append(variant)
    for head, variants in by_head.items():
        proposal = _proposal(
            (head, *variants), seen, comparer, 0.0, companions, mentions, language, repeated
        )
        if proposal:
            out.append(proposal)
    out.sort(key=lambda p: (-p.total, p.canonical.form))
    return out


def _languages(seen: dict[str, _Seen]) -> set[str]:
    return {lang for item in seen.values() for lang in item.languages}


def _words_of(pair: tuple[str, str], seen: dict[str, _Seen], language: str) -> bool:
    """Either spelling of the pair is a word or name of the language (Zipf >= 3.0)."""
    return any(k in seen and zipf(seen[k].form.lower(), language) >= ESTABLISHED_ZIPF for k in pair)


def _repeated(found: list[tuple[str, float]], used_in: set[str], words: bool) -> bool:
    """Respelled after the person's full name in REPEATED_DOCUMENTS documents: at
    REPEATED_SCORE, or at EXCLUSIVE_SCORE where no document uses the spelling for
    anything else (``used_in``: the documents that use it as a name word, sentence
    openers included) and neither spelling is a word of the language (``words``:
    ``Robin`` after ``Johnny English Reborn`` is a word and a name, not a respelling)."""
    if sum(score >= REPEATED_SCORE for _, score in found) >= REPEATED_DOCUMENTS:
        return True
    if words:
        return False
    documents = {d for d, score in found if score >= EXCLUSIVE_SCORE}
    return len(documents) >= REPEATED_DOCUMENTS and used_in <= documents


def _respelled(
    names: list[NameSpan], comparer: Comparer, language: str, openers: list[NameWord]
) -> dict[tuple[str, str], float]:
    """(introduced surname, respelled surname) pairs of one document's entities, with
    the best score of each. Compared as N004 compares a mention with its person (the
    inflections of names only, see :class:`Comparer`), sentence openers included."""
    entities = resolve(
        names,
        _names_comparer(comparer, language),
        ordinary=lambda w: is_ordinary(w, language, MENTION_ORDINARY),
        common=lambda w: is_ordinary(w, language, COMMON_OPENER),
        surname_ordinary=lambda w: is_ordinary(w, language, SURNAME_ORDINARY),
        mention_score=min(RESPELLED_SCORE, REPEATED_SCORE, EXCLUSIVE_SCORE),
        openers=openers,
    )
    out: dict[tuple[str, str], float] = {}
    for e in entities:
        for m in e.mentions:
            if m.variant == "spelling":
                pair = (e.surname, compact(m.surname.text))
                out[pair] = max(out.get(pair, 0.0), m.score)
    return out


_NAMES_COMPARERS: dict[tuple[int, str], Comparer] = {}


def _names_comparer(comparer: Comparer, language: str) -> Comparer:
    """``comparer``'s tables and thresholds, with the inflections names take in
    ``language`` (one per comparer and language, kept for the run)."""
    key = (id(comparer), language)
    if key not in _NAMES_COMPARERS:
        _NAMES_COMPARERS[key] = Comparer(
            comparer.tables, comparer.thresholds, language, names_only=True, share=comparer
        )
    return _NAMES_COMPARERS[key]


def _proposal(
    keys: tuple[str, ...],
    seen: dict[str, _Seen],
    comparer: Comparer,
    min_score: float,
    companions: Companions,
    mentions: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    language: str = "en",
    repeated: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> Proposal | None:
    """The glossary's spelling (or the most used) as canonical; close spellings the
    glossary does not know, with entity evidence, as variants. Two frequent words of
    the language are two words unless the respelling is ``repeated`` evidence."""
    known = [k for k in keys if seen[k].entry is not None]
    canonical = max(known, key=lambda k: seen[k].count) if known else keys[0]
    head = comparer.prepare(canonical)

    def one_person(k: str) -> bool:
        if (canonical, k) in mentions or (k, canonical) in mentions:
            return True
        return companions.verdict(k, canonical) == "support"

    variants = [
        k
        for k in keys
        if k != canonical
        and seen[k].entry is None
        and not _acronym_like(seen[k].form)
        and (
            (canonical, k) in repeated
            or not established_pair(seen[k].form.lower(), seen[canonical].form.lower(), language)
        )
        and comparer.score(head, comparer.prepare(k)) >= min_score
        and one_person(k)
    ]
    if not variants:
        return None
    return Proposal(
        _spelling(seen[canonical]),
        tuple(_spelling(seen[k]) for k in variants),
        seen[canonical].entry,
    )


def _acronym_like(form: str) -> bool:
    """``CSOs``, ``GCSEs``: capitals, not a transliterated name."""
    return len(form) >= 2 and form[0].isupper() and form[1].isupper()


def _spelling(item: _Seen) -> Spelling:
    return Spelling(item.form, item.count, len(item.documents), tuple(item.examples))


def _entry_at(accepted: dict[tuple[int, int], Entry], start: int, end: int) -> Entry | None:
    return next((e for (s, t), e in accepted.items() if s <= start and end <= t), None)


def _context(text: str, start: int, end: int) -> str:
    """The line around a use, cut at whole words about _CONTEXT characters either side."""
    left = text[max(0, start - _CONTEXT) : start].split("\n")[-1]
    right = text[end : end + _CONTEXT].split("\n")[0]
    if start - len(left) > 0 and text[start - len(left) - 1] not in "\n" and " " in left:
        left = "…" + left.split(" ", 1)[1]
    if end + len(right) < len(text) and text[end + len(right)] != "\n" and " " in right:
        right = right.rsplit(" ", 1)[0] + "…"
    return " ".join(f"{left}{text[start:end]}{right}".split())


def render_yaml(proposals: list[Proposal], documents: int, matcher: GlossaryMatcher | None) -> str:
    """The proposals as a glossary file: new names as entries, spellings of existing
    entries as comments. Spellings a glossary already holds are left out."""
    taken = _taken_keys(matcher)
    ids = {e.id for e in matcher.glossary.entries} if matcher else set()
    entries, additions = [], []
    for p in proposals:
        variants = [v for v in p.variants if not _keys(v.form) & taken]
        if not variants:
            continue
        if p.entry is not None:
            additions.append(_addition_comment(p.entry, variants))
            continue
        if _keys(p.canonical.form) & taken:
            continue
        for v in (p.canonical, *variants):
            taken |= _keys(v.form)
        entries.append(_entry_data(p.canonical, variants, _unique_id(p.canonical.form, ids)))
    lines = [
        f"# Glossary entries proposed by `audit glossary suggest` from {documents} document(s).",
        "# Review before use: each entry groups spellings that look like one name. The canonical",
        "# form is the most used spelling; variants are the others, with their counts and an",
        "# example in `note`. Check the kind, add the full name, delete what is wrong.",
    ]
    body = yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False, width=100)
    lines.append(body.rstrip("\n") if entries else "entries: []")
    if additions:
        lines += [
            "",
            "# Spellings of existing glossary entries, to add to their `variants` after review:",
        ]
        lines += additions
    return "\n".join(lines) + "\n"


def _entry_data(canonical: Spelling, variants: list[Spelling], entry_id: str) -> dict[str, object]:
    return {
        "id": entry_id,
        "canonical": canonical.form,
        "variants": [{"form": v.form, "note": _note(v)} for v in variants],
        "notes": f"{canonical.form}: {_note(canonical)}",
    }


def _note(s: Spelling) -> str:
    uses = f"{s.count} use{'s' if s.count != 1 else ''} in {s.documents} document{'s' if s.documents != 1 else ''}"
    return f"{uses}; e.g. \u201c{s.examples[0]}\u201d" if s.examples else uses


def _addition_comment(entry: Entry, variants: list[Spelling]) -> str:
    forms = "; ".join(f"{v.form} ({_note(v)})" for v in variants)
    return f"#   {entry.id} ({entry.canonical}, {entry.location}): {forms}"


def _taken_keys(matcher: GlossaryMatcher | None) -> set[str]:
    return set(matcher.keys) if matcher is not None else set()


def _keys(form: str) -> set[str]:
    return set(form_keys(form))


def _unique_id(form: str, ids: set[str]) -> str:
    base = "-".join("".join(c if c.isalnum() else " " for c in form.lower()).split()) or "name"
    candidate, n = base, 2
    while candidate in ids:
        candidate, n = f"{base}-{n}", n + 1
    ids.add(candidate)
    return candidate
