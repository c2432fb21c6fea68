"""Markdown: a summary for a pull-request or merge-request comment.

Counts by severity, then one collapsible table per file. Cell text is escaped so
that flagged markup (an HTML comment, a tag, a Markdown image or link) shows as text
instead of rendering in the page (``audit.reporters.escape.markdown_text``); long reports stop after ``MAX_ROWS`` rows and say how many were left out.
"""

from __future__ import annotations

from collections import Counter

from audit.findings import Finding
from audit.reporters import Report
from audit.reporters.escape import html_text, markdown_text, visible
from audit.reporters.text import baseline_line, summary_line

MAX_ROWS = 300


def render(report: Report) -> str:
    # One pass: the counts per file, and the rows shown (at most MAX_ROWS findings).
    per_path: Counter[str] = Counter()
    rows: list[Finding] = []
    for f in report.findings:
        per_path[f.path] += 1
        if len(rows) < MAX_ROWS:
            rows.append(f)
    total = report.tally.total
    out = [f"### audit: {summary_line(report)}", ""]
    if total:
        out += ["| severity | findings |", "|---|---:|"]
        out += [f"| {sev} | {n} |" for sev, n in report.counts().items()]
        out.append("")
    level = report.fail_on.value
    out.append(
        f"**Failed**: findings at or above {level}."
        if report.failed
        else f"**Passed**: no finding at or above {level}."
    )
    if report.baseline is not None:
        out.append(baseline_line(report))
    out += [markdown_text(note) for note in report.notes]
    out.append("")
    shown = 0
    for path in report.all_paths(per_path):
        count = per_path[path]
        if not count:
            continue
        out += [
            "<details>",
            f"<summary><code>{html_text(path)}</code>: {count} finding"
            f"{'s' if count != 1 else ''}</summary>",
            "",
        ]
        out += ["| where | code | severity | message | suggestion |", "|---|---|---|---|---|"]
        for f in rows[shown:]:
            if f.path != path:
                break
            where = (
                f"{f.line}:{f.column}"
                if f.document in ("", f.path)
                else f"{_escape(f.document)} {f.line}:{f.column}"
            )
            suggestion = (
                ""
                if f.suggestion is None
                else (f"`{_code(f.suggestion)}`" if f.suggestion else "remove")
            )
            if suggestion and f.fixable:
                suggestion += " (auto-fix)"
            out.append(
                f"| {where} | {f.code} | {f.severity.value} | {_escape(f.message)} | {suggestion} |"
            )
            shown += 1
        out += ["", "</details>", ""]
    if shown < total:
        out += [
            f"_{total - shown} more findings not shown; see the full report._",
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def _escape(text: str) -> str:
    return markdown_text(text)


def _code(text: str) -> str:
    return visible(" ".join(text.split())).replace("`", "'").replace("|", "\\|")
