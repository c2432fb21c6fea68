"""``audit_document_full``: findings plus the work done on the way, done once.

Callers (``run``, ``corpus``, ``serve``) read glossary matches, round-trip scores and
the word count from the :class:`~audit.engine.DocumentAudit` instead of computing them
again; these tests count the computations.
"""

from __future__ import annotations

import pickle

import pytest

from audit import AuditConfig, Document, audit_document
from audit.engine import audit_document_full
from audit.glossary.matcher import GlossaryMatcher

SOURCE = (
    "Trump took a much more optimistic view in his rally speech.\n"
    "But denuclearization negotiations have stalled.\n"
    "Millions of people would have been killed."
)
BACK = (
    "Trump had a far more optimistic view in the speech at his rally.\n"
    "But the talks on denuclearization are stalled.\n"
    "Millions of people would be dead."
)


def test_findings_are_those_of_audit_document() -> None:
    config = AuditConfig.create()
    doc = Document(id="d", target="Salama met Hifter. Salama left.")
    audited = audit_document_full(doc, config)
    assert audited.findings == audit_document(doc, config)
    assert {f.code for f in audited.findings} >= {"N001"}
    assert audited.document is doc
    assert audited.words == 5  # Salama, met, Hifter, Salama, left


def test_glossary_matching_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    find = GlossaryMatcher.find

    def counted(self: GlossaryMatcher, text: str) -> list:  # type: ignore[type-arg]
        calls.append(text)
        return find(self, text)

    monkeypatch.setattr(GlossaryMatcher, "find", counted)
    config = AuditConfig.create()
    audited = audit_document_full(Document(id="d", target="Salama met Hifter."), config)
    entities = {m.entry.id for m in audited.glossary_matches}
    assert {"ghassan-salameh", "khalifa-haftar"} <= entities
    assert len(calls) == 1  # the checks' matching, read again by the caller


def test_round_trip_scores_are_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import audit.scoring

    calls = []
    score = audit.scoring.score_document

    def counted(doc: Document, metrics: tuple[str, ...] = ("chrf",)):  # type: ignore[no-untyped-def]
        calls.append(metrics)
        return score(doc, metrics)

    monkeypatch.setattr(audit.scoring, "score_document", counted)
    doc = Document(
        id="d", target="(target)", source=SOURCE, source_lang="en", back_translation=BACK
    )
    audited = audit_document_full(doc, AuditConfig.create(select=["R001"]))
    assert len(calls) == 1  # R001 scored the document
    scored = audited.round_trip()
    again = audited.round_trip(("chrf",))
    assert scored is not None and scored is again
    assert 0 < scored.scores["chrf"].value <= 100
    assert len(calls) == 1  # the caller reads R001's scores
    assert audited.round_trip(("bleu",)) is not None and len(calls) == 2


def test_no_scores_without_a_back_translation() -> None:
    audited = audit_document_full(Document(id="d", target="Text."), AuditConfig.create())
    assert audited.round_trip() is None


def test_checks_pickle_by_reference() -> None:
    config = AuditConfig.create(select=["N001", "S"])
    clone = pickle.loads(pickle.dumps(config))
    assert clone.checks == config.checks
    assert all(a is b for a, b in zip(clone.checks, config.checks, strict=True))
