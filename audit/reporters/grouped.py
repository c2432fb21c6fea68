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

from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from audit.findings import Finding
from audit.reporters import Report
from audit.reporters.escape import visible
from audit.reporters.text import extra_lines, summary_line

if TYPE_CHECKING:
    from audit.spool import Spool

_COLORS = {"critical": "red", "major": "red", "minor": "yellow", "info": "blue"}
_CONTEXT = 40


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """One file's section at a time: its findings (on disk past a bound) are counted
    and measured before they are written under the file's name."""
    from audit.spool import Spool

    group = Spool()
    path: str | None = None
    width = 0
    for f in report.findings:
        if f.path != path:
            if path is not None:
                yield from _section(report, path, group, width)
            group.close()
            path, width = f.path, 0
        group.add(f)
        width = max(width, len(f"{f.line}:{f.column}"))
    if path is not None:
        yield from _section(report, path, group, width)
        group.close()
    if report.quiet:
        return
    out = [click.style(summary_line(report), bold=True)]
    fixable = report.tally.fixable
    if fixable:
        out.append(
            f"{fixable} marked [fix] can be fixed with `audit fix` (a diff; --write applies it)."
        )
    out.extend(extra_lines(report))
    yield "\n".join(out) + "\n"


def _section(report: Report, path: str, findings: Spool, width: int) -> Iterator[str]:
    yield click.style(visible(path), bold=True, underline=True) + f"  ({len(findings)})\n"
    for f in findings:
        yield "".join(line + "\n" for line in _finding(report, f, width))
    yield "\n"


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
    # Line breaks are looked for only as far as the context shown reaches (one more
    # character tells whether the line goes on): a long text with few breaks would
    # otherwise be scanned to its ends for every finding.
    low = max(0, f.start - _CONTEXT - 1)
    line_start = max(text.rfind("\n", low, f.start), text.rfind("\r", low, f.start)) + 1
    end = f.end
    for brk in ("\n", "\r"):
        i = text.find(brk, f.start, f.end)
        if i >= 0:
            end = min(end, i)
    line_end = min(len(text), end + _CONTEXT + 1)
    for brk in ("\n", "\r"):
        i = text.find(brk, end, line_end)
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
