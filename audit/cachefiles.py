"""The user's cache folder, and JSON files in it written atomically.

Everything cached is JSON (never pickle: a cache file must not be able to run code)
and only ever saves time: a cache that cannot be read or written is skipped. The
folder is ``$AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/audit``, else
``~/.cache/audit``; ``AUDIT_NO_CACHE=1`` turns caching off.

:func:`load_yaml_data` reads the bundled YAML data files (name key tables, the name
lexicon) through the cache, so that a warm `audit check` never imports PyYAML.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

_DATA_FORMAT = 1


def cache_dir() -> Path | None:
    """Where cached files go, or None when caching is off."""
    if os.environ.get("AUDIT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if os.environ.get("AUDIT_CACHE_DIR"):
        return Path(os.environ["AUDIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "audit"


def write_json(file: Path, data: Any) -> None:
    """Write ``data`` to ``file`` atomically (:mod:`audit.atomicfile`); errors are
    ignored: a cache only saves time."""
    from audit.atomicfile import write_atomic  # only on a cache miss
    from audit.errors import AuditError

    with contextlib.suppress(OSError, AuditError, TypeError, ValueError):
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(str(file), json.dumps(data, ensure_ascii=False).encode("utf-8"))


def load_yaml_data(text: str) -> Any:
    """``text`` parsed as YAML (safe loading), from the cache when the same text was
    parsed before. Data that JSON would not give back unchanged is never cached."""
    directory = cache_dir()
    file = None
    if directory is not None:
        digest = hashlib.sha256(f"{_DATA_FORMAT}\0{text}".encode()).hexdigest()[:32]
        file = directory / f"data-{digest}.json"
        with contextlib.suppress(OSError, ValueError):
            cached = json.loads(file.read_text(encoding="utf-8"))
            if (
                isinstance(cached, dict)
                and cached.get("format") == _DATA_FORMAT
                and "data" in cached
            ):
                return cached["data"]
    import yaml  # only on a cache miss

    # libyaml's loader when PyYAML has it: the same data, parsed far faster.
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if file is not None:
        with contextlib.suppress(TypeError, ValueError):
            if json.loads(json.dumps(data)) == data:
                write_json(file, {"format": _DATA_FORMAT, "data": data})
    return data
