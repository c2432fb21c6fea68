"""Pausing Python's cycle collector while large acyclic structures are built.

Building a large glossary (its entries, key tables and name index) allocates millions
of small objects that form no reference cycles. Every few thousand allocations the
cycle collector runs, and its older generations walk every live object, so the more
has been built, the longer each pass: a cold load of 40,000 entries spent two thirds
of its time collecting nothing. Objects are still freed by their reference counts, so
memory is unaffected; collection resumes when the block ends.
"""

from __future__ import annotations

import contextlib
import gc
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
