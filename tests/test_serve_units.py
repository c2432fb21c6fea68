"""The parts of `audit serve` below HTTP, in process: request bodies as files, the
"pass" key, configuration reloads, and a bug answered without a stack trace."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import pytest

from tests.serve_helpers import serve_extra_or_skip

serve_extra_or_skip()

import httpx  # noqa: E402

from audit.config.settings import Overrides  # noqa: E402
from audit.errors import InputError  # noqa: E402
from audit.run import RunOptions  # noqa: E402
from audit.serve import service as service_module  # noqa: E402
from audit.serve.inputs import (  # noqa: E402
    UnsupportedFormat,
    articles_of,
    from_articles,
    from_upload,
    safe_name,
)
from audit.serve.service import RequestOptions, Service, with_pass  # noqa: E402

ARTICLE = {"id": "a", "target": "Khalifa Hifter met the envoy in Geneva on Monday.\n"}


def test_names_are_labels_without_folders() -> None:
    assert safe_name("../../etc/passwd", "x.txt") == "passwd"
    assert safe_name("C:\\Users\\me\\story.md", "x.txt") == "story.md"
    assert safe_name("..", "x.txt") == "x.txt"
    assert safe_name("a\nb.txt", "x.txt") == "x.txt"
    assert safe_name(None, "x.txt") == "x.txt"


def test_articles_become_the_json_lines_the_cli_reads() -> None:
    body = {"articles": [ARTICLE, {"target": "Second.", "desk": "world"}], "fail_on": "minor"}
    f = from_articles(articles_of(body))
    assert f.name == "articles.jsonl"
    assert [json.loads(line) for line in f.text.splitlines()] == body["articles"]
    assert articles_of(ARTICLE) == [ARTICLE] and articles_of([ARTICLE]) == [ARTICLE]
    for bad in ([], [3], [{"target": 3}], [{"target": "x", "source": ["y"]}]):
        with pytest.raises(InputError):
            from_articles(bad)
    with pytest.raises(InputError):
        articles_of("text")


def test_uploads_pick_the_reader_by_ending() -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.pdf"):
        from_upload("story.pdf", b"%PDF-1.7")
    with pytest.raises(InputError, match="empty file"):
        from_upload("story.txt", b"  \n")
    with pytest.raises(InputError, match="carries its source inside"):
        from_upload("a.xlf", b"<xliff/>", source=("a.txt", b"x"))
    pair = from_upload("story.en.txt", b"Hifter spoke.\n", source=("../story.ar.txt", b"x\n"))
    assert pair.options == {"source": "x\n", "source_path": "story.ar.txt"}


def test_pass_is_the_last_key_and_nothing_else_changes() -> None:
    rendered = json.dumps({"findings": [], "summary": {"failed": False}}, indent=2) + "\n"
    out = with_pass(rendered, True)
    assert json.loads(out)["pass"] is True
    assert out.replace(',\n  "pass": true', "") == rendered


def test_a_changed_configuration_file_is_reloaded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service_module, "CHECK_INTERVAL", 0.0)
    config = tmp_path / ".audit.toml"
    config.write_text('select = ["N001"]\n', encoding="utf-8")
    svc = Service(RunOptions(config_file=str(config)))
    files = [from_articles([ARTICLE])]

    def codes() -> list[str]:
        body, _ = svc.check(files, RequestOptions())
        return [f["code"] for f in json.loads(body)["findings"]]

    assert codes() == ["N001"]
    config.write_text('select = ["N001"]\nignore = ["N001"]\n', encoding="utf-8")
    os.utime(config, ns=(1, 10**18))  # a different modification time, whatever the clock
    assert codes() == []
    assert svc.reloads == 1 and svc.health()["status"] == "ok"
    config.write_text('select = ["N001"\n', encoding="utf-8")  # broken: keep the last good
    assert codes() == []
    health = svc.health()
    assert health["status"] == "degraded" and ".audit.toml" in health["reload_error"]


def test_a_bug_is_answered_500_without_a_stack_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    from audit.serve.app import create_app
    from audit.serve.settings import ServeSettings

    def broken(self: Service, *args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(Service, "check", broken)
    monkeypatch.setattr(Service, "warm_up", lambda self: None)
    app = create_app(ServeSettings(isolated=True))

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post("/v1/check", json=ARTICLE)

    response = asyncio.run(call())
    assert response.status_code == 500
    assert response.json() == {"error": "internal error; the server's log has the details"}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_no_request_sees_half_a_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests running while the glossary is rewritten over and over each see the old
    glossary or the new one whole: both entries' variants from the same version."""
    import threading

    monkeypatch.setattr(service_module, "CHECK_INTERVAL", 0.0)
    versions = {
        "a": ("Patricia Okonjoh", "Dimitri Varelos"),
        "b": ("Patricia Okonjeh", "Dimitri Varellos"),
    }

    def glossary(version: str) -> str:
        first, second = versions[version]
        return (
            "language: en\nentries:\n"
            f"  - canonical: Patricia Okonjo\n    variants: [{first}]\n"
            f"  - canonical: Dimitri Varelas\n    variants: [{second}]\n"
        )

    path = tmp_path / "names.yaml"
    path.write_text(glossary("a"), encoding="utf-8")
    svc = Service(
        RunOptions(
            Overrides(glossaries=(str(path),), default_glossaries=False),
            isolated=True,
        )
    )
    text = " ".join(f"{name} spoke." for pair in versions.values() for name in pair) + "\n"
    files = [from_articles([{"id": "t", "target": text}])]
    expected = {
        frozenset(n.split()[1] for n in versions["a"]),
        frozenset(n.split()[1] for n in versions["b"]),
    }
    seen: list[frozenset[str]] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            body, _ = svc.check(files, RequestOptions(select=("N001",)))
            seen.append(frozenset(f["text"] for f in json.loads(body)["findings"]))

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for k in range(12):
            path.write_text(glossary("ab"[k % 2 - 1]), encoding="utf-8")
            os.utime(path, ns=(1, 10**18 + k))
            time.sleep(0.05)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert seen and set(seen) <= expected, set(seen) - expected
    assert len(set(seen)) == 2 and svc.reloads >= 2  # both versions were served


def test_the_time_limit_answers_503_without_waiting_for_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A check stuck past the limit: the client gets its 503 while the check still
    runs (it is blocked here until the test releases it)."""
    import threading

    from audit.serve.app import create_app
    from audit.serve.settings import ServeSettings

    release = threading.Event()
    finished = threading.Event()

    def stuck(self: Service, *args: object, **kwargs: object) -> tuple[str, bool]:
        release.wait(30)
        finished.set()
        return "{}", False

    monkeypatch.setattr(Service, "check", stuck)
    monkeypatch.setattr(Service, "warm_up", lambda self: None)
    app = create_app(ServeSettings(isolated=True, timeout=0.2))

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post("/v1/check", json=ARTICLE, timeout=20)

    try:
        response = asyncio.run(call())
        assert not finished.is_set()  # answered while the check was still running
    finally:
        release.set()
    assert response.status_code == 503
    assert "0.2 s" in response.json()["error"]
