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
        for file in iter_files([path], warn):
            settings = runner.settings(file)
            if excluded(file, path, settings) or (
                settings.respect_gitignore and ignored.ignores(Path(file))
            ):
                continue
            found = True
            yield file
        if not found:
            raise InputError(
                "every file in this folder is left out by exclude, extend-exclude or .gitignore",
                path=path,
            )


def excluded(file: str, folder: str, settings: Settings) -> bool:
    """True when an ``exclude`` or ``extend-exclude`` pattern of ``settings`` matches
    ``file``, found by walking ``folder``."""
    patterns = (*settings.exclude, *settings.extend_exclude)
    if not patterns:
        return False
    path = Path(file)
    below = path.relative_to(folder).parts if _is_below(path, Path(folder)) else path.parts
    base = Path(settings.config_file).parent if settings.config_file else Path.cwd()
    rel = _relative_parts(path, base)
    for pattern in patterns:
        pattern = pattern.strip().rstrip("/")
        if "/" not in pattern:
            if any(fnmatch.fnmatchcase(part, pattern) for part in below):
                return True
            continue
        pattern = pattern.removeprefix("./")
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


def _relative_parts(path: Path, base: Path) -> tuple[str, ...] | None:
    try:
        return path.resolve().relative_to(base.resolve()).parts
    except ValueError:
        return None


class _GitIgnore:
    """The ``.gitignore`` files that apply below one folder walked."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.top = self._top(self.folder)
        self._specs: dict[Path, Any] = {}

    @staticmethod
    def _top(folder: Path) -> Path:
        """The repository root above ``folder`` (inclusive), else ``folder`` itself."""
        for d in (folder, *folder.parents):
            if (d / ".git").exists():
                return d
        return folder

    def ignores(self, file: Path) -> bool:
        path = file.resolve()
        try:
            rel = path.relative_to(self.top)
        except ValueError:
            return False
        verdict = False
        directory = self.top
        # Shallow to deep: a deeper .gitignore has the last word, as in git.
        for part in ("", *rel.parts[:-1]):
            directory = directory / part if part else directory
            spec = self._spec(directory / ".gitignore")
            if spec is None:
                continue
            result = spec.check_file(path.relative_to(directory).as_posix())
            if result.include is not None:
                verdict = bool(result.include)
        return verdict

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
