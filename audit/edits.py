"""Applying suggested replacements to text.

Only findings that carry a suggestion are applied; spans that overlap an earlier
applied span are skipped (the first finding in document order wins; of two that start
together, the wider one, since deleting a repeated passage or a debris line settles
every smaller edit inside it), so applying the same findings twice never corrupts
text. Text outside the flagged spans is never touched.
"""

from __future__ import annotations

from collections.abc import Iterable

from audit.findings import Finding


def applicable(findings: Iterable[Finding], side: str = "target") -> list[Finding]:
    """The findings whose suggestions can be applied together, in document order."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end, f.code)):
        if f.side != side or f.suggestion is None or f.suggestion == f.text:
            continue
        if f.start < last_end or (f.start == last_end and f.start == f.end):
            continue
        chosen.append(f)
        last_end = f.end
    return chosen


def apply_suggestions(text: str, findings: Iterable[Finding], side: str = "target") -> str:
    """Return ``text`` with every applicable suggestion applied."""
    out: list[str] = []
    pos = 0
    for f in applicable(findings, side):
        if text[f.start : f.end] != f.text:
            raise ValueError(f"{f.code} at {f.start}:{f.end} does not match the text it was made for")
        out.append(text[pos : f.start])
        out.append(f.suggestion or "")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
