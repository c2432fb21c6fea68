"""``audit baseline create|prune``: record the findings a project accepts for now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from audit.baseline import DEFAULT_FILE, Baseline
from audit.cli.options import progress_option, run_options, settings_options
from audit.exclusion import walk
from audit.fix import write_atomic
from audit.progress import progress_enabled
from audit.run import Runner, RunResult, audit_paths


@click.group()
def baseline() -> None:
    """Accept today's findings so that `audit check --baseline FILE` fails only on new ones.

    Entries are keyed on content (path, check, the flagged words and their
    neighbours), not line numbers: moving text around keeps them matched.
    """


def _common(f: Callable[..., Any]) -> Callable[..., Any]:
    """The arguments and options that `create` and `prune` share (those of `audit check`)."""
    f = click.option(
        "--baseline",
        "baseline_path",
        type=click.Path(dir_okay=False),
        default=DEFAULT_FILE,
        show_default=True,
        help="The baseline file.",
    )(f)
    f = progress_option(f)
    f = settings_options(f)
    return click.argument("paths", nargs=-1, required=True, metavar="PATH...")(f)


def _audit(paths: tuple[str, ...], no_progress: bool, **kw: Any) -> RunResult:
    runner = Runner(run_options(**kw))
    return audit_paths(
        runner, walk(paths, runner), show_progress=progress_enabled(no_progress=no_progress)
    )


@baseline.command("create")
@_common
def create(paths: tuple[str, ...], baseline_path: str, no_progress: bool, **kw: Any) -> None:
    """Write every current finding in PATH... to the baseline file (replacing it)."""
    new = Baseline.from_findings(_audit(paths, no_progress, **kw).findings, baseline_path)
    write_atomic(baseline_path, new.dumps().encode("utf-8"))
    click.echo(
        f"Wrote {len(new.entries)} finding{'s' if len(new.entries) != 1 else ''} to {baseline_path}."
    )


@baseline.command("prune")
@_common
def prune(paths: tuple[str, ...], baseline_path: str, no_progress: bool, **kw: Any) -> None:
    """Remove the entries of PATH... that no longer match a finding (never adds any)."""
    known = Baseline.load(baseline_path)
    result = _audit(paths, no_progress, **kw)
    _, resolved = known.filter(result.findings, [item.name for item in result.files])
    kept = known.without(resolved)
    if resolved:
        write_atomic(baseline_path, kept.dumps().encode("utf-8"))
    click.echo(
        f"Removed {len(resolved)} resolved entr{'ies' if len(resolved) != 1 else 'y'}; "
        f"{len(kept.entries)} remain in {baseline_path}."
    )
