"""How worker processes start: forked after the first batch has warmed the parent, or
spawned where forking is unsafe, with results in order either way."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from audit.parallel import batches, ordered_map, start_method

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)


def _where(batch: list[int], shared: int) -> tuple[int, list[int]]:
    return os.getpid(), [n * shared for n in batch]


@needs_fork
def test_first_batch_runs_in_the_parent_and_the_rest_in_workers_in_order() -> None:
    results = list(ordered_map(_where, batches(range(40), 3), 10, workers=2))
    assert [r for _, batch in results for r in batch] == [n * 10 for n in range(40)]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid()  # the warm-up batch
    assert os.getpid() not in pids[1:]  # every other batch went to a worker


@needs_fork
def test_fork_only_while_no_other_thread_runs() -> None:
    assert start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


def test_no_work_gives_no_results() -> None:
    assert list(ordered_map(_where, batches([], 3), 1, workers=2)) == []


def test_batches_travel_pickled_and_the_collector_is_left_as_found() -> None:
    import gc

    from audit.parallel import _pack, _unpack

    batch = [{"text": "ä" * 3, "spans": [(0, 1), (1, 3)]}, None, 7]
    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            assert _unpack(_pack(batch)) == batch
            assert gc.isenabled() is state
    finally:
        (gc.enable if was else gc.disable)()
