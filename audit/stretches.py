"""Stretches of a long text, each cut where what is read in it cannot cross.

A reading that lists every word of a document at once (tokens, matches, records)
takes memory in proportion to the document: a 4 MB article took hundreds of MB.
Where no result can cross a certain kind of place (white space for glossary keys, a
line break for a pair of words one space apart, a blank line for a repeated phrase),
the text is read a stretch at a time, cut at such places, with the same results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WHITE_SPACE = re.compile(r"\s")


def stretches(
    text: str, size: int, boundary: re.Pattern[str], after: int = 0
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive stretches covering ``text``, each of at least
    ``size`` characters (the last may be shorter) and ending where ``boundary`` next
    matches past that, ``after`` characters into the match; the last at the end."""
    pos = 0
    while pos < len(text):
        m = boundary.search(text, pos + size)
        end = m.start() + after if m else len(text)
        yield pos, end
        pos = end
