"""Computing fixes: audit, apply the safe suggestions, repeat until nothing changes."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from audit.config import AuditConfig
from audit.document import Document, Span
from audit.edits import Edit, apply_edits, compose, edits_for
from audit.engine import audit_document
from audit.errors import InputError
from audit.formats import SourceFile

MAX_ROUNDS = 8


@dataclass(frozen=True)
class DocumentFix:
    """The fixes for one document: edits on its original target text."""

    document: Document
    edits: tuple[Edit, ...]
    fixed: str  # the target text after the edits
    applied: int  # suggestions applied, over all rounds
    left: int  # suggestions left on the fixed text (need a person, or --unsafe-fixes)


@dataclass(frozen=True)
class FileFix:
    """The fixes for one file: its text before and after."""

    source: SourceFile
    documents: tuple[DocumentFix, ...]
    after: str

    @property
    def changed(self) -> bool:
        return self.after != self.source.text

    @property
    def applied(self) -> int:
        return sum(d.applied for d in self.documents)

    @property
    def left(self) -> int:
        return sum(d.left for d in self.documents)

    def diff(self) -> str:
        """A unified diff of the file, ``a/`` and ``b/`` prefixed like git's."""
        name = self.source.name.lstrip("/")
        lines = difflib.unified_diff(
            self.source.text.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        return "".join(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


def fix_document(doc: Document, config: AuditConfig, *, unsafe: bool = False) -> DocumentFix:
    """Apply the safe suggestions (all of them when ``unsafe``) until a fixed point."""
    rounds: list[list[Edit]] = []
    current = doc
    applied = 0
    for _ in range(MAX_ROUNDS):
        edits = [
            e
            for e in edits_for(audit_document(current, config), unsafe=unsafe)
            if _within_a_unit(current, e)
        ]
        if not edits:
            break
        rounds.append(edits)
        applied += len(edits)
        current = _after(current, edits)
    left = sum(
        1
        for f in audit_document(current, config)
        if f.suggestion is not None and f.suggestion != f.text
    )
    return DocumentFix(doc, tuple(compose(doc.target, rounds)), current.target, applied, left)


def fix_file(source: SourceFile, config: AuditConfig, *, unsafe: bool = False) -> FileFix:
    """Fix every document of a file and write the results back into its text."""
    from audit.fix.writers import writer_for

    writer = writer_for(source.format)
    if writer is None:
        raise InputError(
            "audit fix cannot write this format back; fix it by hand", path=source.name
        )
    fixes = tuple(fix_document(doc, config, unsafe=unsafe) for doc in source.documents)
    if source.format.inline_markup:
        fixes = _leave_markup(source.text, fixes)
    changed: Sequence[DocumentFix] = [f for f in fixes if f.edits]
    after = writer(source.text, changed) if changed else source.text
    if changed:
        _verify(source, after, fixes)
    return FileFix(source, fixes, after)


def _leave_markup(text: str, fixes: tuple[DocumentFix, ...]) -> tuple[DocumentFix, ...]:
    """The fixes without the edits that would change an inline code of an XML file
    (XLIFF, TMX): those are the file's formatting, not text to correct."""
    from audit.fix.writers import touches_markup
    from audit.segments import line_starts

    starts = line_starts(text)
    out = []
    for fix in fixes:
        touching = touches_markup(text, fix, starts) if fix.edits else []
        if not any(touching):
            out.append(fix)
            continue
        kept = tuple(e for e, touches in zip(fix.edits, touching, strict=True) if not touches)
        dropped = len(fix.edits) - len(kept)
        fixed = apply_edits(fix.document.target, kept)
        out.append(
            replace(
                fix,
                edits=kept,
                fixed=fixed,
                applied=max(0, fix.applied - dropped),
                left=fix.left + dropped,
            )
        )
    return tuple(out)


def _verify(source: SourceFile, after: str, fixes: Sequence[DocumentFix]) -> None:
    """Read the new text back: every document must come back exactly as fixed."""
    try:
        reread = list(source.reader(after, source.name, **source.options))
    except InputError as exc:
        raise InputError(
            f"the fixed file would not read back ({exc}); not written", path=source.name
        ) from None
    if [d.target for d in reread] != [f.fixed for f in fixes]:
        raise InputError("could not write the fixes back exactly; not written", path=source.name)


def _within_a_unit(doc: Document, edit: Edit) -> bool:
    """In a file of units, an edit must stay inside one unit's target text."""
    if not doc.segments:
        return True
    seg = doc.segment_at("target", edit.start)
    return seg is not None and seg.target.start <= edit.start and edit.end <= seg.target.end


def _after(doc: Document, edits: list[Edit]) -> Document:
    """The document with the edits applied, its units' spans moved to match.

    The edits are sorted once and their length changes summed as they go, so moving
    every unit costs a binary search each (summing over all edits for every unit was
    units x edits)."""
    target = apply_edits(doc.target, edits)
    if not doc.segments:
        return replace(doc, target=target)
    ordered = sorted(edits)
    starts = [e.start for e in ordered]
    total = [0]  # total[i]: the length change of the first i edits
    for e in ordered:
        total.append(total[-1] + len(e.replacement) - (e.end - e.start))

    def change(i: int) -> int:
        e = ordered[i]
        return len(e.replacement) - (e.end - e.start)

    segments = []
    for seg in doc.segments:
        s, t = seg.target.start, seg.target.end
        lo = bisect.bisect_left(starts, s)  # edits before lo start before the unit
        before = total[lo] - (change(lo - 1) if lo and ordered[lo - 1].end > s else 0)
        hi = bisect.bisect_right(starts, t)  # edits lo..hi start inside it
        inside = (
            total[hi] - total[lo] - (change(hi - 1) if hi > lo and ordered[hi - 1].end > t else 0)
        )
        segments.append(replace(seg, target=Span(s + before, t + before + inside)))
    return replace(doc, target=target, segments=tuple(segments))
