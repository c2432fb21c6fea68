"""Work that grows with input size: the reproductions of issue 14, item 2.

Time is not asserted here (benchmarks/growth.py prints the figures). What is counted
instead is the number of Python lines the audit package executes, which does not
depend on the machine: doubling a pathological input must at most about double it.
A quadratic loop (``'.' * n`` for S002, ``'Foo ' * n`` for S006, edits merged piece by
piece in ``audit fix``) makes it four times larger.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import audit
from audit.config import AuditConfig
from audit.document import Document, Span
from audit.edits import Edit, apply_edits, compose
from audit.engine import audit_document
from audit.fix.plan import _after
from audit.segments import Segment

PACKAGE = str(Path(audit.__file__).parent)
SEED_TEXT = (Path(__file__).parent.parent / "seeds" / "libya_geneva_talks.txt").read_text(
    encoding="utf-8"
)
GROWTH = 2.3  # a little over 2: n log n and constant costs are allowed


def line_events(fn: Callable[[], object]) -> int:
    """How many lines of the audit package ``fn`` executes."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def growth(build: Callable[[int], Callable[[], object]], n: int) -> float:
    """Lines executed at 2n over lines executed at n (everything is built first)."""
    small, large = build(n), build(2 * n)
    return line_events(large) / line_events(small)


@pytest.mark.parametrize(
    ("code", "pattern", "n"),
    [
        ("S001", ". ", 400),  # issue: 4k/8k/16k took 2.1/7.2/27.7 s
        ("S002", ".", 400),  # issue: 25k took 35 s, 50k 145 s
        ("S004", ".", 400),
        ("S006", "Foo ", 200),  # issue: 4k took 21 s, 8k 82 s
        ("S006", "the ", 200),
        ("S009", SEED_TEXT + "\n\n", 32),  # asked for the sentence of every hit
        ("A004", "&amp;", 200),  # every match tested against every span taken
    ],
)
def test_check_grows_linearly(code: str, pattern: str, n: int) -> None:
    config = AuditConfig.create(select=[code], default_glossaries=False)
    audit_document(Document(id="warm", target=pattern * 4), config)

    def build(k: int) -> Callable[[], object]:
        doc = Document(id="d", target=pattern * k)
        return lambda: audit_document(doc, config)

    assert growth(build, n) < GROWTH


def _rounds(k: int) -> tuple[str, list[list[Edit]]]:
    """``k`` sentences, each edited in one round and again in the next, once inside
    the first round's replacement: what fixing seed-style text produces."""
    original = "Hifter met Geneva . " * k
    first = [Edit(i * 20, i * 20 + 6, "Haftar") for i in range(k)]
    after_first = apply_edits(original, first)
    assert after_first[17:19] == " ."
    second = [Edit(i * 20, i * 20 + 6, "Khalifa Haftar") for i in range(k)]
    second += [Edit(i * 20 + 17, i * 20 + 18, "") for i in range(k)]
    return original, [first, second]


def test_compose_grows_linearly() -> None:
    def build(k: int) -> Callable[[], object]:
        original, rounds = _rounds(k)
        return lambda: compose(original, rounds)

    assert growth(build, 300) < GROWTH


def test_compose_result_is_the_rounds_applied() -> None:
    original, rounds = _rounds(50)
    text = original
    for edits in rounds:
        text = apply_edits(text, edits)
    composed = compose(original, rounds)
    assert apply_edits(original, composed) == text
    assert len(composed) == 100  # two separate edits per sentence; the text between untouched
    assert all(original[e.start : e.end] != e.replacement for e in composed)


def _units(k: int) -> tuple[Document, list[Edit]]:
    """A file of ``k`` units, each with an edit that changes its length."""
    segments, pos = [], 0
    for i in range(k):
        segments.append(Segment(str(i), Span(pos, pos + 10)))
        pos += 12
    doc = Document(id="x", target=("Hifter met\n\n" * k)[:-2], segments=tuple(segments))
    return doc, [Edit(i * 12, i * 12 + 6, "Khalifa Haftar") for i in range(k)]


def test_moving_units_after_edits_grows_linearly() -> None:
    def build(k: int) -> Callable[[], object]:
        doc, edits = _units(k)
        return lambda: _after(doc, edits)

    assert growth(build, 300) < GROWTH


def test_units_move_with_the_edits() -> None:
    doc, edits = _units(3)
    moved = _after(doc, edits)
    assert [seg.target for seg in moved.segments] == [Span(0, 18), Span(20, 38), Span(40, 58)]
    assert all(
        moved.target[s.target.start : s.target.end] == "Khalifa Haftar met" for s in moved.segments
    )


def test_paragraph_and_sentence_patterns_start_once_per_run() -> None:
    """A regular expression that may start inside a run (of spaces, of full stops)
    scans the rest of the run from each of its characters: quadratic in C, where
    counting lines sees nothing (``'a' + ' ' * 32000 + 'b'`` took 8 s in B003, which
    splits paragraphs). A match can only start where the run starts."""
    from audit.document import _BLANK_LINES, _ENDS_SENTENCE, split_paragraphs

    assert _BLANK_LINES.match("a    \n\nb", 1) is not None
    assert _BLANK_LINES.match("a    \n\nb", 3) is None
    assert _ENDS_SENTENCE.match("...", 0) is not None
    assert _ENDS_SENTENCE.match("...", 1) is None
    text = "a" + " " * 100_000 + "b\n\nc"
    assert split_paragraphs(text) == (Span(0, len(text) - 3), Span(len(text) - 1, len(text)))
