"""Markdown: a summary for a pull-request or merge-request comment.

Counts by severity, then one collapsible table per file. Cell text is escaped so
that flagged markup (an HTML comment, a tag) shows as text instead of vanishing into
the page; long reports stop after ``MAX_ROWS`` rows and say how many were left out.
"""

from __future__ import annotations

from audit.reporters import Report
from audit.reporters.text import extra_lines, summary_line

MAX_ROWS = 300


def render(report: Report) -> str:
    out = [f"### audit: {summary_line(report)}", ""]
    if report.findings:
        out += ["| severity | findings |", "|---|---:|"]
        out += [f"| {sev} | {n} |" for sev, n in report.counts().items()]
        out.append("")
    level = report.fail_on.value
    out.append(
        f"**Failed**: findings at or above {level}."
        if report.failed
        else f"**Passed**: no finding at or above {level}."
    )
    out += [f"{line}" for line in extra_lines(report)]
    out.append("")
    shown = 0
    for path in report.all_paths():
        findings = [f for f in report.findings if f.path == path]
        if not findings:
            continue
        out += [
            "<details>",
            f"<summary><code>{_escape(path)}</code>: {len(findings)} finding"
            f"{'s' if len(findings) != 1 else ''}</summary>",
            "",
        ]
        out += ["| where | code | severity | message | suggestion |", "|---|---|---|---|---|"]
        for f in findings:
            if shown == MAX_ROWS:
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
    if shown < len(report.findings):
        out += [
            f"_{len(report.findings) - shown} more findings not shown; see the full report._",
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def _escape(text: str) -> str:
    text = " ".join(text.split())
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(a, b)
    return text


def _code(text: str) -> str:
    return " ".join(text.split()).replace("`", "'").replace("|", "\\|")
