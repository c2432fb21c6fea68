"""What a check is: metadata plus a function from a document to hits.

A check function takes ``(doc, ctx)`` and yields :class:`Hit` values (a span, a
message, maybe a suggestion). The engine turns hits into :class:`~audit.findings.Finding`
values, adding the code, severity, category, positions and fingerprint, so checks
stay small and cannot get those wrong.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from audit.findings import Category, Severity

if TYPE_CHECKING:
    from audit.align import Alignment
    from audit.bilingual import Pair
    from audit.config import AuditConfig
    from audit.document import Document, Span
    from audit.glossary.matcher import Match
    from audit.glossary.source import SourceMatch
    from audit.names.analysis import NameAnalysis
    from audit.suppressions import Outcome, Suppressions


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
    # False when this suggestion needs a person even though the check's fixes are
    # normally safe (``audit fix`` then applies it only with --unsafe-fixes).
    fixable: bool = True


CheckFunction = Callable[["Document", "CheckContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    """A registered check: a stable code, a dotted name and its defaults.

    ``fixable`` means its suggestions are safe to apply without a person looking
    (``audit fix`` applies them); other suggestions are applied only on request.
    ``options`` declares the check's settings with their defaults: configuration
    files may set exactly these keys. ``meta`` checks run after the others and after
    inline suppressions are applied (they report on the suppressions themselves).
    """

    code: str
    name: str
    severity: Severity
    category: Category
    function: CheckFunction
    bad: str
    good: str
    fixable: bool = False
    options: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    meta: bool = False

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


def option_key(key: str) -> str:
    """The one spelling of a check option's key: words joined by hyphens, as every
    configuration key is (``min-length``, ``min-score``). The older spelling with
    underscores (``min_score``) is still accepted everywhere, and ``audit config show``
    notes it as deprecated."""
    return key.replace("_", "-")


def check(
    *,
    code: str,
    name: str,
    severity: Severity,
    category: Category,
    bad: str,
    good: str,
    fixable: bool = False,
    options: Mapping[str, Any] | None = None,
    meta: bool = False,
) -> Callable[[CheckFunction], Check]:
    """Declare a check. The function's docstring is its documentation: the first line
    is the summary shown by ``audit rules``; the rest says why it matters."""

    def wrap(function: CheckFunction) -> Check:
        if not inspect.getdoc(function):
            raise TypeError(f"check {code} needs a docstring")
        declared = {option_key(k): v for k, v in (options or {}).items()}
        return Check(code, name, severity, category, function, bad, good, fixable, declared, meta)

    return wrap


class CheckContext:
    """Per-document state shared by checks: settings and work done once (glossary matches).

    A context lives for one document; nothing in it outlives the audit of that document.
    """

    def __init__(self, doc: Document, config: AuditConfig):
        self.doc = doc
        self.config = config
        # Set by the engine once suppressions are applied, before meta checks run.
        self.suppression_outcome: Outcome | None = None

    @cached_property
    def glossary_matches(self) -> list[Match]:
        matcher = self.config.matcher_for(self.doc.target_lang)
        return matcher.find(self.doc.target) if matcher else []

    @cached_property
    def glossary_readings(self) -> list[str]:
        """Per glossary match: ``anchored``, ``unanchored`` (an ambiguous form, the entry
        not otherwise named) or ``other`` (part of someone else's name); see
        :mod:`audit.names.anchoring`."""
        from audit.names.anchoring import read_matches

        matches = self.glossary_matches
        if not matches:
            return []
        sources = {m.entry.id for m in self.source_matches} if self.doc.source else set()
        return read_matches(
            self.doc.target, matches, self.doc.is_sentence_start, sources, self.doc.target_lang
        )

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

    def option(self, code: str, key: str, default: Any = None) -> Any:
        """A per-check setting (thresholds etc.): the configured value, else the default
        the check declares in ``@check(options=...)``, else ``default``."""
        key = option_key(key)
        configured = {option_key(k): v for k, v in self.config.options.get(code, {}).items()}
        if key in configured:
            return configured[key]
        for c in self.config.checks:
            if c.code == code:
                return c.options.get(key, default)
        return default

    @cached_property
    def suppressions(self) -> Suppressions:
        """The document's inline ``audit: ignore`` directives (see audit/suppressions.py)."""
        from audit.suppressions import suppressions_for

        return suppressions_for(self.doc)

    @property
    def comment_spans(self) -> tuple[Span, ...]:
        """Suppression comments in the target text. They are not content: checks should
        skip them, and the engine drops any finding that lies inside one."""
        return self.suppressions.comment_spans if may_hold_directives(self.doc) else ()


def may_hold_directives(doc: Document) -> bool:
    """A cheap test: can the document hold an ``audit:`` suppression directive? When it
    cannot, the suppression module is not even imported (hook start-up time)."""
    return "audit" in doc.target or any(
        "audit" in note for seg in doc.segments for note in seg.notes
    )
