"""Which spelling of which entity each document uses.

Findings only show the spellings that are wrong; an editor also needs to know how often
the right one was used, or "Hifter x3" means nothing. So usage is counted from the
glossary matches themselves (canonical, short and variant forms alike), plus the forms
that name checks without a glossary entry report in a finding's ``extra["forms"]``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from audit.document import Document
from audit.findings import Finding
from audit.glossary import Match

#: Role of a spelling reported by a check but absent from the glossary.
UNLISTED = "unlisted"


@dataclass(frozen=True)
class Usage:
    """One spelling of one entity in one document, with how often it occurs."""

    entity: str
    canonical: str
    kind: str
    spelling: str
    role: str  # canonical | short | variant | unlisted
    accepted: bool  # written exactly as a canonical or short form of the glossary
    count: int


def spelling_usage(
    doc: Document, matches: Iterable[Match], findings: Iterable[Finding] = ()
) -> list[Usage]:
    """Count each entity's spellings in ``doc``, sorted by entity then spelling."""
    counts: Counter[tuple[str, str, str, str, str, bool]] = Counter()
    for m in matches:
        surface = " ".join(doc.target[m.start : m.end].split())
        accepted = m.form.accepted and _plain(surface) in (
            _plain(m.form.text),
            _plain(m.form.text).upper(),
        )
        counts[(m.entry.id, m.entry.canonical, m.entry.kind, surface, m.form.role, accepted)] += 1
    seen = {key[0] for key in counts}
    for f in findings:
        forms = f.extra.get("forms")
        if not f.entity or f.entity in seen or not isinstance(forms, dict):
            continue
        seen.add(f.entity)
        canonical = str(f.extra.get("canonical") or f.entity)
        for spelling, n in forms.items():
            counts[(f.entity, canonical, "unknown", str(spelling), UNLISTED, False)] += int(n)
    return [Usage(*key, count=n) for key, n in sorted(counts.items())]


def _plain(form: str) -> str:
    """Whitespace and apostrophe style do not make a different spelling (nor, above,
    a headline in capitals)."""
    return " ".join(form.replace("\u2019", "'").split())
