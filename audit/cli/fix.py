"""``audit fix``: show the safe fixes as a diff, or apply them with --write."""

from __future__ import annotations

import sys
from typing import Any

import click

from audit.cli.options import check_source, run_options, settings_options
from audit.errors import BinaryInputError, ConfigError
from audit.fix import fix_file, write_atomic
from audit.formats import STDIN, iter_files
from audit.formats.decode import encoding_of
from audit.reporters.escape import visible
from audit.run import Runner


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--write",
    is_flag=True,
    help="Apply the fixes to the files (standard input: print the fixed text).",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply suggestions that need a person's judgement (consistency choices, removals).",
)
@settings_options
def fix(paths: tuple[str, ...], write: bool, unsafe_fixes: bool, **settings: Any) -> None:
    """Fix what is safe to fix in PATH...: glossary spellings and forms, and other
    checks marked fixable in `audit rules`.

    Without --write, prints the changes as a unified diff and exits 1 when there are
    any (0 when there are none). With --write, rewrites each file atomically,
    keeping its encoding, line endings and permissions; text outside the flagged
    spans and inside suppressed regions is never changed. Running it twice changes
    nothing the second time.
    """
    paths = tuple(iter_files(paths))  # folders: the files of known formats inside them
    check_source(paths, settings["source"])
    if settings["errors"] != "strict":
        raise ConfigError(
            "--errors replace would write the replacement characters back; fix the encoding first"
        )
    runner = Runner(run_options(**settings))
    changed_files = applied = left = 0
    for path in paths:
        try:
            item = runner.load(path)
        except BinaryInputError as exc:
            click.echo(
                f"audit: warning: {visible(str(exc))}", err=True
            )  # an image among a hook's files
            continue
        result = fix_file(item.source, item.config, unsafe=unsafe_fixes)
        left += result.left
        if path == STDIN and write:
            click.echo(result.after, nl=False)
        if not result.changed:
            continue
        changed_files += 1
        applied += result.applied
        if not write:
            click.echo(result.diff(), nl=False)
        elif path != STDIN:
            codec, bom = encoding_of(item.source.data, settings["encoding"])
            write_atomic(path, bom + result.after.encode(codec), expected=item.source.data)
    click.echo(_summary(write, changed_files, applied, left, unsafe_fixes), err=True)
    sys.exit(1 if changed_files and not write else 0)


def _summary(write: bool, files: int, edits: int, left: int, unsafe: bool) -> str:
    if not files:
        line = "No fixes to apply."
    else:
        what = f"{edits} fix{'es' if edits != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        line = f"Applied {what}." if write else f"Would apply {what}; run with --write to apply."
    if left:
        more = "" if unsafe else " (some apply with --unsafe-fixes)"
        line += f" {left} suggestion{'s' if left != 1 else ''} left for a person{more}; see `audit check`."
    return line
