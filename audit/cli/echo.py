"""``click.echo`` for text, without importing click: `audit check` run by a hook
writes its findings, warnings and errors through it (audit/cli/fast.py), and the
click commands do too, so both write the same bytes.

It does what click.echo does with a string on a text stream: a newline unless
``nl=False``, ANSI styles removed unless ``color`` asks for them or (``color`` None)
the stream is a terminal, then a flush. click also re-wraps a standard stream whose
encoding is ASCII: :func:`plain_streams` says when the standard streams need no
such help, and the hook's path falls back to click otherwise.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
from typing import IO, Any

#: click's pattern of ANSI escape sequences (click/_compat.py, ``_ansi_re``).
_ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")


def echo(
    message: str = "",
    file: IO[str] | None = None,
    nl: bool = True,
    err: bool = False,
    color: bool | None = None,
) -> None:
    """Write ``message`` as ``click.echo(message, file, nl, err, color)`` does: with
    click.echo itself once click is imported (a click command, whose test runner may
    decide on colors), else with :func:`plain_echo`."""
    click = sys.modules.get("click")
    if click is not None:
        click.echo(message, file=file, nl=nl, err=err, color=color)
    else:
        plain_echo(message, file, nl, err, color)


def plain_echo(
    message: str = "",
    file: IO[str] | None = None,
    nl: bool = True,
    err: bool = False,
    color: bool | None = None,
) -> None:
    """click.echo's work for a string, without click."""
    if file is None:
        file = sys.stderr if err else sys.stdout
        if file is None:
            return
    out = message + "\n" if nl else message
    if not out:
        file.flush()
        return
    if _strip(file, color):
        out = _ANSI.sub("", out)
    file.write(out)
    file.flush()


def _strip(stream: IO[Any], color: bool | None) -> bool:
    if color is not None:
        return not color
    if hasattr(stream, "color"):  # click's pager strips the styles itself
        return False
    try:
        tty = stream.isatty()
    except Exception:  # click's isatty: a stream that cannot say is no terminal
        tty = False
    return not tty and not stream.__class__.__module__.startswith("ipykernel.")


def plain_streams() -> bool:
    """Standard output and error are text streams that click would use as they are
    (an encoding that is not ASCII), so :func:`echo` writes what click.echo would."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not isinstance(stream, io.TextIOBase) or not isinstance(encoding, str):
            return False
        try:
            if codecs.lookup(encoding).name == "ascii":
                return False
        except LookupError:
            return False
    return True
