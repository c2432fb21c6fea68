"""Starting `audit serve` as a real process on a free loopback port, for the API and
browser tests (tests/test_serve_api.py, tests/test_serve_page.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[1]


def serve_extra_or_skip() -> None:
    for module in ("fastapi", "uvicorn", "httpx", "multipart"):
        pytest.importorskip(module, reason="the serve extra: pip install -e '.[serve,test]'")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(args: Sequence[str], cwd: Path | None) -> tuple[subprocess.Popen[bytes], str, IO[bytes]]:
    """Start the server and wait until /healthz answers; raise with its output if it exits."""
    import httpx

    port = free_port()
    log = tempfile.TemporaryFile()  # not a pipe: a chatty server never blocks on it
    process = subprocess.Popen(
        [sys.executable, "-m", "audit", "serve", "--port", str(port), *args],
        cwd=cwd or ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode("utf-8", "replace")
            log.close()
            raise RuntimeError(f"audit serve exited {process.returncode}: {output}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url, log
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            _stop(process, log)
            raise RuntimeError("audit serve did not start within 60 s")
        time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@contextmanager
def running_server(args: Sequence[str] = (), *, cwd: Path | None = None) -> Iterator[str]:
    """``python -m audit serve ARGS`` on a free port; yields its base URL and stops it.
    A port taken by someone else between choosing and binding it means another try."""
    for attempt in range(3):
        try:
            process, url, log = _start(args, cwd)
            break
        except RuntimeError as exc:
            if "address already in use" not in str(exc).lower() or attempt == 2:
                raise
    try:
        yield url
    finally:
        _stop(process, log)
