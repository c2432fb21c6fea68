"""``audit check``'s work once its arguments are parsed, without click: the click
command (audit/cli/check.py) and a hook's `audit check FILE` parsed without click
(audit/cli/fast.py) both call :func:`run_check`."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import chain
from typing import IO, Any

from audit.cli.echo import echo
from audit.cli.run_args import check_source, run_options
from audit.errors import ConfigError
from audit.exclusion import walk
from audit.findings import Finding
from audit.formats import must_read
from audit.progress import progress_enabled
from audit.reporters import Report, render_chunks
from audit.reporters.escape import visible
from audit.run import (
    Runner,
    fail_levels,
    merge_levels,
    reaches_fail_level,
    shown_stream,
    stream_paths,
)

COLORS = ("auto", "always", "never")  # --color


def run_check(
    paths: tuple[str, ...],
    fmt: str | None,
    fail_on: str | None,
    min_severity: str | None,
    exit_zero: bool,
    baseline_path: str | None,
    statistics: bool,
    output_file: str | None,
    quiet: bool,
    color: str | None,
    no_progress: bool,
    jobs: int,
    **settings: Any,
) -> None:
    """Audit ``paths`` and print the findings (the options of `audit check`, by the
    names of its parameters); ends with :func:`sys.exit` and the exit status."""
    if statistics and fmt not in (None, "text", "json"):
        raise ConfigError("--statistics prints text or JSON (--format text or json)")
    runner = Runner(run_options(fail_on=fail_on, min_severity=min_severity, **settings))
    named = must_read(paths)  # text files named directly: unreadable is an error
    not_walked: list[str] = []  # links out of a folder, FIFOs, devices: skipped
    # folders: the files of known formats inside them, less those excluded
    paths = tuple(walk(paths, runner, not_walked.append))
    check_source(paths, settings["source"])
    to_terminal = output_file is None and sys.stdout.isatty()
    fmt = fmt or ("grouped" if to_terminal and not statistics else "text")
    run = stream_paths(
        runner,
        paths,
        show_progress=progress_enabled(no_progress=no_progress or quiet),
        keep_text=fmt == "grouped",
        scores=True,
        jobs=jobs,
        keep_going=len(paths) > 1,  # one bad file among many: report it, audit the rest
        must_read=named,
    )
    run.skipped[:0] = not_walked
    warned = [0, 0]  # skipped files and errors already printed

    def warn() -> None:
        """Warnings and errors as they come (a file is read when its turn comes)."""
        if not quiet:
            for reason in run.skipped[warned[0] :]:
                echo(f"audit: warning: {visible(reason)}", err=True)
        for error in run.errors[warned[1] :]:
            echo(f"audit: error: {visible(error)}", err=True)
        warned[:] = [len(run.skipped), len(run.errors)]

    levels = fail_levels(run.files)  # grows as files finish; a file's findings come after
    baseline_match = None
    if baseline_path is not None:
        from audit.baseline import Baseline

        baseline_match = Baseline.load(baseline_path).matcher()
    report = Report([], 0, fail_levels=levels, quiet=quiet)

    def findings() -> Iterator[Finding]:
        """The findings reported, as the run gives them; the report's totals, once
        they are all given."""
        done = 0
        given: Iterator[Finding] = shown_stream(run.files, run.findings)
        if baseline_match is not None:
            given = baseline_match.new(given)
        for f in given:
            if len(run.files) != done:  # files finished since: their levels
                merge_levels(levels, fail_levels(run.files[done:]))
                done = len(run.files)
                report.fail_on = run.files[0].config.fail_on
            warn()
            if not report.failed and reaches_fail_level(f, levels):
                report.failed = True
            yield f
        warn()
        merge_levels(levels, fail_levels(run.files[done:]))
        if run.errors and len(run.errors) == len(run.files):
            sys.exit(2)  # nothing could be read: no report
        report.documents = run.documents
        if run.files:
            report.fail_on = run.files[0].config.fail_on
        report.paths = tuple(item.name for item in run.files)
        report.scores = run.scores
        report.notes = (
            [f"Skipped: {reason}" for reason in run.skipped]
            + [f"Not audited: {error}" for error in run.errors]
            + run.notes
        )
        if baseline_match is not None and baseline_path is not None:
            from audit.baseline import BaselineResult

            resolved = baseline_match.resolved(report.paths)
            report.baseline = BaselineResult(baseline_path, baseline_match.matched, len(resolved))

    given = findings()
    first = next(given, None)  # a run that reads no file at all exits here, before any output
    report.findings = report.counted(given if first is None else chain([first], given))
    report.target_texts = run.target_texts
    chunks = _statistics(report, fmt) if statistics else render_chunks(report, fmt)
    with _output(output_file) as out:
        pending: list[str] = []  # written in pieces of about a megabyte: output never held whole
        size = 0
        for chunk in chunks:
            pending.append(chunk)
            size += len(chunk)
            if size >= 1 << 20:
                echo("".join(pending), file=out, nl=False, color=use_color(color))
                pending, size = [], 0
        echo("".join(pending), file=out, nl=False, color=use_color(color))
    sys.exit(2 if run.errors else 1 if report.failed and not exit_zero else 0)


def use_color(choice: str | None, environ: Mapping[str, str] = os.environ) -> bool | None:
    """True or False to force color on or off, None to leave it to the output (on for
    a terminal). ``--color`` wins; then ``NO_COLOR`` (off) and ``FORCE_COLOR`` (on),
    each counted when set to anything but the empty string."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return None


@contextmanager
def _output(path: str | None) -> Iterator[IO[str] | None]:
    """Standard output (None), or ``path`` opened for writing (one-line error, exit 2)."""
    if path is None:
        yield None
        return
    try:
        f = open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise ConfigError(f"cannot write the output file: {exc.strerror}", path=path) from None
    with f:
        yield f


def _statistics(report: Report, fmt: str) -> Iterator[str]:
    """Findings per check, most frequent first (ruff's --statistics)."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for f in report.findings:  # one pass: counts, and the first finding of each check
        counts[f.code] += 1
        first.setdefault(f.code, f)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        data = [
            {"code": code, "name": first[code].name, "count": n, "fixable": first[code].fixable}
            for code, n in rows
        ]
        yield json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return
    width = len(str(rows[0][1])) if rows else 1
    for code, n in rows:
        fix = "  [fix]" if first[code].fixable else ""
        yield f"{n:>{width}}  {code}  {first[code].name}{fix}\n"
    if not report.quiet:
        from audit.reporters.text import summary_line

        yield summary_line(report) + "\n"
