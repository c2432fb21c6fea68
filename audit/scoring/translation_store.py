"""A persistent cache of back-translations, so that a second run never loads the model.

Each entry is keyed by a hash of everything that decides the output: the model
identity (:func:`audit.scoring.models.model_identity`), the direction, the decoding
settings and the segment text. The cache is one SQLite file; each batch is committed
in its own transaction, so an interrupted run keeps what it finished and a reader
never sees half an entry.

Default location: ``$AUDIT_CACHE_DIR/backtranslations.sqlite3``, else
``$XDG_CACHE_HOME/audit/backtranslations.sqlite3``, else
``~/.cache/audit/backtranslations.sqlite3``. ``--cache PATH`` overrides it and
``--no-cache`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from audit.errors import AuditError

FILENAME = "backtranslations.sqlite3"
_CHUNK = 500
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS translations "
    "(key TEXT PRIMARY KEY, text TEXT NOT NULL, model TEXT NOT NULL, created REAL NOT NULL)"
)


class CacheError(AuditError):
    """The cache file cannot be opened or written."""


def default_cache_path() -> Path:
    if os.environ.get("AUDIT_CACHE_DIR"):
        return Path(os.environ["AUDIT_CACHE_DIR"]) / FILENAME
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "audit" / FILENAME


def cache_key(model: str, direction: str, decoding: str, text: str) -> str:
    """The key of one segment's back-translation."""
    return hashlib.sha256(
        json.dumps([model, direction, decoding, text], ensure_ascii=False).encode("utf-8")
    ).hexdigest()


class TranslationCache:
    """Back-translations by key, in one SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(
                f"cannot open the back-translation cache: {exc}; give --cache PATH or --no-cache",
                path=str(path),
            ) from None

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(keys))
        try:
            for i in range(0, len(unique), _CHUNK):
                chunk = unique[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(
                    self._db.execute(
                        f"SELECT key, text FROM translations WHERE key IN ({marks})", chunk
                    )
                )
        except sqlite3.Error as exc:
            raise CacheError(
                f"cannot read the back-translation cache: {exc}", path=str(self.path)
            ) from None
        return found

    def put_many(self, items: Iterable[tuple[str, str]], model: str) -> None:
        """Store entries in one transaction: all of them or none."""
        now = time.time()
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations (key, text, model, created) VALUES (?, ?, ?, ?)",
                    [(key, text, model, now) for key, text in items],
                )
        except sqlite3.Error as exc:
            raise CacheError(
                f"cannot write the back-translation cache: {exc}", path=str(self.path)
            ) from None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        self._db.close()
