"""``audit check``: audit files and report findings."""

from __future__ import annotations

import sys
from typing import Any

import click

from audit.cli.options import SEVERITIES, glossary_options, input_options, read_inputs, selection_options
from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document, exceeds
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
    documents = read_inputs(paths, target_lang=target_lang, source_lang=source_lang, source=source, fields=fields,
                            encoding=encoding, errors=errors)
    findings = [f for doc in documents for f in audit_document(doc, config)]
    findings.sort(key=lambda f: f.sort_key())
    failed = exceeds(findings, config.fail_on)
    scores = _round_trip_scores(documents, config)
    click.echo(render(Report(findings, len(documents), config.fail_on, failed, scores=scores), fmt), nl=False)
    sys.exit(1 if failed and not exit_zero else 0)


def _round_trip_scores(documents: list[Document], config: AuditConfig) -> list[dict[str, Any]]:
    """Document scores for documents with a back-translation, in R001's metrics (chrF by default)."""
    if not any(d.source and d.back_translation for d in documents):
        return []
    from audit.scoring import score_documents

    metrics = tuple(config.options.get("R001", {}).get("thresholds") or ("chrf",))
    return [d.to_dict(segments=False) for d in score_documents(documents, metrics).documents]
