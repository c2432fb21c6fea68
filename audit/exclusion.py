"""Which files found by walking a folder are left out: ``exclude`` / ``extend-exclude``
patterns and ``.gitignore`` files.

This is applied to what :func:`audit.formats.iter_files` finds inside each folder,
never to a file named on the command line (a pre-commit hook names its files, and a
file named is a file wanted), as ruff does without ``--force-exclude``.

Patterns come from the settings of each file (its configuration file, then the command
line). A pattern without ``/`` matches the name of the file or of any folder between
it and the folder walked (``drafts``, ``*.bak.md``); a pattern with ``/`` matches the
file's path, or one of its folders' paths, relative to the configuration file's
directory (the working directory without one): ``desk/archive``, ``desk/*/old-*.md``.

``.gitignore`` files are read in the folder walked, the folders inside it, and the
folders above it up to the repository's root (the folder holding ``.git``); a deeper
file's patterns win, as in git. pathspec, which implements git's matching, is imported
only when a ``.gitignore`` is found.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import InputError
from audit.formats import STDIN, iter_files

if TYPE_CHECKING:
    from audit.config.settings import Settings
    from audit.run import Runner


def walk(
    paths: Iterable[str], runner: Runner, warn: Callable[[str], None] | None = None
) -> Iterator[str]:
    """The files to audit for ``paths``: files named as given, folders' files less
    those their settings exclude. What a folder walk skips (links out of the folder,
    FIFOs, devices) goes to ``warn`` (see :func:`audit.formats.iter_files`)."""
    for path in paths:
        if path == STDIN or not Path(path).is_dir():
            yield from iter_files([path], warn)
            continue
        found = False
        ignored = _GitIgnore(Path(path))
        real = _RealPaths()
        for file in iter_files([path], warn):
            settings = runner.settings(file)
            if excluded(file, path, settings, real) or (
                settings.respect_gitignore and ignored.ignores(Path(real.of(file)), resolved=True)
            ):
                continue
            found = True
            yield file
        if not found:
            raise InputError(
                "every file in this folder is left out by exclude, extend-exclude or .gitignore",
                path=path,
            )


def excluded(file: str, folder: str, settings: Settings, real: _RealPaths | None = None) -> bool:
    """True when an ``exclude`` or ``extend-exclude`` pattern of ``settings`` matches
    ``file``, found by walking ``folder`` (``real``: the walk's resolved paths, each
    folder resolved once; a pattern with ``/`` needs them)."""
    patterns = (*settings.exclude, *settings.extend_exclude)
    if not patterns:
        return False
    path = Path(file)
    below = path.relative_to(folder).parts if _is_below(path, Path(folder)) else path.parts
    rel: tuple[str, ...] | None = None
    rel_known = False
    for pattern in patterns:
        pattern = pattern.strip().rstrip("/")
        if "/" not in pattern:
            if any(fnmatch.fnmatchcase(part, pattern) for part in below):
                return True
            continue
        pattern = pattern.removeprefix("./")
        if not rel_known:  # resolved only for a pattern with a folder in it
            base = settings.config_file and os.path.dirname(settings.config_file)
            rel = _relative_parts(file, base or os.getcwd(), real or _RealPaths())
            rel_known = True
        if rel is not None and any(
            fnmatch.fnmatchcase("/".join(rel[:n]), pattern) for n in range(1, len(rel) + 1)
        ):
            return True
    return False


def _is_below(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _relative_parts(file: str, base: str, real: _RealPaths) -> tuple[str, ...] | None:
    try:
        return Path(real.of(file)).relative_to(real.folder(base or ".")).parts
    except ValueError:
        return None


class _RealPaths:
    """Resolved paths (``Path.resolve``, symbolic links followed) of the files of one
    walk, each folder resolved once: a file that is no link is its resolved folder
    and its name (one ``lstat`` instead of one for every folder above it). Kept for
    one walk only, so a link changed between runs is seen."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def folder(self, folder: str) -> str:
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return real

    def of(self, file: str) -> str:
        if os.path.islink(file):
            return os.path.realpath(file)
        head, name = os.path.split(file)
        return os.path.join(self.folder(head or "."), name)


class _GitIgnore:
    """The ``.gitignore`` files that apply below one folder walked."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.top = self._top(self.folder)
        self._specs: dict[Path, Any] = {}
        # per folder below the top: the .gitignore files that apply there, shallow first
        self._chains: dict[Path, list[tuple[Path, Any]]] = {}

    @staticmethod
    def _top(folder: Path) -> Path:
        """The repository root above ``folder`` (inclusive), else ``folder`` itself."""
        for d in (folder, *folder.parents):
            if (d / ".git").exists():
                return d
        return folder

    def ignores(self, file: Path, *, resolved: bool = False) -> bool:
        """Whether ``file`` is ignored by the .gitignore files above it (``resolved``:
        ``file`` is already its resolved path)."""
        path = file if resolved else file.resolve()
        verdict = False
        # Shallow to deep: a deeper .gitignore has the last word, as in git.
        for directory, spec in self._chain(path.parent):
            result = spec.check_file(path.relative_to(directory).as_posix())
            if result.include is not None:
                verdict = bool(result.include)
        return verdict

    def _chain(self, folder: Path) -> list[tuple[Path, Any]]:
        """The parsed .gitignore files from the top down to ``folder``, shallow first
        (none for a folder outside the top); worked out once per folder."""
        chain = self._chains.get(folder)
        if chain is None:
            chain = []
            try:
                rel = folder.relative_to(self.top)
            except ValueError:
                rel = None
            if rel is not None:
                directory = self.top
                for part in ("", *rel.parts):
                    directory = directory / part if part else directory
                    spec = self._spec(directory / ".gitignore")
                    if spec is not None:
                        chain.append((directory, spec))
            self._chains[folder] = chain
        return chain

    def _spec(self, path: Path) -> Any:
        """The parsed ``.gitignore`` at ``path``, or None where there is none."""
        if path not in self._specs:
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._specs[path] = None
            else:
                self._specs[path] = _parse_gitignore(lines)
        return self._specs[path]


def _parse_gitignore(lines: list[str]) -> Any:
    """The patterns of a ``.gitignore``; a line git could not use either (a trailing
    backslash, say) is skipped, as git skips it, rather than failing the run."""
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError:  # pathspec's pattern errors are ValueErrors
        valid = []
        for line in lines:
            try:
                pathspec.GitIgnoreSpec.from_lines([line])
            except ValueError:
                continue
            valid.append(line)
        return pathspec.GitIgnoreSpec.from_lines(valid)
