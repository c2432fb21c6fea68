"""Which checks run: ``select`` / ``ignore`` selectors (codes, code prefixes, names,
dotted name prefixes) against a list of checks.

Kept apart from the registry and the configuration so that inline suppressions,
configuration files and the command line match selectors one way, without loading
anything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from audit.errors import ConfigError

if TYPE_CHECKING:
    from audit.engine.check import Check


def split_selectors(values: Iterable[str]) -> list[str]:
    """``["N001,C", "names"]`` -> ``["N001", "C", "names"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _matches(selector: str, check: Check) -> bool:
    return selector_matches(selector, check.code, check.name)


def selector_matches(selector: str, code: str, name: str) -> bool:
    """True when ``selector`` (a code, code prefix, name or dotted name prefix) picks
    the check with this code and name. Also used by inline suppressions."""
    if selector.upper() == code or (
        selector[:1].isalpha() and selector.isalnum() and code.startswith(selector.upper())
    ):
        return True
    return name == selector or name.startswith(selector + ".")


def select_checks(
    checks: Sequence[Check], select: Sequence[str], ignore: Sequence[str]
) -> tuple[Check, ...]:
    """Filter ``checks`` by code, code prefix (``N``, ``N00``), name or dotted prefix."""
    select = split_selectors(select)
    ignore = split_selectors(ignore)
    for selector in (*select, *ignore):
        if not any(_matches(selector, c) for c in checks):
            raise ConfigError(f"unknown check {selector!r}; `audit rules` lists them")
    chosen = [c for c in checks if not select or any(_matches(s, c) for s in select)]
    return tuple(c for c in chosen if not any(_matches(s, c) for s in ignore))
