"""One ``Format`` per format module, registered in one place (audit/formats/registry.py).

Everything that used to keep its own table keyed by reader (readers by suffix, the
``--source`` formats, streaming, the encoders of ``audit fix --write``) now reads the
registry; these tests hold the registry and its views to that.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import audit.formats
from audit.fix.writers import writer_for
from audit.formats import READERS, SOURCE_FILE_READERS, folder_suffixes, load_file
from audit.formats.format import Format
from audit.formats.registry import DEFAULT_FORMAT, FORMATS, format_for, format_named

ROOT = Path(__file__).resolve().parents[1]


def test_every_declared_format_is_registered_once() -> None:
    declared = []
    for info in pkgutil.iter_modules(audit.formats.__path__):
        module = importlib.import_module(f"audit.formats.{info.name}")
        declared += [v for v in vars(module).values() if isinstance(v, Format)]
    assert set(declared) == set(FORMATS)
    assert len({f.name for f in FORMATS}) == len(FORMATS)
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))  # no ending claimed twice
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)


def test_the_old_tables_are_views_of_the_registry() -> None:
    assert READERS == {s: f.read for f in FORMATS for s in f.suffixes}
    assert folder_suffixes() == frozenset(READERS)
    assert set(SOURCE_FILE_READERS) == {f.read for f in FORMATS if f.source_file}
    assert {f.name for f in FORMATS if f.source_file} == {"text", "srt"}


def test_the_lazy_table_agrees_with_each_format() -> None:
    """The registry lists names and endings without importing the format modules;
    each must be what the module's ``Format`` declares."""
    from audit.formats.registry import _ENTRIES, SUFFIXES, TEXT_SUFFIXES

    for entry in _ENTRIES:
        fmt = entry.load()
        assert (entry.name, entry.suffixes) == (fmt.name, fmt.suffixes)
    assert SUFFIXES == frozenset(s for f in FORMATS for s in f.suffixes)
    assert TEXT_SUFFIXES == DEFAULT_FORMAT.suffixes


def test_reading_a_text_file_imports_no_other_format() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from audit.formats import load_file, folder_suffixes; "
        "folder_suffixes(); load_file('seeds/libya_geneva_talks.txt'); "
        "print(' '.join(m for m in sys.modules if m.startswith('audit.formats.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    loaded = set(out.split())
    assert "audit.formats.text" in loaded
    others = {"html", "jsonl", "po", "po_syntax", "srt", "table", "tmx", "xliff", "xml"}
    assert not loaded & {f"audit.formats.{m}" for m in others}


def test_format_for_a_path() -> None:
    assert format_for("a/B.XLF") is format_named("xliff")
    assert format_for("memory.tmx").inline_markup
    assert format_for("notes.unknown") is DEFAULT_FORMAT is format_named("text")
    assert format_for("big.jsonl").stream is not None
    assert format_for("big.csv").stream is None


def test_write_back_comes_from_the_format() -> None:
    for f in FORMATS:
        assert (writer_for(f) is not None) == f.fixable, f.name
    assert {f.name for f in FORMATS if f.fixable} == {f.name for f in FORMATS}


def test_a_file_knows_its_format(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.po"
    path.write_text('msgid "Hello"\nmsgstr "Salama"\n', encoding="utf-8")
    source = load_file(str(path))
    assert source.format is format_named("po") and source.reader is source.format.read
    assert [d.target for d in source.documents] == ["Salama"]


def test_the_json_lines_writer_is_the_format_s_own(tmp_path) -> None:  # type: ignore[no-untyped-def]
    jsonl = format_named("jsonl")
    assert jsonl.dump is not None
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a", "source": "Hi.", "target": "Salut.", "desk": "x"}\n', encoding="utf-8"
    )
    docs = load_file(str(path)).documents
    out = tmp_path / "out.jsonl"
    assert jsonl.dump(out, docs) == []
    again = load_file(str(out)).documents
    assert [(d.id, d.source, d.target, d.desk) for d in again] == [("a", "Hi.", "Salut.", "x")]
