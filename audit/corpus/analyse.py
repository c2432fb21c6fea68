"""The per-document step of a corpus run: audit one document and turn it into table rows.

This is what runs on a worker process or a cluster worker. It calls the same pure
:func:`audit.engine.audit_document_full` as ``audit check`` and returns plain rows
(dicts of strings and numbers) for the three streamed tables: findings, documents and
mentions (spelling usage). Rows are small and pickle fast; nothing is aggregated here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.config import AuditConfig
from audit.corpus.dates import parse_day, week_of
from audit.corpus.usage import spelling_usage
from audit.document import Document
from audit.engine import DocumentAudit, audit_document_full
from audit.findings import Finding, Severity
from audit.mqm import Weights, per_thousand
from audit.worker import CONTEXT_CHARS, FIRST_KEY, WorkerSettings

_SPACE = re.compile(r"\s+")


def RunSettings(  # noqa: N802 - the old name of a type, kept callable
    config: AuditConfig,
    weights: Weights | None = None,
    context_chars: int = CONTEXT_CHARS,
    configs: Mapping[str, AuditConfig] | None = None,
) -> WorkerSettings:
    """Deprecated: :class:`audit.worker.WorkerSettings`, the one worker-settings type of
    ``audit check`` and ``audit report`` (``config`` is the first configuration)."""
    import warnings

    warnings.warn(
        "audit.corpus.RunSettings is deprecated: use audit.worker.WorkerSettings",
        DeprecationWarning,
        stacklevel=2,
    )
    if configs:
        return WorkerSettings(
            {FIRST_KEY: config, **configs},
            weights=weights or Weights(),
            context_chars=context_chars,
        )
    return WorkerSettings.single(config, weights=weights or Weights(), context_chars=context_chars)


@dataclass
class Rows:
    """Table rows produced from a batch of documents."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: Rows) -> None:
        self.findings.extend(other.findings)
        self.documents.extend(other.documents)
        self.mentions.extend(other.mentions)


def analyse_batch(docs: Sequence[Document], settings: WorkerSettings) -> Rows:
    """Analyse documents in order; the unit of work shipped to a worker."""
    rows = Rows()
    for doc in docs:
        rows.extend(analyse_document(doc, settings))
    return rows


def analyse_document(doc: Document, settings: WorkerSettings) -> Rows:
    """Audit ``doc`` and describe it as rows of the findings, documents and mentions tables."""
    config = settings.config_for(doc)
    audited = audit_document_full(doc, config)
    findings = audited.findings
    groups = _group_columns(doc)
    words = audited.words
    rows = Rows()
    severities: Counter[Severity] = Counter()
    points = 0.0
    for f in findings:
        cost = settings.weights.of(f.severity)
        severities[f.severity] += 1
        points += cost
        rows.findings.append({**groups, **_finding_columns(doc, f, cost, settings.context_chars)})
    usage = spelling_usage(doc, audited.glossary_matches, findings)
    bt_chrf, bt_signature = back_translation_score(audited)
    for u in usage:
        rows.mentions.append(
            {
                **groups,
                "entity": u.entity,
                "canonical": u.canonical,
                "kind": u.kind,
                "spelling": u.spelling,
                "role": u.role,
                "accepted": u.accepted,
                "count": u.count,
            }
        )
    rows.documents.append(
        {
            **groups,
            "words": words,
            "findings": len(findings),
            **{s.value: severities.get(s, 0) for s in Severity},
            "error_points": points,
            "points_per_1k_words": per_thousand(points, words),
            "bt_chrf": bt_chrf,
            "bt_signature": bt_signature,
            "excerpt": _collapse(doc.target[:200]),
        }
    )
    return rows


def _group_columns(doc: Document) -> dict[str, Any]:
    day = parse_day(doc.date) if doc.date else None
    return {
        "document": doc.id,
        "path": doc.path,
        "date": doc.date,
        "week": week_of(day).isoformat() if isinstance(day, dt.date) else None,
        "period": doc.metadata.get("period", "current"),
        "desk": doc.desk or "",
        "translator": doc.translator or "",
        "target_lang": doc.target_lang,
    }


def _finding_columns(doc: Document, f: Finding, points: float, context: int) -> dict[str, Any]:
    text = (doc.source or "") if f.side == "source" else doc.target
    return {
        "code": f.code,
        "check_family": f.code.rstrip("0123456789") or f.code,
        "name": f.name,
        "severity": f.severity.value,
        "category": f.category.value,
        "points": points,
        "message": f.message,
        "side": f.side,
        "segment": f.segment,
        "start": f.start,
        "end": f.end,
        "line": f.line,
        "column": f.column,
        "text": f.text,
        "suggestion": f.suggestion,
        "entity": f.entity,
        "fingerprint": f.fingerprint,
        "before": _collapse(text[max(0, f.start - context) : f.start]),
        "after": _collapse(text[f.end : f.end + context]),
        "extra": json.dumps(f.extra, ensure_ascii=False, sort_keys=True) if f.extra else None,
    }


def _collapse(text: str) -> str:
    """Whitespace runs (line breaks included) as one space: excerpts read as one line."""
    return _SPACE.sub(" ", text)


def back_translation_score(audited: DocumentAudit) -> tuple[float | None, str | None]:
    """chrF of the back-translation against the source, with its signature, when the
    document has both (sacrebleu's chrF; the scores R001 computed when it ran)."""
    scored = audited.round_trip(("chrf",))
    if scored is None:
        return None, None
    score = scored.scores["chrf"]
    return round(score.value, 4), score.signature
