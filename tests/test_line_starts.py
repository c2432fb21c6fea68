"""Line starts, which every reader's positions are built on: the same offsets with
or without carriage returns in the file (the ``\\n``-only path sums line lengths)."""

from __future__ import annotations

import random

import pytest

from audit.document import LINE_BREAK
from audit.segments import line_starts


def _by_matches(raw: str) -> list[int]:
    return [0, *(m.end() for m in LINE_BREAK.finditer(raw))]


@pytest.mark.parametrize(
    "raw",
    ["", "a", "\n", "a\n", "\n\n", "a\nb", "a\nb\n", "ab\n\ncd\n\n\n", "\r\n", "a\rb\r\nc\n"],
)
def test_line_starts_are_where_each_line_begins(raw: str) -> None:
    assert line_starts(raw) == _by_matches(raw)


def test_line_starts_of_random_texts() -> None:
    rng = random.Random(18)
    for _ in range(300):
        raw = "".join(
            rng.choice(["a", "ب", " ", "\n", "\n", "\r", "\r\n", "\u2028"]) for _ in range(40)
        )
        assert line_starts(raw) == _by_matches(raw), repr(raw)
