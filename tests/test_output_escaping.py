"""Output injection (issue 14, item 7): file names and document text are not trusted.

A title-setting escape sequence (``ESC ] 0 ; ... BEL``) in a file name or in the text
must not reach a terminal raw, the JUnit report must stay well-formed XML, and a
Markdown image in a document must not render in a pull-request comment.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from audit.reporters import FORMATS, Report, render

OSC = "\x1b]0;owned\x07"
TEXT = f"Hifter met the envoy ![x](http://t.example/p.png) in {OSC}Geneva.\n"
_CLICK_STYLE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / f"news{OSC}.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_raw_control_character_reaches_the_output(cli, hostile: Path, fmt: str) -> None:
    result = cli("check", str(hostile), "--format", fmt, "--no-default-glossaries")
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "owned" in result.stdout  # the finding is there, shown, not dropped


def test_grouped_keeps_its_own_styles_only(tmp_path: Path, hostile: Path) -> None:
    from audit.config import AuditConfig
    from audit.engine import audit_document
    from audit.formats.text import read_text

    doc = next(iter(read_text(TEXT, str(hostile))))
    findings = audit_document(doc, AuditConfig.create(default_glossaries=True))
    assert any(OSC in f.text or OSC in f.path for f in findings)
    report = Report(findings, 1, target_texts={(doc.path, doc.id): doc.target})
    out = _CLICK_STYLE.sub("", render(report, "grouped"))
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07" in out


def test_junit_is_well_formed_and_keeps_what_was_escaped(cli, hostile: Path) -> None:
    out = cli("check", str(hostile), "--format", "junit").stdout
    root = ET.fromstring(out.encode("utf-8"))
    names = [suite.get("name") for suite in root.iter("testsuite")]
    assert names == [str(hostile).replace("\x1b", "\\x1b").replace("\x07", "\\x07")]


def test_markdown_shows_an_image_as_text(cli, hostile: Path) -> None:
    out = cli("check", str(hostile), "--format", "markdown").stdout
    assert "A004" in out  # the image is reported ...
    assert "![x](" not in out  # ... and not rendered
    assert "\\!\\[x\\](http://t.example/p.png)" in out


def test_escapes() -> None:
    from audit.reporters.escape import markdown_text, visible, xml_text

    assert visible("a\x1bb\x07c\u202ed") == "a\\x1bb\\x07c\\u202ed"
    assert visible("plain text, é ع 😀") == "plain text, é ع 😀"
    assert visible("a\nb", keep="\n") == "a\nb"
    assert xml_text("a\tb\nc\x00d\ud800e\ufffe") == "a\tb\nc\\x00d\\ud800e\\ufffe"
    assert markdown_text("**bold** <b> [a](b) `c` a|b") == (
        "\\*\\*bold\\*\\* &lt;b&gt; \\[a\\](b) \\`c\\` a\\|b"
    )


def test_warnings_show_control_characters(cli, tmp_path: Path) -> None:
    binary = tmp_path / f"image{OSC}.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01" * 20)
    for command in ("check", "fix"):
        result = cli(command, str(binary))
        assert "looks like a binary file" in result.stderr
        assert "\x1b" not in result.stderr and "\\x1b]0;owned\\x07" in result.stderr
