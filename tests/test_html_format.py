"""HTML articles (audit/formats/html.py: reader and writer) on CMS-style markup:
the visible text only, every finding at its exact place in the file, and fixes that
change text nodes (and alt/title values) while leaving markup byte for byte."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from audit.config import AuditConfig
from audit.engine import audit_document
from audit.formats import read_path
from audit.formats.html import extract, read_html

FIXTURE = Path(__file__).parent / "fixtures" / "html" / "wordpress_post.html"


@pytest.fixture
def post(tmp_path: Path) -> Path:
    path = tmp_path / "post.html"
    shutil.copy(FIXTURE, path)
    return path


def raw_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def test_visible_text_only() -> None:
    blocks = [(b.kind, b.text) for b in extract(raw_text(), "en")]
    assert blocks[0] == ("text", "Libyan military talks resume in\xa0Geneva")
    assert blocks[1][1].startswith("The United Nations said that meetings between")
    assert "National Accord government and forces loyal to Khalifa Hifter began" in blocks[1][1]
    assert ("title", "Stories about Khalifa Hifter") in blocks
    assert ("alt", "The envoy Ghassan Salama speaks to reporters in Geneva") in blocks
    # the quotation marked lang="ar" in this English page is not untranslated text
    assert not any("حفتر" in text for _, text in blocks)
    # references decoded, whitespace collapsed as a browser shows it
    assert blocks[-1][1] == (
        "Hifter\u2019s forces said in a statement that the talks\xa0& the ceasefire were "
        "\u201ca necessity\u201d, while the Tripoli government asked for guarantees.</div>"
    )
    everything = " ".join(text for _, text in blocks)
    for hidden in ("dataLayer", "border-left", "wp:paragraph", "wp-block", "geneva.jpg", "1024"):
        assert hidden not in everything


def test_every_character_maps_to_its_place_in_the_file() -> None:
    raw = raw_text()
    for block in extract(raw):  # no language given: every block, the Arabic quote too
        for ch, (start, end) in zip(block.chars, block.spans):
            stored = raw[start:end]
            if ch == " " and not stored.startswith("&"):
                assert stored.strip(" \t\r\n") == ""  # a collapsed whitespace run
            else:
                assert html.unescape(stored) == ch, (ch, stored)


def position(raw: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    offset = [m.start() for m in re.finditer(re.escape(needle), raw)][occurrence]
    line = raw.count("\n", 0, offset) + 1
    return line, offset - (raw.rfind("\n", 0, offset) + 1) + 1


def test_findings_point_at_the_file() -> None:
    raw = raw_text()
    doc = next(read_html(raw, str(FIXTURE)))
    findings = audit_document(doc, AuditConfig.create())
    at = {(f.code, f.text, f.line, f.column) for f in findings}
    # inside <strong>, inside <em> in <a>, inside the title attribute, after a comment
    assert ("N001", "National Accord government", *position(raw, "National Accord")) in at
    assert ("N001", "Hifter", *position(raw, "Hifter</em>")) in at
    (em,) = [f for f in findings if (f.line, f.column) == position(raw, "Hifter</em>")]
    assert (em.end_line, em.end_column) == position(raw, "</em></a> began")  # not past them
    assert ("N001", "Hifter", *position(raw, 'Hifter">')) in at
    assert ("N001", "Hifter", *position(raw, "Hifter&#x2019;")) in at
    # in the alt text and in a caption that has a reference right after the name
    assert ("N001", "Salama", *position(raw, "Salama speaks")) in at
    assert ("N001", "Salama", *position(raw, "Salama&#8217;")) in at
    # markup printed as text is still an artifact, at the escaped tag in the file
    debris = [f for f in findings if f.text == "</div>"]
    assert debris and (debris[0].line, debris[0].column) == position(raw, "&lt;/div&gt;")
    # the script's "Hifter" is not audited
    assert not any(f.line == position(raw, '"Hifter"')[0] for f in findings)
    for f in findings:  # each finding's text is the visible text at its place
        assert doc.target[f.start : f.end] == f.text


def markup(text: str) -> list[tuple[str, ...]]:
    """Every tag (attributes other than alt and title), comment, script and style,
    exactly as written: what a fix must not touch."""
    out: list[tuple[str, ...]] = []

    class Markup(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            kept = [a for a in attrs if a[0] not in ("alt", "title")]
            out.append(("start", tag, repr(kept)))

        def handle_endtag(self, tag: str) -> None:
            out.append(("end", tag))

        def handle_comment(self, data: str) -> None:
            out.append(("comment", data))

        def handle_data(self, data: str) -> None:
            if self.cdata_elem:  # type: ignore[attr-defined]
                out.append(("raw", data))

    parser = Markup(convert_charrefs=False)
    parser.feed(text)
    parser.close()
    return out


def test_fix_writes_inside_text_nodes_only(post: Path, cli) -> None:
    before = post.read_text(encoding="utf-8")
    result = cli("fix", str(post), "--write")
    assert result.exit_code == 0, result.output
    after = post.read_text(encoding="utf-8")
    assert markup(after) == markup(before)
    assert "Hifter" not in re.sub(r"<script.*?</script>", "", after, flags=re.S)
    assert '"subject": "Hifter"' in after  # the script is untouched
    assert "<em>Khalifa Haftar</em>" in after and 'title="Stories about Khalifa Haftar"' in after
    assert 'alt="The envoy Ghassan Salameh speaks' in after
    assert "Ghassan Salameh&#8217;s office" in after  # the reference kept as written
    assert "<strong>Government of National Accord</strong>" in after
    assert "guarantees.</p>" in after  # the escaped debris removed, the real tag kept
    # outside the fixed words, every byte is as it was
    skeleton = re.compile(
        r"Hifter|Haftar|Salama|Salameh|National Accord government|Government of National"
        r" Accord|&lt;/div&gt;"
    )
    assert skeleton.sub("", after) == skeleton.sub("", before)
    again = cli("fix", str(post))
    assert again.exit_code == 0 and "No fixes to apply" in again.output


def test_a_fix_across_markup_is_refused(tmp_path: Path, cli) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "language: en\nentries:\n  - canonical: Khalifa Haftar\n    variants: [Khalifah Hiftar]\n",
        encoding="utf-8",
    )
    page = tmp_path / "a.html"
    original = "<p>Field Marshal Khalifah <em>Hiftar</em> spoke.</p>\n"
    page.write_text(original, encoding="utf-8")
    checked = cli("check", str(page), "--no-default-glossaries", "-g", str(glossary))
    assert f"{page}:1:18: N001" in checked.output
    result = cli("fix", str(page), "--write", "--no-default-glossaries", "-g", str(glossary))
    assert result.exit_code == 2
    assert "markup" in result.output and "Traceback" not in result.output
    assert page.read_text(encoding="utf-8") == original


def test_passages_marked_as_another_language(tmp_path: Path) -> None:
    quote = "قال المشير خليفة حفتر إن قواته ستواصل القتال."
    marked = f'<p>Hifter spoke.</p><blockquote lang="ar-LY"><p>{quote}</p></blockquote>'
    unmarked = f"<p>Hifter spoke.</p><blockquote><p>{quote}</p></blockquote>"
    config = AuditConfig.create()

    def codes(text: str, lang: str = "en") -> list[str]:
        (doc,) = read_html(text, "a.html", target_lang=lang)
        return sorted(f.code for f in audit_document(doc, config))

    assert codes(marked) == ["N001"]  # a quotation the editor marked: no A008
    assert "A008" in codes(unmarked)  # Arabic left in an English page: reported
    # the page's own <html lang> is what a passage is compared with
    (doc,) = read_html(f'<html lang="en-GB">{marked}</html>', "d", target_lang="fr")
    assert doc.target == "Hifter spoke."
    # an Arabic page (its <html lang>) quoting English keeps its Arabic text
    (doc,) = read_html(f'<html lang="ar"><p>{quote}</p><p lang="en">Hifter.</p></html>', "b")
    assert doc.target == quote
    # a file that is all marked passages is audited whole rather than not at all
    (doc,) = read_html(f'<div lang="ar"><p>{quote}</p></div>', "c", target_lang="en")
    assert doc.target == quote


def test_rtl_blocks_and_crlf(tmp_path: Path) -> None:
    raw = '<div dir="rtl">\r\n<p>قال\r\n  حفتر</p></div>\r\n<p dir="ltr">Hifter&nbsp;left.\rNow</p>'
    page = tmp_path / "rtl.html"
    page.write_bytes(raw.encode("utf-8"))
    (doc,) = read_path(str(page))
    texts = [doc.target[s.target.start : s.target.end] for s in doc.segments]
    assert texts == ["قال حفتر", "Hifter\xa0left. Now"]
    (finding,) = [f for f in audit_document(doc, AuditConfig.create()) if f.code == "N001"]
    assert (finding.line, finding.column) == (4, 14)
    assert doc.file_position("target", doc.target.index("حفتر"), doc.segments[0])[1:] == (3, 3)


def test_files_without_visible_text_or_with_bad_bytes_are_input_errors(tmp_path: Path, cli):
    empty = tmp_path / "e.html"
    empty.write_text("<script>var a = 1;</script><!-- nothing -->", encoding="utf-8")
    result = cli("check", str(empty))
    assert result.exit_code == 2 and "no visible text" in result.output
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "page.htm").write_text("<p>Hifter spoke.</p>", encoding="utf-8")
    found = cli("check", str(folder), "--format", "text")
    assert "page.htm:1:4: N001" in found.output
