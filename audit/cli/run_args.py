"""Command-line values as run options, without click: `audit check` run by a hook
parses its arguments without it (audit/cli/fast.py), and the click commands call the
same functions (audit/cli/options.py re-exports them)."""

from __future__ import annotations

from collections.abc import Sequence

from audit.config.settings import Overrides
from audit.errors import ConfigError
from audit.run import RunOptions


def run_options(
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    fail_on: str | None = None,
    glossaries: tuple[str, ...] = (),
    no_default_glossaries: bool = False,
    target_lang: str | None = None,
    source_lang: str | None = None,
    source: str | None = None,
    fields: dict[str, str] | None = None,
    config_file: str | None = None,
    isolated: bool = False,
    encoding: str | None = None,
    errors: str = "strict",
    extend_select: tuple[str, ...] = (),
    extend_ignore: tuple[str, ...] = (),
    min_severity: str | None = None,
    exclude: tuple[str, ...] = (),
    extend_exclude: tuple[str, ...] = (),
    no_respect_gitignore: bool = False,
    stdin_filename: str | None = None,
) -> RunOptions:
    """Command-line values as run options; options not given leave the config file's."""
    overrides = Overrides(
        select=tuple(select),
        ignore=tuple(ignore),
        fail_on=fail_on,
        glossaries=tuple(glossaries),
        default_glossaries=False if no_default_glossaries else None,
        target_lang=target_lang,
        source_lang=source_lang,
        extend_select=tuple(extend_select),
        extend_ignore=tuple(extend_ignore),
        min_severity=min_severity,
        exclude=tuple(split_patterns(exclude)),
        extend_exclude=tuple(split_patterns(extend_exclude)),
        respect_gitignore=False if no_respect_gitignore else None,
    )
    return RunOptions(
        overrides,
        config_file=config_file,
        isolated=isolated,
        encoding=encoding,
        errors=errors,
        source=source,
        fields=dict(fields or {}),
        stdin_filename=stdin_filename,
    )


def split_patterns(values: Sequence[str]) -> list[str]:
    """``("drafts,old", "*.bak")`` -> ``["drafts", "old", "*.bak"]``: comma-separated or
    repeated, as --select takes codes."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def check_source(paths: Sequence[str], source: str | None) -> None:
    """--source pairs one source file with one target file."""
    if source is not None and len(paths) != 1:
        raise ConfigError("--source pairs one source file with one PATH")
