"""``audit report``: audit a corpus and write tables, an HTML report and a Markdown summary."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import Any

import click

from audit.cli.options import jobs_option, progress_option, run_options, settings_options
from audit.corpus.dates import Periods, option_day
from audit.corpus.engines import ENGINES, EngineOptions
from audit.corpus.report import GROUPINGS, ReportOptions, build_report
from audit.errors import ConfigError
from audit.mqm import Weights
from audit.run import Runner


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--since",
    metavar="DATE",
    help="First day reported (YYYY-MM-DD). Enables the previous-period comparison.",
)
@click.option(
    "--until", metavar="DATE", help="Last day reported (default: today when --since is given)."
)
@click.option(
    "--by",
    "by",
    multiple=True,
    type=click.Choice(GROUPINGS),
    help="Compare groups of documents by this field; repeatable.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Run on local processes or on a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address (default: start a local cluster).",
)
@jobs_option(
    "Worker processes (default, or 0: one per processor; with --scheduler the cluster decides)."
)
@click.option("--workers", type=click.IntRange(min=1), default=None, hidden=True)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Documents sent to a worker at a time.",
)
@click.option(
    "--chunk-rows",
    type=click.IntRange(min=1),
    default=5000,
    show_default=True,
    help="Rows buffered before a chunk is written to the tables.",
)
@click.option(
    "--weights",
    default="",
    metavar="SPEC",
    help="MQM error points by severity, e.g. 'minor=1,major=5,critical=25' (the defaults; info=0).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Entities and documents listed in the report.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder to write the tables and reports to (created if missing).",
)
@progress_option
@settings_options
def report(
    paths: tuple[str, ...],
    since: str | None,
    until: str | None,
    by: tuple[str, ...],
    engine: str,
    scheduler: str | None,
    jobs: int | None,
    workers: int | None,
    batch_size: int,
    chunk_rows: int,
    weights: str,
    top: int,
    output: str,
    no_progress: bool,
    **settings: Any,
) -> None:
    """Audit every document in PATH... (files, folders, JSON Lines exports) and write a report to -o DIR.

    Documents are dated by their metadata (JSON Lines `date`), else by file modification
    time. With --since, the period of the same length just before it is audited too and
    compared, overall and per --by group.

    Each file is audited with its own settings, as `audit check` would audit it (the
    nearest .audit.toml or pyproject.toml [tool.audit], then the options given here).
    """
    if settings["source"] is not None:
        raise ConfigError(
            "--source pairs one file with one source; a corpus carries its sources inside "
            "(JSON Lines `source`, XLIFF, PO, TMX, CSV/TSV pairs)"
        )
    if workers is not None:  # the old name of --jobs
        click.echo(
            "audit: warning: --workers is spelled --jobs now (the old spelling still works)",
            err=True,
        )
        jobs = jobs or workers
    first = option_day(since, "--since")
    last = option_day(until, "--until")
    if first is not None and last is None:
        last = max(dt.date.today(), first)
    runner = Runner(run_options(**settings))
    options = ReportOptions(
        periods=Periods.create(first, last),
        by=tuple(dict.fromkeys(by)),
        engine=EngineOptions(
            engine=engine,
            jobs=jobs or os.cpu_count() or 1,
            scheduler=scheduler,
            batch_size=batch_size,
        ),
        weights=Weights.parse(weights),
        chunk_rows=chunk_rows,
        top=top,
        show_progress=not no_progress,
    )
    result = build_report(paths, None, output, options, runner=runner)
    cur = result.headline["current"]
    click.echo(
        f"{cur['documents']} documents, {cur['findings']} findings, "
        f"{cur['points_per_1k_words']:.2f} error points per 1,000 words "
        f"({options.periods.current.label(cur['first_date'], cur['last_date'])})."
    )
    click.echo(
        f"Wrote {result.directory / 'report.html'}, {result.directory / 'summary.md'} and tables "
        f"(findings, documents, spellings, ...) in {result.directory}.",
        file=sys.stdout,
    )
