"""The ``audit`` command line. Commands live in one module each; logic lives in the library.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 usage or input errors (one line on standard error, never a traceback).
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.cli.group import main as main


def __getattr__(name: str) -> Any:
    # The click group, built when first asked for: `audit check FILE` as a hook runs
    # it is parsed without click (audit/cli/fast.py).
    if name == "main":
        from audit.cli.group import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def console() -> None:
    """What ``python -m audit`` runs: `audit check` with the usual options parsed
    without click when it can be (audit/cli/fast.py), else the click group."""
    from audit.cli.fast import run_check_fast

    if not run_check_fast(sys.argv[1:]):
        from audit.cli.group import main

        main()


def run() -> None:
    """The ``audit`` console script: :func:`console`, then the process ends without
    tearing the interpreter down (``python -m audit`` runs :func:`console` alone, as
    tests that inspect the process afterwards expect).

    Freeing every module, class and table one by one at exit took about a tenth of a
    hook's time (benchmarks/hook_startup.py). Nothing needs it once the output is
    flushed, unless something registered exit handlers or started threads (a worker
    pool, a server): then the interpreter exits as usual. Tests call :func:`main`."""
    try:
        console()
        code: str | int | None = 0
    except SystemExit as exc:
        code = exc.code
    _exit(code)


def _exit(code: str | int | None) -> None:
    if code is None:
        code = 0
    threading = sys.modules.get("threading")
    callbacks = getattr(atexit, "_ncallbacks", None)
    if (
        not isinstance(code, int)
        or callbacks is None
        or callbacks() != 0
        or (threading is not None and threading.active_count() > 1)
    ):
        sys.exit(code)  # the usual exit: handlers run, threads are joined
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`audit check ... | head`)
            code = code or 1
    os._exit(code)
