"""Running audit over files: settings per file, reading, auditing.

The commands (check, fix, baseline, config show) share this: each file gets the
settings of the configuration file found for it (audit/settings.py) under the
command-line overrides, and one :class:`~audit.config.AuditConfig` is built per
distinct set of settings, so glossaries are loaded once however many files use them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document
from audit.errors import ConfigError
from audit.findings import Finding, Severity
from audit.formats import STDIN, SourceFile, load_file
from audit.progress import progress
from audit.settings import Overrides, Settings, find_config, settings_for

if TYPE_CHECKING:
    from audit.configfile import ConfigFile


@dataclass(frozen=True)
class RunOptions:
    """How to find settings and read files; the same for every file of a run."""

    overrides: Overrides = field(default_factory=Overrides)
    config_path: str | None = None  # use this file instead of searching
    isolated: bool = False  # ignore configuration files
    encoding: str | None = None
    errors: str = "strict"
    source: str | None = None  # the source file of a plain-text, Markdown or SRT target
    fields: Mapping[str, str] = field(default_factory=dict)  # field name -> JSON key or CSV column


@dataclass(frozen=True)
class Input:
    """One file, read, with the settings and configuration that apply to it."""

    source: SourceFile
    settings: Settings
    config: AuditConfig

    @property
    def documents(self) -> list[Document]:
        return self.source.documents


class Runner:
    """Loads files with their settings; caches configuration files and AuditConfigs."""

    def __init__(self, options: RunOptions = RunOptions()):
        self.options = options
        self._found: dict[Path, Path | None] = {}
        self._files: dict[Path, ConfigFile] = {}
        self._configs: dict[str, AuditConfig] = {}

    def settings(self, path: str) -> Settings:
        """The effective settings for ``path`` (``-``: standard input)."""
        file = None if path == STDIN else path
        return settings_for(file, self._config_file(file), self.options.overrides)

    def config(self, settings: Settings) -> AuditConfig:
        key = json.dumps(
            [settings.select, settings.ignore, settings.fail_on, settings.severity, settings.glossaries,
             settings.default_glossaries, settings.options],
            sort_keys=True,
        )
        if key not in self._configs:
            self._configs[key] = AuditConfig.create(
                glossaries=settings.glossaries,
                default_glossaries=settings.default_glossaries,
                select=settings.select,
                ignore=settings.ignore,
                fail_on=settings.fail_on,
                severity_overrides={code: Severity(s) for code, s in settings.severity.items()},
                options={code: dict(opts) for code, opts in settings.options.items()},
            )
        return self._configs[key]

    def read(self, path: str, settings: Settings | None = None) -> SourceFile:
        """Read ``path`` with the languages its settings give."""
        settings = settings or self.settings(path)
        o = self.options
        return load_file(path, encoding=o.encoding, errors=o.errors, source=o.source, target_lang=settings.language,
                         source_lang=settings.source_language, fields=dict(o.fields))

    def load(self, path: str) -> Input:
        """Read ``path`` and pair it with its settings and configuration."""
        settings = self.settings(path)
        return Input(self.read(path, settings), settings, self.config(settings))

    def _config_file(self, file: str | None) -> ConfigFile | None:
        if self.options.isolated:
            return None
        if self.options.config_path is not None:
            given = Path(self.options.config_path)
            if not given.is_file():
                raise ConfigError("no such configuration file", path=self.options.config_path)
            path: Path | None = given
        else:
            directory = (Path(file).parent if file is not None else Path.cwd()).resolve()
            if directory not in self._found:
                self._found[directory] = find_config(directory)
            path = self._found[directory]
        if path is None:
            return None
        resolved = path.resolve()
        if resolved not in self._files:
            from audit.configfile import load_config

            self._files[resolved] = load_config(resolved)
        return self._files[resolved]


def audit_paths(runner: Runner, paths: Iterable[str], *, show_progress: bool = False) -> tuple[list[Input], list[Finding]]:
    """Load and audit ``paths``; the findings of all files, sorted."""
    inputs = [runner.load(p) for p in paths]
    total = sum(len(item.documents) for item in inputs)
    findings: list[Finding] = []
    with progress(total, "auditing", enabled=show_progress) as tick:
        for item in inputs:
            for doc in item.documents:
                findings.extend(audit_document(doc, item.config))
                tick()
    findings.sort(key=Finding.sort_key)
    return inputs, findings


def failed(inputs: Iterable[Input], findings: Iterable[Finding]) -> bool:
    """True when a finding reaches the fail level of the file it is in."""
    levels: dict[str, Severity] = {}
    for item in inputs:
        level = item.config.fail_on
        # A finding names its file (a source file for the source side of a text pair)
        # and its document; either leads back to the input it came from.
        for name in {item.source.name, *(d.id for d in item.documents), *(d.source_path or "" for d in item.documents)}:
            levels[name] = min(levels.get(name, level), level, key=lambda s: s.rank)
    return any(f.severity.rank >= levels.get(f.path, levels.get(f.document, Severity.MAJOR)).rank for f in findings)
