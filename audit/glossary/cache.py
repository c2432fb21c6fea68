"""A cache of validated glossaries, so a hook does not parse YAML on every run.

Parsing and validating the glossaries (and importing PyYAML to do it) is most of what
`audit check` spends before it reads the article. The validated result is stored as
JSON (never pickle: a cache file must not be able to run code) under a key that hashes
the audit version, the glossary code's files (name, size, modification time) and
every glossary file's path and contents, so any edit to a glossary or to the loader
misses the cache. Only glossaries that loaded without error are cached.

The cache lives in ``$AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/audit``, else
``~/.cache/audit``; ``AUDIT_NO_CACHE=1`` turns it off. A cache that cannot be read or
written is silently skipped: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from audit.glossary.model import Entry, Glossary, Variant

FORMAT = 1


def cache_dir() -> Path | None:
    """Where cached glossaries go, or None when caching is off."""
    if os.environ.get("AUDIT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if os.environ.get("AUDIT_CACHE_DIR"):
        return Path(os.environ["AUDIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "audit"


def load_glossaries_cached(paths: Iterable[str | Path]) -> Glossary:
    """``load_glossaries(paths)``, from the cache when the same files were loaded before."""
    paths = list(paths)
    directory = cache_dir()
    key = _key(paths) if directory is not None else None
    file = directory / f"glossary-{key}.json" if directory is not None and key else None
    if file is not None:
        cached = _read(file)
        if cached is not None:
            return cached
    from audit.glossary.load import load_glossaries

    glossary = load_glossaries(paths)
    if file is not None:
        _write(file, glossary)
    return glossary


def _key(paths: list[str | Path]) -> str | None:
    from audit import __version__

    h = hashlib.sha256(f"{FORMAT}\x00{__version__}".encode())
    try:
        for code in sorted(Path(__file__).parent.glob("*.py")):
            st = code.stat()
            h.update(f"\x00{code.name}\x00{st.st_size}\x00{st.st_mtime_ns}".encode())
        for p in paths:
            h.update(f"\x01{p}\x00".encode())
            h.update(hashlib.sha256(Path(p).read_bytes()).digest())
    except OSError:
        return None  # let the loader report the unreadable file
    return h.hexdigest()[:32]


def _read(file: Path) -> Glossary | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        entries = tuple(
            Entry(
                **{
                    **e,
                    "short": tuple(e["short"]),
                    "source": tuple(e["source"]),
                    "variants": tuple(Variant(**v) for v in e["variants"]),
                }
            )
            for e in data["entries"]
        )
        return Glossary(entries=entries, paths=tuple(data["paths"]), language=data["language"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(file: Path, glossary: Glossary) -> None:
    data: dict[str, Any] = {
        "format": FORMAT,
        "language": glossary.language,
        "paths": list(glossary.paths),
        "entries": [asdict(e) for e in glossary.entries],
    }
    with contextlib.suppress(OSError):
        import tempfile  # only on a cache miss

        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".glossary-", suffix=".tmp", dir=file.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            os.replace(tmp, file)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
