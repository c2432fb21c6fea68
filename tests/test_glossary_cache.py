"""The glossary cache: same result as parsing, invalidated by any edit, never required."""

from __future__ import annotations

import subprocess
import sys

from audit.glossary import bundled_glossary_paths, load_glossaries
from audit.glossary.compiled import cache_dir, load_glossaries_cached
from tests.conftest import ROOT

GLOSSARY = "entries:\n  - canonical: Reuters\n    kind: organization\n    variants: [Routers]\n"


def test_cached_glossary_equals_the_parsed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    paths = bundled_glossary_paths()
    first = load_glossaries_cached(paths)
    assert len(list((tmp_path / "cache").glob("glossary-*.json"))) == 1
    second = load_glossaries_cached(paths)
    assert first == second == load_glossaries(paths)
    assert second.by_id.keys() == first.by_id.keys()


def test_an_edited_glossary_misses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    g = tmp_path / "g.yaml"
    g.write_text(GLOSSARY)
    assert [v.form for v in load_glossaries_cached([g]).entries[0].variants] == ["Routers"]
    g.write_text(GLOSSARY.replace("[Routers]", "[Routers, Reuter]"))
    assert [v.form for v in load_glossaries_cached([g]).entries[0].variants] == [
        "Routers",
        "Reuter",
    ]


def test_a_damaged_cache_file_is_ignored_and_caching_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    g = tmp_path / "g.yaml"
    g.write_text(GLOSSARY)
    load_glossaries_cached([g])
    (file,) = (tmp_path / "cache").glob("glossary-*.json")
    file.write_text('{"format": 1, "entries": [{"id": 3}]')
    assert load_glossaries_cached([g]).entries[0].canonical == "Reuters"
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    assert cache_dir() is None
    assert load_glossaries_cached([g]).entries[0].canonical == "Reuters"


def test_a_warm_cache_spares_the_hook_the_glossary_parsing(tmp_path):
    code = (
        "import sys, runpy\n"
        "sys.argv = ['audit', 'check', 'seeds/libya_geneva_talks.txt', '--exit-zero']\n"
        "try:\n    runpy.run_module('audit', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('PARSED=' + str('audit.glossary.load' in sys.modules or 'yaml' in sys.modules))\n"
    )
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    cold = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env
    )
    warm = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert cold.stderr.endswith("PARSED=True")
    assert warm.stderr.endswith("PARSED=False")
    assert cold.stdout == warm.stdout and "N001" in warm.stdout


def test_bundled_yaml_data_is_cached_as_json_and_read_back_unchanged(tmp_path, monkeypatch):
    from audit.cachefiles import load_yaml_data

    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    text = "rules:\n  - ['kh', 'x', 'a digraph']\nscript: Arabic\n"
    first = load_yaml_data(text)
    (file,) = (tmp_path / "cache").glob("data-*.json")
    assert (
        load_yaml_data(text) == first == {"rules": [["kh", "x", "a digraph"]], "script": "Arabic"}
    )
    file.write_text('{"format": 1, "data": {"rules": []}}')  # the cache is what is read back
    assert load_yaml_data(text) == {"rules": []}
    dated = "day: 2020-01-20\n"  # a date would come back from JSON as a string: not cached
    assert str(load_yaml_data(dated)["day"]) == "2020-01-20"
    assert len(list((tmp_path / "cache").glob("data-*.json"))) == 1
