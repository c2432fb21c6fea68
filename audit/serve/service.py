"""The checks behind the HTTP endpoints, with the CLI's own functions.

:class:`Service` is made once per server worker. It keeps the configuration caches of
:class:`audit.run.Runner` (glossaries and name data are compiled once, then shared by
every request) and watches the files they came from: when a glossary or the
configuration file changes, the next request builds a new generation of caches and
swaps it in with one assignment, so a request uses either the old glossaries or the
new ones, never half of each. A glossary that fails to load keeps the old generation
serving, and the error is shown by ``/healthz``.

A request's files never come from disk: :class:`_RequestRunner` is a ``Runner`` whose
``stream`` hands out the in-memory files of :mod:`audit.serve.inputs`. Auditing and
rendering are :func:`audit.run.audit_paths` and the JSON reporter, as in ``audit check
--format json``, so the findings are the same byte for byte.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.config import AuditConfig
from audit.config.settings import Settings
from audit.document import Document
from audit.errors import AuditError
from audit.formats import STDIN, SourceFile, format_for
from audit.reporters import Report, render
from audit.run import Runner, RunOptions, audit_paths, failed
from audit.serve.inputs import MemoryFile

if TYPE_CHECKING:
    from audit.config.file import ConfigFile
    from audit.glossary import GlossaryMatcher

log = logging.getLogger("audit.serve")
#: Seconds between two looks at the watched files (a reload takes effect within this).
CHECK_INTERVAL = 1.0


@dataclass(frozen=True)
class RequestOptions:
    """What one request may choose, as the CLI's options of the same names; ``None``
    or empty leaves the server's setting."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    target_lang: str | None = None
    source_lang: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None


@dataclass
class _Generation:
    """Configuration caches built from one state of the watched files."""

    stamp: tuple[tuple[str, int, int], ...]
    found: dict[Path, Path | None] = field(default_factory=dict)
    files: dict[Path, ConfigFile] = field(default_factory=dict)
    configs: dict[str, AuditConfig] = field(default_factory=dict)
    matchers: dict[tuple[str, ...], GlossaryMatcher | None] = field(default_factory=dict)


class _RequestRunner(Runner):
    """A Runner for one request: the server's settings and caches, the request's
    options, and files held in memory (a request cannot name a file on disk)."""

    def __init__(self, options: RunOptions, generation: _Generation, files: Sequence[MemoryFile]):
        super().__init__(options)
        self._found = generation.found
        self._files = generation.files
        self._configs = generation.configs
        self._matchers = generation.matchers
        self._memory = {f.name: f for f in files}

    def settings(self, path: str) -> Settings:
        # The server's configuration file (--config, else found from its working
        # folder), as for standard input: request names are labels, not places.
        return super().settings(STDIN)

    def stream(self, path: str, settings: Settings | None = None) -> Iterator[Document]:
        return iter(self.documents(path, settings))

    def documents(self, path: str, settings: Settings | None = None) -> list[Document]:
        item = self._memory[path]
        settings = settings or self.settings(path)
        from audit.formats.language import settle

        read = item.reader(item.text, item.name, **self.reader_options(item, settings))
        return list(settle(read))

    def reader_options(self, item: MemoryFile, settings: Settings) -> dict[str, Any]:
        """What :func:`audit.formats.load_file` gives a reader, for this file."""
        return {
            "target_lang": settings.declared_target_lang,
            "source_lang": settings.source_lang,
            "fields": dict(self.options.fields),
            **item.options,
        }


class Service:
    """The checks, configured once per worker, shared by its requests (thread-safe)."""

    def __init__(self, options: RunOptions | None = None):
        self.options = options or RunOptions()
        self._lock = threading.Lock()
        self.reload_error: str | None = None
        self.reloads = 0
        self._watched_paths = self._watched()
        self._generation = self._build(self._stamp())
        self._checked = time.monotonic()

    # -- configuration and reloading ------------------------------------------------

    def _watched(self) -> list[str]:
        """The files whose change means new settings: configuration file and glossaries."""
        probe = Runner(self.options)
        settings = probe.settings(STDIN)
        paths = [*settings.glossaries]
        if settings.config_file:
            paths.append(settings.config_file)
        return paths

    def _stamp(self, paths: list[str] | None = None) -> tuple[tuple[str, int, int], ...]:
        out = []
        for path in self._watched_paths if paths is None else paths:
            try:
                st = os.stat(path)
                out.append((path, st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((path, -1, -1))
        return tuple(out)

    def _build(self, stamp: tuple[tuple[str, int, int], ...]) -> _Generation:
        generation = _Generation(stamp)
        runner = _RequestRunner(self.options, generation, ())
        runner.config(runner.settings(STDIN))  # load the glossaries now, not on a request
        return generation

    def generation(self) -> _Generation:
        """The current caches, rebuilt first if a watched file changed."""
        current = self._generation
        now = time.monotonic()
        if now - self._checked < CHECK_INTERVAL:
            return current
        self._checked = now
        stamp = self._stamp()
        if stamp == current.stamp:
            return current
        with self._lock:
            if self._generation is not current:  # another thread reloaded meanwhile
                return self._generation
            try:
                watched = self._watched()  # the configuration may name other glossaries now
                fresh = self._build(self._stamp(watched))
            except AuditError as exc:
                self._failed_reload(current, str(exc), stamp)
                return current
            self._watched_paths = watched
            self._generation = fresh
            self.reload_error = None
            self.reloads += 1
            log.info("configuration reloaded: %s", ", ".join(p for p, _, _ in stamp))
            return fresh

    def _failed_reload(
        self, current: _Generation, error: str, stamp: tuple[tuple[str, int, int], ...]
    ) -> None:
        # Keep serving the last good glossaries; do not retry until the files change again.
        current.stamp = stamp
        if self.reload_error != error:
            log.warning("configuration not reloaded, still using the previous one: %s", error)
        self.reload_error = error

    def runner(self, request: RequestOptions, files: Sequence[MemoryFile]) -> _RequestRunner:
        o = self.options
        overrides = o.overrides.replace(
            select=request.select or o.overrides.select,
            ignore=(*o.overrides.ignore, *request.ignore),
            fail_on=request.fail_on or o.overrides.fail_on,
            target_lang=request.target_lang or o.overrides.target_lang,
            source_lang=request.source_lang or o.overrides.source_lang,
        )
        options = o.replace(
            overrides=overrides,
            fields={**o.fields, **request.fields},
            encoding=request.encoding or o.encoding,
        )
        return _RequestRunner(options, self.generation(), files)

    # -- endpoints -------------------------------------------------------------------

    def check(self, files: Sequence[MemoryFile], request: RequestOptions) -> tuple[str, bool]:
        """The JSON ``audit check --format json`` prints for ``files``, with ``"pass"``
        added as its last key, and whether it failed."""
        runner = self.runner(request, files)
        result = audit_paths(runner, [f.name for f in files], scores=True, jobs=1)
        is_failed = failed(result.files, result.findings)
        report = Report(
            result.findings,
            result.documents,
            result.files[0].config.fail_on,
            is_failed,
            paths=tuple(item.name for item in result.files),
            scores=result.scores,
            notes=[f"Skipped: {reason}" for reason in result.skipped],
        )
        return with_pass(render(report, "json"), not is_failed), is_failed

    def fix(
        self, files: Sequence[MemoryFile], request: RequestOptions, *, unsafe: bool = False
    ) -> dict[str, Any]:
        """The safe fixes (all with ``unsafe``) of each file, as ``audit fix`` makes them:
        the fixed text, a unified diff, and for articles each article's fixed target."""
        from audit.fix import fix_file

        runner = self.runner(request, files)
        out: list[dict[str, Any]] = []
        for item in files:
            settings = runner.settings(item.name)
            options = runner.reader_options(item, settings)
            source = SourceFile(
                item.name,
                item.name,
                item.data,
                item.text,
                format_for(item.name),
                runner.documents(item.name, settings),
                options,
            )
            result = fix_file(source, runner.config(settings), unsafe=unsafe)
            out.append(
                {
                    "name": item.name,
                    "changed": result.changed,
                    "applied": result.applied,
                    "left": result.left,
                    "fixed": result.after,
                    "diff": result.diff(),
                    "documents": [
                        {
                            "document": d.document.id,
                            "fixed": d.fixed,
                            "diff": _diff(d.document.target, d.fixed, d.document.id),
                        }
                        for d in result.documents
                    ],
                }
            )
        return {"files": out}

    def warm_up(self) -> None:
        """Audit a short article once, so that what the checks load on first use (name
        data, language tables) is loaded before the first request, not during it."""
        from audit.serve.inputs import from_articles

        article = {"id": "warm-up", "target": "Khalifa Haftar met the envoy in Geneva.\n"}
        self.check([from_articles([article])], RequestOptions())

    def health(self) -> dict[str, Any]:
        """Whether the watched files loaded: a probe also picks up their changes."""
        self.generation()
        return {
            "status": "ok" if self.reload_error is None else "degraded",
            "reloads": self.reloads,
            "reload_error": self.reload_error,
        }


def with_pass(rendered: str, passed: bool) -> str:
    """``rendered`` (the JSON reporter's output) with ``"pass"`` as its last key, every
    other byte unchanged, so a client can compare it with ``audit check``."""
    body = rendered.rstrip()
    assert body.endswith("}")
    return f'{body[:-1].rstrip()},\n  "pass": {json.dumps(passed)}\n}}\n'


def _diff(before: str, after: str, name: str) -> str:
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
