"""Writing documents as JSON Lines, atomically.

The inverse of :mod:`audit.formats.jsonl`: one object per document with the known
fields that are set, then every metadata field the reader kept (the reader's own
``line`` bookkeeping excepted). The file appears complete or not at all: it is
written to a temporary file in the same directory and renamed over the target
(:mod:`audit.atomicfile`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from audit.document import Document

_FIELDS = (
    "id",
    "source_lang",
    "target_lang",
    "source",
    "target",
    "back_translation",
    "date",
    "desk",
    "translator",
)
_READER_ONLY = frozenset({"line"})


def to_record(doc: Document) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(doc, name)
        if value is not None:
            record[name] = value
    record.update(
        (k, v) for k, v in doc.metadata.items() if k not in _READER_ONLY and k not in record
    )
    return record


def write_jsonl(path: str | Path, docs: Iterable[Document]) -> list[str]:
    """Write ``docs`` to ``path`` as JSON Lines (UTF-8), replacing it atomically
    (:func:`audit.atomicfile.write_atomic`); returns its warnings."""
    from audit.atomicfile import write_atomic

    text = "".join(json.dumps(to_record(d), ensure_ascii=False) + "\n" for d in docs)
    return write_atomic(str(path), text.encode("utf-8", "surrogatepass"))
