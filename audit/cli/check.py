"""``audit check``: audit files and report findings."""

from __future__ import annotations

import sys

import click

from audit.cli.options import SEVERITIES, glossary_options, input_options, selection_options
from audit.config import AuditConfig
from audit.engine import audit_document, exceeds
from audit.errors import ConfigError
from audit.formats import read_path
from audit.reporters import FORMATS, Report, render


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@glossary_options
@selection_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="major", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the fail level.")
@input_options
def check(paths: tuple[str, ...], glossaries: tuple[str, ...], no_default_glossaries: bool,
          select: tuple[str, ...], ignore: tuple[str, ...], fmt: str, fail_on: str, exit_zero: bool,
          target_lang: str, source_lang: str | None, source: str | None, fields: dict[str, str],
          encoding: str | None, errors: str) -> None:
    """Audit PATH... (`-` reads standard input) and print the findings.

    Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on bad input.
    """
    config = AuditConfig.create(
        glossaries=glossaries,
        default_glossaries=not no_default_glossaries,
        select=select,
        ignore=ignore,
        fail_on=fail_on,
    )
    if source is not None and len(paths) != 1:
        raise ConfigError("--source pairs one source file with one PATH")
    documents = [
        doc
        for path in paths
        for doc in read_path(path, encoding=encoding, errors=errors, target_lang=target_lang,
                             source_lang=source_lang, source=source, fields=fields)
    ]
    findings = [f for doc in documents for f in audit_document(doc, config)]
    findings.sort(key=lambda f: f.sort_key())
    failed = exceeds(findings, config.fail_on)
    click.echo(render(Report(findings, len(documents), config.fail_on, failed), fmt), nl=False)
    sys.exit(1 if failed and not exit_zero else 0)
