"""Large XLIFF and TMX files are read in parts of whole units (issues 14 and 18).

A part is a document of consecutive units: its findings must be those of the file
read whole (positions in the file, offsets in the whole document's joined texts on
each side, fingerprints, order) for the checks that look at one unit at a time; the
run says once that the checks comparing a whole document looked within each part;
memory does not grow with the number of units; ``audit fix`` still edits the file.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from audit.formats import parts, stream
from audit.formats.parts import PART
from audit.formats.stream import WHOLE_DOCUMENT_CHECKS, stream_path
from audit.run import Runner, RunOptions, RunResult, audit_paths

# A unit with a name variant and a space before the full stop (N001, S001), written
# in as many of the ways a file may store it as fit: entities, inline codes (an opaque
# one holding markup), a start tag split over lines, a CRLF, a unit left out
# (translate="no"), one without a source, one whose translation is missing (B004,
# on the source side), one whose target is its source (B003).
_UNITS_12 = [
    '<trans-unit id="a{i}"><source>Hifter met the envoy in Geneva .</source>'
    "<target>Hifter met the envoy in Geneva .</target></trans-unit>",
    '<trans-unit id="b{i}">\n  <source>Talks &amp; meetings in Geneva .</source>\n'
    '  <target\n   state="translated">Hifter &amp; Salama met in Geneva .</target>\n</trans-unit>',
    '<trans-unit id="c{i}"><source>Click <g id="1">here</g> now.</source>'
    '<target>Cliquez <g id="1">ici</g> , Hifter .</target></trans-unit>',
    '<trans-unit id="d{i}"><source>A <ph id="1">&lt;br/&gt;</ph> B.</source>'
    '<target>Le <ph id="1">&lt;br/&gt;</ph> Hifter a dit .</target></trans-unit>',
    '<trans-unit id="e{i}" translate="no"><source>Hifter .</source>'
    "<target>Hifter .</target></trans-unit>",
    '<trans-unit id="f{i}"><target>Only a target , with Hifter .</target></trans-unit>',
    '<trans-unit id="g{i}"><source>The delegates met on Monday. They left on Tuesday.</source>'
    "<target>Les délégués se sont réunis lundi.</target></trans-unit>",
    '<trans-unit id="h{i}"><source>The talks resume in Geneva on Monday.</source>'
    "<target>The talks resume in Geneva on Monday.</target></trans-unit>",
    '<trans-unit id="k{i}"><source>Salama met 15 people .</source>'
    "<target>Salama a vu 16 personnes .</target></trans-unit>",
    '<trans-unit id="m{i}"><source>The delegates left Geneva on Tuesday.</source></trans-unit>',
]


def xliff_12(units: int, files: int = 2) -> str:
    body = "\r\n".join(_UNITS_12[i % len(_UNITS_12)].replace("{i}", str(i)) for i in range(units))
    one = (
        '<file original="{n}.txt" source-language="en" target-language="fr" '
        f'datatype="plaintext">\n<body>\n{body}\n</body>\n</file>\n'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        + "".join(one.replace("{n}", f"doc{k}") for k in range(files))
        + "</xliff>\n"
    )


def xliff_2(units: int) -> str:
    body = "\n".join(
        f'<unit id="u{i}">\n'
        f"<segment><source>Hifter met {i} envoys .</source>"
        f"<target>Hifter a vu {i} envoyés .</target></segment>\n"
        + (
            f'<segment id="s{i}"><source>Second &amp; last .</source>'
            f"<target>Deuxième &amp; Hifter .</target></segment>\n"
            if i % 3 == 0
            else ""
        )
        + "</unit>"
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
        'srcLang="en" trgLang="fr">\n'
        f'<file id="f1" original="two.txt">\n{body}\n</file>\n</xliff>\n'
    )


def tmx(units: int) -> str:
    body = "\n".join(
        f'<tu tuid="t{i}">\n'
        f'  <tuv xml:lang="en"><seg>Hifter met {i} envoys &amp; Salama .</seg></tuv>\n'
        f'  <tuv xml:lang="fr"><seg>Hifter a vu {i + i % 2} envoyés &amp; <bpt i="1">&lt;b&gt;</bpt>'
        f'Salama<ept i="1">&lt;/b&gt;</ept> .</seg></tuv>\n</tu>'
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header srclang="en" datatype="plaintext" segtype="sentence" o-tmf="x" '
        'adminlang="en" creationtool="t" creationtoolversion="1"/>\n'
        f"<body>\n{body}\n</body>\n</tmx>\n"
    )


@pytest.fixture
def in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file over 10 bytes is read in parts of a few hundred characters."""
    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    monkeypatch.setattr(parts, "TEXT_PART_CHARS", 300)


def _run(path: Path, jobs: int = 1) -> RunResult:
    return audit_paths(Runner(RunOptions(isolated=True)), [str(path)], jobs=jobs, keep_text=True)


def _keys(result: RunResult) -> list[tuple[Any, ...]]:
    return [
        (
            f.code,
            f.document,
            f.side,
            f.start,
            f.end,
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            f.segment,
            f.segment_start,
            f.segment_end,
            f.text,
            f.suggestion,
            f.fingerprint,
        )
        for f in result.findings
        if f.code not in WHOLE_DOCUMENT_CHECKS
    ]


CASES = {
    "xliff-1.2.xlf": lambda: xliff_12(60),
    "xliff-2.xlf": lambda: xliff_2(40),
    "memory.tmx": lambda: tmx(40),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_file_read_in_parts_gives_the_findings_of_the_file_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(CASES[name]().encode("utf-8"))
    whole = _run(path)
    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    monkeypatch.setattr(parts, "TEXT_PART_CHARS", 300)
    documents = list(stream_path(str(path)))
    assert len(documents) > 4 and all(PART in d.metadata for d in documents)
    split = _run(path)

    expected = _keys(whole)
    assert len(expected) > 50
    assert _keys(split) == expected  # positions, offsets, fingerprints, order
    assert {f.side for f in split.findings} >= (
        {"source", "target"} if name == "xliff-1.2.xlf" else {"target"}
    )
    fingerprints = [(f.document, f.fingerprint) for f in split.findings]
    assert len(set(fingerprints)) == len(fingerprints)  # unique within each document
    assert split.documents == whole.documents
    # What the grouped view quotes: the whole document's joined target text.
    assert {k: str(v) for k, v in split.target_texts.items()} == {
        k: str(v) for k, v in whole.target_texts.items()
    }
    (note,) = split.notes
    assert str(path) in note and "within each part" in note
    assert whole.notes == []
    # Worker processes receive parts with their own piece of the file, and agree.
    assert _keys(_run(path, jobs=2)) == expected


def test_positions_are_the_files_on_both_sides(tmp_path: Path, in_parts: None) -> None:
    text = xliff_12(30, files=1)
    path = tmp_path / "f.xlf"
    path.write_bytes(text.encode("utf-8"))
    lines = text.replace("\r\n", "\n").split("\n")
    result = _run(path)
    checked = 0
    for f in result.findings:
        if f.line == f.end_line and "&" not in f.text and "<" not in f.text:
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text, f
            checked += 1
    assert checked > 30
    assert {f.side for f in result.findings} == {"source", "target"}


def test_the_note_is_printed_once_and_fix_writes_at_the_files_offsets(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``audit fix`` reads a file whole, large or not, as it does plain text: its edits
    are those of the file under the threshold, and the file stays well-formed XML."""
    from lxml import etree

    text = xliff_12(45)
    path = tmp_path / "f.xlf"
    path.write_bytes(text.encode("utf-8"))
    small = cli("fix", str(path), "--isolated").stdout
    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    monkeypatch.setattr(parts, "TEXT_PART_CHARS", 300)

    out = cli("check", str(path), "--isolated", "--format", "json", "--exit-zero").stdout
    notes = json.loads(out)["summary"]["notes"]
    assert sum("read in" in n for n in notes) == 1

    assert cli("fix", str(path), "--isolated").stdout == small
    result = cli("fix", str(path), "--isolated", "--write")
    assert result.exit_code == 0
    fixed = path.read_bytes().decode("utf-8")
    assert fixed.count("\r\n") == text.count("\r\n")  # line breaks kept
    assert "<target>Hifter met the envoy in Geneva.</target>" in fixed
    assert 'state="translated">Hifter &amp; Salama met in Geneva.</target>' in fixed
    etree.fromstring(fixed.encode("utf-8"))  # still well-formed
    assert fixed.count("<trans-unit") == text.count("<trans-unit")
    assert 'translate="no"><source>Hifter .</source><target>Hifter .</target>' in fixed
    assert '<ph id="1">&lt;br/&gt;</ph>' in fixed  # an inline code untouched
    after = _run(path)
    assert not [f for f in after.findings if f.code == "S001" and f.side == "target"]


def _held_after_reading(units: int) -> int:
    """Python memory still allocated at the peak of reading an XLIFF file of ``units``
    units in parts, each part dropped once read (as ``audit check`` does)."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "m.xlf")
        text = xliff_12(units, files=1)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        size = len(text)
        del text
        tracemalloc.start()
        try:
            documents = stream_path(path)
            assert next(documents).segments
            tracemalloc.reset_peak()  # past decoding the file (its bytes, then its text)
            for doc in documents:
                assert doc.segments
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return peak - size  # the file's text, decoded, is held while it is read


def test_memory_does_not_grow_with_the_units(in_parts: None) -> None:
    small, large = _held_after_reading(2000), _held_after_reading(4000)
    # Besides the file's text, what reading holds is a part, not the units: twice the
    # units, nearly the same memory (read whole, the units' segments doubled it).
    assert large < small * 1.15 + 50_000, (small, large)


_CLEAN = [
    ("The envoy met the delegates in Geneva.", "L'envoyé a rencontré les délégués à Genève."),
    ("Talks resume on Monday.", "Les pourparlers reprennent lundi."),
    ("Both delegations will attend.", "Les deux délégations y assisteront."),
    ("The ceasefire held overnight.", "Le cessez-le-feu a tenu pendant la nuit."),
]


def clean_xliff(units: int) -> str:
    body = "\n".join(
        f'<trans-unit id="u{i}"><source>{_CLEAN[i % 4][0]}</source>'
        f"<target>{_CLEAN[i % 4][1]}</target></trans-unit>"
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="c.txt" source-language="en" target-language="fr">'
        f"<body>\n{body}\n</body></file></xliff>\n"
    )


def test_a_checked_file_does_not_hold_its_units(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole check, not only reading: the analyses and findings of a part are let go
    of once its findings are given to the run (read whole, a document's analyses of
    every unit were held; in batches of 16 parts, the findings of 16 parts)."""
    from audit.config.settings import Overrides
    from audit.run import stream_paths

    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    monkeypatch.setattr(parts, "TEXT_PART_CHARS", 2000)
    read_whole = parts.read_whole

    def reading(path: str, errors: str) -> str:
        text = read_whole(path, errors)
        tracemalloc.reset_peak()  # decoding the file is measured apart: the text stays
        return text

    monkeypatch.setattr(parts, "read_whole", reading)

    def peak(units: int) -> int:
        path = tmp_path / f"{units}.xlf"
        path.write_bytes(clean_xliff(units).encode("utf-8"))
        # Every check but those that find the units' sentences repeated: what is
        # measured is the units, not findings (held until the file's end, sorted).
        overrides = Overrides(extend_ignore=("S007", "S008"))
        runner = Runner(RunOptions(overrides=overrides, isolated=True))
        runner.plan([str(path)])  # configurations and glossaries loaded before measuring
        tracemalloc.start()
        try:
            run = stream_paths(runner, [str(path)], jobs=1)
            assert sum(1 for _ in run.findings) == 0
            top = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        return top - path.stat().st_size

    peak(400)  # what the checks cache across documents (per word, per language) is made
    small, large = peak(1500), peak(3000)
    assert large < small * 1.15 + 50_000, (small, large)


def test_a_part_is_audited_in_a_batch_of_its_own(tmp_path: Path, in_parts: None) -> None:
    """Parts wait for their batch to be audited with their findings: 16 parts of a file
    with a finding or more a unit held 180,000 findings at once."""
    from audit.document import Document
    from audit.run import _batches

    path = tmp_path / "f.xlf"
    path.write_bytes(xliff_2(30).encode("utf-8"))
    small = [Document(id=f"d{i}", path="d.txt", target="Hifter .") for i in range(20)]
    items = [(0, "0", d) for d in small[:3]]
    items += [(1, "0", d) for d in stream_path(str(path))]
    items += [(2, "0", d) for d in small[3:]]
    batches = list(_batches(items, 16))
    assert [d for batch in batches for _, _, d in batch] == [d for _, _, d in items]
    sizes = [len(b) for b in batches]
    part_count = len(items) - len(small)
    assert part_count > 4
    assert sizes == [3, *[1] * part_count, 16, 1]


def test_a_moved_finding_is_the_finding_replaced() -> None:
    from dataclasses import replace

    from audit.findings import Category, Finding, Severity
    from audit.run import _moved

    f = Finding(
        "S001", "s", Severity.MINOR, Category.FLUENCY, "m", 3, 4, 2, 5, 2, 6, " ",
        suggestion="", side="source", segment="u1", segment_start=1, segment_end=2,
        fingerprint="old", extra={"k": 1},
    )  # fmt: skip
    moved = _moved(f, 40, "new")
    assert moved == replace(f, start=43, end=44, fingerprint="new")
    assert moved.extra == {"k": 1} and moved.segment_start == 1 and moved.line == 2
