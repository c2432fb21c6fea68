"""What was worked out from a text, remembered while the text keeps coming back.

A corpus translated into many languages has each source text once per translation
(NTREX: 17 times; /tmp/po1 has each English article 14 times, 7 as source and 7 as
target), and the source-side work of the checks (its numbers, its script and
language, its words) is the same every time. :class:`TextMemory` does that work once
per text while the text is remembered, in bounded memory, for any analysis that
depends on the text alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class TextMemory(Generic[T]):
    """``compute(text)`` for texts met before, up to a number of characters in all.

    A text is kept when it is met again: the last few texts computed are held a while,
    and the hash of every text met is noted, so the parts of one large file, each met
    once, are let go of. A text longer than a quarter of the budget is never kept; the
    texts used least recently go first. ``compute`` must depend on the text alone and
    its result must never be changed by a caller (every caller shares it). The budget
    counts the characters of the kept texts: the results must not be much larger than
    their texts for the memory to stay within a known multiple of it."""

    def __init__(
        self,
        compute: Callable[[str], T],
        max_chars: int,
        max_noted: int = 16384,
        recent: int = 8,
    ) -> None:
        import threading

        self._compute = compute
        self._max = max_chars
        self._chars = 0
        self._kept: dict[str, T] = {}  # least recently used first
        self._recent: dict[str, T] = {}  # the last texts computed, met once
        self._max_recent = recent
        self._noted: set[int] = set()  # hashes of the texts met once
        self._max_noted = max_noted
        self._lock = threading.Lock()  # a server audits documents in threads

    def get(self, text: str) -> T:
        """``compute(text)``, from memory when the text was met before."""
        with self._lock:
            if text in self._kept:
                kept = self._kept.pop(text)
                self._kept[text] = kept  # now the most recent
                return kept
            recent = text in self._recent
            if recent:
                found = self._recent.pop(text)
            key = hash(text)
            met = recent or key in self._noted
            if not met:
                if len(self._noted) >= self._max_noted:
                    self._noted.clear()
                self._noted.add(key)
        if not recent:
            found = self._compute(text)
        with self._lock:
            if not met or 4 * len(text) > self._max:
                self._recent[text] = found
                while len(self._recent) > self._max_recent:
                    del self._recent[next(iter(self._recent))]
            elif text not in self._kept:
                self._kept[text] = found
                self._chars += len(text)
                while self._chars > self._max:
                    oldest = next(iter(self._kept))
                    del self._kept[oldest]
                    self._chars -= len(oldest)
        return found

    def clear(self) -> None:
        """Forget every text (tests; a server that reloads)."""
        with self._lock:
            self._kept.clear()
            self._recent.clear()
            self._noted.clear()
            self._chars = 0
