"""JSON Lines: one finding per line, the same keys as in JSON; nothing else.

For streaming into log pipelines and data frames; the summary is left out so every
line has the same shape (use ``--format json`` for it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from audit.reporters import Report


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    for f in report.findings:
        yield json.dumps(f.to_dict(), ensure_ascii=False) + "\n"
