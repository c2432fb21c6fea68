"""The pure core: ``audit_document_full(doc, config) -> DocumentAudit``.

No global state, no I/O: the same function runs in the CLI, a process pool or a
cluster worker, and its findings for a given document and configuration are always
the same list, sorted by position. :class:`DocumentAudit` also carries what the
checks worked out on the way (glossary matches, round-trip scores, word count), so
callers (``run``, ``corpus``, ``serve``) read it instead of computing it again.
``audit_document`` is the findings alone (the public API's step-by-step call).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from audit.config import AuditConfig
from audit.document import WORD, Document, Span
from audit.engine.check import Check, Hit
from audit.engine.context import CheckContext, may_hold_directives
from audit.findings import Finding, context_fingerprint
from audit.segments import Segment

if TYPE_CHECKING:
    from audit.glossary.matcher import Match
    from audit.names.entities import Entity
    from audit.pairs import Pair
    from audit.scoring.scores import DocumentScores

_CONTEXT_CHARS = 32


#: Round-trip metrics when R001 sets none (its default thresholds are chrF's).
DEFAULT_ROUND_TRIP_METRICS = ("chrf",)


class DocumentAudit:
    """One document's audit: its findings, and what was worked out on the way.

    The other fields are computed on first use and shared with the checks that ran
    (the context caches them): reading ``glossary_matches`` after N001 ran matches
    nothing again, and ``round_trip()`` after R001 scores nothing again. A plain
    class (it was a dataclass without comparison): defining a dataclass costs every
    process about a millisecond (hook start-up, issue 18).
    """

    def __init__(self, findings: list[Finding], context: CheckContext) -> None:
        self.findings = findings
        self.context = context

    def __repr__(self) -> str:
        return f"DocumentAudit(findings={self.findings!r}, context={self.context!r})"

    @property
    def document(self) -> Document:
        return self.context.doc

    @property
    def glossary_matches(self) -> list[Match]:
        """Glossary forms found in the target text (none without a glossary)."""
        return self.context.glossary_matches

    @property
    def entities(self) -> list[Entity]:
        """The people of the document and their mentions (:mod:`audit.names.entities`),
        as N004 read them; empty when N004 did not run."""
        return self.context.names.entities

    @cached_property
    def words(self) -> int:
        """Words in the target text (runs of letters and digits): the unit of
        per-1,000-words scores."""
        return sum(1 for _ in WORD.finditer(self.context.doc.target))

    def round_trip(self, metrics: tuple[str, ...] | None = None) -> DocumentScores | None:
        """Round-trip scores in ``metrics`` (default: R001's, as configured), None
        without a source and a back-translation; computed once whoever asks."""
        return self.context.round_trip(metrics or round_trip_metrics(self.context.config))


def round_trip_metrics(config: AuditConfig) -> tuple[str, ...]:
    """The metrics R001 scores in: the keys of its ``thresholds`` option."""
    return tuple(config.options.get("R001", {}).get("thresholds") or DEFAULT_ROUND_TRIP_METRICS)


def audit_document(doc: Document, config: AuditConfig) -> list[Finding]:
    """Run every selected check on ``doc`` and return its findings, sorted."""
    return audit_document_full(doc, config).findings


def audit_document_full(doc: Document, config: AuditConfig) -> DocumentAudit:
    """Run every selected check on ``doc``: its findings, sorted, and the analyses.

    Inline suppressions (audit/suppressions.py) are applied after the ordinary checks;
    meta checks then report on the suppressions themselves.
    """
    ctx = CheckContext(doc, config)
    findings: list[Finding] = []
    for check in config.checks:
        if check.meta:
            continue
        for hit in check.run(doc, ctx):
            findings.append(_finding(doc, check, hit, ctx))
    if may_hold_directives(doc):
        from audit.suppressions import apply as apply_suppressions

        findings, ctx.suppression_outcome = apply_suppressions(
            findings, ctx.suppressions, config.checks
        )
    for check in config.checks:
        if check.meta:
            findings.extend(_finding(doc, check, hit, ctx) for hit in check.run(doc, ctx))
    findings.sort(key=Finding.sort_key)
    return DocumentAudit(_with_fingerprints(doc, findings), ctx)


def _side_text(doc: Document, side: str) -> str:
    return doc.side_text(side)


# The ``extra`` of the findings that have none: one empty dict for all (a finding is a
# value, never changed; 64 bytes per finding add up over hundreds of thousands).
_NO_EXTRA: dict[str, Any] = {}


def _finding(doc: Document, check: Check, hit: Hit, ctx: CheckContext) -> Finding:
    config = ctx.config
    text = _side_text(doc, hit.side)
    if not 0 <= hit.start <= hit.end <= len(text):
        raise ValueError(f"{check.code} reported span {hit.start}:{hit.end} outside the text")
    segment = doc.segment_at(hit.side, hit.start)
    path, line, column = doc.file_position(hit.side, hit.start, segment)
    _, end_line, end_column = doc.file_position(hit.side, hit.end, segment)
    segment_id, offset = _segment_of(doc, hit, segment, ctx)
    severity = config.severity_overrides.get(check.code) or hit.severity or check.severity
    return Finding(
        code=check.code,
        name=check.name,
        severity=severity,
        category=check.category,
        message=hit.message,
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text[hit.start : hit.end],
        suggestion=hit.suggestion,
        fixable=check.fixable and hit.fixable and hit.suggestion is not None,
        entity=hit.entity,
        path=path,
        document=doc.id,
        segment=segment_id,
        side=hit.side,
        segment_start=None if offset is None else hit.start - offset,
        segment_end=None if offset is None else hit.end - offset,
        extra=dict(hit.extra) if hit.extra else _NO_EXTRA,
    )


def _segment_of(
    doc: Document, hit: Hit, segment: Segment | None, ctx: CheckContext
) -> tuple[str | None, int | None]:
    """The segment id of a hit and the offset where that segment's text starts.

    A file unit names itself; in a whole-article pair the aligned link holding the
    hit does (its 1-based index). A target-only document has no segments.
    """
    if segment is not None:
        span = segment.span(hit.side)
        return hit.segment or segment.id, span.start if span else None
    if doc.source is None or doc.segments:
        return hit.segment, None
    index: _PairIndex | None = ctx.__dict__.get("_pair_index")
    if index is None:
        index = ctx.__dict__["_pair_index"] = _PairIndex(ctx.pairs)
    found = index.find(hit.side, hit.start, hit.segment)
    return (found.id, found.start) if found is not None else (hit.segment, None)


class _Found(NamedTuple):
    id: str
    start: int


class _PairIndex:
    """The first aligned pair whose span on a side holds an offset, found by binary
    search: looking through every pair for every finding was findings x pairs, and a
    long article pair has both by the thousand."""

    def __init__(self, pairs: list[Pair]):
        self.pairs = pairs
        self.sides: dict[str, tuple[list[tuple[str, Span]], list[int], bool]] = {}
        self.by_id: dict[str, list[Pair]] = {}
        for pair in pairs:
            self.by_id.setdefault(pair.id, []).append(pair)

    def _side(self, side: str) -> tuple[list[tuple[str, Span]], list[int], bool]:
        if side not in self.sides:
            spans = [
                (p.id, span)
                for p in self.pairs
                if (span := p.source if side == "source" else p.target) is not None
            ]
            ends = [span.end for _, span in spans]
            ordered = all(
                a.start <= b.start and a.end <= b.end
                for (_, a), (_, b) in zip(spans, spans[1:], strict=False)
            )
            self.sides[side] = spans, ends, ordered
        return self.sides[side]

    def find(self, side: str, offset: int, segment: str | None) -> _Found | None:
        if segment is not None:
            for pair in self.by_id.get(segment, ()):
                span = pair.source if side == "source" else pair.target
                if span is not None and span.start <= offset <= span.end:
                    return _Found(pair.id, span.start)
            return None
        spans, ends, ordered = self._side(side)
        if ordered:  # the first span ending at or after offset is the first holding it
            k = bisect.bisect_left(ends, offset)
            candidates = spans[k : k + 1]
        else:
            candidates = spans
        for pair_id, span in candidates:
            if span.start <= offset <= span.end:
                return _Found(pair_id, span.start)
        return None


def fingerprint_context(text: str, f: Finding) -> tuple[str, str]:
    """The text before and after a finding that its fingerprint hashes.

    Context stays within the finding's own lines, so moving lines around it (or
    editing other paragraphs) leaves the fingerprint unchanged; a file read in parts
    (audit/formats/stream.py) gives every finding the same context as read whole."""
    before = text[max(0, f.start - _CONTEXT_CHARS) : f.start].rsplit("\n", 1)[-1]
    after = text[f.end : f.end + _CONTEXT_CHARS].split("\n", 1)[0]
    if f.text.startswith(("\n", "\r")):
        before = ""  # a span that takes whole lines has no context on other lines
    if f.text.endswith(("\n", "\r")):
        after = ""
    return before, after


def _with_fingerprints(doc: Document, findings: list[Finding]) -> list[Finding]:
    seen: Counter[tuple[str, str, str, str]] = Counter()
    out = []
    for f in findings:
        before, after = fingerprint_context(_side_text(doc, f.side), f)
        key = (f.code, f.text, before, after)
        fingerprint = context_fingerprint(f.code, f.text, before, after, seen[key])
        seen[key] += 1
        out.append(replace(f, fingerprint=fingerprint))
    return out
