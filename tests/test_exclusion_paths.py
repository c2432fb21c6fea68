"""A folder walk resolves each folder once: the resolved paths it uses for exclude
patterns and .gitignore files are those ``Path.resolve`` gives, links included, and
what is left out is what was left out when every file was resolved on its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit.config.settings import Settings
from audit.exclusion import _RealPaths, excluded


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A tree with a linked folder, a linked file and a ``..`` through a link."""
    (tmp_path / "real" / "desk" / "archive").mkdir(parents=True)
    (tmp_path / "real" / "desk" / "archive" / "old.txt").write_text("x", encoding="utf-8")
    (tmp_path / "real" / "desk" / "new.txt").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere" / "deep").mkdir(parents=True)
    (tmp_path / "elsewhere" / "far.txt").write_text("x", encoding="utf-8")
    (tmp_path / "work").mkdir()
    os.symlink(tmp_path / "real" / "desk", tmp_path / "work" / "desk")
    os.symlink(tmp_path / "elsewhere" / "far.txt", tmp_path / "real" / "desk" / "far.txt")
    os.symlink(tmp_path / "elsewhere" / "deep", tmp_path / "work" / "up")
    return tmp_path


def test_real_paths_are_what_resolve_gives(linked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(linked / "work")
    real = _RealPaths()
    files = [
        "desk/new.txt",
        "desk/archive/old.txt",
        "desk/far.txt",  # a link to a file outside
        "up/../desk/new.txt",  # '..' after a link: not the lexical folder
        "desk/../desk/new.txt",
        str(linked / "work" / "desk" / "new.txt"),
        "missing.txt",
    ]
    for file in files:
        assert real.of(file) == str(Path(file).resolve()), file
    assert real.of("up/../desk/new.txt") != os.path.abspath("up/../desk/new.txt")


def test_a_folder_pattern_matches_the_resolved_path(
    linked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(linked / "real")
    settings = Settings(extend_exclude=("desk/archive",))
    folder = str(linked / "work" / "desk")
    real = _RealPaths()
    old = os.path.join(folder, "archive", "old.txt")
    new = os.path.join(folder, "new.txt")
    # Reached through the link, the file still sits in real/desk/archive.
    assert excluded(old, folder, settings, real)
    assert excluded(old, folder, settings)
    assert not excluded(new, folder, settings, real)
    monkeypatch.chdir(linked / "work")  # from here, desk/archive is not a folder above it
    assert not excluded(old, folder, settings, _RealPaths())
