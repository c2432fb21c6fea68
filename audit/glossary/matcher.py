"""One-pass multi-pattern matching of glossary forms in text.

All forms of all entries (canonical, short, variants, with their Arabic-article
alternatives) go into one Aho-Corasick automaton over folded text (see
:mod:`audit.glossary.fold`). A scan is a single pass whatever the glossary size; the
hits are then filtered to whole words and reduced to leftmost-longest,
non-overlapping matches.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from audit.glossary.fold import article_expansions, fold, fold_key, is_word_char
from audit.glossary.model import Entry, Glossary, is_acronym

CANONICAL = "canonical"
SHORT = "short"
VARIANT = "variant"


@dataclass(frozen=True)
class Form:
    """A spelling the matcher knows, and what it means."""

    entry: Entry
    text: str
    role: str  # canonical | short | variant
    replacement: str | None = None  # for variants: the accepted form to use
    note: str | None = None

    @property
    def accepted(self) -> bool:
        return self.role != VARIANT


@dataclass(frozen=True)
class Match:
    """A glossary form found in text at ``[start, end)``."""

    start: int
    end: int
    form: Form

    @property
    def entry(self) -> Entry:
        return self.form.entry


class GlossaryMatcher:
    """Finds glossary forms in text; build once per glossary, reuse for every document."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._forms: list[Form] = []
        automaton = ahocorasick.Automaton()
        for entry in glossary.entries:
            forms = [Form(entry, entry.canonical, CANONICAL)]
            forms += [Form(entry, s, SHORT) for s in entry.short]
            forms += [Form(entry, v.form, VARIANT, v.use, v.note) for v in entry.variants]
            for form in forms:
                index = len(self._forms)
                self._forms.append(form)
                for key in article_expansions(fold_key(form.text)):
                    automaton.add_word(key, (len(key), index))
        if len(automaton):
            automaton.make_automaton()
        self._automaton = automaton

    def __len__(self) -> int:
        return len(self._forms)

    def find(self, text: str) -> list[Match]:
        """Whole-word, leftmost-longest, non-overlapping matches in document order."""
        if not self._forms or not text or not len(self._automaton):
            return []
        folded = fold(text)
        candidates: list[tuple[int, int, int]] = []
        for end_index, (length, index) in self._automaton.iter(folded):
            end = end_index + 1
            start = end - length
            if self._accept(text, start, end, self._forms[index]):
                candidates.append((start, -length, index))
        candidates.sort()
        out: list[Match] = []
        last_end = -1
        for start, neg_length, index in candidates:
            if start >= last_end:
                out.append(Match(start, start - neg_length, self._forms[index]))
                last_end = start - neg_length
        return out

    @staticmethod
    def _accept(text: str, start: int, end: int, form: Form) -> bool:
        if start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
            return False
        if end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]):
            return False
        found = text[start:end]
        if is_acronym(form.text):
            # GNA, UN, LNA: only in capitals, or "un" in French would match.
            return found == form.text
        if " " not in form.text and any(c.isupper() for c in form.text) and not any(c.isupper() for c in found):
            # A capitalized one-word name written all in lower case is a common word
            # ("turkey", "nice"), not the name.
            return False
        return True
