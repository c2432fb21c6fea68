"""Lines of a document, and how to delete whole lines without leaving holes.

A debris line (an embed ID, an orphan ``video`` label) is removed by its finding's
suggestion, an empty string over the span computed here. The spans are chosen so that
applying every removal together leaves paragraphs separated exactly as before: a
paragraph made only of debris takes one of the blank lines around it with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audit.document import LINE_BREAK, Document, Span


@dataclass(frozen=True)
class Line:
    """A line: ``start``/``end`` bound its text, ``next`` is where the next line starts."""

    start: int
    end: int
    next: int

    def text(self, doc: Document) -> str:
        return doc.target[self.start : self.end]


def text_lines(text: str) -> list[Line]:
    """Every line of ``text``, line breaks (``\\n``, ``\\r\\n``, ``\\r``) excluded."""
    out = []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        out.append(Line(pos, m.start(), m.end()))
        pos = m.end()
    out.append(Line(pos, len(text), len(text)))
    return out


def paragraph_lines(doc: Document) -> list[list[Line]]:
    """The lines of each paragraph, in order."""
    lines = text_lines(doc.target)
    out: list[list[Line]] = []
    i = 0
    for p in doc.paragraphs:
        while i < len(lines) and lines[i].end <= p.start:
            i += 1
        group = []
        while i < len(lines) and lines[i].start < p.end:
            group.append(lines[i])
            i += 1
        out.append(group)
    return out


def removal_spans(doc: Document, removable: Callable[[str], bool]) -> dict[Line, Span]:
    """For each removable line, the span whose deletion removes it cleanly.

    ``removable`` is asked about each line's text with outer whitespace stripped. All
    the returned spans can be deleted together; none overlaps another.

    Most documents have no removable line: each line's text is tested first, as a
    string, and the lines and paragraphs are worked out only when one passes (the
    lines within paragraphs are some of all the lines, with the same texts; blank
    lines are not asked about when an empty line is not removable).
    """
    texts = map(str.strip, LINE_BREAK.split(doc.target))
    if not any(map(removable, texts if removable("") else filter(None, texts))):
        return {}
    paragraphs = paragraph_lines(doc)
    spans: dict[Line, Span] = {}
    for index, lines in enumerate(paragraphs):
        flagged = [line for line in lines if removable(line.text(doc).strip())]
        if not flagged:
            continue
        if len(flagged) < len(lines):
            spans.update((line, Span(line.start, line.next)) for line in flagged)
        else:
            spans.update(_whole_paragraph(paragraphs, index))
    return spans


def _whole_paragraph(paragraphs: list[list[Line]], index: int) -> dict[Line, Span]:
    """Spans that delete a paragraph and one of the blank-line separators beside it."""
    lines = paragraphs[index]
    spans = {line: Span(line.start, line.next) for line in lines}
    if index + 1 < len(paragraphs):
        last = lines[-1]
        spans[last] = Span(last.start, paragraphs[index + 1][0].start)
    elif index > 0:
        first, last = lines[0], lines[-1]
        spans[first] = Span(
            paragraphs[index - 1][-1].end, first.next if len(lines) > 1 else first.end
        )
        if len(lines) > 1:
            spans[last] = Span(last.start, last.end)
    return spans


_PUNCTUATION = ".,;:!?؟،؛"


def tidy_deletion(text: str, start: int, end: int, space_before: str = "") -> tuple[int, int]:
    """Widen a deletion by one space where it would leave two spaces in a row, a space
    at the start or end of a line, or a space before punctuation (``a <br> b`` loses
    ``<br> ``; ``Tripoli <br>.`` loses `` <br>``). ``space_before`` lists the marks the
    language spaces (French ``: ; ? !``)."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if after == " " and before in " \n\r":
        return start, end + 1
    if before == " " and (after in "\n\r" or (after in _PUNCTUATION and after not in space_before)):
        return start - 1, end
    return start, end
