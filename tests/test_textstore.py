"""Target texts held on disk past a bound (audit/textstore.py): what a view reads of
them is what it would read of the string, and the grouped view writes the same bytes
whether the texts it quotes are in memory or on disk."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from audit import textstore
from audit.textstore import StoredText, TextStore
from tests.conftest import ROOT, SEED

SEED_TEXT = (ROOT / SEED).read_text(encoding="utf-8")


def _stored(pieces: list[str], limit: int) -> tuple[TextStore, str | StoredText]:
    store = TextStore(limit=limit)
    for piece in pieces:
        store.add("k", piece)
    return store, store.text("k")


def test_a_text_within_the_limit_is_the_string_itself() -> None:
    _, text = _stored(["Salama ", "met Hifter."], limit=100)
    assert text == "Salama met Hifter."
    assert isinstance(text, str)


def test_a_text_past_the_limit_reads_back_the_same(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(textstore, "_CHUNK", 97)  # many chunks, cut anywhere
    pieces = [SEED_TEXT[i : i + 1000] for i in range(0, len(SEED_TEXT), 1000)]
    _, text = _stored(pieces, limit=2500)  # the first pieces in memory, the rest on disk
    assert isinstance(text, StoredText)
    assert len(text) == len(SEED_TEXT) and str(text) == SEED_TEXT
    rng = random.Random(7)
    for _ in range(2000):
        a, b = sorted(rng.randrange(-5, len(SEED_TEXT) + 5) for _ in range(2))
        assert text[a:b] == SEED_TEXT[a:b]
        for sub in ("\n", "\r", "Haftar", "e"):
            assert text.find(sub, a, b) == SEED_TEXT.find(sub, a, b), (sub, a, b)
            assert text.rfind(sub, a, b) == SEED_TEXT.rfind(sub, a, b), (sub, a, b)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=()), max_size=40),
        min_size=1,
        max_size=8,
    ),
    st.integers(0, 60),
)
def test_any_characters_come_back_unchanged(pieces: list[str], limit: int) -> None:
    """Non-ASCII and lone surrogates (a JSON escape) included, cut anywhere."""
    whole = "".join(pieces)
    _, text = _stored(pieces, limit=limit)
    assert str(text) == whole
    for a in range(0, len(whole) + 1, 3):
        assert text[a : a + 5] == whole[a : a + 5]


def test_forgetting_a_text_frees_its_memory_for_the_next() -> None:
    store = TextStore(limit=10)
    store.add("a", "0123456789")
    assert isinstance(store.text("a"), str)
    store.add("b", "x")  # past the limit: on disk
    assert isinstance(store.text("b"), StoredText)
    store.forget("a")
    store.add("c", "0123456789")  # room again
    assert isinstance(store.text("c"), str) and "a" not in store


def test_the_grouped_view_is_the_same_with_texts_on_disk(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "units.jsonl"
    import json

    records = [{"id": f"u{n}", "target": SEED_TEXT} for n in (10, 2, 1, 3)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    text = tmp_path / "z.txt"
    text.write_text(SEED_TEXT, encoding="utf-8")
    args = ("check", str(path), str(text), "--format", "grouped", "--exit-zero", "--no-progress")
    in_memory = cli(*args)
    monkeypatch.setattr(textstore, "LIMIT", 100)  # every text but a scrap goes to disk
    monkeypatch.setattr(textstore, "_CHUNK", 50)
    on_disk = cli(*args)
    assert in_memory.exit_code == on_disk.exit_code == 0
    assert on_disk.stdout == in_memory.stdout
    assert on_disk.stdout.count("^") > 100  # quoted lines: the texts were read
