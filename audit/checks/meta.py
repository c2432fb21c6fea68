"""Meta checks: reports on the inline suppressions themselves.

They run after every other check, once suppressions are applied (``meta=True``), and
read ``ctx.suppression_outcome``. See audit/suppressions.py for the directive syntax.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.document import Document, Span
from audit.engine.check import Hit, check
from audit.findings import Category, Severity

if TYPE_CHECKING:
    from audit.engine.context import CheckContext
    from audit.suppressions import Unused


@check(
    code="M001",
    name="meta.unused-suppression",
    severity=Severity.MINOR,
    category=Category.OTHER,
    bad="<!-- audit: ignore[N001] -->\nKhalifa Haftar left.",
    good="<!-- audit: ignore[N001] -->\nKhalifa Hifter left.",
    meta=True,
)
def unused_suppression(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A suppression that suppressed nothing although the checks it names ran.

    Left behind after the text was fixed, it would silently hide the next real
    finding at that place. Selectors naming checks that did not run (not selected,
    or turned off) are not judged. The suggestion removes a wholly unused directive;
    it is not applied by `audit fix` unless asked (--unsafe-fixes).
    """
    outcome = ctx.suppression_outcome
    for unused in outcome.unused if outcome else ():
        yield _hit(doc, unused)


@check(
    code="M002",
    name="meta.invalid-suppression",
    severity=Severity.MINOR,
    category=Category.OTHER,
    bad="<!-- audit: ignore-start[N001] -->\nKhalifa Hifter left.",
    good="<!-- audit: ignore-start[N001] -->\nKhalifa Hifter left.\n<!-- audit: ignore-end -->",
    meta=True,
)
def invalid_suppression(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A suppression directive that cannot work as written.

    An unreadable directive, an unknown check code, an ignore-end without its
    ignore-start, or a region never closed (it then runs to the end of the document).
    """
    outcome = ctx.suppression_outcome
    for problem in outcome.problems if outcome else ():
        yield Hit(problem.where.start, problem.where.end, problem.message)


def _hit(doc: Document, unused: Unused) -> Hit:
    s = unused.suppression
    which = ",".join(unused.selectors)
    on = "".join(f' "{t}"' for t in s.texts)
    if s.segment is not None:  # a directive in a unit's note: nothing in the text to remove
        message = f"unused suppression in the note of unit {s.segment!r}: no {which} finding{' on' + on if on else ''}"
        return Hit(s.where.start, s.where.end, message)
    if len(unused.selectors) == len(s.selectors):
        message = (
            f"unused suppression: no {which}{' finding on' + on if on else ' finding'} in its scope"
        )
        span = _whole_lines(doc.target, s.where)
        return Hit(span.start, span.end, message, suggestion="", fixable=False)
    message = f"{which} in this suppression is unused: no such finding{' on' + on if on else ''} in its scope"
    return Hit(s.where.start, s.where.end, message)


def _whole_lines(text: str, span: Span) -> Span:
    """The comment, or its whole line with the line break when it stands alone."""
    start = max(text.rfind("\n", 0, span.start), text.rfind("\r", 0, span.start)) + 1
    end = span.end
    while end < len(text) and text[end] in " \t":
        end += 1
    if text[start : span.start].strip() or (end < len(text) and text[end] not in "\r\n"):
        return span
    if text.startswith("\r\n", end):
        return Span(start, end + 2)
    return Span(start, end + 1 if end < len(text) else end)
