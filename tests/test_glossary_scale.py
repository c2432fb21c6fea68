"""Large glossaries (issue 14, item 11: a 100k-entry glossary took 914 MiB to load cold).

The YAML is read event by event and each entry built as its mapping ends, so the
loader's node graph of the whole file is never held. The values must be exactly the
line-keeping loader's, errors included; memory is measured in bytes allocated.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from audit.errors import GlossaryError
from audit.glossary import load, yaml_stream

CASES = [
    "entries:\n  - canonical: Khalifa Haftar\n    variants: [Hifter]\n",
    "- canonical: Khalifa Haftar\n  kind: person\n  short: [Haftar]\n"
    "  variants:\n    Haftar: [Hifter, Hiftar]\n  notes: >\n    folded\n    text\n",
    "language: en\nentries:\n  - {canonical: 'No', variants: [\"On\"]}\n  - canonical: Yes\n",
    "entries:\n  - canonical: A B\n    notes:\n    short: ~\n    source: null\n",
    "entries:\n  - canonical: A B\n    canonical: C D\n",  # duplicate key
    "entries:\n  - canonical: A B\nentries: []\n",  # duplicate top-level key
    "entries:\n  - &a {canonical: A B}\n  - canonical: C D\n    notes: *a\n",  # anchors
    "entries:\n  - canonical: !!str 12\n",  # a tag
    "entries:\n  - canonical: A\n---\nentries: []\n",  # two documents
    "entries:\n  - canonical: [A\n",  # a syntax error
    "entries:\n  - canonical: A B\n    variants:\n      - form: A C\n        use: A\n        note: n\n",
    "entries:\n  - canonical: A B\n    kind: planet\n",  # invalid entry
    "nonsense: 1\nentries:\n  - canonical: A B\n",
    "entries: {canonical: A}\n",
    "'just text'\n",
    "",
    "entries:\n  - canonical: A B\n    ? [x]\n    : y\n",  # a list as a key
    "entries:\n  - canonical: A B\n    <<: {kind: person}\n",
]


def _parsed(text: str) -> Any:
    try:
        return load._parse_yaml(text, "g.yaml")
    except GlossaryError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("text", CASES)
def test_streamed_yaml_is_what_the_full_loader_reads(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed = _parsed(text)

    def full(*_: Any) -> Any:
        raise yaml_stream.Unsupported("compare")

    monkeypatch.setattr(yaml_stream, "read_yaml", full)
    assert streamed == _parsed(text)


def test_streamed_entries_keep_their_lines() -> None:
    entries, _ = load._parse_yaml(CASES[1], "g.yaml")
    assert entries[0].line == 1
    assert [v.line for v in entries[0].variants] == [5, 5]


def _glossary(path: Path, size: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("entries:\n")
        for i in range(size):
            name = "".join(
                "bcdfghklmnprstvz"[(i >> (4 * k)) & 15] + "aeiou"[k % 5] for k in range(4)
            )
            f.write(
                f"  - id: {json.dumps(f'e{i}')}\n    canonical: {json.dumps('Ali ' + name.title())}\n"
                f"    kind: person\n    variants: [{json.dumps('Aly ' + name.title())}]\n"
            )
    return path


def test_loading_holds_the_entries_not_the_whole_document(tmp_path: Path) -> None:
    path = _glossary(tmp_path / "g.yaml", 3000)
    tracemalloc.start()
    try:
        glossary = load.load_glossary_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(glossary.entries) == 3000
    # The node graph of the whole file peaked at about 9 KB an entry; entries as they
    # are built, and the key table, take under 3 KB.
    assert peak / 3000 < 3000, peak / 3000
