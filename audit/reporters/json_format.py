"""JSON: an object with a ``findings`` list and a ``summary``; keys are a stable interface.

A ``scores`` list (round-trip scores per document) is added only when some document
carries a back-translation.
"""

from __future__ import annotations

import json

from audit.reporters import Report


def render(report: Report) -> str:
    data = {
        "findings": [f.to_dict() for f in report.findings],
        "summary": {
            "documents": report.documents,
            "findings": len(report.findings),
            "by_severity": report.counts(),
            "fail_on": report.fail_on.value,
            "failed": report.failed,
        },
    }
    if report.scores:
        data["scores"] = report.scores
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
