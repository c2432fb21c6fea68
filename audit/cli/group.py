"""The ``audit`` click group: every command, loaded when it runs.

Built when first asked for (``audit.cli.main``), not when audit.cli is imported: a
hook's `audit check FILE` is parsed without click (audit/cli/fast.py)."""

from __future__ import annotations

import sys
from typing import Any

import click

from audit.cli.failure import fail, prepare_streams
from audit.version import __version__


class _Group(click.Group):
    """Turns :class:`AuditError` into one line on stderr and exit status 2 (any other
    exception too, as a bug to report, naming the file being processed; set
    ``AUDIT_TRACEBACK=1`` to see its traceback: audit/cli/failure.py), and loads
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
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: usage errors (exit 2), --help, Ctrl-C
        except Exception as exc:  # AuditError, a closed pipe, a bug: never a traceback
            fail(exc)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="audit")
def main() -> None:
    """Audit machine-translated text: names, terms, artifacts and consistency."""
    prepare_streams()


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
