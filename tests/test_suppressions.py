"""Inline suppressions in text: scopes, per-match form, regions, comment spans."""

from __future__ import annotations

import json

from audit import AuditConfig, Document, audit_document
from audit.checks.base import CheckContext, Hit, check
from audit.config import AuditConfig as Config
from audit.document import Span
from audit.findings import Category, Severity
from audit.suppressions import parse_directive, parse_text


def _codes(text: str, **kw) -> list[tuple[str, str]]:
    findings = audit_document(Document(id="d", path="d.txt", target=text), AuditConfig.create(**kw))
    return [(f.code, f.text) for f in findings]


def test_next_line_scope_skips_blank_and_directive_lines():
    text = "<!-- audit: ignore[N001] -->\n\n<!-- audit: ignore[N003] -->\nSalama at the Berlin conference.\nSalama left."
    s = parse_text(text)
    assert [text[i.scope.start : i.scope.end] for i in s.items] == ["Salama at the Berlin conference."] * 2
    assert _codes(text, select=["N001", "N003", "M"]) == [("N001", "Salama")]


def test_a_comment_sharing_its_line_with_text_covers_that_line():
    text = "Salama left. <!-- audit: ignore[N001] -->\nSalama stayed."
    assert _codes(text, select=["N001"]) == [("N001", "Salama")]
    assert audit_document(Document(id="d", target=text), AuditConfig.create(select=["N001"]))[0].line == 2


def test_per_match_form_only_hides_the_quoted_text():
    text = '<!-- audit: ignore[names] "Hifter" -->\n"Hifter must go," Salama said.'
    assert _codes(text, select=["N001", "M"]) == [("N001", "Salama")]


def test_selectors_take_codes_prefixes_and_names():
    for selector in ("N001", "N", "names", "names.non-canonical-variant", "n001"):
        assert _codes(f"<!-- audit: ignore[{selector}] -->\nSalama left.", select=["N001"]) == [], selector


def test_region_and_nested_regions_closed_by_name():
    text = (
        "<!-- audit: ignore-start[N001] -->\nSalama\n<!-- audit: ignore-start[N003] -->\n"
        "Berlin conference\n<!-- audit: ignore-end[N001] -->\nSalama\nBerlin conference\n<!-- audit: ignore-end -->\nSalama"
    )
    s = parse_text(text)
    assert [(i.selectors, text[i.scope.start : i.scope.end].split()) for i in s.items] == [
        (("N001",), ["Salama", "<!--", "audit:", "ignore-start[N003]", "-->", "Berlin", "conference"]),
        (("N003",), ["Berlin", "conference", "<!--", "audit:", "ignore-end[N001]", "-->", "Salama", "Berlin", "conference"]),
    ]
    assert [code for code, _ in _codes(text, select=["N001", "N003", "M"])] == ["N001", "N001"]


def test_directive_grammar():
    d = parse_directive(' audit: ignore[N001, C001] "Hifter" "Salama \\"Abu\\"" -- quoted from the statement ')
    assert (d.kind, d.selectors, d.texts) == ("ignore", ("N001", "C001"), ("Hifter", 'Salama "Abu"'))
    assert parse_directive(" TODO: check names ") is None
    assert "needs the checks" in parse_directive("audit: ignore-start")
    assert parse_directive("audit: ignore-end").kind == "ignore-end"
    assert "cannot read" in parse_directive("audit: ignore[N001] Hifter")


def test_comment_spans_are_exposed_and_findings_inside_them_dropped():
    seen: list[tuple[Span, ...]] = []

    @check(code="X900", name="test.markup", severity=Severity.MAJOR, category=Category.MARKUP,
           bad="<!-- x -->", good="x")
    def markup(doc: Document, ctx: CheckContext):
        """Flags every HTML comment, and the whole line around the first one."""
        seen.append(ctx.comment_spans)
        i = doc.target.find("<!--")
        while i >= 0:
            yield Hit(i, doc.target.index("-->", i) + 3, "markup remnant")
            i = doc.target.find("<!--", i + 1)
        yield Hit(0, doc.target.index("\n") + 1, "debris line", suggestion="")

    text = "<!-- audit: ignore[N001] -->\nSalama left. <!-- a real remnant -->\n"
    config = Config(checks=(markup,))
    findings = audit_document(Document(id="d", target=text), config)
    assert seen == [(Span(0, 28),)]
    assert [f.text for f in findings] == ["<!-- a real remnant -->"]


def test_a_fix_overlapping_a_directive_is_not_offered_as_safe():
    @check(code="X901", name="test.wide", severity=Severity.MINOR, category=Category.FLUENCY, bad="a", good="b",
           fixable=True)
    def wide(doc: Document, ctx: CheckContext):
        """Flags the whole text."""
        yield Hit(0, len(doc.target), "whole text", suggestion="x")

    (f,) = audit_document(Document(id="d", target="Salama <!-- audit: ignore[N001] --> left."), Config(checks=(wide,)))
    assert f.suggestion == "x" and not f.fixable


def test_unused_and_invalid_suppressions_reach_the_cli(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("<!-- audit: ignore[N001] -->\nSalameh left.\n<!-- audit: ignore[Q1] -->\nText.\n")
    data = json.loads(cli("check", str(path), "--format", "json").stdout)
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("M001", 1), ("M002", 3)]
    quiet = json.loads(cli("check", str(path), "--format", "json", "--ignore", "M").stdout)
    assert quiet["findings"] == []
