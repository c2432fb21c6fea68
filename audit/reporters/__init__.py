"""Output formats: one module per format, each a ``render(report) -> str`` function.

Output is deterministic: findings arrive sorted by path and position, and every
reporter keeps that order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from audit.findings import Finding, Severity


@dataclass(frozen=True)
class Report:
    """The outcome of a run, as reporters see it."""

    findings: list[Finding]
    documents: int
    fail_on: Severity = Severity.MAJOR
    failed: bool = False
    notes: list[str] = field(default_factory=list)
    # Round-trip scores of documents that carry a back-translation (DocumentScores.to_dict).
    scores: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Findings per severity, most severe first, zeros included."""
        c = Counter(f.severity for f in self.findings)
        return {s.value: c.get(s, 0) for s in sorted(Severity, key=lambda s: -s.rank)}


Renderer = Callable[[Report], str]


def _renderers() -> dict[str, Renderer]:
    from audit.reporters import json_format, text

    return {"text": text.render, "json": json_format.render}


FORMATS = ("text", "json")


def render(report: Report, fmt: str) -> str:
    return _renderers()[fmt](report)


__all__ = ["FORMATS", "Report", "render"]
