"""The weekly report keeps an English message readable under an Arabic excerpt: the
excerpt takes its own direction, the message stays left to right, isolated."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests import corpus_helpers as corpus

pytest.importorskip("jinja2", reason="the report extra: pip install -e '.[report]'")

ARABIC = "قال خليفة حفتر إن قواته ستواصل القتال"
MESSAGE_START = "Arabic text in this English document"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from audit.cli import main

    tmp = tmp_path_factory.mktemp("bidi")
    corpus.write_jsonl(
        tmp / "in.jsonl",
        [
            {
                "id": "quote",
                "date": "2020-01-20",
                "desk": "world",
                "target": f"{ARABIC}، said the statement from Benghazi on Monday.",
            }
        ],
    )
    args = ["report", str(tmp / "in.jsonl"), "--since", "2020-01-20", "--until", "2020-01-26"]
    result = CliRunner().invoke(main, [*args, "--jobs", "1", "-o", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    return tmp / "out" / "report.html"


def test_message_is_isolated_left_to_right_outside_the_excerpt(report: Path) -> None:
    from lxml import html

    tree = html.fromstring(report.read_text(encoding="utf-8"))
    (excerpt,) = [e for e in tree.find_class("excerpt") if ARABIC[:10] in e.text_content()]
    quote = excerpt.find_class("quote")[0]
    assert quote.get("dir") == "auto" and ARABIC[:10] in quote.text_content()
    assert MESSAGE_START not in quote.text_content()
    code = excerpt.find_class("code")[0]
    assert code.get("dir") == "ltr"
    message = code.find("bdi")
    assert message is not None and message.get("dir") == "ltr"
    assert message.text_content().startswith(MESSAGE_START)
    assert excerpt.get("dir") is None  # nothing above the message sets a direction


def test_chromium_lays_the_excerpt_out_right_to_left_and_the_message_left_to_right(
    report: Path,
) -> None:
    pytest.importorskip("playwright", reason="Playwright drives the browser")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no Chromium: install Debian's package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="audit-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        try:
            page = context.new_page()
            page.goto(report.as_uri())
            directions = page.evaluate(
                """() => [...document.querySelectorAll('.excerpt')]
                .filter(e => e.textContent.includes('قال'))
                .map(e => [getComputedStyle(e.querySelector('.quote')).direction,
                           getComputedStyle(e.querySelector('.code bdi')).direction])"""
            )
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)
    assert directions and all(d == ["rtl", "ltr"] for d in directions), directions
