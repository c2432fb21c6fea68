"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

Every registered check is a rule, with the help text `audit rules` shows. Results
carry ``partialFingerprints`` from the finding's content fingerprint, so a dashboard
keeps tracking a finding when lines move. Columns count Unicode code points
(``columnKind``), as audit does. Regions are positions in the file (inside the JSON
string, the PO ``msgstr``, the XLIFF ``<target>``, escapes counted). A finding in a
file that holds documents or units of its own names them as a logical location
(``document/segment``); fixes are given only for text stored as is (text, Markdown),
where a replacement of the region is exactly the edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from audit.findings import Finding, Severity
from audit.reporters import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "auditContextHash/v1"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "note",
}


_MARK = "\x00results\x00"  # where the results go in the log written around them


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The log as ``json.dumps(indent=2)`` writes it, results written one at a time."""
    from audit.reporters.json_format import json_list

    index = {c.code: i for i, c in enumerate(_checks())}
    text = json.dumps(_log(_MARK), ensure_ascii=False, indent=2) + "\n"
    before, after = text.split(json.dumps(_MARK), 1)
    yield before
    yield from json_list((_result(f, index) for f in report.findings), 3)
    yield after


def _checks() -> Any:
    from audit.checks import ALL_CHECKS

    return ALL_CHECKS


def _log(results: Any) -> dict[str, Any]:
    from audit.checks import ALL_CHECKS
    from audit.version import __version__

    rules = [
        {
            "id": c.code,
            "name": c.name,
            "shortDescription": {"text": c.summary},
            "fullDescription": {"text": c.description},
            "help": {
                "text": f"{c.description}\n\nBad: {c.bad}\nGood: {c.good}",
                "markdown": f"{c.description}\n\n**Bad:** {c.bad}\n\n**Good:** {c.good}",
            },
            "defaultConfiguration": {"level": LEVELS[c.severity]},
            "properties": {
                "category": c.category.value,
                "severity": c.severity.value,
                "fixable": c.fixable,
                "tags": [c.category.value],
            },
        }
        for c in ALL_CHECKS
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "audit", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:")


def _plain(f: Finding) -> bool:
    """True when the flagged text is stored as is in the file (a text or Markdown
    document), so a fix can be given as a replacement of its region."""
    return f.document in ("", f.path) and f.side == "target" and f.segment is None


def _region(f: Finding) -> dict[str, Any]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    artifact = {"uri": _uri(f.path)}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    location: dict[str, Any] = {"physicalLocation": physical}
    properties: dict[str, Any] = {
        "severity": f.severity.value,
        "category": f.category.value,
        "name": f.name,
    }
    physical["region"] = _region(f)
    if _plain(f):
        physical["region"]["snippet"] = {"text": f.text}
    else:
        name = f.document if f.segment is None else f"{f.document}/{f.segment}"
        location["logicalLocations"] = [{"fullyQualifiedName": name, "kind": "object"}]
        properties.update(document=f.document, side=f.side, text=f.text)
        if f.segment is not None:
            properties["segment"] = f.segment
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": properties,
    }
    if f.suggestion is not None and _plain(f):
        what = f'Replace with "{f.suggestion}"' if f.suggestion else "Remove"
        result["fixes"] = [
            {
                "description": {"text": what + ("" if f.fixable else " (review first)")},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [
                            {"deletedRegion": _region(f), "insertedContent": {"text": f.suggestion}}
                        ],
                    }
                ],
            }
        ]
    return result
