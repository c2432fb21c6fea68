"""The ``audit`` command line. Commands live in one module each; logic lives in the library.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 usage or input errors (one line on standard error, never a traceback).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import Any

import click

from audit.errors import AuditError, UnexpectedError, current_file
from audit.version import __version__


class _Group(click.Group):
    """Turns :class:`AuditError` into one line on stderr and exit status 2 (any other
    exception too, as a bug to report, naming the file being processed; set
    ``AUDIT_TRACEBACK=1`` to see its traceback), and loads
    each command's module only when that command runs (``lazy``: name -> "module:attr"),
    so a hook running `audit check` never imports the other commands."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy:
            module, attr = self.lazy[name].split(":")
            __import__(module)  # not importlib: `python -X importtime` shows what it imports
            self.add_command(getattr(sys.modules[module], attr), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AuditError as exc:
            from audit.reporters.escape import visible  # control characters shown, not sent

            click.echo(f"audit: error: {visible(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `audit check ... | head`
            sys.stderr.close()
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: usage errors (exit 2), --help, Ctrl-C
        except Exception as exc:  # a bug: one line and exit 2, never a traceback or exit 1
            error = UnexpectedError.wrap(exc, current_file())
            from audit.reporters.escape import visible

            click.echo(f"audit: error: {visible(str(error))}", err=True)
            if os.environ.get("AUDIT_TRACEBACK"):
                raise
            sys.exit(error.exit_code)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="audit")
def main() -> None:
    """Audit machine-translated text: names, terms, artifacts and consistency."""
    for stream in (sys.stdout, sys.stderr):
        # Text that Python holds but cannot encode (a lone surrogate from a JSON escape,
        # a file name's undecodable bytes) is printed escaped, never a crash.
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def run() -> None:
    """The ``audit`` console script: :func:`main`, then the process ends without
    tearing the interpreter down (``python -m audit`` runs :func:`main` alone, as tests
    that inspect the process afterwards expect).

    Freeing every module, class and table one by one at exit took about a tenth of a
    hook's time (benchmarks/hook_startup.py). Nothing needs it once the output is
    flushed, unless something registered exit handlers or started threads (a worker
    pool, a server): then the interpreter exits as usual. Tests call :func:`main`."""
    try:
        main()
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


def _register() -> None:
    main.lazy.update(
        {
            "check": "audit.cli.check:check",
            "fix": "audit.cli.fix:fix",
            "baseline": "audit.cli.baseline:baseline",
            "config": "audit.cli.config:config",
            "rules": "audit.cli.rules:rules",
            "glossary": "audit.cli.glossary:glossary",
            "backtranslate": "audit.cli.backtranslate:backtranslate",
            "score": "audit.cli.score:score",
            "names": "audit.cli.names:names",
            "report": "audit.cli.report:report",
            "serve": "audit.cli.serve:serve",
        }
    )


_register()
