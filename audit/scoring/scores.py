"""Round-trip scores: a document's source against its back-translation, per segment and overall.

Segment scores are sacrebleu's sentence scores; a document score is sacrebleu's corpus
score over the document's segments (not an average of segment scores), and the
overall score the corpus score over every segment of every document scored together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.document import Document
from audit.lang.identify import guess_language, script_shares
from audit.scoring.metrics import (
    DEFAULT_METRIC,
    Score,
    check_metric,
    prepare,
    sacrebleu_metric,
    scoring_language,
    signature,
)
from audit.scoring.pairing import SegmentPair, document_pairs

#: Fields ``audit backtranslate`` writes next to the back-translation it produced.
MODEL_FIELD = "back_translation_model"
DECODING_FIELD = "back_translation_decoding"


@dataclass(frozen=True)
class SegmentScores:
    pair: SegmentPair
    scores: dict[str, Score]

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment": self.pair.id,
            "start": self.pair.span.start,
            "end": self.pair.span.end,
            "source": self.pair.source,
            "back_translation": self.pair.back_translation,
            "scores": {name: s.value for name, s in self.scores.items()},
        }


@dataclass(frozen=True)
class DocumentScores:
    """Scores for one document; ``scores`` are the document-level ones."""

    document: str
    path: str
    language: str
    alignment: str
    model: str | None
    segments: tuple[SegmentScores, ...]
    scores: dict[str, Score]
    # sacrebleu's per-segment statistics by metric, to pool documents without rescoring them
    _statistics: dict[str, list[Any]] = field(repr=False, compare=False, default_factory=dict)

    def to_dict(self, *, segments: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "document": self.document,
            "path": self.path,
            "language": self.language or None,
            "alignment": self.alignment,
            "segments": len(self.segments),
            "model": self.model,
            "scores": {name: s.to_dict() for name, s in self.scores.items()},
        }
        if segments:
            data["segment_scores"] = [s.to_dict() for s in self.segments]
        return data


@dataclass(frozen=True)
class Scoreboard:
    """Every scored document, plus an overall score when they can be pooled."""

    documents: list[DocumentScores]
    overall: dict[str, Score] | None
    skipped: list[str]  # ids of documents without a source or a back-translation


def has_back_translation(doc: Document) -> bool:
    return bool(
        doc.source and doc.source.strip() and doc.back_translation and doc.back_translation.strip()
    )


def document_language(doc: Document) -> str:
    """The language both compared texts are in: the source's, or guessed from Arabic script.

    Only Arabic changes how texts are scored, and Arabic script is recognised by its
    letters alone; other sources without a language are scored as they are.
    """
    language = scoring_language(doc.source_lang)
    if not language and doc.source:
        _, shares = script_shares(doc.source[:5000])
        if shares.get("Arabic", 0.0) >= 0.5:
            return scoring_language(guess_language(doc.source))
    return language


def provenance(doc: Document) -> tuple[str, ...]:
    """Signature fields naming the model and decoding that produced the back-translation."""
    fields = []
    for key, label in ((MODEL_FIELD, "bt"), (DECODING_FIELD, "dec")):
        value = doc.metadata.get(key)
        if value:
            fields.append(f"{label}:{value}")
    return tuple(fields)


# The last document scored, its metrics and its scores: the round-trip check (R001)
# and the run around it (``audit check``'s scores, ``audit report``'s documents table)
# score the same document one after the other, and chrF is a third of the audit's time.
_LAST: tuple[Document, tuple[str, ...], DocumentScores | None] | None = None


def score_document(
    doc: Document, metrics: Sequence[str] = (DEFAULT_METRIC,)
) -> DocumentScores | None:
    """Score ``doc``'s back-translation against its source; ``None`` when it has none.

    Asked again for the same document object and metrics, it gives the same scores
    without computing them again (one document is kept)."""
    global _LAST
    key = tuple(metrics)
    last = _LAST
    if last is not None and last[0] is doc and last[1] == key:
        return last[2]
    scores = _score_document(doc, metrics)
    _LAST = (doc, key, scores)
    return scores


def _score_document(doc: Document, metrics: Sequence[str]) -> DocumentScores | None:
    if not has_back_translation(doc):
        return None
    assert doc.source is not None and doc.back_translation is not None
    names = [check_metric(m) for m in metrics]
    language = document_language(doc)
    alignment, pairs = document_pairs(doc)
    hyps = [prepare(p.back_translation, language) for p in pairs]
    refs = [prepare(p.source, language) for p in pairs]
    extra = provenance(doc)
    per_segment: list[dict[str, Score]] = [{} for _ in pairs]
    document: dict[str, Score] = {}
    statistics: dict[str, list[Any]] = {}
    for name in names:
        metric = sacrebleu_metric(name, language)
        segment_results, document_result, statistics[name] = _sacrebleu_scores(metric, hyps, refs)
        sig = signature(metric, document_result.name, language, extra)
        for i, result in enumerate(segment_results):
            per_segment[i][name] = Score(name, result.name, result.score, sig)
        document[name] = Score(name, document_result.name, document_result.score, sig)
    return DocumentScores(
        document=doc.id,
        path=doc.path,
        language=language,
        alignment=alignment,
        model=doc.metadata.get(MODEL_FIELD) or None,
        segments=tuple(SegmentScores(p, s) for p, s in zip(pairs, per_segment)),
        scores=document,
        _statistics=statistics,
    )


def _sacrebleu_scores(
    metric: Any, hyps: list[str], refs: list[str]
) -> tuple[list[Any], Any, list[Any]]:
    """sacrebleu's sentence scores, its corpus score, and the per-segment statistics behind them.

    ``sentence_score`` and ``corpus_score`` both sum per-segment statistics and compute
    a score from the sum; reading each segment once and summing here gives the same
    numbers at a third of the cost (tests compare with the public calls). Should a
    sacrebleu release drop these methods, the public calls are used instead.
    """
    if hasattr(metric, "_extract_corpus_statistics") and hasattr(metric, "_aggregate_and_compute"):
        stats = metric._extract_corpus_statistics(hyps, [refs])
        return (
            [metric._aggregate_and_compute([s]) for s in stats],
            metric._aggregate_and_compute(stats),
            stats,
        )
    return (
        [metric.sentence_score(h, [r]) for h, r in zip(hyps, refs)],
        metric.corpus_score(hyps, [refs]),
        [],
    )


def score_documents(
    docs: Iterable[Document], metrics: Sequence[str] = (DEFAULT_METRIC,)
) -> Scoreboard:
    """Score every document that has a back-translation; pool them when they share a language and model."""
    scored: list[DocumentScores] = []
    skipped: list[str] = []
    provenances: set[tuple[str, ...]] = set()
    for doc in docs:
        result = score_document(doc, metrics)
        if result is None:
            skipped.append(doc.id)
        else:
            scored.append(result)
            provenances.add(provenance(doc))
    return Scoreboard(scored, _overall(scored, metrics, provenances), skipped)


def _overall(
    scored: list[DocumentScores], metrics: Sequence[str], provenances: set[tuple[str, ...]]
) -> dict[str, Score] | None:
    """The corpus score over every segment of every document, from the statistics already gathered."""
    languages = {d.language for d in scored}
    if len(scored) < 2 or len(languages) != 1 or len(provenances) != 1:
        return None
    (language,), (extra,) = languages, provenances
    out = {}
    for name in (check_metric(m) for m in metrics):
        metric = sacrebleu_metric(name, language)
        stats = [s for d in scored for s in d._statistics[name]]
        if not stats:
            return None
        result = metric._aggregate_and_compute(stats)
        out[name] = Score(
            name, result.name, result.score, signature(metric, result.name, language, extra)
        )
    return out
