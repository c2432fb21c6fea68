"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One test suite per file; one test case per finding (named by code and position),
failed when the finding reaches the fail level (``--fail-on``, or the file's
configuration) and passed, with the finding as its output, when it does not, so the
report fails exactly when ``audit check`` exits 1. A file without findings has one
passing case, so the report shows every file that was checked. Characters XML 1.0 does
not allow (a control character in a file name or in the text) are shown as escapes
(``\\x1b``), so the report always parses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from audit.findings import Finding
from audit.reporters import Report, group_by_path
from audit.reporters.escape import xml_text


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="audit", tests="0", failures="0", errors="0")
    total = failures = 0
    by_path = group_by_path(report)
    for path in report.all_paths():
        findings = by_path.get(path, [])
        failing = sum(1 for f in findings if report.fails(f))
        tests = max(1, len(findings))
        suite = ET.SubElement(
            root,
            "testsuite",
            name=xml_text(path),
            tests=str(tests),
            failures=str(failing),
            errors="0",
            skipped="0",
        )
        for f in findings:
            _case(suite, f, report.fails(f))
        if not findings:
            ET.SubElement(suite, "testcase", classname=xml_text(path), name="no findings")
        total += tests
        failures += failing
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(suite: ET.Element, f: Finding, fails: bool) -> None:
    where = (
        f"{f.line}:{f.column}"
        if f.document in ("", f.path)
        else f"{f.document} {f.line}:{f.column}"
    )
    case = ET.SubElement(
        suite, "testcase", classname=xml_text(f.path), name=xml_text(f"{f.code} {where}")
    )
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}, {f.category.value}] {f.message}"
    ]
    if f.text:
        lines.append(f'flagged: "{f.text}"')
    if f.suggestion is not None:
        lines.append(f'suggestion: "{f.suggestion}"')
    if fails:
        failure = ET.SubElement(
            case, "failure", message=xml_text(f.message), type=f"{f.code} {f.name}"
        )
        failure.text = xml_text("\n".join(lines))
    else:  # below the fail level: shown, not failed
        ET.SubElement(case, "system-out").text = xml_text("\n".join(lines))
