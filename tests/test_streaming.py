"""Findings are streamed: given in sorted order while later files are audited, held
on disk past a bound, and written in every format with the same bytes as before."""

from __future__ import annotations

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
