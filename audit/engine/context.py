"""Per-document state shared by checks: the one place that knows both the document and
the configuration.

Analyses (alignment, bilingual pairing, names, suppressions, glossary matching,
round-trip scores) take plain arguments; the context hands each what it needs from
the document and the configuration, and caches the result so that checks, the engine
and callers of :func:`audit.engine.audit_document_full` share one computation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from audit.engine.check import option_key

if TYPE_CHECKING:
    from audit.align import Alignment
    from audit.config import AuditConfig
    from audit.document import Document, Span
    from audit.glossary.matcher import Match
    from audit.glossary.source import SourceMatch
    from audit.names.analysis import NameAnalysis
    from audit.pairs import Pair
    from audit.scoring.scores import DocumentScores
    from audit.suppressions import Outcome, Suppressions


T = TypeVar("T")


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
        from audit.pairs import alignment_for, needs_alignment

        if not needs_alignment(self.doc):
            return None
        return alignment_for(self.doc, self.source_matches, self.glossary_matches)

    @cached_property
    def pairs(self) -> list[Pair]:
        """Source–target pairs to compare: file units, or aligned sentences."""
        from audit.pairs import pairs_for

        return pairs_for(self.doc, self.alignment)

    @cached_property
    def names(self) -> NameAnalysis:
        """Names found in the target text, near glossary matches and variant groups.

        Each part is worked out only for the check that reports it, with that check's
        threshold: near glossary matches for N005 (the fuzzy look-up costs time in
        proportion to the glossary's size), variant groups for N004."""
        from audit.names.analysis import analyse

        near = self._selected("N005")
        variants = self._selected("N004")
        return analyse(
            self.doc,
            self.glossary_matches,
            self.config.matcher_for(self.doc.target_lang) if near else None,
            near_min_score=float(self.option("N005", "min-score")) if near else None,
            variant_min_score=float(self.option("N004", "min-score")) if variants else None,
            mention_score=self._mention_score() if variants else None,
            pairs=lambda: self.pairs,
        )

    def _mention_score(self) -> float:
        """N004's ``mention-score``; a configured ``min-score`` alone sets both thresholds."""
        configured = {option_key(k) for k in self.config.options.get("N004", {})}
        if "mention-score" not in configured and "min-score" in configured:
            return float(self.option("N004", "min-score"))
        return float(self.option("N004", "mention-score"))

    def _selected(self, code: str) -> bool:
        return any(c.code == code for c in self.config.checks)

    def round_trip(self, metrics: tuple[str, ...]) -> DocumentScores | None:
        """Round-trip scores of the back-translation against the source in these
        metrics (None without both texts), computed once per document and metrics
        whoever asks: R001, ``audit check --scores``, the corpus report."""
        cache: dict[tuple[str, ...], DocumentScores | None] = self.__dict__.setdefault(
            "_round_trip", {}
        )
        if metrics not in cache:
            from audit.scoring import score_document

            cache[metrics] = score_document(self.doc, metrics)
        return cache[metrics]

    def shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per document for ``key``: an analysis that several checks
        read (the lines the debris checks would delete...) is worked out by the first
        check that asks and handed to the others. ``key`` names the analysis and every
        setting it depends on."""
        cache: dict[Hashable, Any] = self.__dict__.setdefault("_shared", {})
        if key not in cache:
            cache[key] = compute()
        return cast("T", cache[key])

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
