"""JSON: an object with a ``findings`` list and a ``summary``; keys are a stable interface.

A ``scores`` list (round-trip scores per document) is added only when some document
carries a back-translation.
"""

from __future__ import annotations

import json
from typing import Any

from audit.reporters import Report


def render(report: Report) -> str:
    summary: dict[str, Any] = {
        "documents": report.documents,
        "findings": len(report.findings),
        "by_severity": report.counts(),
        "fail_on": report.fail_on.value,
        "failed": report.failed,
    }
    if report.baseline is not None:
        summary["baseline"] = {
            "file": report.baseline.file,
            "matched": report.baseline.matched,
            "resolved": report.baseline.resolved,
        }
    if report.notes:
        summary["notes"] = list(report.notes)
    data = {"findings": [f.to_dict() for f in report.findings], "summary": summary}
    if report.scores:
        data["scores"] = report.scores
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
