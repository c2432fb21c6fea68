"""Fuzzy matching of spellings against a glossary: which entry does ``Hiftar`` spell?

Every accepted form (canonical and short, acronyms excepted) and every listed variant
of every entry is prepared once. A query is compared with the forms that have as many
words as it has and shares a block with (:mod:`audit.names.blocking`), and scored
with :meth:`Comparer.score`. The best form wins; it is a match when its score reaches
``Thresholds.match``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audit.glossary.model import Entry, Glossary, is_acronym
from audit.names.blocking import BlockIndex
from audit.names.form_blocks import ARRAY_FORMS, FormBlockIndex
from audit.names.similarity import Comparer

_MEMO = 100_000  # looked-up spellings an index remembers


@dataclass(frozen=True)
class GlossaryForm:
    """A form of a glossary entry, and the accepted form that replaces it."""

    entry: Entry
    text: str
    replacement: str  # the form itself when it is accepted, else the variant's `use`
    accepted: bool


@dataclass(frozen=True)
class NameMatch:
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
    """A glossary prepared for fuzzy lookups; build once, query many times."""

    def __init__(self, glossary: Glossary, comparer: Comparer | None = None):
        self.comparer = comparer or Comparer()
        self.forms: list[GlossaryForm] = []
        for entry in glossary.entries:
            for text in entry.accepted:
                if not is_acronym(text):
                    self.forms.append(GlossaryForm(entry, text, text, True))
            for v in entry.variants:
                if not is_acronym(v.form):
                    self.forms.append(GlossaryForm(entry, v.form, v.use, False))
        self._prepared = [self.comparer.prepare(f.text) for f in self.forms]
        # A large glossary's blocks go into arrays (same neighbours, a tenth of the memory).
        self._blocks: BlockIndex | FormBlockIndex = (
            FormBlockIndex(self._prepared)
            if len(self._prepared) >= ARRAY_FORMS
            else BlockIndex(self._prepared)
        )
        self._memo: dict[str, NameMatch] = {}

    def __len__(self) -> int:
        return len(self.forms)

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
        for fi in sorted(self._blocks.neighbours(q)):
            if self._prepared[fi].words != q.words:
                continue
            s = self.comparer.score(q, self._prepared[fi])
            if s > best_score or (
                s == best_score and best_form is not None and self._prefer(fi, best_form)
            ):
                best_score, best_form = s, fi
        form = self.forms[best_form] if best_form is not None else None
        matched = form is not None and best_score >= self.comparer.thresholds.match
        return NameMatch(query, form, best_score, matched)

    def best_many(self, queries: Sequence[str]) -> list[NameMatch]:
        return [self.best(q) for q in queries]

    def _prefer(self, fi: int, other: int) -> bool:
        return self.forms[fi].accepted and not self.forms[other].accepted
