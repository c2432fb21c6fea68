"""``audit check``: audit files and report findings."""

from __future__ import annotations

from typing import Any

import click

from audit.cli.check_run import COLORS, run_check, use_color
from audit.cli.options import (
    jobs_option,
    progress_option,
    settings_options,
    severity_options,
)
from audit.reporters import FORMATS

__all__ = ["check", "use_color"]


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
@severity_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the fail level.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Report and fail only on findings not in this baseline file (see `audit baseline`).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings per check instead of the findings (text, or --format json).",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the output to this file instead of standard output.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print the findings and nothing else: no summary, notes, scores, warnings or progress.",
)
@click.option(
    "--color",
    type=click.Choice(COLORS),
    default=None,
    help="Color in grouped output [default: auto: on a terminal, unless NO_COLOR is set "
    "or FORCE_COLOR asks for it].",
)
@progress_option
@jobs_option(
    "Worker processes; 0: one per processor when the input is over 4 MB, else none.", default=0
)
def check(**params: Any) -> None:
    """Audit PATH... (`-` reads standard input) and print the findings.

    Settings come from the nearest .audit.toml or pyproject.toml [tool.audit]
    (`audit config show` prints them); options given here override them.

    Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on bad input.
    """
    # The parameters are run_check's (audit/cli/check_run.py), by name: one signature,
    # shared with the hook's parser (audit/cli/fast.py).
    run_check(**params)
