"""``audit check``: audit files and report findings."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from audit.cli.options import SEVERITIES, check_source, run_options, settings_options
from audit.formats import iter_files
from audit.progress import progress_enabled
from audit.reporters import FORMATS, Report, render_chunks
from audit.reporters.escape import visible
from audit.run import Runner, audit_paths, failed


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@settings_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: grouped on a terminal, text otherwise].",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: major, or the config file's].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the fail level.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Report and fail only on findings not in this baseline file (see `audit baseline`).",
)
@click.option(
    "--no-progress",
    is_flag=True,
    help="No progress bar (it is shown only on a terminal, never in CI).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes; 0: one per processor when the input is over 4 MB, else none. "
    "Output is the same whatever the number.",
)
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    fail_on: str | None,
    exit_zero: bool,
    baseline_path: str | None,
    no_progress: bool,
    jobs: int,
    **settings: Any,
) -> None:
    """Audit PATH... (`-` reads standard input) and print the findings.

    Settings come from the nearest .audit.toml or pyproject.toml [tool.audit]
    (`audit config show` prints them); options given here override them.

    Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on bad input.
    """
    paths = tuple(iter_files(paths))  # folders: the files of known formats inside them
    check_source(paths, settings["source"])
    runner = Runner(run_options(fail_on=fail_on, **settings))
    fmt = fmt or ("grouped" if sys.stdout.isatty() else "text")
    result = audit_paths(
        runner,
        paths,
        show_progress=progress_enabled(no_progress=no_progress),
        keep_text=fmt == "grouped",
        scores=True,
        jobs=jobs,
    )
    for reason in result.skipped:
        click.echo(f"audit: warning: {visible(reason)}", err=True)
    findings = result.findings
    baseline = None
    if baseline_path is not None:
        from audit.baseline import Baseline, BaselineResult

        known = Baseline.load(baseline_path)
        new, resolved = known.filter(findings, [item.name for item in result.files])
        baseline = BaselineResult(baseline_path, len(findings) - len(new), len(resolved))
        findings = new
    is_failed = failed(result.files, findings)
    report = Report(
        findings,
        result.documents,
        result.files[0].config.fail_on,
        is_failed,
        sources=result.sources,
        baseline=baseline,
        paths=tuple(item.name for item in result.files),
        scores=result.scores,
        notes=[f"Skipped: {reason}" for reason in result.skipped] + result.notes,
    )
    color = False if os.environ.get("NO_COLOR") else None
    pending: list[str] = []  # written in pieces of about a megabyte: output never held whole
    size = 0
    for chunk in render_chunks(report, fmt):
        pending.append(chunk)
        size += len(chunk)
        if size >= 1 << 20:
            click.echo("".join(pending), nl=False, color=color)
            pending, size = [], 0
    click.echo("".join(pending), nl=False, color=color)
    sys.exit(1 if is_failed and not exit_zero else 0)
