"""Inline suppressions: ``audit: ignore[...]`` directives written in the document.

A translator marks a deliberate spelling (a quotation, a name as the source spells
it) where it occurs, so the run stays clean without turning a check off everywhere.

Directives live in each format's comment channel. In text, Markdown and the target
text of JSON Lines records, that channel is the HTML comment::

    <!-- audit: ignore[N001] -->             the next line with text (or this line,
                                             when the comment shares it with text)
    <!-- audit: ignore[N001,C] "Hifter" -->  only findings whose text is "Hifter"
    <!-- audit: ignore-start[N] -->          everything up to the matching
    <!-- audit: ignore-end -->               ignore-end (or ignore-end[N])
    <!-- audit: ignore[N001] -- quoted from the statement -->   a reason after "--"

Selectors are those ``--select`` takes: codes (N001), prefixes (N), names
(names.non-canonical-variant) or dotted prefixes (names). A finding is suppressed when
its span overlaps the directive's scope, a selector picks its check and, in the
per-match form, its text is one of the quoted strings (whitespace collapsed).

The comments are not content: their spans are ``CheckContext.comment_spans``, the
engine drops any finding that lies inside one (so a markup check never flags a
directive) and never offers a fix that would edit one. A selector that suppressed
nothing although its check ran is reported as M001 (meta.unused-suppression); a
directive that cannot be read, names an unknown check or leaves a region open is
reported as M002 (meta.invalid-suppression).

Bilingual files carry directives in their units' comments (``Segment.notes``): a PO
translator comment (``# audit: ignore[N001]``), an XLIFF or TMX ``<note>``. Each line
of a note that starts with ``audit:`` is a directive for that unit (both sides);
only ``ignore[...]`` (with optional quoted text) makes sense there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from audit.document import LINE_BREAK, Document, Span
from audit.engine.selection import selector_matches
from audit.findings import Finding

if TYPE_CHECKING:
    from audit.engine.check import Check

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_IS_DIRECTIVE = re.compile(r"\s*audit\s*:", re.I)
_DIRECTIVE = re.compile(
    r"\s*audit\s*:\s*(?P<kind>ignore-start|ignore-end|ignore)(?![\w-])"
    r"(?:\[(?P<selectors>[^\]]*)\])?"
    r"(?P<texts>(?:\s*\"(?:[^\"\\]|\\.)*\")*)"
    r"\s*(?:--.*)?\Z",
    re.S | re.I,
)
_QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"")
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Directive:
    """One parsed ``audit:`` comment."""

    kind: str  # "ignore", "ignore-start" or "ignore-end"
    selectors: tuple[str, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Suppression:
    """Findings to drop: those of the selected checks that overlap ``scope``.

    ``where`` is the directive comment in the target text (where M001 points).
    ``segment``, when set, scopes the suppression to that segment's findings (both
    sides) instead of a span: the form used by formats whose comments sit outside the
    target text.
    """

    selectors: tuple[str, ...]
    texts: tuple[str, ...]
    scope: Span
    where: Span
    segment: str | None = None

    def covers(self, finding: Finding) -> bool:
        if self.segment is not None:
            if finding.segment != self.segment:
                return False
        elif finding.side != "target" or not _overlaps(self.scope, finding.start, finding.end):
            return False
        return not self.texts or _norm(finding.text) in {_norm(t) for t in self.texts}


@dataclass(frozen=True)
class Problem:
    """A directive that cannot work as written (reported as M002)."""

    where: Span
    message: str


@dataclass(frozen=True)
class Suppressions:
    """A document's suppressions, problems and directive comment spans."""

    items: tuple[Suppression, ...] = ()
    problems: tuple[Problem, ...] = ()
    comment_spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Unused:
    """Selectors of one suppression that suppressed nothing although their checks ran."""

    suppression: Suppression
    selectors: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What applying the suppressions found out, for the meta checks."""

    unused: tuple[Unused, ...]
    problems: tuple[Problem, ...]


def parse_directive(comment: str) -> Directive | str | None:
    """Read the text of one comment: a :class:`Directive`, an error message when it
    starts with ``audit:`` but cannot be read, or ``None`` when it is no directive."""
    if not _IS_DIRECTIVE.match(comment):
        return None
    m = _DIRECTIVE.match(comment)
    if m is None:
        return (
            f"cannot read suppression {' '.join(comment.split())!r}; "
            'write audit: ignore[CODES], optionally followed by "text", or ignore-start/ignore-end'
        )
    kind = m["kind"].lower()
    selectors = tuple(s.strip() for s in (m["selectors"] or "").split(",") if s.strip())
    texts = tuple(_ESCAPE.sub(r"\1", t) for t in _QUOTED.findall(m["texts"]))
    if kind != "ignore-end" and not selectors:
        return f"{kind} needs the checks to ignore, e.g. {kind}[N001]"
    if kind == "ignore-end" and texts:
        return "ignore-end takes no quoted text"
    return Directive(kind, selectors, texts)


def suppressions_for(doc: Document) -> Suppressions:
    """The suppressions of a document: HTML comments in its target text, and the
    comments of its units (PO ``#`` translator comments, XLIFF and TMX ``<note>``),
    where each line that starts with ``audit:`` is a directive for that unit."""
    found = parse_text(doc.target)
    items, problems = list(found.items), list(found.problems)
    for seg in doc.segments:
        where = Span(seg.target.start, seg.target.start)
        for line in (line for note in seg.notes for line in note.splitlines()):
            parsed = parse_directive(line)
            if parsed is None:
                continue
            if isinstance(parsed, str) or parsed.kind != "ignore":
                why = (
                    parsed
                    if isinstance(parsed, str)
                    else f"{parsed.kind} has no region in a unit's note; use ignore[...]"
                )
                problems.append(Problem(where, f"unit {seg.id!r}: {why}"))
                continue
            items.append(
                Suppression(parsed.selectors, parsed.texts, seg.target, where, segment=seg.id)
            )
    return Suppressions(tuple(items), tuple(problems), found.comment_spans)


def parse_text(text: str) -> Suppressions:
    """Find ``<!-- audit: ... -->`` comments in ``text`` and resolve their scopes."""
    found: list[tuple[Span, Directive | str]] = []
    for m in _COMMENT.finditer(text):
        parsed = parse_directive(m.group(1))
        if parsed is not None:
            found.append((Span(m.start(), m.end()), parsed))
    comments = tuple(span for span, _ in found)
    items: list[Suppression] = []
    problems: list[Problem] = []
    open_regions: list[tuple[Span, Directive]] = []
    for span, d in found:
        if isinstance(d, str):
            problems.append(Problem(span, d))
        elif d.kind == "ignore":
            scope = _line_scope(text, span, comments)
            if scope is None:
                problems.append(
                    Problem(span, "ignore[...] has no line of text after it to apply to")
                )
            else:
                items.append(Suppression(d.selectors, d.texts, scope, span))
        elif d.kind == "ignore-start":
            open_regions.append((span, d))
        else:
            opened = _close(open_regions, d.selectors)
            if opened is None:
                wanted = f"ignore-start[{','.join(d.selectors)}]" if d.selectors else "ignore-start"
                problems.append(Problem(span, f"ignore-end without an open {wanted} before it"))
                continue
            start_span, start = opened
            items.append(
                Suppression(
                    start.selectors, start.texts, Span(start_span.end, span.start), start_span
                )
            )
    for start_span, start in open_regions:
        items.append(
            Suppression(start.selectors, start.texts, Span(start_span.end, len(text)), start_span)
        )
        problems.append(
            Problem(
                start_span,
                f"ignore-start[{','.join(start.selectors)}] is never closed; it runs to the end of the document",
            )
        )
    return Suppressions(tuple(items), tuple(problems), comments)


def apply(
    findings: Iterable[Finding], suppressions: Suppressions, ran: Sequence[Check]
) -> tuple[list[Finding], Outcome]:
    """Drop suppressed findings and findings inside directive comments.

    Returns the findings kept (a finding that overlaps a directive comment without
    lying inside it is kept, but never offered as a safe fix) and the outcome: which
    selectors suppressed nothing although a check they pick ran, and which name no
    check at all.
    """
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    comments = suppressions.comment_spans
    for f in findings:
        if f.side == "target" and _inside_comments(f, comments):
            continue
        suppressed = False
        for i, s in enumerate(suppressions.items):
            if not s.covers(f):
                continue
            for selector in s.selectors:
                if selector_matches(selector, f.code, f.name):
                    used.add((i, selector))
                    suppressed = True
        if suppressed:
            continue
        if f.fixable and f.side == "target" and any(_overlaps(c, f.start, f.end) for c in comments):
            f = replace(f, fixable=False)
        kept.append(f)
    return kept, _outcome(suppressions, used, ran)


def _outcome(
    suppressions: Suppressions, used: set[tuple[int, str]], ran: Sequence[Check]
) -> Outcome:
    from audit.checks import REGISTERED  # codes and names: no check module imported

    judged = [c for c in ran if not c.meta]
    unused: list[Unused] = []
    problems = list(suppressions.problems)
    for i, s in enumerate(suppressions.items):
        for selector in s.selectors:
            if not any(selector_matches(selector, c.code, c.name) for c in REGISTERED):
                problems.append(
                    Problem(
                        s.where,
                        f"unknown check {selector!r} in suppression; `audit rules` lists them",
                    )
                )
        idle = tuple(
            sel
            for sel in s.selectors
            if (i, sel) not in used and any(selector_matches(sel, c.code, c.name) for c in judged)
        )
        if idle:
            unused.append(Unused(s, idle))
    return Outcome(tuple(unused), tuple(problems))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _overlaps(span: Span, start: int, end: int) -> bool:
    if start == end:
        return span.start <= start < span.end
    return span.start < end and start < span.end


def _inside_comments(f: Finding, comments: Sequence[Span]) -> bool:
    """True when the finding's text, less outer whitespace, lies inside one comment."""
    start, end = f.start, f.end
    text = f.text
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    if start >= end:
        return any(c.start <= f.start < c.end for c in comments)
    return any(c.start <= start and end <= c.end for c in comments)


def _close(
    open_regions: list[tuple[Span, Directive]], selectors: tuple[str, ...]
) -> tuple[Span, Directive] | None:
    """Pop the region an ignore-end closes: the last one opened, or the last one with
    the same selectors when the end names them."""
    wanted = {s.upper() for s in selectors}
    for i in range(len(open_regions) - 1, -1, -1):
        if not selectors or {s.upper() for s in open_regions[i][1].selectors} == wanted:
            return open_regions.pop(i)
    return None


def _line_bounds(text: str, start: int, end: int, comments: Sequence[Span]) -> Span:
    """The line(s) holding ``[start, end)``, extended over comments that run past them."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    m = LINE_BREAK.search(text, end)
    line_end = m.start() if m else len(text)
    for c in comments:
        if c.start < line_end < c.end:
            return _line_bounds(text, line_start, c.end, comments)
    return Span(line_start, line_end)


def _has_content(text: str, line: Span, comments: Sequence[Span]) -> bool:
    pos = line.start
    for c in comments:
        if c.end <= line.start or c.start >= line.end:
            continue
        if text[pos : c.start].strip():
            return True
        pos = max(pos, c.end)
    return bool(text[pos : line.end].strip())


def _line_scope(text: str, comment: Span, comments: Sequence[Span]) -> Span | None:
    """The comment's own line when it holds text, else the next line that does."""
    line = _line_bounds(text, comment.start, comment.end, comments)
    while True:
        if _has_content(text, line, comments):
            return line
        m = LINE_BREAK.match(text, line.end)
        if m is None:
            return None
        line = _line_bounds(text, m.end(), m.end(), comments)
