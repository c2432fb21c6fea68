"""The cycle collector off while a hook's `audit check` starts.

Starting `audit check` imports some two hundred modules and builds their classes,
patterns and tables: hundreds of thousands of objects, none of them garbage, which
the cycle collector walks again and again as they pile up (about 5% of a hook's CPU
time, benchmarks/hook_startup.py). The command line parsed without click
(audit/cli/fast.py) turns the collector off with :func:`pause_collection`;
:func:`resume_collection` (called by :func:`audit.run.stream_paths` once the first
documents are audited, when every check has been imported) moves what exists then to
the permanent generation (:func:`gc.freeze`: never walked again) and turns it back on,
so a long run collects as usual. A worker process forked meanwhile resumes at once.
Objects are freed by their reference counts all along.
"""

from __future__ import annotations

import gc
import os

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
