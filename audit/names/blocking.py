"""Blocking: which spellings are worth comparing at all.

Each spelling goes into a few blocks per key table: its consonant frame (skeleton;
its whole key when the frame has fewer than two letters, as in ``Ali``), and the
frames with one letter dropped (``hftr`` -> ``ftr``, ``htr``...), so that a pair
differing in one consonant class, or in one consonant, still meets. Only spellings
that share a block are scored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from audit.names.similarity import Spelling

SHORT_SKELETON = 2  # below this, block on the whole key
DELETIONS_FROM = 4  # frames this long also block with one letter dropped


def block_keys(
    spelling: Spelling, deletions_from: int = DELETIONS_FROM
) -> Iterator[tuple[int, str]]:
    """The blocks of one spelling, as (table index, block key); frames of at least
    ``deletions_from`` letters also block with each letter dropped."""
    for t, (key, skeleton) in enumerate(zip(spelling.keys, spelling.skeletons)):
        if len(skeleton) < SHORT_SKELETON:
            yield t, "=" + key
            continue
        yield t, skeleton
        if len(skeleton) >= deletions_from:
            for k in range(len(skeleton)):
                yield t, skeleton[:k] + skeleton[k + 1 :]


@lru_cache(maxsize=200_000)
def _blocks_of(spelling: Spelling) -> frozenset[tuple[int, str]]:
    """:func:`block_keys` without repeats, remembered: a name recurs across documents."""
    return frozenset(block_keys(spelling))


def shared_blocks(spellings: Sequence[Spelling]) -> dict[tuple[int, str], list[int]]:
    """The blocks that two or more of ``spellings`` share, with the ids (positions) of
    their members in ascending order: :class:`BlockIndex`'s blocks less the ones of a
    single spelling.

    Clustering a document's names asks only for these, and most blocks hold a single
    spelling: set operations in C find the shared ones, so that only they are filled
    one id at a time (about 6 times less CPU than indexing every block of a document,
    on the NTREX corpus).
    """
    blocks = [_blocks_of(s) for s in spellings]
    seen: set[tuple[int, str]] = set()
    shared: set[tuple[int, str]] = set()
    for b in blocks:
        shared |= seen & b
        seen |= b
    out: dict[tuple[int, str], list[int]] = {}
    if not shared:
        return out
    for i, b in enumerate(blocks):
        for block in b & shared:
            members = out.get(block)
            if members is None:
                out[block] = [i]
            else:
                members.append(i)
    return out


class BlockIndex:
    """Block key -> ids of the spellings in that block."""

    def __init__(self, spellings: Iterable[Spelling] = ()):
        self.blocks: dict[tuple[int, str], list[int]] = defaultdict(list)
        self._size = 0
        for s in spellings:
            self.add(s)

    def add(self, spelling: Spelling) -> int:
        i = self._size
        self._size += 1
        for block in _blocks_of(spelling):
            self.blocks[block].append(i)
        return i

    def neighbours(self, spelling: Spelling) -> set[int]:
        """Ids of the indexed spellings that share a block with ``spelling``."""
        out: set[int] = set()
        for block in _blocks_of(spelling):
            out.update(self.blocks.get(block, ()))
        return out
