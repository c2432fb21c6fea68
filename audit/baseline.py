"""Baselines: accept the findings a project already has, fail only on new ones.

A baseline file lists findings by content, never by line: the path (relative to the
baseline file's directory), the document id when it is not the path (a JSON Lines
record, an XLIFF file element; a text pair's target path, made relative), the check code and the finding's fingerprint, which hashes the flagged
text and the words around it on its line (see ``audit.findings.context_fingerprint``).
Moving paragraphs or editing elsewhere leaves a baselined finding matched; editing
the flagged words or their neighbours makes it new.

Matching counts: a baseline entry absorbs one finding, so a second identical finding
in the same context is new. Entries of the files checked that match no finding are
*resolved*; ``audit baseline prune`` removes them.

The file is JSON, sorted, with the flagged text and message kept for people reading
a diff of it::

    {"version": 1, "findings": [{"path": "a.txt", "code": "N001",
      "fingerprint": "…", "text": "Hifter", "message": "…"}]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.errors import InputError
from audit.findings import Finding

VERSION = 1
DEFAULT_FILE = ".audit-baseline.json"
STDIN_NAME = "<stdin>"

Key = tuple[str, str, str, str]  # path, document, code, fingerprint


@dataclass(frozen=True)
class Entry:
    path: str
    document: str  # "" when the document is the whole file
    code: str
    fingerprint: str
    text: str = ""
    message: str = ""

    @property
    def key(self) -> Key:
        return (self.path, self.document, self.code, self.fingerprint)

    def to_dict(self) -> dict[str, str]:
        data = {
            "path": self.path,
            "document": self.document,
            "code": self.code,
            "fingerprint": self.fingerprint,
            "text": self.text,
            "message": self.message,
        }
        if not self.document:
            del data["document"]
        return data


@dataclass(frozen=True)
class BaselineResult:
    """How a run compared with a baseline (for the report's summary)."""

    file: str
    matched: int  # findings hidden because the baseline has them
    resolved: int  # baseline entries of the checked files that no finding matched


@dataclass(frozen=True)
class Baseline:
    """Entries keyed on content, relative to ``directory``."""

    directory: Path
    entries: tuple[Entry, ...]

    @classmethod
    def from_findings(cls, findings: Iterable[Finding], baseline_file: str | Path) -> Baseline:
        directory = _directory(baseline_file)
        entries = [Entry(*_key(f, directory), text=f.text, message=f.message) for f in findings]
        return cls(directory, tuple(sorted(entries, key=lambda e: (e.key, e.text))))

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read a baseline file; errors name the file (and line for bad JSON)."""
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(
                "no such baseline file; create one with `audit baseline create`", path=name
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read baseline: {exc}", path=name) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON in baseline (column {exc.colno}): {exc.msg}",
                path=name,
                line=exc.lineno,
            ) from None
        except RecursionError:
            raise InputError("invalid JSON in baseline: nested too deeply", path=name) from None
        return cls(_directory(path), tuple(_entries(data, name)))

    def dumps(self) -> str:
        data = {"version": VERSION, "findings": [e.to_dict() for e in self.entries]}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def filter(
        self, findings: Iterable[Finding], checked_paths: Iterable[str]
    ) -> tuple[list[Finding], list[Entry]]:
        """Split a run's findings: those not in the baseline (new), and the baseline
        entries of the checked files that nothing matched (resolved)."""
        match = self.matcher()
        new = list(match.new(findings))
        return new, match.resolved(checked_paths)

    def matcher(self) -> BaselineMatch:
        """A comparison that reads findings as they come (see :class:`BaselineMatch`)."""
        return BaselineMatch(self)

    def without(self, resolved: Iterable[Entry]) -> Baseline:
        """This baseline less the given entries (one entry per item)."""
        drop = Counter(e.key for e in resolved)
        kept = []
        for e in self.entries:
            if drop[e.key] > 0:
                drop[e.key] -= 1
            else:
                kept.append(e)
        return Baseline(self.directory, tuple(kept))


def _directory(baseline_file: str | Path) -> Path:
    return Path(os.path.abspath(baseline_file)).parent


def _relative(path: str, directory: Path) -> str:
    if path == STDIN_NAME:
        return path
    return Path(os.path.relpath(os.path.abspath(path), directory)).as_posix()


def _key(f: Finding, directory: Path) -> Key:
    path = _relative(f.path, directory)
    document = "" if f.document in ("", f.path) else f.document
    if document and os.path.isfile(document):  # a text pair's target, named by its path
        document = _relative(document, directory)
    return (path, document, f.code, f.fingerprint)


def _entries(data: Any, name: str) -> Iterable[Entry]:
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(
            'not an audit baseline (expected {"version": 1, "findings": [...]})', path=name
        )
    if data.get("version") != VERSION:
        raise InputError(
            f"unsupported baseline version {data.get('version')!r} (expected {VERSION})", path=name
        )
    for i, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("path", "code", "fingerprint")
        ):
            raise InputError(
                f"baseline entry {i} needs path, code and fingerprint strings", path=name
            )
        yield Entry(
            item["path"],
            str(item.get("document", "")),
            item["code"],
            item["fingerprint"],
            str(item.get("text", "")),
            str(item.get("message", "")),
        )


class BaselineMatch:
    """The baseline compared with findings given one at a time: it keeps the counts of
    entries not matched yet, never the findings, so a run can stream its output."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.available = Counter(e.key for e in baseline.entries)
        self.matched = 0  # findings the baseline has (not shown)

    def new(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """The findings not in the baseline, in the order given."""
        directory = self.baseline.directory
        for f in findings:
            key = _key(f, directory)
            if self.available[key] > 0:
                self.available[key] -= 1
                self.matched += 1
            else:
                yield f

    def resolved(self, checked_paths: Iterable[str]) -> list[Entry]:
        """The entries of the checked files that no finding matched (once the
        findings are all read)."""
        directory = self.baseline.directory
        checked = {_relative(p, directory) for p in checked_paths}
        available = Counter(self.available)
        resolved: list[Entry] = []
        for e in self.baseline.entries:
            if e.path in checked and available[e.key] > 0:
                available[e.key] -= 1
                resolved.append(e)
        return resolved
