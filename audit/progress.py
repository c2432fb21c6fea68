"""Progress bars: only for a person watching a terminal.

Off when standard error is not a terminal, under pre-commit (``PRE_COMMIT``), in CI
(``CI``), with ``--no-progress``, and for a single document. rich is imported only
when a bar is actually shown, so hooks and pipes never pay for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO


def progress_enabled(
    *,
    no_progress: bool = False,
    stream: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Whether to draw a progress bar on ``stream`` (standard error by default)."""
    env = os.environ if environ is None else environ
    stream = sys.stderr if stream is None else stream
    if no_progress or env.get("PRE_COMMIT") or _truthy(env.get("CI")):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _truthy(value: str | None) -> bool:
    return value is not None and value.strip().lower() not in ("", "0", "false", "no")


@contextmanager
def progress(total: int | None, label: str, *, enabled: bool) -> Iterator[Callable[..., None]]:
    """Yield ``advance(n=1)``, to call as items are done; draws a bar only when enabled.

    ``total`` None: the count is not known in advance (a stream of documents).
    """
    if not enabled or (total is not None and total < 2):
        yield lambda n=1: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    clock = TimeRemainingColumn() if total is not None else TimeElapsedColumn()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        clock,
        transient=True,
        console=_console(),
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)
