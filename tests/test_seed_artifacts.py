"""The seed's scraping debris and segmentation damage, found with the right spans and fixed cleanly."""

from __future__ import annotations

import pytest

from audit import AuditConfig, Document, audit_document
from audit.edits import apply_suggestions
from tests.conftest import ROOT, SEED

ID_LINE = "6126630991001 bf9801bd-5cd0-414d-80b4-03d65c28c170 847c82cd-0a26-4a11-9c49-2622b3dad4d7"


@pytest.fixture(scope="module")
def seed() -> tuple[str, list]:
    text = (ROOT / SEED).read_text(encoding="utf-8")
    findings = audit_document(Document(id="seed", path=SEED, target=text), AuditConfig.create())
    return text, findings


def _only(findings, code):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [(f.code, f.text) for f in found]
    return found[0]


def test_the_id_line_is_one_finding_for_the_whole_line(seed):
    text, findings = seed
    f = _only(findings, "A001")
    assert (f.line, f.column, f.severity.value, f.category.value) == (7, 1, "major", "markup")
    assert f.text == ID_LINE + "\n" and f.suggestion == ""
    assert "13-digit ID, 2 UUIDs" in f.message
    assert not [
        g for g in findings if g.code == "A002"
    ]  # not reported again identifier by identifier


def test_the_video_label_line(seed):
    text, findings = seed
    f = _only(findings, "A003")
    assert (f.line, f.column) == (8, 1)
    assert f.text.strip() == "video" and text[f.start - 1] == "\n" and f.suggestion == ""


def test_the_space_before_the_full_stop_after_tripoli(seed):
    text, findings = seed
    f = _only(findings, "S001")
    assert f.text == " " and text[f.start - 7 : f.end + 1] == "Tripoli ."
    assert (f.line, f.severity.value, f.suggestion) == (1, "minor", "")


def test_the_broken_sentence_boundary_before_to_observe(seed):
    text, findings = seed
    f = _only(findings, "S009")
    assert f.text == "To" and text[f.start - 10 : f.end + 8] == "mechanism To observe"
    assert f.line == 5


def test_applying_every_suggestion_leaves_clean_paragraphs(seed):
    text, findings = seed
    fixed = apply_suggestions(text, findings)
    assert ID_LINE not in fixed and "\nvideo\n" not in fixed
    assert "Tripoli." in fixed and "Tripoli ." not in fixed
    assert "\n\n\n" not in fixed  # paragraphs still separated by exactly one blank line
    assert "a mechanism To observe a ceasefire.\n\nPersuade Haftar\nIt is reported" in fixed
    before = Document(id="a", target=text).paragraphs
    after = Document(id="b", target=fixed).paragraphs
    assert len(after) == len(before) - 1  # the debris paragraph, and only it, is gone


def test_fixing_twice_changes_nothing_more(seed):
    text, findings = seed
    once = apply_suggestions(text, [f for f in findings if f.code[0] in "AS"])
    again = audit_document(Document(id="seed", target=once), AuditConfig.create(select=["A", "S"]))
    assert [f.code for f in again] == [
        "S009"
    ]  # left to a person: lower-case it or end the sentence
