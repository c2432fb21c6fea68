"""Clustering spellings into names: blocking by keys, verification, guarded union-find.

1. Spellings that fold to the same letters (``Haftar``, ``HAFTAR``) are one name.
2. Blocking (:mod:`audit.names.blocking`): only pairs that share a block of
   consonant frames are compared, which keeps 100,000 spellings to seconds.
3. Verification: :meth:`Comparer.score` on each candidate pair whose keys are close
   enough (filtered in bulk by ``rapidfuzz.process.extract``).
4. Union-find over the verified pairs, strongest first; two clusters merge only when
   their most frequent spellings are alike too, so that a chain of small steps
   (Hassan - Hasan - Husain - Hussein) cannot join two names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from audit.errors import InputError
from audit.names.blocking import shared_blocks
from audit.names.similarity import Comparer, Spelling


@dataclass(frozen=True)
class Cluster:
    """Spellings of one name, most frequent first, with their counts."""

    spellings: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def head(self) -> str:
        """The most frequent spelling (the first given, on a tie)."""
        return self.spellings[0]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def __len__(self) -> int:
        return len(self.spellings)


def cluster_spellings(
    counts: Mapping[str, int],
    comparer: Comparer | None = None,
    max_block: int | None = None,
    *,
    linked_only: bool = False,
) -> list[Cluster]:
    """Partition ``counts`` (spelling -> count, in input order) into clusters of one name.

    Clusters come largest total count first; every spelling is in exactly one cluster.
    ``max_block`` leaves out blocks with more spellings than that: within one document
    such a block is not names but generated text (``Xqaword Xqbword ...``), and
    comparing all its pairs would make the work grow with the square of the input.
    ``linked_only`` leaves out the clusters of a single spelling (the others keep their
    order): most of a document's names, which the variant check would only skip.
    """
    comparer = comparer or Comparer()
    spellings = list(counts)
    prepared = [comparer.prepare(s) for s in spellings]
    weights = [counts[s] for s in spellings]
    uf = _GuardedUnion(prepared, weights, comparer)
    by_folded: dict[str, int] = {}
    for i, p in enumerate(prepared):
        j = by_folded.setdefault(p.folded, i)
        if j != i:
            uf.join(j, i)
    edges = sorted(
        _verified_pairs(prepared, comparer, max_block), key=lambda e: (-e[0], e[1], e[2])
    )
    for _, i, j in edges:
        uf.union(i, j)
    return uf.clusters(spellings, weights, linked_only)


def _verified_pairs(
    prepared: list[Spelling], comparer: Comparer, max_block: int | None = None
) -> Iterator[tuple[float, int, int]]:
    link = comparer.thresholds.link
    seen: set[tuple[int, int]] = set()
    for (t, _), members in shared_blocks(prepared).items():
        if max_block is not None and len(members) > max_block:
            continue
        for i, j in _candidates(members, t, prepared, comparer):
            pair = (i, j) if i < j else (j, i)
            if pair in seen:
                continue
            seen.add(pair)
            score = comparer.score(prepared[pair[0]], prepared[pair[1]], floor=link)
            if score >= link:
                yield score, pair[0], pair[1]


def _candidates(
    members: list[int], t: int, prepared: list[Spelling], comparer: Comparer
) -> Iterator[tuple[int, int]]:
    """Pairs of a block whose keys in the block's table are close enough to link.

    A pair that links through another table shares a block of that table too, so
    filtering each block on its own table's keys loses (almost) nothing. The filter
    runs in rapidfuzz's C++ code, one row of the block at a time (no numpy).
    """
    from rapidfuzz import fuzz, process

    floor = comparer.key_floor(comparer.thresholds.link)
    keys = [prepared[m].keys[t] for m in members]
    for a in range(len(members) - 1):
        rest = keys[a + 1 :]
        for _, _, b in process.extract(
            keys[a], rest, scorer=fuzz.ratio, score_cutoff=floor, limit=None
        ):
            yield members[a], members[a + 1 + b]


class _GuardedUnion:
    """Union-find whose unions must also join the clusters' most frequent spellings."""

    def __init__(self, prepared: list[Spelling], weights: list[int], comparer: Comparer):
        self._parent = list(range(len(prepared)))
        self._head = list(range(len(prepared)))
        self._prepared = prepared
        self._weights = weights
        self._comparer = comparer

    def find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Merge unconditionally (same folded letters)."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self._link(a, b)

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        ha, hb = self._head[a], self._head[b]
        edge_is_heads = ha in (i, j) and hb in (i, j)
        if (
            not edge_is_heads
            and self._comparer.score(self._prepared[ha], self._prepared[hb])
            < self._comparer.thresholds.head
        ):
            return
        self._link(a, b)

    def _link(self, a: int, b: int) -> None:
        ha, hb = self._head[a], self._head[b]
        head = ha if (self._weights[ha], -ha) >= (self._weights[hb], -hb) else hb
        self._parent[b] = a
        self._head[a] = head

    def clusters(
        self, spellings: list[str], weights: list[int], linked_only: bool = False
    ) -> list[Cluster]:
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(spellings)):
            groups[self.find(i)].append(i)
        out = []
        for members in groups.values():
            if linked_only and len(members) < 2:
                continue
            members.sort(key=lambda i: (-weights[i], i))
            out.append(
                Cluster(tuple(spellings[i] for i in members), tuple(weights[i] for i in members))
            )
        out.sort(key=lambda c: (-c.total, -len(c), c.head))
        return out


def parse_spelling_counts(text: str, path: str) -> dict[str, int]:
    """Read ``spelling`` or ``spelling<TAB>count`` lines (blank lines skipped).

    A spelling given twice adds up its counts. A count that is not a positive whole
    number is an error naming the file and line.
    """
    counts: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        spelling, _, count_text = line.partition("\t")
        spelling = " ".join(spelling.split())
        count = 1
        if count_text.strip():
            try:
                count = int(count_text.strip())
            except ValueError:
                count = 0
            if count < 1:
                raise InputError(
                    f"count {count_text.strip()!r} is not a positive whole number",
                    path=path,
                    line=number,
                )
        if not spelling:
            raise InputError("empty spelling", path=path, line=number)
        counts[spelling] = counts.get(spelling, 0) + count
    return counts
