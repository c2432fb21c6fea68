"""MQM-style quality score: weighted error points per 1,000 words.

Every finding costs points by its severity (defaults follow the MQM scoring model's
usual weights: minor 1, major 5, critical 25, info 0). A document's score is its points
per 1,000 words of target text; a group's score is the sum of its points per 1,000 of
its words, so long articles weigh more than short ones. Lower is better; 0 is clean.

This sits beside :mod:`audit.findings` (whose severities it weighs), below every run
pipeline, so that the one worker-settings type (:mod:`audit.worker`) can carry the
weights to the workers of ``audit check`` and ``audit report`` alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.document import WORD
from audit.errors import ConfigError
from audit.findings import Severity


@dataclass(frozen=True)
class Weights:
    """Error points per finding, by severity."""

    info: float = 0.0
    minor: float = 1.0
    major: float = 5.0
    critical: float = 25.0

    def of(self, severity: Severity | str) -> float:
        return float(getattr(self, Severity(severity).value))

    @classmethod
    def parse(cls, spec: str) -> Weights:
        """``"minor=1,major=5,critical=25"``; severities left out keep their default."""
        values: dict[str, float] = {}
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            name, sep, number = part.partition("=")
            name = name.strip().lower()
            if not sep or name not in {s.value for s in Severity}:
                raise ConfigError(
                    f"--weights: expected SEVERITY=POINTS pairs such as major=5, got {part!r}"
                )
            try:
                values[name] = float(number)
            except ValueError:
                raise ConfigError(
                    f"--weights: {number.strip()!r} is not a number (in {part!r})"
                ) from None
            if values[name] < 0:
                raise ConfigError(f"--weights: points cannot be negative (in {part!r})")
        return cls(**values)

    def describe(self) -> str:
        return ", ".join(f"{s.value} {self.of(s):g}" for s in Severity)


def word_count(text: str) -> int:
    """Words as runs of letters and digits: the unit of the per-1,000-words score."""
    return sum(1 for _ in WORD.finditer(text))


def per_thousand(points: float, words: int) -> float:
    """Points per 1,000 words; 0 for an empty text (nothing to score)."""
    return round(points * 1000.0 / words, 4) if words else 0.0
