"""Configuration files: ``[tool.audit]`` in ``pyproject.toml``, or a ``.audit.toml``.

For each checked file, audit walks up from the file's directory (from the working
directory for standard input) and takes the first ``.audit.toml``, or the first
``pyproject.toml`` that has a ``[tool.audit]`` table; ``.audit.toml`` wins in a
directory that has both. Only that file is read: settings are not merged across
directories. ``.audit.toml`` holds the keys at its top level.

Keys (a key not listed here is an error naming the file and line, exit 2)::

    select = ["N", "C001"]        # checks to run: codes, prefixes, names (default: all)
    extend-select = ["S"]         # checks to run besides select (when select is given)
    ignore = ["C002"]             # checks to skip
    extend-ignore = ["A007"]      # checks to skip besides ignore
    fail-on = "major"             # exit 1 at or above this severity
    min-severity = "minor"        # show only findings at or above this severity
    exclude = ["drafts"]          # files and folders left out when a folder is walked
    extend-exclude = ["*.tmp.md"] # added to exclude (whose default is DEFAULT_EXCLUDE)
    respect-gitignore = true      # leave out what .gitignore files list, walking folders
    glossaries = ["terms.yaml"]   # extra glossaries, relative to this file
    default-glossaries = true     # load the bundled glossaries
    target-lang = "en"            # target language when the file does not say
    source-lang = "ar"            # source language when the file does not say
    [severity]                    # severity per check
    C001 = "major"
    [options.C001]                # per-check options (thresholds); `audit rules` lists them
    min-length = 5
    [per-path."desk/sport/*"]     # settings for some files (patterns below)
    ignore = ["C002"]

A per-path pattern is an fnmatch pattern (``*`` also crosses ``/``) matched against
the file's path relative to the configuration file's directory, or against the file
name alone when the pattern has no ``/``. Every matching entry applies, in file order:
``ignore``, ``extend-select``, ``extend-ignore`` and ``glossaries`` add to the values
above, ``severity`` and ``options`` merge key by key, ``select``, ``target-lang``,
``source-lang`` and ``default-glossaries`` replace.

Each setting has one name everywhere: the key here, the command-line option
(``--target-lang``), the keyword of the Python API and the field of
:class:`audit.config.settings.Settings` (``target_lang``). Keys spelled the old way
(:data:`RENAMED`: ``language``, ``source-language``) still work; ``audit config show``
notes them as deprecated.
Command-line options override all of it (``--glossary``, ``--extend-select``,
``--extend-ignore`` and ``--extend-exclude`` add).

``exclude`` patterns apply only to files found by walking a folder (a file named on
the command line is always audited): a pattern without ``/`` matches any file or
folder of that name below the folder walked (``drafts``, ``*.bak.md``); a pattern
with ``/`` matches a path relative to this file's directory (``desk/archive/*``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.config.tomlkeys import key_lines, line_of
from audit.errors import ConfigError
from audit.findings import Severity

# key -> (type, description); the order is the order `audit config show` prints.
_LIST = "list of strings"
KEYS: dict[str, tuple[str, str]] = {
    "select": (_LIST, "checks to run"),
    "extend-select": (_LIST, "checks to run besides select"),
    "ignore": (_LIST, "checks to skip"),
    "extend-ignore": (_LIST, "checks to skip besides ignore"),
    "fail-on": ("severity", "exit 1 at or above this severity"),
    "min-severity": ("severity", "show only findings at or above this severity"),
    "severity": ("table", "severity per check"),
    "glossaries": (_LIST, "extra glossary files"),
    "default-glossaries": ("boolean", "load the bundled glossaries"),
    "target-lang": ("string", "target language when the file does not say"),
    "source-lang": ("string", "source language when the file does not say"),
    "options": ("table", "per-check options"),
    "exclude": (_LIST, "files and folders left out when walking a folder"),
    "extend-exclude": (_LIST, "added to exclude"),
    "respect-gitignore": ("boolean", "leave out what .gitignore lists when walking a folder"),
}
PER_PATH_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "severity",
    "glossaries",
    "default-glossaries",
    "target-lang",
    "source-lang",
    "options",
)
#: Old spellings of keys, still accepted (with a deprecation note): old -> new.
RENAMED = {"language": "target-lang", "source-language": "source-lang"}


@dataclass(frozen=True)
class Entry:
    """Validated values of one table (the top level, or one per-path entry)."""

    values: Mapping[str, Any]
    origins: Mapping[str, str]


@dataclass(frozen=True)
class ConfigFile:
    """A parsed, validated configuration file."""

    path: Path
    base: Entry
    per_path: tuple[tuple[str, Entry], ...]
    deprecations: tuple[str, ...] = ()  # old spellings used, with file and line


def load_config(path: Path) -> ConfigFile:
    """Parse and validate a configuration file; errors name the file and line."""
    path = path.resolve()
    text = _read(path)
    data = parse(path, text)
    prefix: tuple[str, ...] = ()
    lines = key_lines(text)
    if path.name == "pyproject.toml":
        prefix = ("tool", "audit")
        for depth in (1, 2):
            data = data.get(prefix[depth - 1], {})
            if not isinstance(data, dict):
                raise ConfigError(
                    f"{'.'.join(prefix[:depth])} must be a table, not {table_kind(data)}",
                    path=str(path),
                    line=line_of(lines, prefix[:depth]),
                )
    v = _Validator(path, lines, prefix)
    base = v.entry(data, prefix, KEYS, per_path_allowed=True)
    per_path = tuple(
        (
            pattern,
            v.entry(
                table, (*prefix, "per-path", pattern), PER_PATH_KEYS, label=f"per-path {pattern!r}"
            ),
        )
        for pattern, table in v.table(data.get("per-path", {}), (*prefix, "per-path")).items()
    )
    for pattern, _ in per_path:
        if not pattern.strip():
            raise ConfigError(
                "empty per-path pattern", path=str(path), line=line_of(lines, (*prefix, "per-path"))
            )
    return ConfigFile(path, base, per_path, tuple(v.deprecations))


def table_kind(value: object) -> str:
    """What a TOML value that should have been a table is, in a user's words."""
    if isinstance(value, list):
        return "an array (of tables)" if all(isinstance(v, dict) for v in value) else "an array"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a date or time"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # a byte-order mark is not TOML
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 (byte {exc.start})", path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from None


def parse(path: Path, text: str) -> dict[str, Any]:
    # Imported here: most runs find no configuration file and never need it.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
        line = int(m.group(1)) if m else None
        if m:
            message = message[: m.start()] + f" (column {m.group(2)})"
        raise ConfigError(f"invalid TOML: {message}", path=str(path), line=line) from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", path=str(path)) from None


class _Validator:
    def __init__(
        self, path: Path, lines: dict[tuple[str | int, ...], int], prefix: tuple[str, ...]
    ):
        self.path = path
        self.lines = lines
        self.prefix = prefix
        self.deprecations: list[str] = []  # old spellings met, for `audit config show`

    def error(self, message: str, key_path: tuple[str | int, ...]) -> ConfigError:
        return ConfigError(message, path=str(self.path), line=line_of(self.lines, key_path))

    def where(self, key_path: tuple[str | int, ...]) -> str:
        line = line_of(self.lines, key_path)
        return f"{_display(self.path)}:{line}" if line else _display(self.path)

    def dotted(self, key_path: tuple[str | int, ...]) -> str:
        return ".".join(str(k) for k in key_path[len(self.prefix) :])

    def table(self, value: Any, key_path: tuple[str | int, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(f"{self.dotted(key_path)} must be a table", key_path)
        return value

    def entry(
        self,
        data: dict[str, Any],
        at: tuple[str, ...],
        allowed: Any,
        *,
        per_path_allowed: bool = False,
        label: str = "",
    ) -> Entry:
        values: dict[str, Any] = {}
        origins: dict[str, str] = {}
        for key, value in data.items():
            key_path = (*at, key)
            if key == "per-path" and per_path_allowed:
                continue
            if key in RENAMED and RENAMED[key] in allowed:
                new = RENAMED[key]
                if new in data:
                    raise self.error(
                        f"{new} is set twice (also as {key!r}, its old name)", key_path
                    )
                self.deprecations.append(
                    f"{self.where(key_path)}: {key!r} is spelled {new!r} now "
                    "(the old spelling still works)"
                )
                key = new
            if key not in allowed:
                known = ", ".join(sorted([*allowed, *(["per-path"] if per_path_allowed else [])]))
                where = f" in {label}" if label else ""
                raise self.error(f"unknown setting {key!r}{where} (known: {known})", key_path)
            values[key] = self.value(key, value, key_path)
            origins[key] = self.where(key_path) + (f" ({label})" if label else "")
        return Entry(values, origins)

    def value(self, key: str, value: Any, key_path: tuple[str | int, ...]) -> Any:
        kind = KEYS[key][0]
        name = self.dotted(key_path)
        if kind == _LIST:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.error(f"{name} must be a list of strings", key_path)
            if key in ("select", "ignore", "extend-select", "extend-ignore"):
                self.selectors(value, key_path)
            if key == "glossaries":
                return tuple(
                    str((self.path.parent / v).resolve()) if not os.path.isabs(v) else v
                    for v in value
                )
            return tuple(value)
        if kind == "boolean":
            if not isinstance(value, bool):
                raise self.error(f"{name} must be true or false", key_path)
            return value
        if kind == "string":
            if not isinstance(value, str) or not value.strip():
                raise self.error(f"{name} must be a non-empty string", key_path)
            return value
        if kind == "severity":
            return self.severity(value, key_path)
        if key == "severity":
            table = self.table(value, key_path)
            return {
                self.code(c, (*key_path, c)): self.severity(s, (*key_path, c))
                for c, s in table.items()
            }
        return self.options(self.table(value, key_path), key_path)

    def severity(self, value: Any, key_path: tuple[str | int, ...]) -> str:
        try:
            return Severity.parse(value if isinstance(value, str) else repr(value)).value
        except ValueError as exc:
            raise self.error(f"{self.dotted(key_path)}: {exc}", key_path) from None

    def selectors(self, values: list[str], key_path: tuple[str | int, ...]) -> None:
        from audit.checks import REGISTERED  # codes and names: no check module imported
        from audit.engine.selection import selector_matches, split_selectors

        for i, raw in enumerate(values):
            for selector in split_selectors([raw]):
                if not any(selector_matches(selector, c.code, c.name) for c in REGISTERED):
                    raise self.error(
                        f"unknown check {selector!r} in {self.dotted(key_path)}; `audit rules` lists them",
                        (*key_path, i),
                    )

    def code(self, code: str, key_path: tuple[str | int, ...]) -> str:
        from audit.checks import find_check  # no check module imported

        try:
            return find_check(code.upper()).code
        except KeyError:
            try:
                return find_check(code).code
            except KeyError:
                raise self.error(
                    f"unknown check {code!r} in {self.dotted(key_path[:-1])}", key_path
                ) from None

    def options(
        self, table: dict[str, Any], key_path: tuple[str | int, ...]
    ) -> dict[str, dict[str, Any]]:
        from audit.checks import get_check
        from audit.engine.check import option_key

        out: dict[str, dict[str, Any]] = {}
        for code, opts in table.items():
            code_path = (*key_path, code)
            check = get_check(self.code(code, code_path))
            for name, value in self.table(opts, code_path).items():
                opt_path = (*code_path, name)
                if name not in check.options and option_key(name) in check.options:
                    self.deprecations.append(
                        f"{self.where(opt_path)}: option {check.code} {name!r} is spelled "
                        f"{option_key(name)!r} now (the old spelling still works)"
                    )
                    name = option_key(name)
                if name not in check.options:
                    known = ", ".join(sorted(check.options)) or "none"
                    raise self.error(
                        f"unknown option {name!r} for {check.code} (its options: {known})", opt_path
                    )
                default = check.options[name]
                if type(value) is not type(default) and not (
                    isinstance(default, float) and type(value) is int
                ):
                    raise self.error(
                        f"{check.code} option {name!r} must be {type(default).__name__}, like its default {default!r}",
                        opt_path,
                    )
                out.setdefault(check.code, {})[name] = value
        return out


def _display(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
