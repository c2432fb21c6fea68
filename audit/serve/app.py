"""The HTTP application: routes, limits, errors as JSON, the token and the page.

Every error reaches the client as ``{"error": "..."}`` with its status (400 bad input,
401 missing or wrong token, 413 body too large, 415 unknown format or content type,
503 over the time limit); a bug is logged on the server and answered 500 without a
stack trace. The review page and its script and style sheet are files in this package
(``static/``): nothing is fetched from elsewhere, so the page works offline.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import resources
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from audit.config.settings import Overrides
from audit.errors import AuditError, ConfigError
from audit.findings import Severity
from audit.run import RunOptions
from audit.serve.inputs import (
    MemoryFile,
    UnsupportedFormat,
    articles_of,
    from_articles,
    from_upload,
    html_articles,
    known_suffixes,
)
from audit.serve.service import RequestOptions, Service
from audit.serve.settings import ServeSettings
from audit.version import __version__

log = logging.getLogger("audit.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SEVERITIES = tuple(s.value for s in Severity)
OPEN_PATHS = ("/", "/healthz", "/favicon.ico")  # served without the token
STATIC = resources.files("audit.serve") / "static"
# The page runs only its own script: even if article text reached the DOM as HTML, an
# inline <script> or event handler in it would not run.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' blob:; form-action 'none'; base-uri 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ClientError(Exception):
    """A request the server will not answer with findings: status and one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class BodyLimit:
    """Answers 413 to a body over ``limit`` bytes, declared or streamed, before the app
    reads it; the body is buffered (it is small) and replayed to the app."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = _error(413, f"request body over the limit of {self.limit} bytes")
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _error(400, "invalid Content-Length")(scope, receive, send)
                    return
                if declared > self.limit:
                    await too_large(scope, receive, send)
                    return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # a disconnect: let the app see it
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class BearerToken:
    """Requires ``Authorization: Bearer TOKEN`` on every path but the page and /healthz."""

    def __init__(self, app: ASGIApp, token: str):
        self.app = app
        self.token = token.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in OPEN_PATHS or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        given = b""
        for name, value in scope.get("headers", ()):
            if name == b"authorization" and value[:7].lower() == b"bearer ":
                given = value[7:].strip()
        if not hmac.compare_digest(given, self.token):
            await _error(
                401, "missing or wrong bearer token", {"WWW-Authenticate": 'Bearer realm="audit"'}
            )(scope, receive, send)
            return
        await self.app(scope, receive, send)


def read_token(path: str) -> str:
    """The bearer token: the file's content, surrounding whitespace removed."""
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the token file: {exc}", path=path) from None
    if not token:
        raise ConfigError("the token file is empty", path=path)
    return token


def run_options(settings: ServeSettings) -> RunOptions:
    """The server's settings for the checks, as `audit check` options would give them."""
    return RunOptions(
        Overrides(
            select=settings.select,
            ignore=settings.ignore,
            fail_on=settings.fail_on,
            glossaries=settings.glossaries,
            default_glossaries=settings.default_glossaries,
            target_lang=settings.target_lang,
            source_lang=settings.source_lang,
        ),
        config_file=settings.config_file,
        isolated=settings.isolated,
    )


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


_CHECK_DOC: dict[str, Any] = {
    "parameters": [
        _query("select", "Only these checks (codes, prefixes or names; repeat or comma-separate)."),
        _query("ignore", "Checks to skip, as for select."),
        _query("fail_on", "The severity at which pass is false.", enum=list(SEVERITIES)),
        _query("target_lang", "Target language where the input does not say."),
        _query("source_lang", "Source language where the input does not say."),
        _query(
            "format",
            "JSON articles: jsonl (default) or html (target is HTML).",
            enum=["jsonl", "html"],
        ),  # fmt: skip
        _query("unsafe", "/v1/fix only: apply every suggestion.", type="boolean"),
    ],
    "requestBody": {
        "description": "One article, a list of articles or {'articles': [...], 'select': ..., "
        "'ignore': ..., 'fail_on': ..., 'format': ...} as JSON (fields as in JSON Lines: "
        "target, source, source_lang, target_lang, id, metadata); or a multipart upload with "
        "'file' (any format audit check reads, chosen by its name's ending) and optionally "
        "'source' (the source of a plain-text, Markdown or SRT file) and the options as fields.",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "multipart/form-data": {"schema": {"type": "object"}},
        },
    },
}


def create_app(settings: ServeSettings | None = None) -> ASGIApp:
    """The application for one worker (uvicorn calls it with no argument: the settings
    come from the environment, see :mod:`audit.serve.settings`)."""
    settings = settings or ServeSettings.from_env()
    token = read_token(settings.token_file) if settings.token_file else None
    service = Service(run_options(settings))
    service.warm_up()
    api = FastAPI(
        title="audit",
        version=__version__,
        description="Translation-quality checks over HTTP: the findings of `audit check`.",
        docs_url=None,  # the interactive pages load scripts from a CDN; the page must work offline
        redoc_url=None,
    )

    async def timed(function: Callable[[], Any]) -> Any:
        # The check runs in a thread; past the limit the request is answered at once and
        # the thread is left to finish on its own (a thread cannot be stopped), its
        # result dropped.
        try:
            with anyio.fail_after(settings.timeout):
                return await anyio.to_thread.run_sync(function, abandon_on_cancel=True)
        except TimeoutError:
            raise ClientError(
                503,
                f"the check took longer than the server's limit of {settings.timeout:g} s; "
                "send a shorter text or fewer articles",
            ) from None

    @api.exception_handler(ClientError)
    async def client_error(request: Request, exc: ClientError) -> Response:
        return _error(exc.status, str(exc))

    @api.exception_handler(UnsupportedFormat)
    async def unsupported(request: Request, exc: UnsupportedFormat) -> Response:
        return _error(415, str(exc))

    @api.exception_handler(AuditError)
    async def audit_error(request: Request, exc: AuditError) -> Response:
        return _error(400, str(exc))

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(exc.status_code, str(exc.detail))

    @api.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s %s", request.method, request.url.path)
        return _error(500, "internal error; the server's log has the details")

    @api.get("/", include_in_schema=False)
    async def page() -> Response:
        return FileResponse(
            str(STATIC / "index.html"), media_type="text/html; charset=utf-8", headers=PAGE_HEADERS
        )

    @api.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        files = {"review.js": "text/javascript", "review.css": "text/css"}
        if name not in files:  # a fixed list: no path from a request reaches the disk
            raise ClientError(404, "not found")
        return FileResponse(str(STATIC / name), media_type=f"{files[name]}; charset=utf-8")

    @api.get("/healthz")
    def healthz() -> dict[str, Any]:
        """Liveness; ``degraded`` when a changed glossary failed to load (the previous
        one is still in use)."""
        return service.health()

    @api.get("/v1/version")
    async def version() -> dict[str, str]:
        return {"version": __version__}

    @api.get("/v1/rules")
    async def rules() -> list[dict[str, Any]]:
        """Every check: code, name, default severity, category, summary, fixable."""
        from audit.checks import ALL_CHECKS

        return [
            {
                "code": c.code,
                "name": c.name,
                "severity": c.severity.value,
                "category": c.category.value,
                "summary": c.summary,
                "fixable": c.fixable,
            }
            for c in ALL_CHECKS
        ]

    @api.post("/v1/check", openapi_extra=_CHECK_DOC)
    async def check(request: Request) -> Response:
        """Findings as `audit check --format json` prints them, plus ``"pass"``: false
        when a finding reaches ``fail_on``. The HTTP status is 200 either way."""
        files, options, _ = await _read_request(request)
        body, _failed = await timed(lambda: service.check(files, options))
        return Response(body, media_type="application/json")

    @api.post("/v1/fix", openapi_extra=_CHECK_DOC)
    async def fix(request: Request) -> Response:
        """The safe fixes (``unsafe=true``: every suggestion) as `audit fix` makes them:
        per file the fixed text and a unified diff, and each document's fixed target."""
        files, options, unsafe = await _read_request(request)
        result = await timed(lambda: service.fix(files, options, unsafe=unsafe))
        return JSONResponse(result)

    app: ASGIApp = api
    if settings.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        app = CORSMiddleware(
            app,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    if token:
        app = BearerToken(app, token)
    return BodyLimit(app, settings.max_body)


async def _read_request(request: Request) -> tuple[list[MemoryFile], RequestOptions, bool]:
    """The files and options of a check or fix request (query, then body options)."""
    query = request.query_params
    values: dict[str, Any] = {
        key: query.getlist(key) for key in ("select", "ignore") if query.getlist(key)
    }
    for key in ("fail_on", "target_lang", "source_lang", "unsafe", "format"):
        if key in query:
            values[key] = query[key]
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        raw = await request.body()
        try:
            body = json.loads(raw)
        except UnicodeDecodeError:
            raise ClientError(400, "malformed JSON: not UTF-8") from None
        except json.JSONDecodeError as exc:
            raise ClientError(
                400, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
        if isinstance(body, dict) and "articles" in body and "target" not in body:
            for key in ("select", "ignore", "fail_on", "target_lang", "source_lang", "unsafe"):
                if key in body:
                    values[key] = body[key]
            if "format" in body:
                values["format"] = body["format"]
        articles = articles_of(body)
        fmt = values.get("format")
        if fmt == "html":  # a CMS's HTML (post_content): each article an HTML file
            files = html_articles(articles)
        elif fmt in (None, "jsonl"):
            files = [from_articles(articles)]
        else:
            raise ClientError(415, f"unknown format {fmt!r} for JSON articles: jsonl or html")
    elif kind == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ClientError(400, "multipart upload without a 'file' part")
        source = form.get("source")
        source_part = None
        if source is not None and not isinstance(source, str):
            source_part = (source.filename, await source.read())
        for key in ("select", "ignore"):
            if form.getlist(key):
                values[key] = [str(v) for v in form.getlist(key)]
        for key in ("fail_on", "target_lang", "source_lang", "unsafe"):
            if isinstance(form.get(key), str):
                values[key] = form.get(key)
        files = [from_upload(upload.filename, await upload.read(), source=source_part)]
    else:
        raise ClientError(
            415,
            f"unsupported content type {kind or '(none)'!r}: send application/json "
            f"or a multipart/form-data upload (file endings: {' '.join(known_suffixes())})",
        )
    return files, _options(values), _flag(values.get("unsafe"))


def _options(values: dict[str, Any]) -> RequestOptions:
    fail_on = values.get("fail_on")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ClientError(400, f"fail_on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    for key in ("target_lang", "source_lang"):
        if values.get(key) is not None and not isinstance(values[key], str):
            raise ClientError(400, f"{key} must be a string")
    return RequestOptions(
        select=_codes(values.get("select"), "select"),
        ignore=_codes(values.get("ignore"), "ignore"),
        fail_on=fail_on,
        target_lang=values.get("target_lang"),
        source_lang=values.get("source_lang"),
    )


def _codes(value: object, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise ClientError(400, f"{key} must be a string or a list of strings")
    return tuple(part.strip() for v in items for part in v.split(",") if part.strip())


def _flag(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in ("1", "true", "yes"))
