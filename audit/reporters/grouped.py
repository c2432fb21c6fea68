"""Grouped, for people at a terminal: findings under their file, each with the
flagged line quoted and underlined, severities in color.

The command line picks this view when standard output is a terminal and no
``--format`` is given. Styles are ANSI codes from click; ``click.echo`` removes them
when the output is not a terminal or ``NO_COLOR`` is set, which leaves plain text.
Names, messages and quoted text have their own control characters shown as escapes
(``\\x1b``) first: click removes only the styles it knows, not a title-setting
sequence from a document.
"""

from __future__ import annotations

from itertools import groupby

import click

from audit.findings import Finding
from audit.reporters import Report
from audit.reporters.escape import visible
from audit.reporters.text import extra_lines, summary_line

_COLORS = {"critical": "red", "major": "red", "minor": "yellow", "info": "blue"}
_CONTEXT = 40


def render(report: Report) -> str:
    out: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        findings = list(group)
        out.append(click.style(visible(path), bold=True, underline=True) + f"  ({len(findings)})")
        width = max(len(f"{f.line}:{f.column}") for f in findings)
        for f in findings:
            out.extend(_finding(report, f, width))
        out.append("")
    if report.quiet:
        return "\n".join(out) + "\n" if out else ""
    fixable = sum(1 for f in report.findings if f.fixable)
    out.append(click.style(summary_line(report), bold=True))
    if fixable:
        out.append(
            f"{fixable} marked [fix] can be fixed with `audit fix` (a diff; --write applies it)."
        )
    out.extend(extra_lines(report))
    return "\n".join(out) + "\n"


def _finding(report: Report, f: Finding, width: int) -> list[str]:
    where = f"{f.line}:{f.column}".rjust(width)
    sev = click.style(f"{f.severity.value:<8}", fg=_COLORS[f.severity.value])
    head = f"  {where}  {sev} {click.style(f.code, bold=True)}  {visible(f.message)}"
    if f.fixable:
        head += "  " + click.style("[fix]", fg="green")
    lines = [head]
    quote = _quote(report, f)
    if quote:
        indent = " " * (width + 4)
        before, flagged, after = quote
        lines.append(
            f"{indent}{click.style('|', dim=True)} {before}{click.style(flagged, fg='red', bold=True)}{after}"
        )
        lines.append(
            f"{indent}{click.style('|', dim=True)} {' ' * len(before)}{'^' * max(1, len(flagged))}"
        )
    return lines


def _quote(report: Report, f: Finding) -> tuple[str, str, str] | None:
    """The flagged span with some context from its line, or None without the text."""
    text = report.target_texts.get((f.path, f.document)) if f.side == "target" else None
    if text is None:
        return None
    line_start = max(text.rfind("\n", 0, f.start), text.rfind("\r", 0, f.start)) + 1
    end = f.end
    for brk in ("\n", "\r"):
        i = text.find(brk, f.start, f.end)
        if i >= 0:
            end = min(end, i)
    line_end = len(text)
    for brk in ("\n", "\r"):
        i = text.find(brk, end)
        if i >= 0:
            line_end = min(line_end, i)
    start = max(line_start, f.start - _CONTEXT)
    stop = min(line_end, end + _CONTEXT)
    before = ("…" if start > line_start else "") + text[start : f.start]
    after = text[end:stop] + ("…" if stop < line_end else "")
    return (
        visible(before.replace("\t", " ")),
        visible(text[f.start : end].replace("\t", " ")),
        visible(after.replace("\t", " ")),
    )
