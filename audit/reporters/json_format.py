"""JSON: an object with a ``findings`` list and a ``summary``; keys are a stable interface.

A ``scores`` list (round-trip scores per document) is added only when some document
carries a back-translation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from audit.reporters import Report


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The bytes of ``json.dumps(data, indent=2)``, written a finding at a time: the
    summary, which counts the findings, comes after them."""
    yield '{\n  "findings": '
    yield from json_list((f.to_dict() for f in report.findings), 1)
    tail = json.dumps(_tail(report), ensure_ascii=False, indent=2)
    yield "," + tail[1:] + "\n"


def json_list(items: Iterable[Any], depth: int) -> Iterator[str]:
    """A JSON list as ``json.dumps(..., indent=2)`` writes it ``depth`` levels deep
    (from the opening bracket to the closing one), an item at a time."""
    inner = "\n" + "  " * (depth + 1)
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", inner)
        yield ("[" if first else ",") + inner + text
        first = False
    yield "[]" if first else "\n" + "  " * depth + "]"


def _tail(report: Report) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "documents": report.documents,
        "findings": report.tally.total,
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
    data: dict[str, Any] = {"summary": summary}
    if report.scores:
        data["scores"] = report.scores
    return data
