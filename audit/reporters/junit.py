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
from collections import Counter
from collections.abc import Iterator

from audit.findings import Finding
from audit.reporters import Report
from audit.reporters.escape import xml_text


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The bytes ``ET.indent`` and ``ET.tostring`` give for the whole tree, written a
    test case at a time. Counts come before the cases they count, so the findings are
    read once into a spool (on disk past a bound), counted, then written."""
    from audit.spool import Spool

    spool = Spool()
    tests: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    for f in report.findings:
        spool.add(f)
        tests[f.path] += 1
        failing[f.path] += report.fails(f)
    try:
        paths = report.all_paths(tests)
        total = sum(max(1, tests[p]) for p in paths)
        root = ET.Element(
            "testsuites", name="audit", tests=str(total), failures=str(failing.total()), errors="0"
        )
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        if not paths:
            yield head + ET.tostring(root, encoding="unicode") + "\n"
            return
        yield head + _open(root) + "\n"
        findings = iter(spool)
        for path in paths:
            suite = ET.Element(
                "testsuite",
                name=xml_text(path),
                tests=str(max(1, tests[path])),
                failures=str(failing[path]),
                errors="0",
                skipped="0",
            )
            yield "  " + _open(suite) + "\n"
            for _ in range(tests[path]):
                f = next(findings)
                yield "    " + _element(_case(f, report.fails(f))) + "\n"
            if not tests[path]:
                case = ET.Element("testcase", classname=xml_text(path), name="no findings")
                yield "    " + _element(case) + "\n"
            yield "  </testsuite>\n"
        yield "</testsuites>\n"
    finally:
        spool.close()


def _open(element: ET.Element) -> str:
    """The start tag of ``element`` (which has no children yet)."""
    text = ET.tostring(element, encoding="unicode")
    assert text.endswith(" />")
    return text[:-3] + ">"


def _element(case: ET.Element) -> str:
    """A test case as it appears in the indented tree (three levels deep)."""
    ET.indent(case, level=2)
    return ET.tostring(case, encoding="unicode")


def _case(f: Finding, fails: bool) -> ET.Element:
    where = (
        f"{f.line}:{f.column}"
        if f.document in ("", f.path)
        else f"{f.document} {f.line}:{f.column}"
    )
    case = ET.Element("testcase", classname=xml_text(f.path), name=xml_text(f"{f.code} {where}"))
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
    return case
