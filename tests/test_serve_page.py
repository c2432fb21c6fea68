"""The review page in real headless Chromium (Debian's `chromium`, driven by
Playwright; browsers cannot be downloaded here, so Playwright is pointed at it).

Paste the seed, see "Hifter" underlined, accept its fix, see "Haftar"; an Arabic
source reads right to left; an article holding `<script>` shows it as text and runs
nothing; the page loads nothing from anywhere but the server.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve_helpers import ROOT, running_server, serve_extra_or_skip

serve_extra_or_skip()
pytest.importorskip("playwright", reason="Playwright drives the browser: pip install playwright")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "no Chromium: install Debian's package (apt-get install chromium) to run the "
        "review page's browser tests",
        allow_module_level=True,
    )

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = (ROOT / "seeds" / "libya_geneva_talks.txt").read_text(encoding="utf-8")
ARABIC = "قالت الأمم المتحدة إن الاجتماعات بدأت يوم الاثنين في جنيف."


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_server(["--isolated"]) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="audit-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/")
    page.requests, page.dialogs = requests, dialogs
    yield page
    assert all(url.startswith(server) or url.startswith("blob:") for url in requests), requests
    page.close()


def done(page: Any) -> int:
    """How many requests the page has finished (its status element counts them)."""
    return int(page.get_attribute("#status", "data-done") or 0)


def wait_done(page: Any, count: int) -> None:
    page.wait_for_selector(f"#status[data-done='{count}']", state="attached")


def check(page: Any, target: str, source: str = "", source_lang: str = "") -> None:
    page.fill("#target", target)
    page.fill("#source", source)
    page.fill("#source-lang", source_lang)
    count = done(page)
    page.click("#check")
    wait_done(page, count + 1)
    assert page.get_attribute("#status", "class") != "error", page.text_content("#status")


def test_seed_finding_underlined_and_fixed(page: Any) -> None:
    check(page, SEED)
    mark = page.locator("#target-view mark[data-code='N001']", has_text="Hifter").first
    assert mark.text_content() == "Hifter"
    style = mark.evaluate(
        "m => [getComputedStyle(m).textDecorationLine, getComputedStyle(m).textDecorationStyle]"
    )
    assert style == ["underline", "wavy"]
    assert mark.get_attribute("class") == "major"
    mark.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert 'use "Haftar"' in tip.text_content() and "Haftar" in tip.text_content()
    before = page.locator("#target-view mark", has_text="Hifter").count()
    count = done(page)
    page.locator("#findings button.accept[aria-label*='Hifter → Haftar']").first.click()
    wait_done(page, count + 1)
    assert page.locator("#target-view mark", has_text="Hifter").count() == before - 1
    value = page.input_value("#target")
    assert value.splitlines()[9] == "Persuade Haftar"
    assert "Persuade Haftar" in page.text_content("#target-view")


def test_keyboard_reaches_a_finding_and_accepts_it(page: Any) -> None:
    check(page, "Khalifa Hifter met the envoy in Geneva on Monday.\n")
    mark = page.locator("#target-view mark")
    assert mark.count() == 1
    page.focus("#check")
    for _ in range(10):  # Tab until the underlined word has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.evaluate("document.activeElement.textContent") == "Hifter"
    assert page.locator("#tip").is_visible()
    count = done(page)
    page.keyboard.press("Enter")
    wait_done(page, count + 1)
    assert page.text_content("#status") == "No findings."
    assert page.input_value("#target") == "Khalifa Haftar met the envoy in Geneva on Monday.\n"


def test_offsets_count_characters_as_the_server_does(page: Any) -> None:
    # an emoji is one character to Python and two UTF-16 units to JavaScript
    check(page, "\U0001f4f0 \U0001d400 Khalifa Hifter met the envoy in Geneva on Monday.\n")
    assert page.text_content("#target-view mark") == "Hifter"
    count = done(page)
    page.locator("#findings button.accept").first.click()
    wait_done(page, count + 1)
    assert page.input_value("#target") == (
        "\U0001f4f0 \U0001d400 Khalifa Haftar met the envoy in Geneva on Monday.\n"
    )


def test_accept_all_then_download(page: Any) -> None:
    check(page, SEED)
    count = done(page)
    page.click("#fix-all")
    wait_done(page, count + 1)
    assert "Hifter" not in page.input_value("#target")
    assert page.is_disabled("#fix-all")
    assert "Persuade Haftar" in page.input_value("#target")
    with page.expect_download() as info:
        page.click("#download")
    path = info.value.path()
    assert Path(path).read_text(encoding="utf-8") == page.input_value("#target")


def test_arabic_source_reads_right_to_left(page: Any) -> None:
    check(page, "The United Nations said the meetings began on Monday in Geneva.\n", ARABIC)
    view = page.locator("#source-view")
    assert view.is_visible()
    assert view.evaluate("v => getComputedStyle(v).direction") == "rtl"
    assert view.text_content() == ARABIC
    mixed = "Khalifa Hifter said the meetings began on Monday in Geneva, قواته ستواصل القتال.\n"
    check(page, mixed, ARABIC, "ar")
    assert view.get_attribute("dir") == "rtl" and view.get_attribute("lang") == "ar"
    # messages are isolated: an English message keeps its order around Arabic words
    assert page.locator("#target-view").evaluate("v => getComputedStyle(v).direction") == "ltr"
    assert page.locator("#findings li").count() > 0
    isolated = "items => items.every(li => li.querySelector('bdi') !== null)"
    assert page.locator("#findings li").evaluate_all(isolated)


def test_script_in_an_article_is_shown_as_text_and_never_runs(page: Any) -> None:
    hostile = (
        '<script>window.pwned = 1; alert("x")</script> Hifter said.\n'
        '<img src="/nothing.png" onerror="window.pwned = 2">\n'
    )
    check(page, hostile)
    view = page.locator("#target-view")
    assert view.text_content() == hostile
    assert view.locator("script, img").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == []
    assert not any(url.endswith("/nothing.png") for url in page.requests)
