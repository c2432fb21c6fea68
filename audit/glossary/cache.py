"""A cache of validated, compiled glossaries, so a hook does not parse YAML on every run.

Parsing and validating the glossaries (and importing PyYAML to do it) is most of what
`audit check` spends before it reads the article, and building the matcher's key table
is most of the rest for a large glossary. Both results are stored as JSON (never
pickle: a cache file must not be able to run code) under a key that hashes
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.glossary.model import Entry, Glossary, Variant

if TYPE_CHECKING:
    from audit.glossary.matcher import GlossaryMatcher

FORMAT = 3


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
    return load_compiled(paths).glossary


def load_compiled(paths: Iterable[str | Path]) -> GlossaryMatcher:
    """A matcher for ``paths``: from the cache when the same files were compiled before,
    else loaded, validated, compiled and stored for next time."""
    from audit.glossary.matcher import GlossaryMatcher

    paths = list(paths)
    directory = cache_dir()
    key = _key(paths) if directory is not None else None
    file = directory / f"glossary-{key}.json" if directory is not None and key else None
    if file is not None:
        cached = _read(file)
        if cached is not None:
            return cached
    from audit.glossary.load import load_and_compile

    matcher = GlossaryMatcher(*load_and_compile(paths))
    if file is not None:
        _write(file, matcher)
    return matcher


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


def _read(file: Path) -> GlossaryMatcher | None:
    from audit.glossary.matcher import GlossaryMatcher

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        entries = tuple(_entry(*row) for row in data["entries"])
        keys, longest = data["keys"], data["longest"]
        forms = sum(1 + len(e.short) + len(e.variants) for e in entries)
        if not isinstance(keys, dict) or not all(type(v) is int and 0 <= v < forms for v in keys.values()):
            return None
        if not isinstance(longest, dict) or not all(type(v) is int for v in longest.values()):
            return None
        glossary = Glossary(entries=entries, paths=tuple(data["paths"]), language=data["language"])
        return GlossaryMatcher(glossary, keys, longest)
    except (OSError, ValueError, KeyError, TypeError):
        return None


_ENTRY_FIELDS = ("id", "canonical", "kind", "short", "variants", "source", "notes", "path", "line")
_VARIANT_FIELDS = ("form", "use", "note", "line")


def _entry(*row: Any) -> Entry:
    """An Entry from a cache row, built without running the dataclass ``__init__``:
    values in the cache were validated when it was written, and a large glossary has
    hundreds of thousands of them (this is most of a cached load)."""
    if len(row) != len(_ENTRY_FIELDS):
        raise ValueError("cache row of the wrong length")
    values = dict(zip(_ENTRY_FIELDS, row))
    values["short"] = tuple(values["short"])
    values["source"] = tuple(values["source"])
    variants = []
    for v in values["variants"]:
        variant = object.__new__(Variant)
        variant.__dict__.update(zip(_VARIANT_FIELDS, v, strict=True))
        variants.append(variant)
    values["variants"] = tuple(variants)
    entry = object.__new__(Entry)
    entry.__dict__.update(values)
    return entry


def _row(e: Entry) -> list[Any]:
    row = [getattr(e, name) for name in _ENTRY_FIELDS]
    row[_ENTRY_FIELDS.index("variants")] = [[getattr(v, n) for n in _VARIANT_FIELDS] for v in e.variants]
    return row


def _write(file: Path, matcher: GlossaryMatcher) -> None:
    glossary = matcher.glossary
    data: dict[str, Any] = {
        "format": FORMAT,
        "language": glossary.language,
        "paths": list(glossary.paths),
        "entries": [_row(e) for e in glossary.entries],
        "keys": matcher.keys,
        "longest": matcher.longest,
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
