from __future__ import annotations

import pickle

from audit import AuditConfig, Document, Severity, audit_document
from audit.edits import apply_suggestions
from tests.conftest import ROOT, SEED


def _seed() -> str:
    return (ROOT / SEED).read_text(encoding="utf-8")


def test_output_is_deterministic_and_sorted():
    config = AuditConfig.create()
    doc = Document(id="s", path="s.txt", target=_seed())
    a = audit_document(doc, config)
    b = audit_document(Document(id="s", path="s.txt", target=_seed()), config)
    assert a == b
    assert [f.start for f in a] == sorted(f.start for f in a)


def test_fingerprints_survive_moving_paragraphs():
    config = AuditConfig.create()
    paras = _seed().split("\n\n")
    moved = "\n\n".join([paras[-1], *paras[:-1]])
    before = audit_document(Document(id="a", target=_seed()), config)
    after = audit_document(Document(id="a", target=moved), config)
    fp_before = {(f.code, f.text, f.fingerprint) for f in before if f.code != "N002"}
    fp_after = {(f.code, f.text, f.fingerprint) for f in after if f.code != "N002"}
    assert fp_before == fp_after
    assert len({f.fingerprint for f in before}) == len(before)


def test_config_and_findings_pickle_for_process_pools():
    config = AuditConfig.create()
    clone = pickle.loads(pickle.dumps(config))
    doc = Document(id="d", target="Salama met Hifter.")
    assert audit_document(doc, clone) == audit_document(doc, config)
    findings = audit_document(doc, config)
    assert pickle.loads(pickle.dumps(findings)) == findings


def test_severity_override_and_fail_level():
    config = AuditConfig.create(severity_overrides={"N001": Severity.INFO}, select=["N001"])
    findings = audit_document(Document(id="d", target="Salama left."), config)
    assert [f.severity for f in findings] == [Severity.INFO]


def test_applying_suggestions_twice_changes_nothing_more():
    config = AuditConfig.create()
    text = _seed()
    fixed = apply_suggestions(text, audit_document(Document(id="a", target=text), config))
    assert "Hifter" not in fixed and "Salama " not in fixed and "Haftar's" in fixed
    again = apply_suggestions(fixed, audit_document(Document(id="a", target=fixed), config))
    assert again == fixed
    remaining = {f.code for f in audit_document(Document(id="a", target=fixed), config)}
    assert not remaining & {"N001", "N003", "C001"}
