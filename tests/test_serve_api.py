"""`audit serve` through a real HTTP client against a real server process.

Parity: the service answers what `audit check --format json` prints on the same input,
byte for byte, plus a last key ``"pass"``. Then every error status, the token, CORS,
and a glossary reloaded while the server runs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve_helpers import ROOT, running_server, serve_extra_or_skip

serve_extra_or_skip()

import httpx  # noqa: E402

SEED = ROOT / "seeds" / "libya_geneva_talks.txt"
BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual" / "variant"
MAX_BODY = 200_000
GLOSSARIES = ("-g", "names.yaml", "-g", "ntrex.yaml")


def cli_json(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "audit", "check", *args, "--format", "json", "--isolated"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def without_pass(body: str) -> tuple[str, bool]:
    """The service's body less its ``"pass"`` key (which must be the last), and its value."""
    head, sep, tail = body.rpartition(',\n  "pass": ')
    assert sep, body[-200:]
    value = tail.split("\n", 1)[0]
    assert tail == f"{value}\n}}\n"
    return head + "\n}\n", json.loads(value)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("serve")
    shutil.copy(SEED, work / SEED.name)
    for name in ("sample.xlf", "abcnews.306758.en.txt", "abcnews.306758.ar.txt"):
        shutil.copy(BILINGUAL / name, work / name)
    shutil.copy(BILINGUAL.parent / "glossary.yaml", work / "ntrex.yaml")
    (work / "names.yaml").write_text(
        "language: en\nentries:\n  - id: pat\n    canonical: Patricia Okonjo\n"
        "    variants: [Patricia Okonjoh]\n",
        encoding="utf-8",
    )
    return work


@pytest.fixture(scope="module")
def server(workdir: Path) -> Iterator[str]:
    args = ["--isolated", "--max-body", str(MAX_BODY), *GLOSSARIES]
    with running_server(args, cwd=workdir) as url:
        yield url


def post_file(url: str, path: Path, **extra: object) -> httpx.Response:
    with path.open("rb") as f:
        return httpx.post(f"{url}/v1/check", files={"file": (path.name, f)}, timeout=60, **extra)


def test_seed_upload_matches_the_cli_byte_for_byte(server: str, workdir: Path) -> None:
    response = post_file(server, workdir / SEED.name)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body, passed = without_pass(response.text)
    expected = cli_json(workdir, SEED.name, *GLOSSARIES)
    assert body == expected
    assert passed is False  # the seed has major findings: a CMS would hold it back
    assert json.loads(body)["summary"]["failed"] is True


def test_xliff_upload_matches_the_cli(server: str, workdir: Path) -> None:
    response = post_file(server, workdir / "sample.xlf")
    assert response.status_code == 200
    body, _ = without_pass(response.text)
    assert body == cli_json(workdir, "sample.xlf", *GLOSSARIES)
    assert any(f["segment"] for f in json.loads(body)["findings"])


def test_bilingual_articles_as_json_match_the_cli_on_json_lines(server: str, workdir: Path) -> None:
    articles = [
        {
            "id": "abc-306758",
            "target": (workdir / "abcnews.306758.en.txt").read_text(encoding="utf-8"),
            "source": (workdir / "abcnews.306758.ar.txt").read_text(encoding="utf-8"),
            "source_lang": "ar",
            "desk": "world",
        },
        {"id": "seed", "target": SEED.read_text(encoding="utf-8")},
    ]
    response = httpx.post(f"{server}/v1/check", json={"articles": articles}, timeout=60)
    assert response.status_code == 200
    # The same articles as the JSON Lines file `audit check` reads.
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    (workdir / "articles.jsonl").write_text(lines, encoding="utf-8")
    body, passed = without_pass(response.text)
    assert body == cli_json(workdir, "articles.jsonl", *GLOSSARIES)
    assert {f["document"] for f in json.loads(body)["findings"]} == {"abc-306758", "seed"}
    assert passed is False


def test_options_select_and_fail_on(server: str) -> None:
    article = {"id": "a", "target": "Khalifa Hifter met the envoy in Geneva on Monday.\n"}
    strict = httpx.post(f"{server}/v1/check", json=article, timeout=30).json()
    assert [f["code"] for f in strict["findings"]] == ["N001"]
    assert strict["pass"] is False
    lenient = httpx.post(
        f"{server}/v1/check", params={"fail_on": "critical"}, json=article, timeout=30
    ).json()
    assert lenient["pass"] is True and lenient["findings"] == strict["findings"]
    none = httpx.post(
        f"{server}/v1/check",
        json={"articles": [article], "ignore": ["N001"]},
        timeout=30,
    ).json()
    assert none["findings"] == [] and none["pass"] is True


def test_fix_returns_the_fixed_text_and_a_diff(server: str) -> None:
    article = {"id": "a", "target": "Khalifa Hifter met the envoy in Geneva on Monday.\n"}
    response = httpx.post(f"{server}/v1/fix", json=article, timeout=30)
    assert response.status_code == 200
    document = response.json()["files"][0]["documents"][0]
    assert document["fixed"] == "Khalifa Haftar met the envoy in Geneva on Monday.\n"
    assert "-Khalifa Hifter" in document["diff"] and "+Khalifa Haftar" in document["diff"]


def test_rules_version_health_and_openapi(server: str) -> None:
    rules = httpx.get(f"{server}/v1/rules").json()
    assert {"N001", "C001", "A001"} <= {r["code"] for r in rules}
    assert next(r for r in rules if r["code"] == "N001")["fixable"] is True
    from audit import __version__

    assert httpx.get(f"{server}/v1/version").json() == {"version": __version__}
    assert httpx.get(f"{server}/healthz").json()["status"] == "ok"
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    assert {"/v1/check", "/v1/fix", "/v1/rules", "/healthz", "/v1/version"} <= set(paths)
    options = {p["name"] for p in paths["/v1/check"]["post"]["parameters"]}
    assert {"select", "ignore", "fail_on", "format"} <= options


def assert_error(response: httpx.Response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    for word in words:
        assert word in message, message


def test_error_statuses(server: str) -> None:
    post = f"{server}/v1/check"
    assert_error(
        httpx.post(post, content=b'{"target": "a', headers={"content-type": "application/json"}),
        400,
        "malformed JSON",
        "line 1",
    )
    assert_error(httpx.post(post, json={"id": "x"}), 400, "'target'")
    assert_error(httpx.post(post, json={"target": "x", "source": 3}), 400, "'source'")
    assert_error(httpx.post(post, params={"fail_on": "severe"}, json={"target": "x"}), 400)
    assert_error(httpx.post(post, params={"select": "Z999"}, json={"target": "x"}), 400, "Z999")
    assert_error(httpx.post(post, content=b"plain", headers={"content-type": "text/plain"}), 415)
    assert_error(httpx.post(post, files={"file": ("a.docx", b"PK\x03\x04")}), 415, ".docx")
    assert_error(httpx.post(post, files={"file": ("a.txt", b"\xff\xfeA\x00\x00")}), 400)
    assert_error(httpx.post(post, files={"file": ("a.xlf", b"<xliff><file")}), 400, "a.xlf")
    assert_error(httpx.post(post, files={"other": ("a.txt", b"x")}), 400, "'file'")
    assert_error(httpx.post(post, json={"target": "x" * (MAX_BODY + 1)}), 413, str(MAX_BODY))
    assert_error(httpx.get(f"{server}/v1/nothing"), 404)
    assert_error(httpx.get(f"{server}/v1/check"), 405)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        yield b'{"target": "'
        for _ in range(MAX_BODY // 1000 + 1):
            yield b"x" * 1000
        yield b'"}'

    streamed = httpx.post(post, content=chunks(), headers={"content-type": "application/json"})
    assert_error(streamed, 413)
    # the server is still there and answers the next request normally
    assert httpx.post(post, json={"target": "Fine text.\n"}).status_code == 200


def test_no_request_reads_a_path_on_the_server(server: str) -> None:
    secret = Path("/etc/hostname")
    response = httpx.post(
        f"{server}/v1/check", files={"file": ("../../../../etc/hostname.txt", b"Hifter said.\n")}
    )
    assert response.status_code == 200
    paths = {f["path"] for f in response.json()["findings"]}
    assert paths == {"hostname.txt"}  # a label only: folders dropped, nothing opened
    for name in ("/static/../../pyproject.toml", "/static/%2e%2e%2fpyproject.toml"):
        assert httpx.get(f"{server}{name}").status_code == 404
    assert secret.exists()


def test_cors_is_closed_by_default(server: str) -> None:
    response = httpx.options(
        f"{server}/v1/check",
        headers={"Origin": "https://cms.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in response.headers
    response = httpx.post(
        f"{server}/v1/check", json={"target": "x"}, headers={"Origin": "https://cms.example"}
    )
    assert "access-control-allow-origin" not in response.headers


def test_glossary_reload_while_serving(server: str, workdir: Path) -> None:
    article = {"id": "g", "target": "Patricia Okonjoh and Patricia Okonjeh spoke.\n"}

    def flagged() -> list[str]:
        data = httpx.post(f"{server}/v1/check", json=article, params={"select": "N001"}).json()
        return [f["text"] for f in data["findings"]]

    assert flagged() == ["Okonjoh"]
    glossary = workdir / "names.yaml"
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original.replace("[Patricia Okonjoh]", "[Patricia Okonjeh]"), "utf-8")
    try:
        deadline = time.monotonic() + 20
        while flagged() != ["Okonjeh"] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert flagged() == ["Okonjeh"]
        assert httpx.get(f"{server}/healthz").json()["reloads"] >= 1
        # a broken glossary keeps the last good one serving, and health says so
        glossary.write_text("entries: [not, a, mapping\n", "utf-8")
        deadline = time.monotonic() + 20
        while httpx.get(f"{server}/healthz").json()["status"] == "ok":
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert flagged() == ["Okonjeh"]
    finally:
        glossary.write_text(original, "utf-8")


def test_token_and_time_limit(workdir: Path) -> None:
    token = workdir / "token"
    token.write_text("s3cret-token\n", encoding="utf-8")
    with running_server(
        ["--isolated", "--token-file", str(token), "--timeout", "0.000001"], cwd=workdir
    ) as url:
        article = {"target": SEED.read_text(encoding="utf-8")}
        assert_error(httpx.post(f"{url}/v1/check", json=article), 401, "token")
        wrong = {"Authorization": "Bearer nope"}
        assert_error(httpx.post(f"{url}/v1/check", json=article, headers=wrong), 401)
        assert httpx.get(f"{url}/healthz").status_code == 200  # probes need no token
        assert httpx.get(f"{url}/").status_code == 200  # the page asks for it itself
        right = {"Authorization": "Bearer s3cret-token"}
        assert httpx.get(f"{url}/v1/version", headers=right).status_code == 200
        slow = httpx.post(f"{url}/v1/check", json=article, headers=right, timeout=30)
        assert_error(slow, 503, "limit")


def test_bad_serve_settings_exit_2_before_listening(tmp_path: Path) -> None:
    empty = tmp_path / "empty-token"
    empty.write_text("\n", encoding="utf-8")
    for args, words in (
        (["--token-file", str(tmp_path / "missing")], "token file"),
        (["--token-file", str(empty)], "token file is empty"),
        (["--config", str(tmp_path / "missing.toml")], "no such configuration file"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "audit", "serve", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr


def test_serve_without_the_extra_says_what_to_install(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if the serve extra were absent
    result = cli("serve")
    assert result.exit_code == 2
    assert "pip install -e '.[serve]'" in result.output


def test_html_upload_matches_the_cli_and_fixes_text_nodes(server: str, workdir: Path) -> None:
    original = ROOT / "tests" / "fixtures" / "html" / "wordpress_post.html"
    page = workdir / "post.html"
    shutil.copy(original, page)
    body, passed = without_pass(post_file(server, page).text)
    assert body == cli_json(workdir, "post.html", *GLOSSARIES)
    assert passed is False
    with page.open("rb") as f:
        fixed = httpx.post(f"{server}/v1/fix", files={"file": ("post.html", f)}, timeout=60)
    assert fixed.status_code == 200
    result = fixed.json()["files"][0]
    assert "<em>Khalifa Haftar</em>" in result["fixed"]
    assert "-<p>The United Nations" in result["diff"]
    assert page.read_bytes() == original.read_bytes()  # the service never writes a file


def test_html_articles_as_json_match_the_cli_on_html_files(server: str, workdir: Path) -> None:
    posts = [
        {"id": "post-17", "target": '<p>Khalifa <b>Hifter</b> met <a href="/x">Salama</a>.</p>'},
        {"id": "post-18", "target": "<h2>Talks</h2>\n<p>&lt;p&gt;Geneva talks resume.</p>"},
    ]
    response = httpx.post(f"{server}/v1/check", params={"format": "html"}, json=posts)
    assert response.status_code == 200
    for post in posts:
        (workdir / f"{post['id']}.html").write_text(post["target"], encoding="utf-8")
    body, passed = without_pass(response.text)
    assert body == cli_json(workdir, "post-17.html", "post-18.html", *GLOSSARIES)
    found = {
        (f["path"], f["code"], f["text"], f["line"], f["column"])
        for f in json.loads(body)["findings"]
    }
    assert ("post-17.html", "N001", "Hifter", 1, 15) in found
    assert ("post-18.html", "A004", "<p>", 2, 4) in found  # the escaped tag, in the file
    assert_error(
        httpx.post(f"{server}/v1/check", params={"format": "docx"}, json=posts), 415, "docx"
    )
    with_source = [{"target": "<p>x</p>", "source": "y"}]
    assert_error(httpx.post(f"{server}/v1/check", params={"format": "html"}, json=with_source), 400)
