"""The ``audit`` command line. Commands live in one module each; logic lives in the library.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 usage or input errors (one line on standard error, never a traceback).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from audit import __version__
from audit.errors import AuditError


class _Group(click.Group):
    """Turns :class:`AuditError` into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AuditError as exc:
            click.echo(f"audit: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `audit check ... | head`
            sys.stderr.close()
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="audit")
def main() -> None:
    """Audit machine-translated text: names, terms, artifacts and consistency."""


def _register() -> None:
    from audit.cli import backtranslate, check, glossary, names, report, rules, score

    main.add_command(check.check)
    main.add_command(rules.rules)
    main.add_command(glossary.glossary)
    main.add_command(names.names)
    main.add_command(backtranslate.backtranslate)
    main.add_command(score.score)
    main.add_command(report.report)


_register()
