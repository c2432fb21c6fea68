"""How worker processes start: forked after the first batch has warmed the parent, or
spawned where forking is unsafe, with results in order either way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from audit.parallel import batches, ordered_map, start_method

needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="workers are forked on Linux only"
)


def _where(batch: list[int], shared: int) -> tuple[int, list[int]]:
    return os.getpid(), [n * shared for n in batch]


# Run in a fresh interpreter: threads that other tests leave behind would (rightly)
# make this process spawn its workers.
_WARM_UP = """
import json, os
from audit.parallel import batches, ordered_map, start_method

def where(batch, shared):
    return os.getpid(), [n * shared for n in batch]

if __name__ == "__main__":
    assert start_method() == "fork", start_method()
    results = list(ordered_map(where, batches(range(40), 3), 10, workers=2))
    print(json.dumps([os.getpid(), [pid for pid, _ in results], [r for _, b in results for r in b]]))
"""


@needs_fork
def test_first_batch_runs_in_the_parent_and_the_rest_in_forked_workers_in_order() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WARM_UP], capture_output=True, text=True, check=True
    )
    parent, pids, values = json.loads(done.stdout)
    assert values == [n * 10 for n in range(40)]
    assert pids[0] == parent  # the warm-up batch
    assert parent not in pids[1:]  # every other batch went to a worker


@needs_fork
def test_fork_only_while_no_other_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        thread.join()
    if threading.active_count() == 1:  # no thread left behind by other tests
        assert start_method() == "fork"


def test_results_keep_their_order_however_workers_start() -> None:
    results = list(ordered_map(_where, batches(range(40), 3), 10, workers=2))
    assert [r for _, batch in results for r in batch] == [n * 10 for n in range(40)]


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
