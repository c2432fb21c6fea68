"""Runs every case file in tests/fixtures/checks/ against its check.

Each registered check must have a case file with at least one passing case and one
failing case; failing cases state the exact findings (text and any of start, end,
line, column, suggestion, side, segment, and entries of ``extra``) and, where the
check offers fixes, the text after applying them.

A case gives its target as ``text`` (and ``lang``); a bilingual case adds ``source``
(and ``source_lang``) for a whole-article pair, or gives ``segments``, a list of
``{id, source, target}`` units as a bilingual file would; ``back_translation`` (on the
case or on each unit) adds a back-translation, and ``options`` the check's options.
A case file may list other checks to run beside its own (``with: [N001]``, for the
meta checks that report on suppressions); only its own check's findings are compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit import AuditConfig, Document, audit_document
from audit.checks import ALL_CHECKS
from audit.edits import apply_suggestions
from audit.segments import SegmentBuilder

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
POSITION_KEYS = (
    "start",
    "end",
    "line",
    "column",
    "end_line",
    "end_column",
    "suggestion",
    "fixable",
    "entity",
    "side",
    "segment",
)


def _load(code: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{code}.yaml").read_text(encoding="utf-8"))


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            yield pytest.param(data, case, id=f"{data['check']}-{i}-{case.get('name', '')}")


def test_every_registered_check_has_passing_and_failing_cases():
    for c in ALL_CHECKS:
        path = FIXTURES / f"{c.code}.yaml"
        assert path.exists(), f"{c.code} ({c.name}) has no case file {path.name}"
        cases = _load(c.code)["cases"]
        assert any(not case["expect"] for case in cases), f"{c.code}: no passing case"
        assert any(case["expect"] for case in cases), f"{c.code}: no failing case"
        if c.fixable:
            assert any("fixed" in case for case in cases), f"{c.code}: fixable but no 'fixed' case"


def _config(data: dict, case: dict, tmp_path: Path) -> AuditConfig:
    glossary = case.get("glossary", data.get("glossary", "bundled"))
    select = [data["check"], *case.get("with", data.get("with", []))]
    options = {data["check"]: case["options"]} if "options" in case else None
    if glossary == "bundled":
        return AuditConfig.create(select=select, options=options)
    if glossary == "none":
        return AuditConfig.create(select=select, default_glossaries=False, options=options)
    path = tmp_path / "case-glossary.yaml"
    path.write_text(glossary, encoding="utf-8")
    return AuditConfig.create(
        select=select, default_glossaries=False, glossaries=[path], options=options
    )


def _document(case: dict) -> Document:
    lang, source_lang = case.get("lang", "en"), case.get("source_lang")
    if "segments" in case:
        builder = SegmentBuilder()
        for unit in case["segments"]:
            builder.add(
                str(unit["id"]),
                unit.get("target") or "",
                unit.get("source"),
                back_translation=unit.get("back_translation"),
            )
        return Document(
            id="case",
            path="case.xlf",
            target=builder.target,
            target_lang=lang,
            source=builder.source,
            source_lang=source_lang,
            back_translation=builder.back_translation,
            segments=tuple(builder.segments),
        )
    return Document(
        id="case",
        path="case.txt",
        target=case["text"],
        target_lang=lang,
        source=case.get("source"),
        source_lang=source_lang,
        back_translation=case.get("back_translation"),
    )


@pytest.mark.parametrize(("data", "case"), list(_cases()))
def test_case(data: dict, case: dict, tmp_path: Path):
    doc = _document(case)
    findings = audit_document(doc, _config(data, case, tmp_path))
    if "with" in case or "with" in data:
        findings = [f for f in findings if f.code == data["check"]]
    assert all(f.code == data["check"] for f in findings)
    expected = case["expect"]
    assert [f.text for f in findings] == [e["text"] for e in expected], [
        f.message for f in findings
    ]
    for finding, want in zip(findings, expected):
        assert finding.text == doc.side_text(finding.side)[finding.start : finding.end]
        for key in POSITION_KEYS:
            if key in want:
                assert getattr(finding, key) == want[key], (key, finding)
        for key, value in want.get("extra", {}).items():
            assert finding.extra[key] == value, (key, finding)
    if "fixed" in case:
        assert apply_suggestions(doc.target, findings) == case["fixed"]
