"""JSON Lines: one article per line.

Known fields: ``id``, ``target`` (required), ``source``, ``source_lang``,
``target_lang``, ``back_translation``, ``date``, ``desk``, ``translator``, ``url``;
``--field target=body`` (etc.) reads a known field from another key. Every other
field is kept in ``Document.metadata`` (with ``line``, the record's line).

The target and source texts are located in the line, escapes counted, so findings
point at the line and column of the record where the text is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from audit.document import Document
from audit.errors import InputError
from audit.formats.format import Format
from audit.formats.language import FOUND
from audit.formats.parts import read_lines
from audit.segments import Origin, line_starts, locate

KNOWN = (
    "id",
    "target",
    "source",
    "source_lang",
    "target_lang",
    "back_translation",
    "date",
    "desk",
    "translator",
    "url",
)
_WS = re.compile(r"[ \t\r\n]*")
_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\."
)


def _step(raw: str, i: int, text: str, j: int) -> tuple[int, int] | None:
    if raw[i] != "\\":
        return None
    m = _ESCAPE.match(raw, i)
    return (m.end() - i, 1) if m else None


def read_jsonl(text: str, path: str, **options: Any) -> Iterator[Document]:
    """The documents of a JSON Lines text, one per non-blank line."""
    starts = line_starts(text)
    lines = (
        (n, start, text[start : starts[n] if n < len(starts) else len(text)].rstrip("\r\n"))
        for n, start in enumerate(starts, start=1)
    )
    yield from read_jsonl_lines(lines, path, **options)


def read_jsonl_lines(
    lines: Iterable[tuple[int, int, str]],
    path: str,
    *,
    target_lang: str = "en",
    source_lang: str | None = None,
    fields: Mapping[str, str] | None = None,
    **_: Any,
) -> Iterator[Document]:
    """Documents from ``(line number, character offset of the line, line text)``
    triples: a whole text, or a file streamed line by line (``audit check`` on a large
    export never holds it whole)."""
    keys = {name: (fields or {}).get(name, name) for name in KNOWN}
    mapped = set(keys.values())
    seen: set[str] = set()
    for number, start, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON at column {exc.colno}: {exc.msg}", path=path, line=number
            ) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", path=path, line=number) from None
        except ValueError as exc:  # e.g. an integer of more digits than Python converts
            raise InputError(f"invalid JSON: {exc}", path=path, line=number) from None
        if not isinstance(record, dict):
            raise InputError("each line must be a JSON object", path=path, line=number)
        target = record.get(keys["target"])
        if not isinstance(target, str):
            raise InputError(f"record has no {keys['target']!r} text", path=path, line=number)
        doc_id = str(record.get(keys["id"]) or f"{path}#{number}")
        if doc_id in seen:
            raise InputError(f"duplicate document id {doc_id!r}", path=path, line=number)
        seen.add(doc_id)
        source = _text(record.get(keys["source"]))
        values = _string_starts(line)
        yield Document(
            id=doc_id,
            path=path,
            target=target,
            target_lang=_text(record.get(keys["target_lang"])) or target_lang,
            source=source,
            source_lang=_text(record.get(keys["source_lang"])) or source_lang,
            back_translation=_text(record.get(keys["back_translation"])),
            date=_text(record.get(keys["date"])),
            desk=_text(record.get(keys["desk"])),
            translator=_text(record.get(keys["translator"])),
            metadata={
                "line": number,
                **({"url": record[keys["url"]]} if keys["url"] in record else {}),
                **{k: v for k, v in record.items() if k not in mapped},
            },
            target_origin=_origin(
                line, number, start, values.get(keys["target"]), target, path, keys["target"]
            ),
            source_origin=_origin(
                line, number, start, values.get(keys["source"]), source, path, keys["source"]
            ),
        )


def _origin(
    line: str,
    number: int,
    line_start: int,
    column: int | None,
    value: str | None,
    path: str,
    field: str,
) -> Origin | None:
    """Where a string value of a record sits in the file (a JSON line has no raw line
    breaks, so the value is located within its line and moved to the line's place)."""
    if column is None or value is None:
        return None
    return locate(line, column, value, path, starts=[0], escape=_step, field=field).moved(
        number - 1, line_start
    )


def _string_starts(line: str) -> dict[str, int]:
    """For each top-level key with a string value, where the value's text starts in ``line``."""
    decoder = json.JSONDecoder()
    out: dict[str, int] = {}
    try:
        i = _WS.match(line, 0).end() + 1  # type: ignore[union-attr]
        while True:
            i = _WS.match(line, i).end()  # type: ignore[union-attr]
            if line[i] == "}":
                return out
            key, i = scanstring(line, i + 1)
            i = _WS.match(line, i).end() + 1  # type: ignore[union-attr]  # past ':'
            i = _WS.match(line, i).end()  # type: ignore[union-attr]
            if line[i] == '"':
                out[key] = i + 1
                _, i = scanstring(line, i + 1)
            else:
                _, i = decoder.raw_decode(line, i)
            i = _WS.match(line, i).end()  # type: ignore[union-attr]
            if line[i] == ",":
                i += 1
    except (IndexError, ValueError):
        return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def stream_jsonl(path: str, errors: str, **options: Any) -> Iterator[Document]:
    """A large JSON Lines file a line (a document) at a time."""
    lines = ((n, start, line.rstrip("\r\n")) for n, start, line in read_lines(path, errors))
    yield from read_jsonl_lines(lines, path, **options)


def json_string(replacement: str, raw: str, origin: Origin) -> str:
    """Escaped as the line already escapes: ``\\uXXXX`` in an ASCII-only line that
    uses such escapes, literal characters otherwise."""
    start = raw.rfind("\n", 0, origin.offset) + 1
    end = raw.find("\n", origin.offset)
    line = raw[start : end if end >= 0 else len(raw)]
    return json.dumps(replacement, ensure_ascii=line.isascii() and "\\u" in line)[1:-1]


# Writing documents as JSON Lines, atomically: the inverse of the reader. One object
# per document with the known fields that are set, then every metadata field the
# reader kept (the reader's own ``line`` bookkeeping excepted). The file appears
# complete or not at all (:mod:`audit.atomicfile`).

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
_READER_ONLY = frozenset({"line", FOUND})


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


FORMAT = Format(
    name="jsonl",
    suffixes=(".jsonl", ".ndjson"),
    read=read_jsonl,
    stream=stream_jsonl,
    encode=json_string,
    dump=write_jsonl,
)
