"""Values every process defines before it reads a word (Hit, Entry, Variant, Match,
GlossaryForm, NameMatch) are no longer dataclasses, to save start-up time (issue 18):
they keep the behaviour the rest of the code relies on."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import pytest

from audit.engine.check import Hit
from audit.findings import Severity
from audit.glossary.model import Entry, Variant


def test_a_hit_is_an_immutable_value() -> None:
    hit = Hit(3, 9, "m", suggestion="s", severity=Severity.MINOR)
    assert hit == Hit(3, 9, "m", "s", None, Severity.MINOR)
    assert hit != Hit(3, 9, "m", "s") and hit != (3, 9, "m")
    assert (hit.side, hit.segment, hit.fixable, hit.extra) == ("target", None, True, {})
    assert Hit(0, 1, "a").extra is not Hit(0, 1, "a").extra  # one dict each, as before
    with pytest.raises(FrozenInstanceError):
        hit.start = 4  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del hit.message
    assert pickle.loads(pickle.dumps(hit)) == hit
    assert repr(Hit(1, 2, "x")).startswith("Hit(start=1, end=2, message='x', suggestion=None")
    match hit:
        case Hit(start, end):
            assert (start, end) == (3, 9)


def test_entries_and_variants_are_immutable_values() -> None:
    variant = Variant("Hifter", "Haftar")
    entry = Entry("haftar", "Khalifa Haftar", "person", ("Haftar",), (variant,))
    assert entry == Entry(
        id="haftar",
        canonical="Khalifa Haftar",
        kind="person",
        short=("Haftar",),
        variants=(Variant(form="Hifter", use="Haftar"),),
    )
    assert entry.accepted == ("Khalifa Haftar", "Haftar") and entry.location == ""
    assert hash(entry) == hash(pickle.loads(pickle.dumps(entry)))
    with pytest.raises(AttributeError):
        entry.canonical = "x"  # type: ignore[misc]
    assert variant.note is None and variant.line is None


def test_a_check_is_an_immutable_value_compared_without_its_options() -> None:
    from audit.checks import ALL_CHECKS
    from audit.engine.check import Check

    check = next(c for c in ALL_CHECKS if c.options)
    same = Check(
        check.code,
        check.name,
        check.severity,
        check.category,
        check.function,
        check.bad,
        check.good,
        check.fixable,
        {},
        check.meta,
    )
    assert same == check and hash(same) == hash(check) and same.options == {}
    assert (
        Check(
            *(
                getattr(check, f)
                for f in ("code", "name", "severity", "category", "function", "bad", "good")
            )
        ).options
        == {}
    )
    with pytest.raises(FrozenInstanceError):
        check.code = "X"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(check)) is check  # by reference to its module
    assert repr(check).startswith(f"Check(code={check.code!r}, name={check.name!r}")
