"""A run works out settings once per configuration file and each folder's
configuration once: a folder with its own configuration file still gets its own
settings, per-path entries still tell files of one folder apart, and two spellings
of one folder find the same file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit.config.file import load_config
from audit.config.settings import find_config, settings_for
from audit.run import Runner, RunOptions


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / ".audit.toml").write_text('select = ["N"]\n', encoding="utf-8")
    (tmp_path / "b" / ".audit.toml").write_text(
        'select = ["S"]\nfail-on = "minor"\n[per-path."c/*.md"]\nignore = ["S001"]\n',
        encoding="utf-8",
    )
    for name in ("a/x.txt", "a/y.txt", "b/y.txt", "b/c/z.txt", "b/c/w.md", "top.txt"):
        (tmp_path / name).write_text("Text.\n", encoding="utf-8")
    return tmp_path


def _fresh(file: str) -> object:
    """The settings of ``file`` worked out alone, with no cache."""
    found = find_config(Path(file).parent)
    return settings_for(file, None if found is None else load_config(found.resolve()))


def test_each_file_gets_what_it_would_get_alone(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    runner = Runner(RunOptions())
    files = ["a/x.txt", "b/y.txt", "a/y.txt", "b/c/w.md", "b/c/z.txt", "top.txt", "b/c/w.md"]
    got = {f: runner.settings(f) for f in files}
    for f in files:
        assert got[f] == _fresh(f), f
        assert runner.settings(f) == got[f]  # asked again: the same
    assert got["a/x.txt"].effective_select == ("N",)
    assert got["b/y.txt"].effective_select == ("S",)  # its folder's own file
    assert got["b/c/z.txt"].fail_on == "minor"
    assert got["b/c/w.md"].effective_ignore != got["b/c/z.txt"].effective_ignore  # per path
    assert got["a/x.txt"] is got["a/y.txt"]  # one configuration, one settings


def test_two_spellings_of_a_folder_find_its_file(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree / "a")
    runner = Runner(RunOptions())
    here = runner.settings("x.txt")  # folder '' (this one)
    there = runner.settings(os.path.join("..", "b", "y.txt"))
    again = runner.settings(os.path.join("..", "a", "y.txt"))
    assert here == again == _fresh("x.txt")
    assert there == _fresh(os.path.join("..", "b", "y.txt")) != here


def test_isolated_and_given_files_are_one_setting_each(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    isolated = Runner(RunOptions(isolated=True))
    assert isolated.settings("a/x.txt") is isolated.settings("b/c/z.txt")
    assert isolated.settings("b/y.txt").config_file is None
    given = Runner(RunOptions(config_file="b/.audit.toml"))
    assert given.settings("a/x.txt").effective_select == ("S",)
    assert given.settings("top.txt") == given.settings("a/x.txt")
