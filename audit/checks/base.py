"""What a check is: metadata plus a function from a document to hits.

A check function takes ``(doc, ctx)`` and yields :class:`Hit` values (a span, a
message, maybe a suggestion). The engine turns hits into :class:`~audit.findings.Finding`
values, adding the code, severity, category, positions and fingerprint, so checks
stay small and cannot get those wrong.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from audit.findings import Category, Severity

if TYPE_CHECKING:
    from audit.align import Alignment
    from audit.bilingual import Pair
    from audit.config import AuditConfig
    from audit.document import Document
    from audit.glossary.matcher import Match
    from audit.glossary.source import SourceMatch
    from audit.names.analysis import NameAnalysis


@dataclass(frozen=True)
class Hit:
    """A check's report of one problem; the engine adds everything else."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    entity: str | None = None
    severity: Severity | None = None  # only to deviate from the check's default
    side: str = "target"
    segment: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


CheckFunction = Callable[["Document", "CheckContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    """A registered check: a stable code, a dotted name and its defaults."""

    code: str
    name: str
    severity: Severity
    category: Category
    function: CheckFunction
    bad: str
    good: str
    fixable: bool = False

    @property
    def summary(self) -> str:
        return self.description.splitlines()[0] if self.description else ""

    @property
    def description(self) -> str:
        return inspect.getdoc(self.function) or ""

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Hit]:
        return self.function(doc, ctx)

    def __reduce__(self) -> tuple[Any, ...]:
        # The decorated function's module attribute is the Check itself, so pickle
        # by reference to the registry (process pools, cluster workers).
        from audit.checks import get_check

        return (get_check, (self.code,))


def check(
    *,
    code: str,
    name: str,
    severity: Severity,
    category: Category,
    bad: str,
    good: str,
    fixable: bool = False,
) -> Callable[[CheckFunction], Check]:
    """Declare a check. The function's docstring is its documentation: the first line
    is the summary shown by ``audit rules``; the rest says why it matters."""

    def wrap(function: CheckFunction) -> Check:
        if not inspect.getdoc(function):
            raise TypeError(f"check {code} needs a docstring")
        return Check(code, name, severity, category, function, bad, good, fixable)

    return wrap


class CheckContext:
    """Per-document state shared by checks: settings and work done once (glossary matches).

    A context lives for one document; nothing in it outlives the audit of that document.
    """

    def __init__(self, doc: Document, config: AuditConfig):
        self.doc = doc
        self.config = config

    @cached_property
    def glossary_matches(self) -> list[Match]:
        matcher = self.config.matcher_for(self.doc.target_lang)
        return matcher.find(self.doc.target) if matcher else []

    @cached_property
    def source_matches(self) -> list[SourceMatch]:
        """Glossary entries found in the source text by their source-language forms."""
        matcher = self.config.matcher_for(self.doc.target_lang)
        if matcher is None or not self.doc.source:
            return []
        from audit.glossary.source import source_matcher

        return source_matcher(matcher.glossary).find(self.doc.source)

    @cached_property
    def alignment(self) -> Alignment | None:
        """Sentence alignment of a whole-article source and target (None for files with units)."""
        from audit.bilingual import alignment_for

        return alignment_for(self.doc, self)

    @cached_property
    def pairs(self) -> list[Pair]:
        """Source–target pairs to compare: file units, or aligned sentences."""
        from audit.bilingual import pairs_for

        return pairs_for(self.doc, self)

    @cached_property
    def names(self) -> NameAnalysis:
        """Names found in the target text, near glossary matches and variant groups."""
        from audit.names.analysis import analyse

        return analyse(self)

    def option(self, code: str, key: str, default: Any) -> Any:
        """A per-check setting (thresholds etc.) from the configuration, or ``default``."""
        return self.config.options.get(code, {}).get(key, default)
