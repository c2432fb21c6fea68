"""Fuzzy matching of spellings against a glossary: which entry does ``Hiftar`` spell?

Every accepted form (canonical and short, acronyms excepted) and every listed variant
of every entry is prepared once. A query is compared with the forms that have as many
words as it has and shares a block with (:mod:`audit.names.blocking`), and scored
with :meth:`Comparer.score`. The best form wins; it is a match when its score reaches
``Thresholds.match``.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from audit.glossary.model import Entry, Glossary, is_acronym, name_forms
from audit.names import form_store, prepared_forms
from audit.names.blocking import BlockIndex
from audit.names.form_blocks import ARRAY_FORMS, FormBlockIndex
from audit.names.form_store import FormStore
from audit.names.similarity import Comparer, Spelling

_MEMO = 100_000  # looked-up spellings an index remembers


class GlossaryForm(NamedTuple):
    """A form of a glossary entry, and the accepted form that replaces it.

    This and NameMatch are named tuples: immutable values, cheaper to define than
    frozen dataclasses in every process that compares names (issue 18)."""

    entry: Entry
    text: str
    replacement: str  # the form itself when it is accepted, else the variant's `use`
    accepted: bool


class NameMatch(NamedTuple):
    """The glossary form closest to ``query``; ``matched`` says if it is close enough."""

    query: str
    form: GlossaryForm | None
    score: float
    matched: bool

    @property
    def entry(self) -> Entry | None:
        return self.form.entry if self.matched and self.form else None

    @property
    def canonical(self) -> str | None:
        return self.entry.canonical if self.entry else None

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "canonical": self.canonical,
            "entry": self.entry.id if self.entry else None,
            "score": round(self.score, 3),
        }


class NameIndex:
    """A glossary prepared for fuzzy lookups; build once, query many times.

    Each form is held in parallel arrays (its entry's position, its text, its
    replacement, whether it is accepted, its word count, its prepared spelling packed
    in one string: :mod:`audit.names.prepared_forms`) rather than as objects: a
    100,000-entry glossary has 200,000 forms. A form's :class:`GlossaryForm` (and its
    entry) is built when a lookup returns it. The packed spellings of a glossary read
    from the cache are themselves cached, so a warm process does not prepare them; a
    large one's, with its blocks, as arrays mapped from disk (:mod:`audit.names.form_store`).
    """

    def __init__(self, glossary: Glossary, comparer: Comparer | None = None):
        self.comparer = comparer or Comparer()
        self._glossary = glossary
        self._memo: dict[str, NameMatch] = {}
        entry_of = array("i")
        texts: list[str] = []
        replacements: list[str] = []
        accepted = bytearray()
        for entry, text, replacement, is_accepted in name_forms(glossary):
            if not is_acronym(text):
                entry_of.append(entry)
                texts.append(text)
                replacements.append(replacement)
                accepted.append(is_accepted)
        self._entry_of = entry_of
        self._texts = texts
        self._replacements = replacements
        self._accepted = bytes(accepted)
        self._words = array("i", (len(t.split()) for t in texts))
        self._tables = len(self.comparer.tables)
        key = getattr(glossary.entries, "cache_key", "")
        file = prepared_forms.cache_file(key, self.comparer.tables) if key else None
        self._packed: Sequence[str] | FormStore
        self._blocks: BlockIndex | FormBlockIndex | FormStore
        if file is not None and ARRAY_FORMS <= len(texts) <= form_store.MAX_FORMS:
            # A large cached glossary: its forms and blocks mapped from the cache.
            self._packed = self._blocks = self._stored_forms(file.with_suffix(""))
            return
        packed = prepared_forms.load(file, len(texts), self._tables) if file else None
        if packed is None:
            packed = self._prepare_all()
            if file is not None:
                prepared_forms.store(file, packed)
        self._packed = packed
        spellings = map(self._spelling, range(len(texts)))
        # A large glossary's blocks go into arrays (same neighbours, a tenth of the memory).
        self._blocks = (
            FormBlockIndex(spellings) if len(texts) >= ARRAY_FORMS else BlockIndex(spellings)
        )

    def _prepare_all(self) -> list[str]:
        """Every form's spelling, packed; prepared outside the comparer's cache, which
        would keep every form's value."""
        cache = self.comparer._cache
        packed = []
        for text in self._texts:
            known = text in cache
            packed.append(prepared_forms.pack(self.comparer.prepare(text)))
            if not known:
                cache.pop(text, None)
        return packed

    def _stored_forms(self, stem: Path) -> FormStore:
        """The forms and blocks stored at ``stem``: read, or built and stored, then read
        (mapped: the memory that building took goes back)."""
        n = len(self._texts)
        store = form_store.load(stem, n)
        if store is None:
            store = form_store.build(self._prepare_all(), self._texts, self._tables)
            form_store.save(stem, store)
            store = form_store.load(stem, n) or store
        return store

    def _spelling(self, i: int) -> Spelling:
        return prepared_forms.unpack(self._texts[i], self._packed[i], self._tables)

    def __len__(self) -> int:
        return len(self._texts)

    def form(self, i: int) -> GlossaryForm:
        """The ``i``-th form (glossary order, acronyms left out), built on request."""
        return GlossaryForm(
            self._glossary.entries[self._entry_of[i]],
            self._texts[i],
            self._replacements[i],
            bool(self._accepted[i]),
        )

    @property
    def forms(self) -> list[GlossaryForm]:
        """Every form, built (and the glossary's entries with them): for small glossaries."""
        return [self.form(i) for i in range(len(self))]

    def best(self, query: str) -> NameMatch:
        """The closest form to one spelling (ties: accepted forms, then glossary order).

        Results are remembered (up to ``_MEMO`` spellings): a corpus names the same
        people again and again."""
        found = self._memo.get(query)
        if found is None:
            if len(self._memo) >= _MEMO:
                self._memo.clear()
            found = self._memo[query] = self._best(query)
        return found

    def _best(self, query: str) -> NameMatch:
        q = self.comparer.prepare(query)
        best_score, best_form = 0.0, None
        words = q.words
        for fi in sorted(self._blocks.neighbours(q)):
            if self._words[fi] != words:
                continue
            s = self.comparer.score(q, self._spelling(fi))
            if s > best_score or (
                s == best_score and best_form is not None and self._prefer(fi, best_form)
            ):
                best_score, best_form = s, fi
        form = self.form(best_form) if best_form is not None else None
        matched = form is not None and best_score >= self.comparer.thresholds.match
        return NameMatch(query, form, best_score, matched)

    def best_many(self, queries: Sequence[str]) -> list[NameMatch]:
        return [self.best(q) for q in queries]

    def _prefer(self, fi: int, other: int) -> bool:
        return bool(self._accepted[fi]) and not self._accepted[other]
