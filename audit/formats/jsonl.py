"""JSON Lines: one article per line.

Known fields: ``id``, ``target`` (required), ``source``, ``source_lang``,
``target_lang``, ``back_translation``, ``date``, ``desk``, ``translator``; every other
field is kept in ``Document.metadata``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from audit.document import Document
from audit.errors import InputError

KNOWN = ("id", "target", "source", "source_lang", "target_lang", "back_translation", "date", "desk", "translator")


def read_jsonl(text: str, path: str, *, target_lang: str = "en", **_: Any) -> Iterator[Document]:
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON at column {exc.colno}: {exc.msg}", path=path, line=number) from None
        if not isinstance(record, dict):
            raise InputError("each line must be a JSON object", path=path, line=number)
        target = record.get("target")
        if not isinstance(target, str):
            raise InputError("record has no 'target' text", path=path, line=number)
        doc_id = str(record.get("id") or f"{path}#{number}")
        if doc_id in seen:
            raise InputError(f"duplicate document id {doc_id!r}", path=path, line=number)
        seen.add(doc_id)
        yield Document(
            id=doc_id,
            path=path,
            target=target,
            target_lang=_text(record.get("target_lang")) or target_lang,
            source=_text(record.get("source")),
            source_lang=_text(record.get("source_lang")),
            back_translation=_text(record.get("back_translation")),
            date=_text(record.get("date")),
            desk=_text(record.get("desk")),
            translator=_text(record.get("translator")),
            metadata={"line": number, **{k: v for k, v in record.items() if k not in KNOWN}},
        )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
