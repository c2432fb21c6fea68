"""Corpus building blocks: dates and periods, MQM weights, spelling usage, discovery, charts."""

from __future__ import annotations

import datetime as dt

import pytest

from audit import AuditConfig, Document
from audit.corpus import (
    Periods,
    Weights,
    Window,
    iter_files,
    parse_day,
    spelling_usage,
    week_of,
)
from audit.corpus.aggregate import verdict
from audit.corpus.mqm import per_thousand, word_count
from audit.corpus.svg import line_chart, stacked_bars
from audit.engine import audit_document_full
from audit.errors import ConfigError
from audit.parallel import batches


def test_parse_day_accepts_dates_and_timestamps():
    assert parse_day("2020-01-20") == dt.date(2020, 1, 20)
    assert parse_day("2020-01-20T23:59:00Z") == dt.date(2020, 1, 20)
    assert parse_day(" 2020-01-20 10:00+02:00 ") == dt.date(2020, 1, 20)
    with pytest.raises(ValueError, match="unreadable date '20/01/2020'"):
        parse_day("20/01/2020")


def test_weeks_start_on_monday():
    assert week_of(dt.date(2020, 1, 26)) == dt.date(2020, 1, 20)  # Sunday
    assert week_of(dt.date(2020, 1, 20)) == dt.date(2020, 1, 20)


def test_previous_period_has_the_same_length_and_ends_the_day_before():
    periods = Periods.create(dt.date(2020, 1, 20), dt.date(2020, 1, 26))
    assert periods.previous == Window(dt.date(2020, 1, 13), dt.date(2020, 1, 19))
    assert periods.period_of(dt.date(2020, 1, 26)) == "current"
    assert periods.period_of(dt.date(2020, 1, 13)) == "previous"
    assert periods.period_of(dt.date(2020, 1, 12)) is None
    assert periods.period_of(dt.date(2020, 1, 27)) is None
    open_ended = Periods.create(None, dt.date(2020, 1, 26))
    assert open_ended.previous is None and open_ended.period_of(dt.date(1990, 1, 1)) == "current"
    with pytest.raises(ConfigError):
        Window(dt.date(2020, 2, 1), dt.date(2020, 1, 1))


def test_weights_parse_and_score():
    w = Weights.parse("major=4, critical=30")
    assert (w.info, w.minor, w.major, w.critical) == (0, 1, 4, 30)
    assert Weights().of("critical") == 25
    for bad in ("major", "huge=1", "minor=x", "minor=-1"):
        with pytest.raises(ConfigError, match="--weights"):
            Weights.parse(bad)
    assert word_count("Salama met Hifter, twice: 2 times.") == 6
    assert per_thousand(5, 200) == 25.0 and per_thousand(5, 0) == 0.0


def test_verdicts():
    assert verdict(10.0, 5.0) == "regression"
    assert verdict(5.0, 10.0) == "improvement"
    assert verdict(10.4, 10.0) == "steady"  # within 10 %
    assert verdict(0.4, 0.0) == "steady"  # under the 0.5-point floor
    assert verdict(None, 3.0) == "no documents this period"
    assert verdict(3.0, None) == "no previous documents"


def test_spelling_usage_counts_accepted_forms_too():
    config = AuditConfig.create()
    text = (
        "Khalifa Haftar spoke. Haftar and Hifter, then HAFTAR. Salama left the Berlin conference."
    )
    doc = Document(id="d", target=text)
    usage = {
        (u.entity, u.spelling): (u.role, u.accepted, u.count)
        for u in spelling_usage(doc, audit_document_full(doc, config).glossary_matches)
    }
    assert usage[("khalifa-haftar", "Khalifa Haftar")] == ("canonical", True, 1)
    assert usage[("khalifa-haftar", "Haftar")] == ("short", True, 1)
    assert usage[("khalifa-haftar", "Hifter")] == ("variant", False, 1)
    assert usage[("khalifa-haftar", "HAFTAR")] == ("short", True, 1)  # a headline in capitals
    assert usage[("ghassan-salameh", "Salama")] == ("variant", False, 1)
    assert usage[("berlin-conference", "Berlin conference")] == (
        "canonical",
        False,
        1,
    )  # other capitals


def test_spelling_usage_takes_forms_reported_without_a_glossary_entry():
    from audit.findings import Category, Finding, Severity

    doc = Document(id="d", target="Kadhafi and Gaddafi")
    finding = Finding(
        code="X001",
        name="x",
        severity=Severity.MAJOR,
        category=Category.TERMINOLOGY,
        message="m",
        start=0,
        end=7,
        line=1,
        column=1,
        end_line=1,
        end_column=8,
        text="Kadhafi",
        entity="cluster-1",
        extra={"forms": {"Kadhafi": 1, "Gaddafi": 1}, "canonical": "Gaddafi"},
    )
    usage = spelling_usage(doc, [], [finding])
    assert [(u.entity, u.spelling, u.role, u.count) for u in usage] == [
        ("cluster-1", "Gaddafi", "unlisted", 1),
        ("cluster-1", "Kadhafi", "unlisted", 1),
    ]


def test_discovery_walks_folders_in_order_and_skips_hidden_and_unknown_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in (
        "b/2.txt",
        "a.jsonl",
        "c.md",
        ".hidden.txt",
        ".git/x.txt",
        "data.json",
        "b/1.md",
        "d.xliff",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.removeprefix(str(tmp_path) + "/") for p in iter_files([str(tmp_path)])]
    assert found == ["a.jsonl", "c.md", "d.xliff", "b/1.md", "b/2.txt"]
    from audit.errors import InputError

    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_files([str(tmp_path / "missing")]))


def test_batches_keep_order():
    docs = [Document(id=str(i), target="x") for i in range(7)]
    assert [[d.id for d in b] for b in batches(docs, 3)] == [
        ["0", "1", "2"],
        ["3", "4", "5"],
        ["6"],
    ]


def test_charts_escape_labels():
    bars = stacked_bars(["<w1>"], {"a&b": [3.0]}, "t<")
    lines = line_chart(["w1", "w2"], {"<script>": [0.5, None]}, "t")
    assert "<w1>" not in bars and "&lt;w1&gt;" in bars and "a&amp;b" in bars
    assert "<script>" not in lines and "&lt;script&gt;" in lines
    assert bars.startswith("<svg") and lines.endswith("</svg>")


def test_synthetic_corpus_is_deterministic_and_carries_variants():
    from tests import corpus_helpers as corpus

    first, second = corpus.records(), corpus.records()
    assert first == second
    assert {r["date"] for r in first} >= {"2020-01-06", "2020-01-26"}
    texts = " ".join(r["target"] for r in first)
    assert "Hifter" in texts and "Salama" in texts and "6126630991001" in texts
    assert sum(1 for r in first if r.get("back_translation")) > 0
