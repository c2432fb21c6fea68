"""Options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from audit.findings import Severity

SEVERITIES = [s.value for s in Severity]


def glossary_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--no-default-glossaries",
        is_flag=True,
        help="Do not load the bundled glossaries.",
    )(f)
    f = click.option(
        "--glossary",
        "-g",
        "glossaries",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Glossary file (YAML, CSV or TSV); repeatable. Added to the bundled ones.",
    )(f)
    return f


def selection_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--ignore", multiple=True, metavar="CODES", help="Checks to skip (same forms as --select).")(f)
    f = click.option(
        "--select",
        multiple=True,
        metavar="CODES",
        help="Only these checks: codes (N001), prefixes (N), names or dotted prefixes (names). Comma-separated or repeated.",
    )(f)
    return f
