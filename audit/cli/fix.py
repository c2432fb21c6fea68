"""``audit fix``: show the safe fixes as a diff, or apply them with --write."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from audit.cli.options import check_source, run_options, settings_options
from audit.errors import BinaryInputError, ConfigError, InputError
from audit.exclusion import walk
from audit.fix import fix_file, write_atomic
from audit.fix.atomic import check_writable, remove_leftovers
from audit.formats import STDIN, SourceFile, must_read
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
    runner = Runner(run_options(**settings))
    named = must_read(paths)  # text files named directly: unreadable is an error
    paths = tuple(walk(paths, runner))  # folders: the files of known formats inside them
    check_source(paths, settings["source"])
    if settings["errors"] != "strict":
        raise ConfigError(
            "--errors replace would write the replacement characters back; fix the encoding first"
        )
    changed_files = applied = left = 0
    failures = 0
    pending: list[tuple[str, bytes, bytes]] = []  # (path, new bytes, bytes read): written last
    for path in paths:
        try:
            item = runner.load(path)
            result = fix_file(item.source, item.config, unsafe=unsafe_fixes)
            data = _encoded(item.source, result.after, settings["encoding"]) if write else b""
        except BinaryInputError as exc:
            if path not in named:
                # an image among a hook's files
                click.echo(f"audit: warning: {visible(str(exc))}", err=True)
                continue
            click.echo(f"audit: error: {visible(str(exc))}", err=True)
            failures += 1
            continue
        except InputError as exc:  # report it, go on with the other files, exit 2 at the end
            click.echo(f"audit: error: {visible(str(exc))}", err=True)
            failures += 1
            continue
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
            pending.append((path, data, item.source.data))
    if write:  # temporary files of a write that was killed, each folder listed once
        remove_leftovers(path for path in paths if path != STDIN)
    unwritable = 0
    for path, _, _ in pending:  # permissions too, before the first write
        try:
            check_writable(path)
        except InputError as exc:
            click.echo(f"audit: error: {exc}", err=True)
            unwritable += 1
    failures += unwritable
    if failures:
        if len(pending) > unwritable:  # files that could have been written are held back
            click.echo(
                f"audit: error: nothing written: {failures} file{'s' if failures != 1 else ''} "
                "could not be fixed (see above); the others are written only when all can be",
                err=True,
            )
        if pending or not changed_files:
            sys.exit(2)
    for path, data, before in pending:  # every file read, fixed and encoded: now write
        try:
            if os.path.islink(path):
                click.echo(
                    f"audit: note: {path} is a symbolic link; "
                    f"writing the file it points to, {os.path.realpath(path)}",
                    err=True,
                )
            for warning in write_atomic(path, data, expected=before, clean=False):
                click.echo(f"audit: warning: {warning}", err=True)
        except InputError as exc:
            click.echo(f"audit: error: {exc}", err=True)
            failures += 1
            changed_files -= 1
    if not failures or changed_files:
        click.echo(_summary(write, changed_files, applied, left, unsafe_fixes), err=True)
    sys.exit(2 if failures else 1 if changed_files and not write else 0)


def _encoded(source: SourceFile, text: str, encoding: str | None) -> bytes:
    """The fixed text in the file's own encoding, byte order and byte-order mark; an
    error naming the first character that encoding cannot hold."""
    codec, bom = encoding_of(source.data, encoding)
    try:
        return bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        line = exc.object.count("\n", 0, exc.start) + 1
        raise InputError(
            f"a fix needs {char!r} (U+{ord(char):04X}), which {codec} cannot encode; not written",
            path=source.name,
            line=line,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {codec!r}", path=source.name) from None


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
