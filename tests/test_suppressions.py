"""Inline suppressions in text: scopes, per-match form, regions, comment spans."""

from __future__ import annotations

import json

from audit import AuditConfig, Document, audit_document
from audit.config import AuditConfig as Config
from audit.document import Span
from audit.engine import CheckContext, Hit, check
from audit.findings import Category, Severity
from audit.suppressions import parse_directive, parse_text


def _codes(text: str, **kw) -> list[tuple[str, str]]:
    findings = audit_document(Document(id="d", path="d.txt", target=text), AuditConfig.create(**kw))
    return [(f.code, f.text) for f in findings]


def test_next_line_scope_skips_blank_and_directive_lines():
    text = "<!-- audit: ignore[N001] -->\n\n<!-- audit: ignore[N003] -->\nSalama at the Berlin conference.\nSalama left."
    s = parse_text(text)
    assert [text[i.scope.start : i.scope.end] for i in s.items] == [
        "Salama at the Berlin conference."
    ] * 2
    assert _codes(text, select=["N001", "N003", "M"]) == [("N001", "Salama")]


def test_a_comment_sharing_its_line_with_text_covers_that_line():
    text = "Salama left. <!-- audit: ignore[N001] -->\nSalama stayed."
    assert _codes(text, select=["N001"]) == [("N001", "Salama")]
    assert (
        audit_document(Document(id="d", target=text), AuditConfig.create(select=["N001"]))[0].line
        == 2
    )


def test_per_match_form_only_hides_the_quoted_text():
    text = '<!-- audit: ignore[names] "Hifter" -->\n"Hifter must go," Salama said.'
    assert _codes(text, select=["N001", "M"]) == [("N001", "Salama")]


def test_selectors_take_codes_prefixes_and_names():
    for selector in ("N001", "N", "names", "names.non-canonical-variant", "n001"):
        assert _codes(f"<!-- audit: ignore[{selector}] -->\nSalama left.", select=["N001"]) == [], (
            selector
        )


def test_region_and_nested_regions_closed_by_name():
    text = (
        "<!-- audit: ignore-start[N001] -->\nSalama\n<!-- audit: ignore-start[N003] -->\n"
        "Berlin conference\n<!-- audit: ignore-end[N001] -->\nSalama\nBerlin conference\n<!-- audit: ignore-end -->\nSalama"
    )
    s = parse_text(text)
    assert [(i.selectors, text[i.scope.start : i.scope.end].split()) for i in s.items] == [
        (
            ("N001",),
            ["Salama", "<!--", "audit:", "ignore-start[N003]", "-->", "Berlin", "conference"],
        ),
        (
            ("N003",),
            [
                "Berlin",
                "conference",
                "<!--",
                "audit:",
                "ignore-end[N001]",
                "-->",
                "Salama",
                "Berlin",
                "conference",
            ],
        ),
    ]
    assert [code for code, _ in _codes(text, select=["N001", "N003", "M"])] == ["N001", "N001"]


def test_directive_grammar():
    d = parse_directive(
        ' audit: ignore[N001, C001] "Hifter" "Salama \\"Abu\\"" -- quoted from the statement '
    )
    assert (d.kind, d.selectors, d.texts) == (
        "ignore",
        ("N001", "C001"),
        ("Hifter", 'Salama "Abu"'),
    )
    assert parse_directive(" TODO: check names ") is None
    assert "needs the checks" in parse_directive("audit: ignore-start")
    assert parse_directive("audit: ignore-end").kind == "ignore-end"
    assert "cannot read" in parse_directive("audit: ignore[N001] Hifter")


def test_comment_spans_are_exposed_and_findings_inside_them_dropped():
    seen: list[tuple[Span, ...]] = []

    @check(
        code="X900",
        name="test.markup",
        severity=Severity.MAJOR,
        category=Category.MARKUP,
        bad="<!-- x -->",
        good="x",
    )
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
    @check(
        code="X901",
        name="test.wide",
        severity=Severity.MINOR,
        category=Category.FLUENCY,
        bad="a",
        good="b",
        fixable=True,
    )
    def wide(doc: Document, ctx: CheckContext):
        """Flags the whole text."""
        yield Hit(0, len(doc.target), "whole text", suggestion="x")

    (f,) = audit_document(
        Document(id="d", target="Salama <!-- audit: ignore[N001] --> left."), Config(checks=(wide,))
    )
    assert f.suggestion == "x" and not f.fixable


def test_unused_and_invalid_suppressions_reach_the_cli(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "<!-- audit: ignore[N001] -->\nSalameh left.\n<!-- audit: ignore[Q1] -->\nText.\n"
    )
    data = json.loads(cli("check", str(path), "--format", "json").stdout)
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("M001", 1), ("M002", 3)]
    quiet = json.loads(cli("check", str(path), "--format", "json", "--ignore", "M").stdout)
    assert quiet["findings"] == []


PO_WITH_NOTES = """msgid ""
msgstr ""
"Language: en\\n"

# audit: ignore[N001] "Hifter" -- the agency's spelling
msgid "حفتر"
msgstr "Hifter and Salama spoke."

# audit: ignore[C001]
msgid "سلامة"
msgstr "Salama left."

# audit: ignore-start[N]
msgid "x"
msgstr "Hifter again."
"""

XLIFF_WITH_NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="ar" target-language="en" datatype="plaintext"><body>
    <trans-unit id="q1"><source>حفتر</source><target>Hifter said so.</target>
      <note>Quoted from the statement.
audit: ignore[N001]</note></trans-unit>
    <trans-unit id="q2"><source>حفتر</source><target>Hifter left.</target></trans-unit>
  </body></file>
</xliff>
"""

TMX_WITH_NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" adminlang="en"
  creationtool="t" creationtoolversion="1" o-tmf="x"/><body>
  <tu tuid="1"><note>audit: ignore[names]</note><tuv xml:lang="ar"><seg>حفتر</seg></tuv>
    <tuv xml:lang="en"><seg>Hifter.</seg></tuv></tu>
  <tu tuid="2"><tuv xml:lang="ar"><seg>حفتر</seg></tuv><tuv xml:lang="en"><seg>Hifter.</seg></tuv></tu>
</body></tmx>
"""


def _file_findings(cli, tmp_path, name, content, *select):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("check", str(path), "--format", "json", "--select", ",".join(select))
    return [(f["code"], f["segment"], f["text"]) for f in json.loads(result.stdout)["findings"]]


def test_po_translator_comments_suppress_their_entry(cli, tmp_path):
    found = _file_findings(cli, tmp_path, "a.po", PO_WITH_NOTES, "N001", "C001", "M")
    assert ("N001", "حفتر", "Salama") in found  # only "Hifter" was named
    assert not any(
        code == "N001" and seg == "حفتر" and text == "Hifter" for code, seg, text in found
    )
    assert ("N001", "سلامة", "Salama") in found
    assert ("N001", "x", "Hifter") in found  # a region makes no sense in a note: not applied
    metas = [(code, seg) for code, seg, _ in found if code.startswith("M")]
    assert metas == [("M001", "سلامة"), ("M002", "x")]


def test_xliff_and_tmx_notes_suppress_their_unit(cli, tmp_path):
    xliff = _file_findings(cli, tmp_path, "a.xlf", XLIFF_WITH_NOTES, "N001", "M")
    assert xliff == [("N001", "q2", "Hifter")]
    tmx = _file_findings(cli, tmp_path, "a.tmx", TMX_WITH_NOTES, "N001", "M")
    assert tmx == [("N001", "2", "Hifter")]


def test_fix_leaves_a_suppressed_unit_alone(cli, tmp_path):
    path = tmp_path / "a.xlf"
    path.write_text(XLIFF_WITH_NOTES, encoding="utf-8")
    assert cli("fix", str(path), "--write", "--select", "N001").exit_code == 0
    assert path.read_text(encoding="utf-8") == XLIFF_WITH_NOTES.replace(
        "<target>Hifter left.", "<target>Haftar left."
    )
