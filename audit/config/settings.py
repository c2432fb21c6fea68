"""Effective settings for a file: defaults, then its configuration file, then the
command line, each value remembering where it came from (``audit config show``).

The file format and its validation live in audit/config/file.py, imported only when a
configuration file is found, so a run without one pays nothing for TOML.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError, warn_renamed
from audit.findings import Severity
from audit.values import Frozen

if TYPE_CHECKING:
    from audit.config.file import ConfigFile, Entry

DEFAULT = "default"
COMMAND_LINE = "command line"
#: Folders never worth auditing when a folder is walked (hidden ones are skipped anyway).
DEFAULT_EXCLUDE = ("node_modules", "__pycache__", "site-packages", "venv")
#: The fields of :class:`Settings` and of :class:`Overrides`, in their order.
SETTINGS_FIELDS = (
    "select",
    "extend_select",
    "ignore",
    "extend_ignore",
    "fail_on",
    "min_severity",
    "severity",
    "glossaries",
    "default_glossaries",
    "target_lang",
    "source_lang",
    "options",
    "exclude",
    "extend_exclude",
    "respect_gitignore",
    "origins",
    "config_file",
    "deprecations",
)
OVERRIDES_FIELDS = (
    "select",
    "ignore",
    "fail_on",
    "glossaries",
    "default_glossaries",
    "target_lang",
    "source_lang",
    "extend_select",
    "extend_ignore",
    "min_severity",
    "exclude",
    "extend_exclude",
    "respect_gitignore",
)


class Settings(Frozen):
    """Effective settings for one file, with where each came from.

    Immutable and compared as the frozen dataclass it was (audit/values.py);
    :meth:`replace` makes a changed copy."""

    __slots__ = SETTINGS_FIELDS
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    extend_ignore: tuple[str, ...]
    fail_on: str
    min_severity: str
    severity: Mapping[str, str]
    glossaries: tuple[str, ...]
    default_glossaries: bool
    target_lang: str
    source_lang: str | None
    options: Mapping[str, Mapping[str, Any]]
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    respect_gitignore: bool
    origins: Mapping[str, str]
    config_file: str | None
    deprecations: tuple[str, ...]  # old spellings in the configuration file

    def __init__(
        self,
        select: tuple[str, ...] = (),
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        extend_ignore: tuple[str, ...] = (),
        fail_on: str = "major",
        min_severity: str = "info",
        severity: Mapping[str, str] | None = None,
        glossaries: tuple[str, ...] = (),
        default_glossaries: bool = True,
        target_lang: str = "en",
        source_lang: str | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
        extend_exclude: tuple[str, ...] = (),
        respect_gitignore: bool = True,
        origins: Mapping[str, str] | None = None,
        config_file: str | None = None,
        deprecations: tuple[str, ...] = (),
    ) -> None:
        set_ = object.__setattr__
        set_(self, "select", select)
        set_(self, "extend_select", extend_select)
        set_(self, "ignore", ignore)
        set_(self, "extend_ignore", extend_ignore)
        set_(self, "fail_on", fail_on)
        set_(self, "min_severity", min_severity)
        set_(self, "severity", {} if severity is None else severity)
        set_(self, "glossaries", glossaries)
        set_(self, "default_glossaries", default_glossaries)
        set_(self, "target_lang", target_lang)
        set_(self, "source_lang", source_lang)
        set_(self, "options", {} if options is None else options)
        set_(self, "exclude", exclude)
        set_(self, "extend_exclude", extend_exclude)
        set_(self, "respect_gitignore", respect_gitignore)
        set_(self, "origins", {} if origins is None else origins)
        set_(self, "config_file", config_file)
        set_(self, "deprecations", deprecations)

    @property
    def effective_select(self) -> tuple[str, ...]:
        """``select`` and ``extend-select`` together; empty (every check) when
        ``select`` is, since every check is then selected already."""
        return (*self.select, *self.extend_select) if self.select else ()

    @property
    def effective_ignore(self) -> tuple[str, ...]:
        return (*self.ignore, *self.extend_ignore)

    @property
    def declared_target_lang(self) -> str:
        """The target language when the configuration file or the command line (or an
        API caller) gives one; else ``""``: the file, or its text, then decides
        (:mod:`audit.formats.language`), English when neither says."""
        return self.target_lang if "target-lang" in self.origins else ""

    def value(self, key: str) -> Any:
        return getattr(self, key.replace("-", "_"))

    @property
    def language(self) -> str:
        """Deprecated: :attr:`target_lang`, as the key, option and API call it."""
        warn_renamed("Settings.language", "target_lang", stacklevel=3)
        return self.target_lang

    @property
    def source_language(self) -> str | None:
        """Deprecated: :attr:`source_lang`."""
        warn_renamed("Settings.source_language", "source_lang", stacklevel=3)
        return self.source_lang

    def origin(self, key: str) -> str:
        return self.origins.get(key, DEFAULT)


class Overrides(Frozen):
    """Values given on the command line; ``None`` (or empty) means not given.

    Immutable and compared as the frozen dataclass it was (audit/values.py);
    :meth:`replace` makes a changed copy."""

    __slots__ = OVERRIDES_FIELDS
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    glossaries: tuple[str, ...]
    default_glossaries: bool | None
    target_lang: str | None
    source_lang: str | None
    extend_select: tuple[str, ...]
    extend_ignore: tuple[str, ...]
    min_severity: str | None
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    respect_gitignore: bool | None

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on: str | None = None,
        glossaries: tuple[str, ...] = (),
        default_glossaries: bool | None = None,
        target_lang: str | None = None,
        source_lang: str | None = None,
        extend_select: tuple[str, ...] = (),
        extend_ignore: tuple[str, ...] = (),
        min_severity: str | None = None,
        exclude: tuple[str, ...] = (),
        extend_exclude: tuple[str, ...] = (),
        respect_gitignore: bool | None = None,
        # the old names of target_lang and source_lang, still accepted (with a warning)
        language: str | None = None,
        source_language: str | None = None,
    ) -> None:
        if language is not None:
            warn_renamed("Overrides(language=...)", "target_lang", stacklevel=3)
            target_lang = language
        if source_language is not None:
            warn_renamed("Overrides(source_language=...)", "source_lang", stacklevel=3)
            source_lang = source_language
        set_ = object.__setattr__
        set_(self, "select", select)
        set_(self, "ignore", ignore)
        set_(self, "fail_on", fail_on)
        set_(self, "glossaries", glossaries)
        set_(self, "default_glossaries", default_glossaries)
        set_(self, "target_lang", target_lang)
        set_(self, "source_lang", source_lang)
        set_(self, "extend_select", extend_select)
        set_(self, "extend_ignore", extend_ignore)
        set_(self, "min_severity", min_severity)
        set_(self, "exclude", exclude)
        set_(self, "extend_exclude", extend_exclude)
        set_(self, "respect_gitignore", respect_gitignore)


def find_config(start: Path) -> Path | None:
    """The configuration file that applies in directory ``start``."""
    directory = start.resolve()
    for d in (directory, *directory.parents):
        dot = d / ".audit.toml"
        if dot.is_file():
            return dot
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _has_tool_audit(pyproject):
            return pyproject
    return None


#: A ``[tool]`` table header (``audit`` may then be a key inside it).
_TOOL_TABLE = r"^[ \t]*\[[ \t]*[\"']?tool[\"']?[ \t]*\]"


def _has_tool_audit(path: Path) -> bool:
    # A cheap test before parsing: most pyproject.toml files have no [tool.audit].
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    m = re.search(
        r"^[ \t]*(?:\[\[?[ \t]*tool[ \t]*\.[ \t]*audit\b|tool[ \t]*(?:\.[ \t]*audit\b|=))",
        text,
        re.M,
    )
    if not m and re.search(_TOOL_TABLE, text, re.M):
        # `audit = {...}` or `audit.select = [...]` inside a `[tool]` table. A line
        # `audit = ...` alone (a [project.scripts] entry) is no reason to parse TOML.
        m = re.search(r"^[ \t]*[\"']?audit[\"']?[ \t]*[.=]", text, re.M)
    if not m:
        return False
    from audit.config.file import parse, table_kind

    tool = parse(path, text).get("tool")
    value = tool.get("audit") if isinstance(tool, dict) else tool
    if value is None or isinstance(value, dict):
        return value is not None
    # Meant for audit (or the tool table itself broken), but not a table: an error,
    # not settings silently ignored.
    raise ConfigError(
        f"{'tool.audit' if isinstance(tool, dict) else 'tool'} must be a table "
        f"([tool.audit]), not {table_kind(value)}",
        path=str(path),
        line=text.count("\n", 0, m.end()) + 1,
    )


def settings_for(
    file: str | None,
    config: ConfigFile | None,
    overrides: Overrides = Overrides(),  # noqa: B008 (immutable)
) -> Settings:
    """The settings for ``file`` (None: standard input) under ``config``, then the
    command line."""
    s = Settings()
    if config is not None:
        s = s.replace(config_file=str(config.path), deprecations=config.deprecations)
        s = _apply(s, config.base, extend=False)
        if file is not None:
            rel = _relative(Path(file), config.path.parent)
            for pattern, entry in config.per_path:
                if _path_matches(pattern, rel):
                    s = _apply(s, entry, extend=True)
    return _apply_overrides(s, overrides)


# -- helpers -----------------------------------------------------------------------

# Lists that a per-path entry adds to rather than replaces.
_ADDED = ("ignore", "extend-select", "extend-ignore", "glossaries")


def _apply(s: Settings, entry: Entry, *, extend: bool) -> Settings:
    changes: dict[str, Any] = {}
    origins = dict(s.origins)
    for key, value in entry.values.items():
        attr = key.replace("-", "_")
        current = getattr(s, attr)
        origin = entry.origins[key]
        if extend and key in _ADDED:
            value = (*current, *value)
        elif extend and key in ("severity", "options"):
            value = _merge(current, value)
        if extend and (key in _ADDED or key in ("severity", "options")) and key in origins:
            origin = f"{origins[key]} + {origin}"
        changes[attr] = value
        origins[key] = origin
    return s.replace(**changes, origins=origins)


def _merge(current: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(current)
    for k, v in new.items():
        out[k] = _merge(out.get(k, {}), v) if isinstance(v, Mapping) else v
    return out


def _apply_overrides(s: Settings, o: Overrides) -> Settings:
    origins = dict(s.origins)
    changes: dict[str, Any] = {}
    if o.select:
        changes["select"] = tuple(o.select)
    if o.ignore:
        changes["ignore"] = tuple(o.ignore)
    if o.fail_on is not None:
        changes["fail_on"] = Severity.parse(o.fail_on).value
    if o.default_glossaries is not None:
        changes["default_glossaries"] = o.default_glossaries
    if o.target_lang is not None:
        changes["target_lang"] = o.target_lang
    if o.source_lang is not None:
        changes["source_lang"] = o.source_lang
    if o.min_severity is not None:
        changes["min_severity"] = Severity.parse(o.min_severity).value
    if o.exclude:
        changes["exclude"] = tuple(o.exclude)
    if o.respect_gitignore is not None:
        changes["respect_gitignore"] = o.respect_gitignore
    added = ("glossaries", "extend_select", "extend_ignore", "extend_exclude")
    for attr in added:  # the command line adds to these
        given: tuple[str, ...] = getattr(o, attr)
        if given:
            key = attr.replace("_", "-")
            changes[attr] = (*getattr(s, attr), *given)
            origins[key] = f"{origins[key]} + {COMMAND_LINE}" if key in origins else COMMAND_LINE
    for attr in changes:
        if attr not in added:
            origins[attr.replace("_", "-")] = COMMAND_LINE
    return s.replace(**changes, origins=origins)


def _relative(file: Path, base: Path) -> str:
    try:
        return file.resolve().relative_to(base).as_posix()
    except ValueError:
        return file.as_posix()


def _path_matches(pattern: str, rel: str) -> bool:
    if "/" not in pattern:
        return fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern)
    return fnmatch.fnmatchcase(rel, pattern[2:] if pattern.startswith("./") else pattern)
