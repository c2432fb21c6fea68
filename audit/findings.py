"""Findings: what a check reports, as data.

A finding is a frozen value. Reporters turn it into text; nothing downstream parses
messages. The keys of :meth:`Finding.to_dict` are a stable interface read by later
tools (reports, baselines, SARIF), so add keys rather than rename them.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """MQM severity levels, in increasing order of gravity."""

    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class Category(str, Enum):
    """Top-level MQM error categories."""

    TERMINOLOGY = "terminology"
    ACCURACY = "accuracy"
    FLUENCY = "fluency"
    STYLE = "style"
    LOCALE = "locale"
    MARKUP = "markup"
    OTHER = "other"


@dataclass(frozen=True, slots=True)  # slots: a large run holds hundreds of thousands
class Finding:
    """One problem at one place in one document.

    ``start``/``end`` are character offsets (not bytes) into the text of ``side``
    (the document's target text unless ``side == "source"``), so that
    ``text == document_text[start:end]``. ``line``/``column`` are 1-based and point at
    ``start`` in the file named by ``path``; ``end_line``/``end_column`` point at
    ``end`` (exclusive), as editors do. For a bilingual file these are positions in
    the file itself (inside the unit, escapes counted), ``segment`` names the unit
    and ``segment_start``/``segment_end`` are offsets into that unit's text on
    ``side``.
    """

    code: str
    name: str
    severity: Severity
    category: Category
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestion: str | None = None
    fixable: bool = False  # the suggestion is safe to apply without a person (audit fix)
    entity: str | None = None
    path: str = ""
    document: str = ""
    segment: str | None = None
    side: str = "target"
    segment_start: int | None = None
    segment_end: int | None = None
    fingerprint: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.document, self.side, self.start, self.end, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["category"] = self.category.value
        if not self.extra:
            del data["extra"]
        return data


def context_fingerprint(code: str, text: str, before: str, after: str, occurrence: int) -> str:
    """A fingerprint that survives line moves and edits elsewhere in the document.

    It hashes the check code, the flagged text and a few words either side of it
    (whitespace collapsed, case folded), plus the index of this occurrence among
    findings with the same key, so repeated identical contexts stay distinct.
    """

    def norm(s: str) -> str:
        return " ".join(s.split()).casefold()

    key = "\x1f".join((code, norm(text), norm(before), norm(after), str(occurrence)))
    # surrogatepass: a lone surrogate ("\ud800" in a JSON string) is text to fingerprint too
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
