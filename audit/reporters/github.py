"""GitHub Actions workflow commands: each finding becomes an annotation on the diff.

``::error file=…,line=…,col=…::message`` (major and critical), ``::warning``
(minor) and ``::notice`` (info), escaped as the runner expects; a summary line last.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.findings import Finding, Severity
from audit.reporters import Report
from audit.reporters.escape import visible
from audit.reporters.text import extra_lines, summary_line

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "notice",
}


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    for f in report.findings:
        yield _annotation(f) + "\n"
    yield summary_line(report) + "\n"
    for line in extra_lines(report):
        yield line + "\n"


def _annotation(f: Finding) -> str:
    props = {"file": visible(f.path, keep="\r\n"), "line": str(f.line), "col": str(f.column)}
    if f.end_line == f.line:
        props["endColumn"] = str(f.end_column)
    else:
        props["endLine"] = str(f.end_line)
    props["title"] = f"{f.code} {f.name}"
    message = visible(f.message, keep="\r\n")  # line breaks become %0A below
    rendered = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items())
    return f"::{COMMANDS[f.severity]} {rendered}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
