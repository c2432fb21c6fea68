"""The fuzzy name index of a large glossary (issue 14, item 11: about a minute and
1.5 GB to build for 100,000 entries).

A glossary from :data:`ARRAY_FORMS` forms up keeps its blocks in sorted arrays; the
neighbours, and so every match N005 reports, must be those of the dict of lists.
"""

from __future__ import annotations

import random

import pytest

from audit.glossary.model import Entry, Glossary, Variant
from audit.names import blocking, form_blocks, match
from audit.names.blocking import BlockIndex
from audit.names.form_blocks import FormBlockIndex
from audit.names.match import NameIndex
from audit.names.similarity import Comparer

_ONSETS = "b d f g h j k l m n p r s t v z kh sh th gh".split()
_VOWELS = "a e i o u aa ee ou".split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))


def _glossary(entries: int, seed: int = 3) -> Glossary:
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < entries:
        first, last = _name(rng).title(), _name(rng).title()
        variant = last[:-1] + rng.choice("aeiouy") if len(last) > 3 else last + "h"
        canonical = f"{first} {last}"
        if canonical in seen or variant == last:
            continue
        seen.add(canonical)
        out.append(
            Entry(
                id=f"e{len(out)}",
                canonical=canonical,
                kind="person",
                variants=(Variant(form=f"{first} {variant}", use=canonical),),
            )
        )
    return Glossary(entries=tuple(out))


def _queries(glossary: Glossary, count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        form = rng.choice(glossary.entries).canonical
        i = rng.randrange(len(form))
        out.append(form[:i] + rng.choice("aeiklmnrst") + form[i + 1 :])  # one letter changed
        out.append(_name(rng).title() + " " + _name(rng).title())  # someone else
    return out


def test_array_blocks_give_the_same_neighbours_as_the_dict() -> None:
    comparer = Comparer()
    glossary = _glossary(800)
    forms = [
        comparer.prepare(t) for e in glossary.entries for t in (e.canonical, e.variants[0].form)
    ]
    by_dict, by_array = BlockIndex(forms), FormBlockIndex(forms)
    queries = [comparer.prepare(q) for q in _queries(glossary, 300)]
    found = 0
    for q in queries:
        expected = by_dict.neighbours(q)
        assert by_array.neighbours(q) == expected, q.text
        found += bool(expected)
    assert found > 300  # the comparison is not between empty sets


def test_a_large_glossary_matches_alike_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    glossary = _glossary(600)
    queries = _queries(glossary, 200)
    monkeypatch.setattr(match, "ARRAY_FORMS", 10**9)
    small = [m.to_dict() for m in NameIndex(glossary, Comparer()).best_many(queries)]
    monkeypatch.setattr(match, "ARRAY_FORMS", 1)
    index = NameIndex(glossary, Comparer())
    assert isinstance(index._blocks, FormBlockIndex)
    assert [m.to_dict() for m in index.best_many(queries)] == small
    assert sum(1 for m in small if m["entry"]) > 50


def test_building_does_not_remember_each_form_s_blocks() -> None:
    # The dict of lists kept a frozenset of blocks per form (lru_cache of 200,000):
    # most of the 1.5 GB. Building from arrays leaves that cache as it found it.
    comparer = Comparer()
    forms = [comparer.prepare(e.canonical) for e in _glossary(300, seed=11).entries]
    blocking._blocks_of.cache_clear()
    FormBlockIndex(forms)
    assert blocking._blocks_of.cache_info().currsize == 0
    assert form_blocks.ARRAY_FORMS <= 20_000  # a 100k glossary's 200k forms use the arrays
