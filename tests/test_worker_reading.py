"""Workers read their own files: a run gives the same findings, notes and errors in
the same order whether its files are read and audited in one process or in two
workers (which receive paths, not documents), and a batch of files to read is
bounded by their bytes as well as by their number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.config.settings import Settings
from audit.document import Document
from audit.errors import InputError
from audit.formats import parts as parts_module
from audit.formats import stream
from audit.run import (
    BATCH_BYTES,
    ReadTask,
    Runner,
    RunOptions,
    StreamedRun,
    _batches,
    stream_paths,
)
from tests.conftest import SEED_TEXT


def _corpus(folder: Path) -> list[str]:
    """Files of several formats, sizes and outcomes, in the order a run gets them."""
    paragraphs = [p for p in SEED_TEXT.split("\n\n") if p.strip()]
    files = {
        "a-seed.txt": SEED_TEXT,
        "b-lines.jsonl": "".join(
            json.dumps({"id": f"d{i}", "target": p}, ensure_ascii=False) + "\n"
            for i, p in enumerate(paragraphs[:6])
        ),
        "c-empty.txt": "",  # bad input: an InputError
        "e-units.po": 'msgid ""\nmsgstr ""\n"Language: ar\\n"\n\n'
        + "".join(
            f'msgid "source {i}"\nmsgstr "{json.dumps(p, ensure_ascii=False)[1:-1]}"\n\n'
            for i, p in enumerate(paragraphs[:5])
        ),
        "f-tail.txt": paragraphs[-1] + "  ،  " + paragraphs[0],
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "d-image.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 64)  # skipped
    return sorted(str(p) for p in folder.iterdir())


def _run(
    paths: list[str], jobs: int, **options: bool
) -> tuple[StreamedRun, list[dict[str, object]]]:
    run = stream_paths(Runner(RunOptions(isolated=True)), paths, jobs=jobs, **options)
    findings = [f.to_dict() for f in run.findings]
    return run, findings


def test_workers_reading_their_files_give_what_one_process_gives(tmp_path: Path) -> None:
    paths = _corpus(tmp_path)
    one, one_findings = _run(paths, 1, keep_going=True)
    two, two_findings = _run(paths, 2, keep_going=True)
    assert one_findings  # the seed has findings
    assert two_findings == one_findings  # the same, in the same order
    assert [c.name for c in two.files] == [c.name for c in one.files]
    assert [c.documents for c in two.files] == [c.documents for c in one.files]
    assert two.documents == one.documents == 1 + 6 + 1 + 1
    assert two.skipped == one.skipped and "d-image.txt" in one.skipped[0]
    assert two.errors == one.errors and "c-empty.txt" in one.errors[0]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_a_worker_cannot_read_stops_the_run_with_its_name(tmp_path: Path, jobs: int) -> None:
    paths = _corpus(tmp_path)
    with pytest.raises(InputError, match="c-empty.txt"):
        _run(paths, jobs)


def test_large_files_are_still_read_by_the_parent_in_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _corpus(tmp_path)
    whole, whole_findings = _run(paths, 2, keep_going=True)
    monkeypatch.setattr(stream, "STREAM_BYTES", 2000)  # the seed is read in parts
    monkeypatch.setattr(parts_module, "TEXT_PART_CHARS", 300)
    monkeypatch.setattr(parts_module, "TEXT_PART_MAX_CHARS", 1200)
    parts, parts_findings = _run(paths, 2, keep_going=True)
    assert any("read in" in note for note in parts.notes)
    assert not any("read in" in note for note in whole.notes)
    assert parts.documents == whole.documents
    assert {f["path"] for f in parts_findings} == {f["path"] for f in whole_findings}


def test_a_batch_of_files_to_read_is_bounded_by_their_bytes() -> None:
    size = BATCH_BYTES // 3 + 1
    items = [(i, "0", ReadTask(f"f{i}.po", "ar", "en", {}, size)) for i in range(7)]
    items += [(7 + i, "0", ReadTask(f"g{i}.po", "ar", "en", {}, 10)) for i in range(20)]
    batches = list(_batches(items, 16))
    assert [item for batch in batches for item in batch] == items
    assert [len(b) for b in batches] == [3, 3, 16, 5]


def test_the_warm_up_batch_before_workers_start_is_one_item() -> None:
    items = [(i, "0", ReadTask(f"f{i}.po", "ar", "en", {}, 10)) for i in range(40)]
    batches = list(_batches(items, 16, first=1))
    assert [item for batch in batches for item in batch] == items
    assert [len(b) for b in batches] == [1, 16, 16, 7]
    assert [len(b) for b in _batches(items, 16)] == [16, 16, 8]
    assert list(_batches([], 16, first=1)) == []


class _InMemory(Runner):
    """A Runner whose files are not on disk (as the server's): it reads them itself."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(RunOptions(isolated=True))
        self.texts = texts

    def stream(self, path: str, settings: Settings | None = None) -> Iterator[Document]:
        from audit.formats.text import read_text

        return read_text(self.texts[path], path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_runner_that_reads_its_own_files_is_not_bypassed(jobs: int) -> None:
    runner = _InMemory({"memory/a.txt": SEED_TEXT, "memory/b.txt": SEED_TEXT[:400]})
    assert runner.read_task("memory/a.txt", runner.settings("memory/a.txt")) is None
    run = stream_paths(runner, ["memory/a.txt", "memory/b.txt"], jobs=jobs)
    findings = list(run.findings)
    assert {f.path for f in findings} == {"memory/a.txt", "memory/b.txt"}
    assert run.documents == 2 and not run.errors


def test_batches_shrink_towards_the_end_of_a_run_with_workers() -> None:
    files = 200
    items = [(i, "0", ReadTask(f"f{i}.po", "ar", "en", {}, 10)) for i in range(files)]
    sizes = [len(b) for b in _batches(items, 16, first=1, tail=(files, 2))]
    assert sum(sizes) == files
    assert sizes[0] == 1 and sizes[1:6] == [16] * 5  # full batches while much is left
    assert sizes[-1] == 1 and sizes[-2] == 1  # one file at a time at the very end
    tail = sizes[sizes.index(16, 1) :]
    assert tail == sorted(tail, reverse=True)  # never growing again
    # Each batch is at most a quarter of a worker's share of the files left.
    done = sizes[0]
    for size in sizes[1:]:
        assert size <= max(1, (files - done) // 4), (size, done)
        done += size
    assert len(list(_batches(items, 16))) == 13  # without workers: full batches only
