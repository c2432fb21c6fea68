"""Findings are streamed: given in sorted order while later files are audited, held
on disk past a bound, and written in every format with the same bytes as before."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from audit import spool
from audit.findings import Category, Finding, Severity
from audit.reporters import FORMATS
from audit.run import Runner, RunOptions, audit_paths, stream_paths
from audit.spool import SortedSpool, Spool
from tests.conftest import ROOT, SEED

SEED_TEXT = (ROOT / SEED).read_text(encoding="utf-8")


def _finding(path: str, document: str, start: int, fingerprint: str) -> Finding:
    return Finding(
        code="N001",
        name="names.non-canonical-variant",
        severity=Severity.MAJOR,
        category=Category.TERMINOLOGY,
        message="m",
        start=start,
        end=start + 1,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=start + 2,
        text="x",
        path=path,
        document=document,
        fingerprint=fingerprint,
    )


def test_sorted_spool_sorts_across_runs_on_disk_and_keeps_ties_in_order():
    rng = random.Random(18)
    findings = [
        _finding(rng.choice("abc"), rng.choice("xyz"), rng.randrange(5), str(i)) for i in range(500)
    ]
    held = SortedSpool(limit=7)  # 71 runs on disk
    for i in range(0, len(findings), 3):
        held.extend(findings[i : i + 3])
    out = list(held.drain())
    # sorted() is stable: ties (same key) keep the order they were added in
    assert [f.fingerprint for f in out] == [
        f.fingerprint for f in sorted(findings, key=Finding.sort_key)
    ]
    assert not held and list(held.drain()) == []


def test_spool_reads_back_in_order_as_often_as_asked():
    findings = [_finding("a", "a", i, str(i)) for i in range(10)]
    held = Spool(limit=3)
    for f in findings:
        held.add(f)
    assert len(held) == 10
    assert list(held) == findings
    assert list(held) == findings
    held.close()
    assert len(held) == 0 and list(held) == []


@pytest.fixture
def three_files(tmp_path):
    paths = []
    for name in ("b.txt", "a.txt", "c.txt"):  # not in sorted order
        path = tmp_path / name
        path.write_text(SEED_TEXT, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_findings_are_given_while_later_files_are_still_audited(three_files):
    runner = Runner(RunOptions(isolated=True))
    run = stream_paths(runner, sorted(three_files))
    first = next(run.findings)
    # The first file is finished and its findings given; the others are not read yet.
    assert [c.name for c in run.files] == [sorted(three_files)[0]]
    assert run.documents == 1
    assert first.path == sorted(three_files)[0]
    rest = list(run.findings)
    assert run.documents == 3
    whole = audit_paths(Runner(RunOptions(isolated=True)), sorted(three_files)).findings
    assert [first, *rest] == whole == sorted(whole, key=Finding.sort_key)


def test_files_given_out_of_order_still_give_sorted_findings(three_files):
    run = stream_paths(Runner(RunOptions(isolated=True)), three_files)
    out = list(run.findings)
    assert out == sorted(out, key=Finding.sort_key)
    assert {f.path for f in out} == set(three_files)


def _jsonl_with_ids_out_of_order(tmp_path):
    path = tmp_path / "units.jsonl"
    records = [
        {"id": doc_id, "target": SEED_TEXT, "source": SEED_TEXT}
        for doc_id in ("u10", "u2", "u1", "u3")
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_with_findings_on_disk(cli, tmp_path, monkeypatch, fmt):
    path = _jsonl_with_ids_out_of_order(tmp_path)
    text = tmp_path / "z.txt"
    text.write_text(SEED_TEXT, encoding="utf-8")
    args = ("check", str(path), str(text), "--format", fmt, "--exit-zero", "--no-progress")
    in_memory = cli(*args)
    monkeypatch.setattr(spool, "LIMIT", 2)  # every few findings go to disk
    on_disk = cli(*args)
    assert in_memory.exit_code == on_disk.exit_code == 0
    assert on_disk.stdout == in_memory.stdout
    assert len(in_memory.stdout) > 2000  # many findings, on disk in runs of two


def test_a_multi_document_file_is_sorted_by_document(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(spool, "LIMIT", 3)
    path = _jsonl_with_ids_out_of_order(tmp_path)
    out = cli("check", str(path), "--format", "jsonl", "--exit-zero", "--no-progress").stdout
    documents = [json.loads(line)["document"] for line in out.splitlines()]
    assert documents == sorted(documents)
    assert len(set(documents)) == 4


def _quote_scanning_whole_text(text: str, start: int, stop: int) -> tuple[str, str, str]:
    """The grouped view's quote as it was computed before: line breaks looked for
    back to the start and on to the end of the text."""
    from audit.reporters.escape import visible
    from audit.reporters.grouped import _CONTEXT

    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    end = stop
    for brk in ("\n", "\r"):
        i = text.find(brk, start, stop)
        if i >= 0:
            end = min(end, i)
    line_end = len(text)
    for brk in ("\n", "\r"):
        i = text.find(brk, end)
        if i >= 0:
            line_end = min(line_end, i)
    first = max(line_start, start - _CONTEXT)
    last = min(line_end, end + _CONTEXT)
    before = ("…" if first > line_start else "") + text[first:start]
    after = text[end:last] + ("…" if last < line_end else "")
    return (
        visible(before.replace("\t", " ")),
        visible(text[start:end].replace("\t", " ")),
        visible(after.replace("\t", " ")),
    )


def test_grouped_quote_looks_only_near_the_finding_and_shows_the_same():
    from audit.reporters import Report
    from audit.reporters.grouped import _quote

    rng = random.Random(7)
    for _ in range(2000):
        n = rng.randrange(1, 160)
        text = "".join(rng.choice("ab \t\n\r") if rng.random() < 0.1 else "x" for _ in range(n))
        start = rng.randrange(n)
        stop = rng.randrange(start, min(n, start + 50) + 1)
        f = _finding("a.txt", "a.txt", start, "")
        f = dataclasses.replace(f, end=stop)
        report = Report([f], 1, target_texts={("a.txt", "a.txt"): text})
        assert _quote(report, f) == _quote_scanning_whole_text(text, start, stop)
