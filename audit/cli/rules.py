"""``audit rules``: list every check with its summary, severity and examples, or
explain one (``audit rules N001``), as ``ruff rule`` does."""

from __future__ import annotations

import json
from typing import Any

import click

from audit.checks import ALL_CHECKS
from audit.engine.check import Check
from audit.errors import ConfigError


@click.command()
@click.argument("codes", nargs=-1, metavar="[CODE]...")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def rules(codes: tuple[str, ...], fmt: str) -> None:
    """List every check: code, name, default severity, category, summary and examples.

    With CODE (a code such as N001, or a name such as names.non-canonical-variant),
    explain that check in full: its description, examples and options.
    """
    chosen = [_lookup(code) for code in codes] if codes else list(ALL_CHECKS)
    if fmt == "json":
        data = [_as_dict(c) for c in chosen]
        click.echo(json.dumps(data[0] if len(codes) == 1 else data, ensure_ascii=False, indent=2))
        return
    for c in chosen:
        if codes:
            click.echo(_explain(c))
            continue
        click.echo(
            f"{c.code}  {c.name}  [{c.severity.value}, {c.category.value}{', fixable' if c.fixable else ''}]"
        )
        click.echo(f"      {c.summary}")
        click.echo(f"      bad:  {c.bad}")
        click.echo(f"      good: {c.good}")
        if c.options:
            options = ", ".join(f"{k} = {v!r}" for k, v in c.options.items())
            click.echo(f"      options ([options.{c.code}] in the config file): {options}")
        click.echo()


def _lookup(code: str) -> Check:
    """The check a code or name stands for (codes in any case); exit 2 otherwise."""
    for c in ALL_CHECKS:
        if code.upper() == c.code or code == c.name:
            return c
    raise ConfigError(f"unknown check {code!r}; `audit rules` lists them")


def _as_dict(c: Check) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "severity": c.severity.value,
        "category": c.category.value,
        "summary": c.summary,
        "description": c.description,
        "bad": c.bad,
        "good": c.good,
        "fixable": c.fixable,
        "options": dict(c.options),
    }


def _explain(c: Check) -> str:
    """One check's full help: what `audit rules` lists, plus the whole description and
    how to select, ignore, re-grade and configure it."""
    lines = [
        f"{c.code}: {c.name}",
        "",
        f"Severity: {c.severity.value} (MQM category: {c.category.value})",
        "Fix: "
        + (
            "safe; `audit fix` applies it"
            if c.fixable
            else "none applied automatically (suggestions only; `audit fix --unsafe-fixes` "
            "applies those it has)"
        ),
        "",
        c.description or c.summary,
        "",
        "Example:",
        f"  bad:  {c.bad}",
        f"  good: {c.good}",
        "",
    ]
    if c.options:
        lines.append(
            f"Options ([options.{c.code}] in .audit.toml or [tool.audit.options.{c.code}]):"
        )
        lines.extend(f"  {k} = {_toml(v)}" for k, v in c.options.items())
    else:
        lines.append("Options: none")
    lines += [
        "",
        f"Select it with `--select {c.code}`, skip it with `--ignore {c.code}`, re-grade it with",
        f'`[severity] {c.code} = "minor"`, silence one place with `audit: ignore[{c.code}]`.',
    ]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return repr(value)
