"""Progress bars: a terminal only; never under pre-commit, in CI or when turned off."""

from __future__ import annotations

import io
import subprocess
import sys

from audit.progress import progress, progress_enabled
from tests.conftest import ROOT, SEED


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_hooks_and_ci():
    tty = _Tty()
    assert progress_enabled(stream=tty, environ={})
    assert not progress_enabled(stream=io.StringIO(), environ={})
    assert not progress_enabled(stream=tty, environ={"PRE_COMMIT": "1"})
    assert not progress_enabled(stream=tty, environ={"CI": "true"})
    assert progress_enabled(stream=tty, environ={"CI": "false"})
    assert not progress_enabled(stream=tty, environ={}, no_progress=True)


def test_a_disabled_bar_is_a_no_op():
    with progress(10, "x", enabled=False) as tick:
        tick()


def test_check_in_a_pipe_never_imports_rich():
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['audit', 'check', {SEED!r}, '{SEED}']\n"
        "try:\n    runpy.run_module('audit', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('RICH=' + str('rich' in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stderr.endswith("RICH=False")
