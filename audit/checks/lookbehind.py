"""Matches of a pattern whose leading look-behind is tested in Python.

The regular expression engine tries a pattern that starts with a look-behind at every
position of the text; one that starts with a character or a set of characters skips
ahead to those characters in C. For a check that scans every document, moving the
look-behind out of the pattern and testing it at each match it finds cut the scan to
a fraction (issue 18), with the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


def finditer_after(
    pattern: re.Pattern[str], text: str, before: Callable[[str, int], bool]
) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives when ``pattern`` is preceded by a
    look-behind that ``before(text, start)`` answers for the position a match starts at.

    A match whose start fails the test is dropped and the search goes on from the next
    position, as the engine does when a look-behind fails, so a match that starts
    inside a dropped one is still found. ``pattern`` never matches the empty string.

    Linear only when ``pattern`` starts with one character or a literal: a pattern
    that starts with a repeat (``\\s+``) is tried again at every position inside a
    dropped run, each try scanning the rest of the run (quadratic); such a pattern
    keeps its look-behind, placed after its first character (see S001's pattern in
    :mod:`audit.checks.spacing`).
    """
    pos = 0
    search = pattern.search
    while (m := search(text, pos)) is not None:
        start = m.start()
        if before(text, start):
            yield m
            pos = m.end()
        else:
            pos = start + 1


def after_non_space(text: str, at: int) -> bool:
    """``(?<=\\S)``: a character that is no space just before ``at``."""
    return at > 0 and not text[at - 1].isspace()
