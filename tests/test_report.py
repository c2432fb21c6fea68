"""`audit report` end to end on a three-week corpus built from real text."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tests import corpus_helpers as corpus

SINCE, UNTIL = "2020-01-13", "2020-01-26"  # two weeks; the previous period holds the first week


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.write(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def report_dir(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from audit.cli import main

    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(corpus_dir),
            "--since",
            SINCE,
            "--until",
            UNTIL,
            "--by",
            "desk",
            "--by",
            "translator",
            "--jobs",
            "1",
            "-o",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out


def spelling(table: pd.DataFrame, entity: str, form: str) -> dict:
    rows = table[(table["entity"] == entity) & (table["spelling"] == form)]
    assert len(rows) == 1, f"{form} missing from spellings of {entity}"
    return rows.iloc[0].to_dict()


@pytest.mark.parametrize(
    ("entity", "form", "accepted"),
    [
        ("khalifa-haftar", "Hifter", False),
        ("ghassan-salameh", "Salama", False),
        ("ghassan-salameh", "Ghassan Salameh", True),
        ("khalifa-haftar", "Khalifa Haftar", True),
    ],
)
def test_spelling_table_counts_and_dates_match_the_texts(report_dir, entity, form, accepted):
    table = pd.read_parquet(report_dir / "spellings.parquet")
    row = spelling(table, entity, form)
    count, documents, first, last = corpus.occurrences(form, SINCE, UNTIL)
    assert count > 0
    assert (row["count"], row["documents"], row["first_seen"], row["last_seen"]) == (
        count,
        documents,
        first,
        last,
    )
    assert bool(row["accepted"]) is accepted
    csv = pd.read_csv(report_dir / "spellings.csv")
    assert spelling(csv, entity, form)["count"] == count


def test_shares_add_up_per_entity(report_dir):
    table = pd.read_parquet(report_dir / "spellings.parquet")
    sums = table.groupby("entity")["share"].sum()
    assert ((sums - 1).abs() < 0.001).all()
    haftar = table[table["entity"] == "khalifa-haftar"]
    assert set(haftar["spelling"]) >= {"Haftar", "Khalifa Haftar", "Hifter"}


def test_documents_table_covers_both_periods_with_mqm_scores(report_dir):
    docs = pd.read_parquet(report_dir / "documents.parquet")
    expected = [r for r in corpus.records() if "2020-01-06" <= r["date"] <= UNTIL]
    assert len(docs) == len(expected)
    assert set(docs["period"]) == {"current", "previous"}
    assert (docs.loc[docs["period"] == "previous", "date"] < SINCE).all()
    points = docs["minor"] * 1 + docs["major"] * 5 + docs["critical"] * 25
    assert (docs["error_points"] == points).all()
    scored = docs[docs["words"] > 0]
    assert (
        (scored["points_per_1k_words"] - scored["error_points"] * 1000 / scored["words"]).abs()
        < 1e-3
    ).all()
    assert docs["bt_chrf"].between(0, 100).sum() > 0  # news articles carry a back-translation


def test_findings_table_matches_the_documents_table(report_dir):
    findings = pd.read_parquet(report_dir / "findings.parquet")
    docs = pd.read_parquet(report_dir / "documents.parquet")
    per_doc = findings.groupby(["path", "document"]).size()
    assert per_doc.sum() == docs["findings"].sum()
    hifter = findings[(findings["code"] == "N001") & (findings["text"] == "Hifter")]
    assert (hifter["suggestion"] == "Haftar").all() and (hifter["entity"] == "khalifa-haftar").all()
    assert (hifter["after"].str.len() > 0).all()


def test_text_files_are_dated_by_modification_time(report_dir):
    docs = pd.read_parquet(report_dir / "documents.parquet")
    texts = docs[docs["path"].str.endswith(".txt")]
    by_id = {r["id"]: r["date"] for r in corpus.records()}
    assert len(texts) > 0
    for row in texts.itertuples():
        assert row.date == by_id[Path(row.path).stem]


def test_comparison_names_groups_and_verdicts(report_dir):
    comparison = pd.read_parquet(report_dir / "comparison.parquet")
    assert set(comparison["group_by"]) == {"all", "desk", "translator"}
    assert {"mt-a", "mt-b", "team-c"} <= set(
        comparison.loc[comparison["group_by"] == "translator", "group"]
    )
    allowed = {
        "regression",
        "improvement",
        "steady",
        "no previous documents",
        "no documents this period",
    }
    assert set(comparison["verdict"]) <= allowed
    overall = comparison[comparison["group_by"] == "all"].iloc[0]
    groups = pd.read_parquet(report_dir / "groups.parquet")
    cur = groups[(groups["group_by"] == "all") & (groups["period"] == "current")].iloc[0]
    assert overall["points_per_1k_words"] == cur["points_per_1k_words"]


def test_html_and_markdown_written(report_dir):
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    for heading in (
        "Headline figures",
        "Findings per week by MQM category",
        "Top inconsistent entities",
        "Spelling drift over time",
        "Worst documents",
        "Back-translation scores",
        "Compared with the previous period",
    ):
        assert heading in html
    assert html.count("<svg") >= 3  # weekly findings, drift per entity, back-translation histogram
    assert "<mark>Hifter</mark>" in html
    md = (report_dir / "summary.md").read_text(encoding="utf-8")
    assert md.startswith(f"# Consistency report, {SINCE} to {UNTIL}")
    count = corpus.occurrences("Hifter", SINCE, UNTIL)[0]
    assert f"Hifter ×{count} " in md


def test_html_escapes_article_text_and_loads_nothing_from_outside(cli, tmp_path):
    hostile = (
        "<script>alert('x')</script> Salama met Hifter <img src=x onerror=alert(1)> in Geneva."
    )
    corpus.write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "id": "<b>doc</b>",
                "date": "2020-01-20",
                "desk": "<i>desk</i>",
                "translator": "t&t",
                "target": hostile,
            },
            {
                "id": "clean",
                "date": "2020-01-21",
                "desk": "world",
                "target": "Ghassan Salameh met Khalifa Haftar.",
            },
        ],
    )
    result = cli(
        "report",
        str(tmp_path / "in.jsonl"),
        "--since",
        "2020-01-20",
        "--until",
        "2020-01-26",
        "--by",
        "desk",
        "--jobs",
        "1",
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert (
        "<script" not in html
        and "<img" not in html
        and "<b>doc" not in html
        and "<i>desk" not in html
    )
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;i&gt;desk&lt;/i&gt;" in html
    assert "<mark>Hifter</mark>" in html
    for attr in ('src="http', "src='http", 'href="http', "@import", "url("):
        assert attr not in html
    md = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "<script" not in md and "&lt;b&gt;doc&lt;/b&gt;" in md


def test_date_filtering_uses_metadata_then_modification_time(cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    corpus.write_jsonl(
        src / "export.jsonl",
        [
            {
                "id": "before",
                "date": "2020-01-05",
                "target": "Hifter spoke.",
            },  # outside both periods
            {"id": "previous", "date": "2020-01-19T23:30:00+01:00", "target": "Hifter spoke."},
            {"id": "current", "date": "2020-01-20", "target": "Salama spoke."},
            {"id": "after", "date": "2020-01-27", "target": "Salama spoke."},
        ],
    )
    for name, day in (("inside.txt", dt.date(2020, 1, 22)), ("outside.txt", dt.date(2019, 12, 1))):
        path = src / name
        path.write_text("Salama met Haftar.\n", encoding="utf-8")
        stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
        os.utime(path, (stamp, stamp))
    (src / ".hidden.txt").write_text("Salama", encoding="utf-8")
    (src / "notes.json").write_text("{}", encoding="utf-8")
    out = tmp_path / "out"
    result = cli(
        "report",
        str(src),
        "--since",
        "2020-01-20",
        "--until",
        "2020-01-26",
        "--jobs",
        "1",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    docs = pd.read_parquet(out / "documents.parquet").sort_values("document")
    got = {
        (Path(p).name if d.endswith(".txt") else d, day, period)
        for p, d, day, period in zip(docs["path"], docs["document"], docs["date"], docs["period"])
    }
    assert got == {
        ("previous", "2020-01-19", "previous"),
        ("current", "2020-01-20", "current"),
        ("inside.txt", "2020-01-22", "current"),
    }
    variants = pd.read_parquet(out / "variant_changes.parquet")
    overall = variants[variants["group_by"] == "all"]
    assert set(zip(overall["status"], overall["spelling"])) == {
        ("new", "Salama"),
        ("gone", "Hifter"),
    }


def test_bad_dates_are_one_line_errors(cli, tmp_path):
    path = corpus.write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "date": "2020-01-20", "target": "x"},
            {"id": "b", "date": "last Tuesday", "target": "x"},
        ],
    )
    result = cli("report", str(path), "--jobs", "1", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"audit: error: {path}:2: unreadable date 'last Tuesday' "
        "(expected YYYY-MM-DD or an ISO 8601 timestamp)\n"
    )
    result = cli(
        "report",
        str(path),
        "--since",
        "2020-02-01",
        "--until",
        "2020-01-01",
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 2 and "is after --until" in result.stderr
    result = cli("report", str(path), "--since", "soon", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and result.stderr.startswith(
        "audit: error: --since: unreadable date 'soon'"
    )


def test_no_document_in_the_period_is_an_error(cli, tmp_path):
    path = corpus.write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "date": "2020-01-20", "target": "Hifter"}]
    )
    result = cli(
        "report",
        str(path),
        "--since",
        "2021-01-01",
        "--until",
        "2021-01-07",
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 2
    assert "no documents dated 2021-01-01 to 2021-01-07" in result.stderr


def test_findings_are_streamed_in_chunks_with_the_same_content(
    cli, corpus_dir, report_dir, tmp_path
):
    out = tmp_path / "chunked"
    result = cli(
        "report",
        str(corpus_dir),
        "--since",
        SINCE,
        "--until",
        UNTIL,
        "--by",
        "desk",
        "--by",
        "translator",
        "--jobs",
        "1",
        "--batch-size",
        "4",
        "--chunk-rows",
        "25",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    parquet = pq.ParquetFile(out / "findings.parquet")
    assert parquet.num_row_groups > 3
    assert max(parquet.metadata.row_group(i).num_rows for i in range(parquet.num_row_groups)) <= 25
    for name in ("findings", "documents", "mentions", "spellings", "comparison", "weekly"):
        chunked = pd.read_parquet(out / f"{name}.parquet")
        pd.testing.assert_frame_equal(chunked, pd.read_parquet(report_dir / f"{name}.parquet"))
    assert len(pd.read_csv(out / "findings.csv")) == parquet.metadata.num_rows


def test_weights_are_configurable(cli, tmp_path):
    path = corpus.write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "id": "a",
                "date": "2020-01-20",
                "target": "Salamah met Hifter in the Berlin conference hall.",
            }
        ],
    )
    result = cli(
        "report",
        str(path),
        "--weights",
        "major=10,minor=0",
        "--jobs",
        "1",
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0, result.output
    doc = pd.read_parquet(tmp_path / "out" / "documents.parquet").iloc[0]
    assert doc["major"] >= 2 and doc["minor"] >= 1
    assert doc["error_points"] == 10 * doc["major"]
    assert doc["points_per_1k_words"] == round(doc["error_points"] * 1000 / doc["words"], 4)
    result = cli("report", str(path), "--weights", "huge=3", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "--weights" in result.stderr


def test_missing_report_packages_say_what_to_install(cli, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    path = corpus.write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "date": "2020-01-20", "target": "x"}]
    )
    result = cli("report", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert (
        result.stderr == "audit: error: audit report needs pyarrow: "
        "in the audit checkout, pip install -e '.[report]' (or make install-test)\n"
    )


def test_back_translation_scores_are_those_of_audit_score(report_dir):
    from audit.formats import read_path
    from audit.scoring import score_document

    docs = pd.read_parquet(report_dir / "documents.parquet")
    scored = docs[docs["bt_chrf"].notna()].head(3)
    assert len(scored) == 3
    for row in scored.itertuples():
        doc = next(d for d in read_path(row.path) if d.id == row.document)
        expected = score_document(doc, ("chrf",)).scores["chrf"]
        assert row.bt_chrf == pytest.approx(expected.value, abs=1e-4)
        assert row.bt_signature == expected.signature
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    assert scored.iloc[0]["bt_signature"] in html


def test_an_open_period_is_labelled_with_the_days_of_its_documents(cli, tmp_path):
    # Without --since/--until the report covers every document: its title and the
    # command's last line name their first and last day, not "the first document".
    src = tmp_path / "in"
    src.mkdir()
    corpus.write_jsonl(
        src / "export.jsonl",
        [
            {"id": "a", "date": "2020-01-20", "target": "Salama spoke."},
            {"id": "b", "date": "2020-02-03", "target": "Salama spoke again."},
        ],
    )
    out = tmp_path / "out"
    result = cli("report", str(src), "--jobs", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "(2020-01-20 to 2020-02-03)." in result.output
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Consistency report, 2020-01-20 to 2020-02-03\n")
    assert "the first document" not in (out / "report.html").read_text(encoding="utf-8")
