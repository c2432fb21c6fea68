"""Timing a command as a separate process: wall and CPU time, peak memory, exit status.

Shared by the benchmarks that run ``audit`` (and the tools it is compared with) as
whole processes.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import NamedTuple


class Measured(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the workers it waited for
    peak_mib: float  # the largest resident set among them (Linux reports the maximum)
    status: int  # exit status


def measure(command: list[str], stdout: Path, cwd: Path | None = None) -> Measured:
    """Run ``command`` (in ``cwd``) with its output in ``stdout`` (standard error
    discarded)."""
    started = time.perf_counter()
    with stdout.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
    return Measured(
        time.perf_counter() - started,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
    )
