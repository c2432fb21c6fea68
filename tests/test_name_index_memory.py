"""The fuzzy name index of a large glossary, in memory and from the cache (issues 14
and 18: a 100,000-entry glossary check took 506 MiB, most of it the index's prepared
forms, and every process prepared the bundled glossary's forms again)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from audit.glossary.compiled import load_compiled
from audit.glossary.model import Glossary, name_forms
from audit.names import form_store, match, prepared_forms
from audit.names.blocking import BlockIndex
from audit.names.match import NameIndex
from audit.names.similarity import Comparer
from tests.test_name_index_scale import _glossary, _queries


def _retained(entries: int) -> tuple[int, int]:
    """Bytes the index of an ``entries``-entry glossary keeps (its comparer's cache
    included), and its number of forms."""
    glossary = _glossary(entries, seed=7)
    warm = Comparer()  # the key tables' per-word caches filled outside the measure
    for e in glossary.entries:
        warm.prepare(e.canonical)
        warm.prepare(e.variants[0].form)
    del warm
    comparer = Comparer()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = NameIndex(glossary, comparer)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return after - before, len(index)


def test_each_form_of_a_large_glossary_costs_little_memory() -> None:
    import numpy  # noqa: F401  (imported by the large index; not counted in its bytes)

    _retained(300)  # first use: imports and one-time tables
    small, n_small = _retained(3000)
    large, n_large = _retained(6000)
    per_form = (large - small) / (n_large - n_small)
    # One Spelling per form (a value, two tuples, nine strings) and the comparer's cache
    # entry kept about 1,200 bytes per form; packed in one string, about 500 (the
    # block arrays hold about 300 of them).
    assert 0 < per_form < 700, per_form


def _cached_glossary(tmp_path: Path, entries: int) -> Glossary:
    glossary = _glossary(entries)
    path = tmp_path / "names.tsv"
    with path.open("w", encoding="utf-8") as f:
        f.write("id\tcanonical\tkind\tvariants\n")
        for e in glossary.entries:
            f.write(f"{e.id}\t{e.canonical}\tperson\t{e.variants[0].form}\n")
    fresh = load_compiled([path]).glossary  # compiled and stored
    cached = load_compiled([path]).glossary  # read back, as every later process does
    key = getattr(cached.entries, "cache_key", "")
    assert key and getattr(fresh.entries, "cache_key", "") == key and fresh == cached
    return cached


def test_a_cached_glossary_s_forms_are_prepared_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    glossary = _cached_glossary(tmp_path, 150)
    queries = _queries(glossary, 60)
    first = [m.to_dict() for m in NameIndex(glossary, Comparer()).best_many(queries)]
    assert len(list((tmp_path / "cache").glob("nameforms-*.json"))) == 1
    assert sum(1 for m in first if m["entry"]) > 20

    texts = {text for _, text, _, _ in name_forms(glossary)}
    comparer = Comparer()
    prepared: list[str] = []
    prepare = comparer.prepare
    monkeypatch.setattr(comparer, "prepare", lambda t: prepared.append(t) or prepare(t))
    again = NameIndex(glossary, comparer)
    assert prepared == []  # the forms came from the cache
    assert [m.to_dict() for m in again.best_many(queries)] == first
    assert not texts & set(prepared) - set(queries)  # only queries were prepared


def test_a_cache_file_that_does_not_fit_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    glossary = _cached_glossary(tmp_path, 40)
    queries = _queries(glossary, 30)
    expected = [m.to_dict() for m in NameIndex(glossary, Comparer()).best_many(queries)]
    (file,) = (tmp_path / "cache").glob("nameforms-*.json")
    for broken in ('{"format": 1, "forms": ["a"]}', "not json", '{"forms": 3}', "[]"):
        file.write_text(broken, encoding="utf-8")
        index = NameIndex(glossary, Comparer())
        assert [m.to_dict() for m in index.best_many(queries)] == expected, broken


def test_the_cache_key_follows_the_key_tables() -> None:
    tables = Comparer().tables
    one = prepared_forms.cache_file("k", tables)
    assert one is not None and one == prepared_forms.cache_file("k", tables)
    assert prepared_forms.cache_file("k", tables[:1]) != one
    assert prepared_forms.cache_file("other", tables) != one


# --- a large cached glossary: forms and blocks mapped from the cache ---------------


def test_stored_blocks_give_the_same_neighbours_as_the_dict() -> None:
    comparer = Comparer()
    glossary = _glossary(800)
    texts = [t for e in glossary.entries for t in (e.canonical, e.variants[0].form)]
    forms = [comparer.prepare(t) for t in texts]
    packed = [prepared_forms.pack(s) for s in forms]
    store = form_store.build(list(packed), texts, len(comparer.tables))
    assert [store[i] for i in range(len(store))] == packed
    by_dict = BlockIndex(forms)
    found = 0
    for q in (comparer.prepare(q) for q in _queries(glossary, 300)):
        expected = by_dict.neighbours(q)
        assert store.neighbours(q) == expected, q.text
        found += bool(expected)
    assert found > 300  # the comparison is not between empty sets


def test_a_block_membership_keeps_its_hash_and_its_id() -> None:
    import numpy as np

    top = (1 << form_store.HASH_BITS) - 1
    for h in (0, 1, top, form_store.block_hash((3, "zz"))):
        for i in (0, 1, form_store.MAX_FORMS - 1):
            packed = np.array([h << form_store.ID_BITS | i], dtype=np.int64)
            assert packed[0] >= 0  # sorts as the pair (hash, id) sorts
            assert int(packed[0]) >> form_store.ID_BITS == h
            assert int(packed[0] & (form_store.MAX_FORMS - 1)) == i
    with pytest.raises(ValueError, match="at most"):
        form_store.build([], range(form_store.MAX_FORMS + 1), 1)  # type: ignore[arg-type]


def test_a_large_cached_glossary_is_read_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    glossary = _cached_glossary(tmp_path, 400)
    queries = _queries(glossary, 150)
    in_memory = Glossary(entries=tuple(glossary.entries))  # no cache key: built as before
    expected = [m.to_dict() for m in NameIndex(in_memory, Comparer()).best_many(queries)]
    assert sum(1 for m in expected if m["entry"]) > 50
    monkeypatch.setattr(match, "ARRAY_FORMS", 100)

    built = NameIndex(glossary, Comparer())
    assert isinstance(built._blocks, form_store.FormStore)
    assert [m.to_dict() for m in built.best_many(queries)] == expected
    stored = sorted(p.name.split(".", 1)[1] for p in (tmp_path / "cache").glob("nameforms-*.npy"))
    assert stored == ["blob.npy", "blocks.npy", "offsets.npy"]

    comparer = Comparer()
    prepared: list[str] = []
    prepare = comparer.prepare
    monkeypatch.setattr(comparer, "prepare", lambda t: prepared.append(t) or prepare(t))
    again = NameIndex(glossary, comparer)
    assert [m.to_dict() for m in again.best_many(queries)] == expected
    assert set(prepared) <= set(queries)  # no glossary form was prepared again

    (blocks,) = (tmp_path / "cache").glob("nameforms-*.blocks.npy")
    blocks.write_bytes(blocks.read_bytes()[:-40])  # a cut file: built again, same findings
    assert [m.to_dict() for m in NameIndex(glossary, Comparer()).best_many(queries)] == expected


def test_a_stored_index_keeps_little_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    import numpy  # noqa: F401

    monkeypatch.setattr(match, "ARRAY_FORMS", 100)
    glossary = _cached_glossary(tmp_path, 2000)
    NameIndex(glossary, Comparer())  # built and stored
    comparer = Comparer()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = NameIndex(glossary, comparer)
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # the parallel arrays (about 30 bytes a form); spellings and blocks stay on disk
    assert (after - before) / len(index) < 120
