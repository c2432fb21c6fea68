"""Output formats: one module per format, each a ``render(report) -> str`` function.

Output is deterministic: findings arrive sorted by path and position, and every
reporter keeps that order. ``Report.findings`` may be a one-pass iterator (``audit
check`` gives findings while it audits): a reporter reads it once, and reads the
counts (``Report.tally``) and the run's totals (documents, notes, failed) only after
it, so memory does not follow the number of findings. To add a format, add a module with ``render`` and list it
in ``_MODULES``; give it a golden test on the seed (tests/test_reporters.py).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audit.findings import Finding, Severity

if TYPE_CHECKING:
    from audit.baseline import BaselineResult
    from audit.textstore import QuotableText


@dataclass
class Tally:
    """Counts of the findings read so far: what summaries need, without the findings."""

    total: int = 0
    fixable: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)

    def add(self, finding: Finding) -> None:
        self.total += 1
        self.fixable += finding.fixable
        self.by_severity[finding.severity] += 1


@dataclass
class Report:
    """The outcome of a run, as reporters see it.

    ``findings`` is a list, or an iterator read once; in that case the fields after it
    may be filled in by the time it is exhausted (``audit check`` does so), and
    reporters read them, and ``tally``, only then.
    """

    findings: Iterable[Finding]
    documents: int
    fail_on: Severity = Severity.MAJOR
    failed: bool = False
    notes: list[str] = field(default_factory=list)
    # Round-trip scores of documents that carry a back-translation (DocumentScores.to_dict).
    scores: list[dict[str, Any]] = field(default_factory=list)
    # Target text per (path, document id), for views that quote the flagged line.
    # (str, or read back from disk for a long run: audit.textstore)
    target_texts: Mapping[tuple[str, str], QuotableText] = field(default_factory=dict)
    baseline: BaselineResult | None = None
    paths: tuple[str, ...] = ()  # every file checked, with or without findings
    # Fail level per file name or document id, where a configuration file sets its own
    # (audit.run.fail_levels); ``fail_on`` elsewhere.
    fail_levels: Mapping[str, Severity] = field(default_factory=dict)
    quiet: bool = False  # findings only: no summary, notes or scores (--quiet)
    tally: Tally = field(default_factory=Tally, init=False)

    def __post_init__(self) -> None:
        if isinstance(self.findings, list):
            for f in self.findings:
                self.tally.add(f)
        else:
            self.findings = self.counted(self.findings)

    def counted(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """``findings``, counted in ``tally`` as they are read."""
        for f in findings:
            self.tally.add(f)
            yield f

    def fails(self, finding: Finding) -> bool:
        """True when ``finding`` reaches the fail level of its file: the findings that
        make the run exit 1 (JUnit reports only these as failures)."""
        level = self.fail_levels.get(
            finding.path, self.fail_levels.get(finding.document, self.fail_on)
        )
        return finding.severity.rank >= level.rank

    def all_paths(self, with_findings: Iterable[str] = ()) -> list[str]:
        """Every file checked (or, without ``paths``, every file with findings: those
        given in ``with_findings``), sorted."""
        return sorted({*self.paths, *with_findings})

    def counts(self) -> dict[str, int]:
        """Findings per severity, most severe first, zeros included (of the findings
        read: all of them once ``findings`` is exhausted)."""
        c = self.tally.by_severity
        return {s.value: c.get(s, 0) for s in sorted(Severity, key=lambda s: -s.rank)}


def group_by_path(report: Report) -> dict[str, list[Finding]]:
    """The findings of each path, in report order: one pass, for reporters that
    write a section per file (holds every finding: for small reports)."""
    out: dict[str, list[Finding]] = {}
    for f in report.findings:
        out.setdefault(f.path, []).append(f)
    return out


Renderer = Callable[[Report], str]

# format name -> module under audit/reporters/ (imported only when used)
_MODULES = {
    "text": "text",
    "grouped": "grouped",
    "json": "json_format",
    "jsonl": "jsonl",
    "csv": "csv_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
}
FORMATS = tuple(_MODULES)


def _module(fmt: str) -> Any:
    name = f"audit.reporters.{_MODULES[fmt]}"
    __import__(name)  # not importlib: `python -X importtime` shows what it imports
    return sys.modules[name]


def render(report: Report, fmt: str) -> str:
    module = _module(fmt)
    renderer: Renderer = module.render
    return renderer(report)


def render_chunks(report: Report, fmt: str) -> Iterator[str]:
    """The output of :func:`render` in pieces, so that a run with many findings never
    holds its whole output: formats written a line at a time define ``chunks``."""
    module = _module(fmt)
    chunks: Callable[[Report], Iterator[str]] | None = getattr(module, "chunks", None)
    if chunks is None:
        yield module.render(report)
    else:
        yield from chunks(report)


__all__ = ["FORMATS", "Report", "group_by_path", "render", "render_chunks"]
