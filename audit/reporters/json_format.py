"""JSON: an object with a ``findings`` list and a ``summary``; keys are a stable interface."""

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
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
