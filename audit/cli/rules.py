"""``audit rules``: list every check with its summary, severity and examples."""

from __future__ import annotations

import json

import click

from audit.checks import ALL_CHECKS


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def rules(fmt: str) -> None:
    """List every check: code, name, default severity, category, summary and examples."""
    if fmt == "json":
        data = [
            {
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
            for c in ALL_CHECKS
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for c in ALL_CHECKS:
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
