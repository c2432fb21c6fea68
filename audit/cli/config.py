"""``audit config show``: the effective settings for a file and where each came from."""

from __future__ import annotations

import json
from typing import Any

import click

from audit.cli.options import run_options, settings_options, severity_options
from audit.config.file import KEYS
from audit.formats import STDIN
from audit.run import Runner


@click.group()
def config() -> None:
    """Inspect configuration ([tool.audit] in pyproject.toml, or .audit.toml)."""


@config.command("show")
@click.argument("path", required=False, default=STDIN, metavar="[PATH]")
@settings_options
@severity_options
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def show(
    path: str, fail_on: str | None, min_severity: str | None, fmt: str, **settings: Any
) -> None:
    """Print the settings that apply to PATH (default: a file in the current
    directory), with the file and line each came from, after the command-line
    options given here (the same as `audit check` takes)."""
    resolved = Runner(run_options(fail_on=fail_on, min_severity=min_severity, **settings)).settings(
        path
    )
    if fmt == "json":
        data = {
            "path": None if path == STDIN else path,
            "config_file": resolved.config_file,
            "deprecated": list(resolved.deprecations),
            "settings": {
                k: {"value": _plain(resolved.value(k)), "origin": resolved.origin(k)} for k in KEYS
            },
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"# settings for {'standard input' if path == STDIN else path}")
    click.echo(f"# config file: {resolved.config_file or 'none found'}")
    rows = [(_row(k, resolved.value(k), resolved.origin(k)), resolved.origin(k)) for k in KEYS]
    width = max(len(r[0]) for r in rows)
    for text, origin in rows:
        click.echo(f"{text.ljust(width)}  # {origin}")
    for note in resolved.deprecations:
        click.echo(f"# deprecated: {note}")


def _row(key: str, value: Any, origin: str) -> str:
    if key == "target-lang" and origin == "default":
        # Nobody declared it: each file's own, else found from each document's text
        # (audit/formats/language.py), else this value.
        return (
            f"# target-lang not declared: the file's, else found from the text, else {_toml(value)}"
        )
    return f"{key} = {_toml(value)}" if value is not None else f"# {key} not set"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _toml(value: Any) -> str:
    """A TOML rendering of a setting value (inline tables for tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    items = ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items())
    return "{" + items + "}" if items else "{}"


def _key(key: str) -> str:
    return (
        key
        if key.replace("-", "").replace("_", "").isalnum() and key.isascii()
        else json.dumps(key)
    )
