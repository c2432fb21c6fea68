"""Pausing Python's cycle collector while large acyclic structures are built.

Building a large glossary (its entries, key tables and name index) allocates millions
of small objects that form no reference cycles. Every few thousand allocations the
cycle collector runs, and its older generations walk every live object, so the more
has been built, the longer each pass: a cold load of 40,000 entries spent two thirds
of its time collecting nothing. Objects are still freed by their reference counts, so
memory is unaffected; collection resumes when the block ends
(:func:`no_cycle_collection`, also a decorator).

A hook's start-up is the same case over a span that is not one block: starting
`audit check` imports some two hundred modules and builds their classes, patterns and
tables, hundreds of thousands of objects, none of them garbage (the collector walking
them was about 5% of a hook's CPU time, benchmarks/hook_startup.py). The command line
parsed without click (audit/cli/fast.py) turns the collector off with
:func:`pause_collection`; :func:`resume_collection` (called by
:func:`audit.run.stream_paths` once the first documents are audited, when every check
has been imported) moves what exists then to the permanent generation
(:func:`gc.freeze`: never walked again) and turns it back on, so a long run collects
as usual. A worker process forked meanwhile resumes at once.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Run the block with the cycle collector off (restored afterwards, also when nested)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_paused = False


def pause_collection() -> None:
    """Turn the cycle collector off until :func:`resume_collection`."""
    global _paused
    if gc.isenabled() and not _paused:
        gc.disable()
        _paused = True
        os.register_at_fork(after_in_child=resume_collection)


def resume_collection() -> None:
    """Freeze what exists and turn the collector back on, if :func:`pause_collection`
    turned it off (else nothing)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def paused() -> bool:
    return _paused
