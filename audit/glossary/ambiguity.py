"""Which glossary variants may also be someone else's name or an ordinary word.

A variant is replaced without a person looking (``audit fix``), so one that the
language uses on its own (``Salama``: a common Arabic surname in English news) would
rewrite other people's names. ``audit glossary check`` lists such variants, from the
word-frequency lexicon of the glossary's language (:mod:`audit.names.ordinary`), so
that their authors mark them ``ambiguous`` (applied only where the document names the
entry otherwise) or confirm that they can only mean this entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.glossary.fold import fold_key
from audit.glossary.model import Glossary, is_acronym

#: Zipf frequency (log10 uses per billion words) from which a one-word variant is
#: worth a warning: Salama 2.1, Qaddafi 2.2; Hifter, Hiftar 0.
FREQUENT_ZIPF = 2.0


@dataclass(frozen=True)
class AmbiguityWarning:
    """A variant that the language uses on its own, and where the glossary lists it."""

    entry: str
    form: str
    zipf: float
    location: str

    def __str__(self) -> str:
        return (
            f"{self.location}: warning: variant {self.form!r} of {self.entry!r} is a frequent "
            f"word or name of the language (Zipf {self.zipf:.1f}); list it under `ambiguous` "
            "unless it can only mean this entry"
        )


def ambiguity_warnings(
    glossary: Glossary, cutoff: float = FREQUENT_ZIPF, paths: set[str] | None = None
) -> list[AmbiguityWarning]:
    """One-word variants not marked ambiguous whose frequency reaches ``cutoff``
    (only those of entries from ``paths``, when given)."""
    from audit.names.ordinary import zipf

    language = glossary.language or "en"
    out = []
    for entry in glossary.entries:
        if paths is not None and entry.path not in paths:
            continue
        marked = {fold_key(f) for f in entry.ambiguous}
        for v in entry.variants:
            word = v.form.strip()
            if len(word.split()) != 1 or is_acronym(word) or fold_key(word) in marked:
                continue
            z = zipf(word.lower(), language)
            if z >= cutoff:
                line = v.line or entry.line
                where = f"{entry.path}:{line}" if line else entry.path
                out.append(AmbiguityWarning(entry.id, word, z, where))
    return out
