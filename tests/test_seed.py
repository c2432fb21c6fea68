"""The seed article, audited as a new user would: the project's first acceptance test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, update_golden

GOLDEN = Path(__file__).parent / "golden" / "seed.json"
GOLDEN_TEXT = Path(__file__).parent / "golden" / "seed.txt"


@pytest.fixture
def seed_json(cli, in_root):
    result = cli("check", SEED, "--format", "json")
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_seed_is_the_shared_article_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds" / "000_cf7b50a60521d180.txt"
    if not shared.exists():
        pytest.skip("shared seed not present on this machine")
    assert (ROOT / SEED).read_bytes() == shared.read_bytes()


def test_seed_json_matches_golden_file(seed_json):
    if update_golden():
        GOLDEN.write_text(seed_json, encoding="utf-8")
    assert seed_json == GOLDEN.read_text(encoding="utf-8")


def test_seed_text_matches_golden_file(cli, in_root):
    result = cli("check", SEED)
    assert result.exit_code == 1
    if update_golden():
        GOLDEN_TEXT.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN_TEXT.read_text(encoding="utf-8")


def test_seed_findings_are_the_ones_a_translator_needs(seed_json):
    findings = json.loads(seed_json)["findings"]
    text = (ROOT / SEED).read_text(encoding="utf-8")
    for f in findings:
        assert text[f["start"] : f["end"]] == f["text"]
        for key in (
            "path",
            "code",
            "name",
            "severity",
            "category",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "start",
            "end",
            "text",
            "suggestion",
        ):
            assert key in f

    def having(code, flagged):
        return [f for f in findings if f["code"] == code and f["text"] == flagged]

    hifter = having("N001", "Hifter")
    assert len(hifter) == 2 and {f["suggestion"] for f in hifter} == {"Haftar"}
    salama = having("N001", "Salama")
    assert len(salama) == 2 and {f["suggestion"] for f in salama} == {"Salameh"}
    gna = [
        f
        for f in findings
        if f["code"] == "N002" and f["entity"] == "government-of-national-accord"
    ]
    assert len(gna) == 1
    assert (
        "Al-Wefaq government" in gna[0]["message"]
        and "National Accord government" in gna[0]["message"]
    )
    for entity in ("khalifa-haftar", "ghassan-salameh"):
        assert len([f for f in findings if f["code"] == "N002" and f["entity"] == entity]) == 1
    (ceasefire,) = [f for f in findings if f["text"] == "cease-fire"]
    assert ceasefire["suggestion"] == "ceasefire"
    berlin = [f for f in findings if f["text"] == "Berlin conference"]
    assert len(berlin) == 2 and {f["suggestion"] for f in berlin} == {"Berlin Conference"}


def test_seed_findings_leave_numbers_and_correct_names_alone(seed_json):
    findings = json.loads(seed_json)["findings"]
    text = (ROOT / SEED).read_text(encoding="utf-8")
    protected = ["January 12", "150,000", "April 2019", "late 2011", "10 months", "two weeks"]
    protected += [
        "Khalifa Haftar",
        "Ghassan Salameh",
        "Tripoli",
        "Benghazi",
        "Geneva",
        "Muammar Gaddafi",
    ]
    for phrase in protected:
        start = 0
        while (i := text.find(phrase, start)) >= 0:
            for f in findings:
                if f["code"] == "N002":
                    continue  # anchored on a variant, never on these
                assert not (f["start"] < i + len(phrase) and i < f["end"]), (phrase, f)
            start = i + 1
    assert not any(f["text"] == "Haftar" for f in findings)
