"""A hook's `audit check` starts with the cycle collector off (audit/gcpause.py) and
turns it back on, start-up objects frozen, once the first documents are audited;
worker processes forked meanwhile collect as usual."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SEED

_PROBE = (
    "import gc, os, sys\n"
    "sys.argv = ['audit', *{args!r}]\n"
    "import audit.cli, audit.run\n"
    "seen = []\n"
    "stream = audit.run.stream_paths\n"
    "def probe(*a, **k):\n"
    "    seen.append(gc.isenabled())\n"
    "    return stream(*a, **k)\n"
    "audit.run.stream_paths = probe\n"
    "import audit.cli.check_run as check_run\n"
    "check_run.stream_paths = probe\n"
    "def report(code):\n"
    "    sys.stderr.write('GC=%r %r %r' % (seen, gc.isenabled(), gc.get_freeze_count() > 0))\n"
    "    os._exit(0)\n"
    "audit.cli._exit = report\n"
    "audit.cli.run()\n"
)


def _probe(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(args=list(args))],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.stdout.count("\n") > 3, done.stderr  # it ran
    return done.stderr.rpartition("GC=")[2]


def test_the_hook_starts_without_the_collector_and_ends_with_it() -> None:
    # off while starting, on again (with start-up objects frozen) once documents are audited
    assert _probe("check", SEED, "--format", "jsonl") == "[False] True True"


def test_a_command_line_for_click_keeps_the_collector() -> None:
    # --config goes to click: nothing paused, nothing frozen
    assert _probe("check", SEED, "--config", "pyproject.toml") == "[True] True False"


def test_pause_and_resume(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import gc, os\n"
        "from audit.gcpause import pause_collection, resume_collection, paused\n"
        "resume_collection()\n"  # nothing paused: nothing done
        "assert gc.isenabled() and gc.get_freeze_count() == 0 and not paused()\n"
        "pause_collection()\n"
        "assert not gc.isenabled() and paused()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"  # a worker forked meanwhile collects at once
        "    os._exit(0 if gc.isenabled() else 3)\n"
        "assert os.waitpid(pid, 0)[1] == 0\n"
        "assert not gc.isenabled()\n"  # the parent still starting
        "resume_collection()\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 0 and not paused()\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout == "ok\n", done.stderr
