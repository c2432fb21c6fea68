"""The glossary data model: entries, their accepted forms and their variant spellings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

KINDS = ("person", "organization", "place", "event", "term")


class Variant(NamedTuple):
    """A spelling to replace, and what to replace it with.

    Variant and Entry are named tuples, not frozen dataclasses: as immutable, and
    several times cheaper to define and to build (every process defines them before it
    reads a word: hook start-up, issue 18; a cached glossary builds them on use)."""

    form: str
    use: str
    note: str | None = None
    line: int | None = None


class Entry(NamedTuple):
    """One person, organization, place, event or term.

    ``canonical`` is the preferred full form; ``short`` lists accepted shorter forms
    (a surname, an acronym); ``variants`` are spellings that should be replaced;
    ``source`` lists the entry's forms in the source language (e.g. Arabic script).
    ``ambiguous`` lists forms (short forms or variants) that are also other people's
    names or ordinary words (``Salama``, ``Hafter``): they stand for the entry only
    where the document names it otherwise (see :mod:`audit.names.anchoring`).
    """

    id: str
    canonical: str
    kind: str = "term"
    short: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    source: tuple[str, ...] = ()
    notes: str | None = None
    path: str = ""
    line: int | None = None
    ambiguous: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        """The forms a writer may use: the canonical form and the short forms."""
        return (self.canonical, *self.short)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Glossary:
    """Entries from one or more glossary files, validated together.

    ``entries`` is a tuple, or a lazy sequence when the glossary comes from the cache
    (see :mod:`audit.glossary.compiled`); either way it is an immutable sequence.
    """

    entries: Sequence[Entry] = ()
    paths: tuple[str, ...] = ()
    language: str | None = None

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    def entry(self, entry_id: str) -> Entry:
        return self.by_id[entry_id]

    def form_counts(self) -> list[int]:
        """How many forms (canonical, short, variants) each entry has, in order."""
        counts = getattr(self.entries, "form_counts", None)
        if counts is not None:
            return counts()
        return [1 + len(e.short) + len(e.variants) for e in self.entries]


def name_forms(glossary: Glossary) -> Iterator[tuple[int, str, str, bool]]:
    """(entry index, form, replacement, accepted) for every form of every entry, in
    order: the canonical form, the short forms, then the variants with their ``use``.

    A glossary read from the cache lists them from its rows, without building an
    Entry per row (a large glossary's fuzzy name index reads every form)."""
    from_rows = getattr(glossary.entries, "name_forms", None)
    if from_rows is not None:
        return iter(from_rows())
    return (
        form
        for i, entry in enumerate(glossary.entries)
        for form in (
            *((i, text, text, True) for text in entry.accepted),
            *((i, v.form, v.use, False) for v in entry.variants),
        )
    )


def is_acronym(form: str) -> bool:
    """``GNA``, ``UNSMIL``, ``U.N.``: written in capitals, at least two letters."""
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in form.strip()


def default_replacement(canonical: str, short: tuple[str, ...], variant: str) -> str:
    """What a variant without an explicit ``use`` should be replaced by.

    A shortened variant (``Hifter`` for ``Khalifa Haftar``) maps to the accepted short
    form with as many words (``Haftar``), never to an acronym; anything else maps to
    the canonical form.
    """
    words = len(variant.split())
    if words < len(canonical.split()):
        for form in short:
            if not is_acronym(form) and len(form.split()) == words:
                return form
    return canonical
