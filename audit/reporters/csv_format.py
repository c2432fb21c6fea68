"""CSV: one finding per row with a header, for spreadsheets (RFC 4180 quoting).

Control characters other than tab and line breaks are shown as escapes (``\\x1b``):
the output is often read in a terminal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from audit.reporters import Report
from audit.reporters.escape import visible

COLUMNS = (
    "path",
    "document",
    "segment",
    "side",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "code",
    "name",
    "severity",
    "category",
    "text",
    "suggestion",
    "fixable",
    "message",
    "fingerprint",
)


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in report.findings:
        row = f.to_dict()
        writer.writerow(["" if row.get(c) is None else _cell(row[c]) for c in COLUMNS])
        if buffer.tell() >= 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return visible(str(value), keep="\t\n\r")  # line breaks are data; CSV quotes them
