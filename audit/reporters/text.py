"""Concise text: ``path:line:col: CODE message``, one finding per line, then a summary.

File names and messages (which quote the document) are shown with control characters
escaped (``audit.reporters.escape.visible``): they are printed to a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from audit.reporters import Report
from audit.reporters.escape import visible


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    for f in report.findings:
        yield f"{visible(f.path)}:{f.line}:{f.column}: {f.code} {visible(f.message)}\n"
    if report.quiet:
        return
    for s in report.scores:
        yield score_line(s) + "\n"
    yield summary_line(report) + "\n"
    for line in extra_lines(report):
        yield line + "\n"


def score_line(scores: dict[str, Any]) -> str:
    """``path: document: round-trip chrF2 54.32 over 12 segments [signature]``, one per metric."""
    n = scores["segments"]
    parts = "; ".join(
        f"{s['metric']} {s['score']:.2f} [{s['signature']}]" for s in scores["scores"].values()
    )
    return f"{visible(scores['path'])}: {visible(scores['document'])}: round-trip {parts} over {n} segment{'s' if n != 1 else ''}"


def summary_line(report: Report) -> str:
    n = report.tally.total
    docs = f"{report.documents} document{'s' if report.documents != 1 else ''}"
    if not n:
        return f"No findings in {docs}."
    parts = ", ".join(f"{count} {sev}" for sev, count in report.counts().items() if count)
    return f"Found {n} finding{'s' if n != 1 else ''} ({parts}) in {docs}."


def extra_lines(report: Report) -> list[str]:
    """The baseline comparison and any notes, one line each."""
    lines = []
    if report.baseline is not None:
        lines.append(baseline_line(report))
    lines.extend(report.notes)
    return [visible(line) for line in lines]


def baseline_line(report: Report) -> str:
    b = report.baseline
    assert b is not None
    line = f"Baseline {b.file}: {b.matched} known finding{'s' if b.matched != 1 else ''} not shown"
    if b.resolved:
        line += f"; {b.resolved} resolved since (remove them with `audit baseline prune`)"
    return line + "."
