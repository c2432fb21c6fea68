"""What every `audit` command does with an error, without importing click: the click
group (audit/cli/group.py) and a hook's `audit check` parsed without click
(audit/cli/fast.py) both end through :func:`fail`."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

from audit.cli.echo import echo
from audit.errors import AuditError, UnexpectedError, current_file


def prepare_streams() -> None:
    """Text that Python holds but cannot encode (a lone surrogate from a JSON escape,
    a file name's undecodable bytes) is printed escaped, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def fail(exc: Exception) -> NoReturn:
    """Called while ``exc`` is handled: :class:`AuditError` as one line on stderr and
    its exit status (2); a closed pipe (`audit check ... | head`) exits 1 quietly; any
    other exception is a bug to report, one line naming the file being processed and
    exit status 2 (``AUDIT_TRACEBACK=1`` re-raises it to show its traceback)."""
    from audit.reporters.escape import visible  # control characters shown, not sent

    if isinstance(exc, AuditError):
        echo(f"audit: error: {visible(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    if isinstance(exc, BrokenPipeError):
        sys.stderr.close()
        sys.exit(1)
    error = UnexpectedError.wrap(exc, current_file())
    echo(f"audit: error: {visible(str(error))}", err=True)
    if os.environ.get("AUDIT_TRACEBACK"):
        raise exc
    sys.exit(error.exit_code)
