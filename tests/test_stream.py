"""Large files are read piece by piece: same findings, same positions, same errors."""

from __future__ import annotations

import json

import pytest

from audit import AuditConfig, audit_document
from audit.errors import InputError
from audit.formats import parts, read_path, stream
from audit.formats.stream import stream_path
from tests.conftest import ROOT, SEED

SEED_TEXT = (ROOT / SEED).read_text(encoding="utf-8")
PER_OCCURRENCE = (
    "N001",
    "N003",
    "C001",
)  # checks whose findings do not depend on the whole document


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    monkeypatch.setattr(parts, "TEXT_PART_CHARS", 300)
    monkeypatch.setattr(parts, "TEXT_PART_MAX_CHARS", 1200)


def _key(f):
    return (
        f.code,
        f.path,
        f.document,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.text,
        f.suggestion,
    )


def _findings(docs, codes=None):
    config = AuditConfig.create()
    out = [f for d in docs for f in audit_document(d, config)]
    return sorted(_key(f) for f in out if codes is None or f.code in codes)


def test_a_large_text_file_is_read_in_parts_with_file_positions(tmp_path, small_limits):
    text = (SEED_TEXT + "\n\n") * 4 + "Lone\rHifter met\r\nSalama today.\n"
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    parts = list(stream_path(str(path)))
    assert len(parts) > 4
    assert "".join(p.target for p in parts) == text
    whole = read_path(str(path))
    assert _findings(parts, PER_OCCURRENCE) == _findings(whole, PER_OCCURRENCE)
    # The lone \r ends a line for positions, as it does when the file is read whole.
    tail = [
        (k[3], k[4], k[7]) for k in _findings(parts, ("N001",)) if k[3] > 4 * SEED_TEXT.count("\n")
    ]
    assert tail[-2:] == [
        (4 * (SEED_TEXT.count("\n") + 2) + 2, 1, "Hifter"),
        (4 * (SEED_TEXT.count("\n") + 2) + 3, 1, "Salama"),
    ]


def test_a_large_json_lines_file_is_read_a_record_at_a_time(tmp_path, small_limits):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write("\ufeff")
        for i in range(6):
            f.write(
                json.dumps(
                    {"id": f"a{i}", "target": SEED_TEXT, "desk": "x"}, ensure_ascii=i % 2 == 0
                )
                + "\n\n"
            )
    streamed, whole = list(stream_path(str(path))), read_path(str(path))
    assert streamed == whole
    assert [d.target_origin for d in streamed] == [d.target_origin for d in whole]
    assert _findings(streamed) == _findings(whole)


def test_errors_name_the_byte_offset_in_the_file(tmp_path, small_limits):
    path = tmp_path / "big.jsonl"
    good = json.dumps({"id": "a", "target": "Salama"}).encode() + b"\n"
    path.write_bytes(b"\xef\xbb\xbf" + good + b'{"id": "b", "target": "\xff"}\n')
    offset = 3 + len(good) + len(b'{"id": "b", "target": "')
    for read in (lambda: list(stream_path(str(path))), lambda: read_path(str(path))):
        with pytest.raises(InputError, match=f"invalid UTF-8 at byte {offset} "):
            read()


def test_binary_and_empty_large_files_are_refused(tmp_path, small_limits):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"abc\x00\x01" * 10)
    with pytest.raises(InputError, match="binary"):
        list(stream_path(str(binary)))
    blank = tmp_path / "e.jsonl"
    blank.write_text("\n\n   \n" * 5)
    with pytest.raises(InputError, match="empty file"):
        list(stream_path(str(blank)))


def test_utf16_large_files_are_read_whole(tmp_path, small_limits):
    path = tmp_path / "u.txt"
    path.write_bytes(("Salama met Hifter.\n" * 5).encode("utf-16"))
    (doc,) = stream_path(str(path))
    assert doc.target.startswith("Salama")


def test_check_command_streams_and_reports_like_before(cli, tmp_path, small_limits):
    path = tmp_path / "big.jsonl"
    path.write_text(
        "".join(json.dumps({"id": f"d{i}", "target": SEED_TEXT}) + "\n" for i in range(3))
    )
    result = cli("check", str(path), "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"]["documents"] == 3
    assert {f["document"] for f in data["findings"]} == {"d0", "d1", "d2"}
    assert [f["line"] for f in data["findings"] if f["document"] == "d2"][0] == 3


def _run(path, jobs=1):
    from audit.run import Runner, RunOptions, audit_paths

    return audit_paths(Runner(RunOptions(isolated=True)), [str(path)], jobs=jobs, keep_text=True)


def test_parts_are_stitched_into_one_file(tmp_path, monkeypatch):
    """Issue 14, item 5: file offsets, unique fingerprints, file order, one note."""
    text = (SEED_TEXT + "\n\n") * 6
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    whole = _run(path)
    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    monkeypatch.setattr(parts, "TEXT_PART_CHARS", 300)
    monkeypatch.setattr(parts, "TEXT_PART_MAX_CHARS", 1200)
    assert len(list(stream_path(str(path)))) > 6
    in_parts = _run(path)

    findings = in_parts.findings
    assert all(text[f.start : f.end] == f.text for f in findings)  # file offsets
    assert [(f.line, f.column) for f in findings] == sorted((f.line, f.column) for f in findings)
    assert len({f.fingerprint for f in findings}) == len(findings)

    def per_occurrence(result):
        return [
            (f.code, f.start, f.end, f.line, f.column, f.fingerprint)
            for f in result.findings
            if f.code in PER_OCCURRENCE
        ]

    assert per_occurrence(in_parts) == per_occurrence(whole)  # a baseline keeps matching
    assert in_parts.documents == 1
    assert in_parts.target_texts == {(str(path), str(path)): text}  # what grouped output quotes
    (note,) = in_parts.notes
    assert str(path) in note and "N002" in note and "S008" in note and "within each part" in note
    assert whole.notes == []
    assert [(f.fingerprint, f.start) for f in _run(path, jobs=2).findings] == [
        (f.fingerprint, f.start) for f in findings
    ]


def test_the_per_part_note_reaches_the_report(cli, tmp_path, small_limits):
    path = tmp_path / "big.txt"
    path.write_text((SEED_TEXT + "\n\n") * 3, encoding="utf-8")
    out = cli("check", str(path), "--format", "json").stdout
    assert any("read in" in note for note in json.loads(out)["summary"]["notes"])
    quiet = cli("check", str(path), "--format", "json", "--select", "N001").stdout
    assert "notes" not in json.loads(quiet)["summary"]  # no check that compares parts ran
