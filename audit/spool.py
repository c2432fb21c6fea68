"""Findings held on disk past a bound, so that a run's memory does not follow its findings.

Streaming output needs two things that would otherwise keep every finding in memory:
sorting the findings of a file whose documents do not arrive in sorted order, and
formats that must print counts before the findings they count (JUnit, grouped). Both
keep at most ``limit`` findings in memory and write the rest, pickled, to anonymous
temporary files that disappear when closed.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from typing import IO

from audit.findings import Finding

LIMIT = 20_000  # findings kept in memory before they go to disk (a few tens of MiB)
_CHUNK = 1_000  # findings pickled together: one pickle per finding would be slow


def _write_run(findings: list[Finding]) -> IO[bytes]:
    import pickle  # only once findings go to disk: a hook's start-up does not pay for them
    import tempfile

    run = tempfile.TemporaryFile()
    for i in range(0, len(findings), _CHUNK):
        pickle.dump(findings[i : i + _CHUNK], run, protocol=pickle.HIGHEST_PROTOCOL)
    run.seek(0)
    return run


def _read_run(run: IO[bytes]) -> Iterator[Finding]:
    import pickle

    run.seek(0)
    while True:
        try:
            chunk: list[Finding] = pickle.load(run)
        except EOFError:
            return
        yield from chunk


class Spool:
    """Findings in the order added, read back as often as needed; past ``limit`` they
    are on disk."""

    def __init__(self, limit: int | None = None) -> None:
        self._limit = limit or LIMIT
        self._memory: list[Finding] = []
        self._runs: list[IO[bytes]] = []
        self._count = 0

    def add(self, finding: Finding) -> None:
        self._memory.append(finding)
        self._count += 1
        if len(self._memory) >= self._limit:
            self._runs.append(_write_run(self._memory))
            self._memory = []

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Finding]:
        for run in self._runs:
            yield from _read_run(run)
        yield from self._memory

    def close(self) -> None:
        for run in self._runs:
            run.close()
        self._runs, self._memory, self._count = [], [], 0


class SortedSpool:
    """Findings read back sorted (``Finding.sort_key``, ties in the order added): an
    external merge sort whose sorted runs of ``limit`` findings wait on disk."""

    def __init__(self, limit: int | None = None) -> None:
        self._limit = limit or LIMIT
        self._memory: list[Finding] = []
        self._runs: list[IO[bytes]] = []

    def extend(self, findings: Iterable[Finding]) -> None:
        self._memory.extend(findings)
        if len(self._memory) >= self._limit:
            self._memory.sort(key=Finding.sort_key)
            self._runs.append(_write_run(self._memory))
            self._memory = []

    def __bool__(self) -> bool:
        return bool(self._memory or self._runs)

    def drain(self) -> Iterator[Finding]:
        """Every finding held, sorted; the spool is empty afterwards."""
        memory, runs = sorted(self._memory, key=Finding.sort_key), self._runs
        self._memory, self._runs = [], []
        if not runs:
            yield from memory
            return
        try:
            # heapq.merge prefers earlier inputs on ties: runs were written in order
            yield from heapq.merge(*(_read_run(r) for r in runs), memory, key=Finding.sort_key)
        finally:
            for run in runs:
                run.close()
