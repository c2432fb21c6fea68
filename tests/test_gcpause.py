"""The cycle collector is paused while a glossary is built, and restored afterwards."""

from __future__ import annotations

import gc

import pytest

from audit.gcpause import no_cycle_collection
from audit.glossary.load import load_glossaries


def test_loading_a_glossary_restores_the_collector(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("entries:\n  - id: a\n    canonical: Haftar\n    variants: [Hifter]\n")
    assert gc.isenabled()
    assert [e.id for e in load_glossaries([path]).entries] == ["a"]
    assert gc.isenabled()


def test_the_pause_is_restored_after_an_error_and_nests():
    with pytest.raises(ValueError), no_cycle_collection():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()
