"""Running a function over batches in worker processes, results in order.

Used by ``audit check --jobs`` and by the local engine of ``audit report``. Workers
are forked on Linux while the parent runs no other thread (a fork copies
the modules, tables and compiled patterns the parent has loaded, where a ``spawn``
worker would import and compile them again: about half a second of CPU each), and
started with ``spawn`` otherwise (a parent holding threads cannot deadlock its
children). They receive shared state (settings, compiled glossaries) once, through the
initializer, not with every batch. At most ``window`` batches are pending at once, so
reading, the workers and the consumer move together and memory stays bounded.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

_SHARED: Any = None


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items."""
    it = iter(items)
    while batch := list(itertools.islice(it, max(1, size))):
        yield batch


def in_order(
    submit: Callable[[list[T]], Future[R]], work: Iterable[list[T]], window: int
) -> Iterator[R]:
    """Submit batches, keeping at most ``window`` pending, and yield results in order."""
    pending: deque[Future[R]] = deque()
    for batch in work:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def ordered_map(
    function: Callable[[list[T], Any], R], work: Iterable[list[T]], shared: Any, *, workers: int
) -> Iterator[R]:
    """``function(batch, shared)`` for every batch, in ``workers`` processes (in this
    process when ``workers`` is 1), yielding results in the order of ``work``.

    ``function`` must be importable by name (a module-level function); ``shared`` is
    pickled once per worker.
    """
    if workers <= 1:
        for batch in work:
            yield function(batch, shared)
        return
    import multiprocessing  # only with workers: a hook's single process does not pay for it
    from concurrent.futures import ProcessPoolExecutor

    method = start_method()
    work = iter(work)
    warm: list[R] = []
    if method == "fork":
        # The first batch runs here, before the workers are forked: the tables and
        # patterns it loads (language models, word lists, compiled checks) are then
        # loaded once for all workers instead of once in each.
        first = next(work, None)
        if first is None:
            return
        warm.append(function(first, shared))
        if start_method() != method:  # the first batch started a thread
            method = "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_receive, initargs=(shared,)
    ) as pool:
        results = in_order(
            lambda b: pool.submit(_call, function, _pack(b)), work, max(2, 4 * workers)
        )
        yield from warm
        yield from results


def start_method() -> str:
    """``fork`` on Linux when this process runs no thread but its main one
    (ProcessPoolExecutor forks all its workers before it starts its own threads),
    else ``spawn`` (macOS's system libraries are not safe to fork either)."""
    import sys
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def default_workers() -> int:
    """One worker per processor this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _receive(shared: Any) -> None:
    global _SHARED
    _SHARED = shared


def _pack(batch: list[T]) -> bytes:
    """A batch pickled here, so that the worker chooses how to unpickle it."""
    import pickle

    return pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(blob: bytes) -> Any:
    """A batch unpickled with the cyclic garbage collector paused: unpickling a batch
    of documents makes tens of thousands of objects that all survive, and the
    collections they would set off (three quarters of the unpickling time, none of
    them finding garbage) are skipped. A batch is bounded, so memory is too."""
    import pickle

    from audit.gcpause import no_cycle_collection

    with no_cycle_collection():
        return pickle.loads(blob)


def _call(function: Callable[[list[T], Any], R], blob: bytes) -> R:
    return function(_unpack(blob), _SHARED)
