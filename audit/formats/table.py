"""CSV and TSV tables of segment pairs: one segment per row.

TSV is read without quoting (quotes are text, as spreadsheet and corpus tools write
them); CSV follows RFC 4180. The header row names the columns: ``target`` (required), ``source``, ``id``,
``back_translation``, ``source_lang``, ``target_lang`` and ``document``; ``--field
target=translation`` (etc.) maps them to other column names. Rows sharing a
``document`` value form one document (in order of first appearance); without that
column the file is one document. Segments are named by ``id``, else by the row's
1-based number (the header is row 0).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from audit.document import Document
from audit.errors import InputError
from audit.formats.format import Format, as_is
from audit.segments import Origin, SegmentBuilder, line_starts, locate

COLUMNS = ("id", "source", "target", "back_translation", "source_lang", "target_lang", "document")

#: The most characters one cell may hold. The csv module's default (128 KiB) refuses
#: real exports (a whole article in one cell); no limit at all would let one unclosed
#: quote read a file of any size into one field, so the limit is raised, not removed.
MAX_CELL = 16 * 1024 * 1024


def _allow_large_cells() -> None:
    """Raise the csv module's per-field limit (process-wide) to ``MAX_CELL``, never lower it."""
    if csv.field_size_limit() < MAX_CELL:
        csv.field_size_limit(MAX_CELL)


def _table_error(exc: csv.Error, delimiter: str) -> str:
    kind = "TSV" if delimiter == "\t" else "CSV"
    if "field larger than field limit" in str(exc):
        return (
            f"malformed {kind}: a cell is longer than {MAX_CELL:,} characters, the most "
            "audit reads in one cell (an unclosed quote?)"
        )
    return f"malformed {kind}: {exc}"


def _step(raw: str, i: int, text: str, j: int) -> tuple[int, int] | None:
    if raw.startswith('""', i) and text[j] == '"':
        return (2, 1)
    return None


def _field_starts(raw: str, start: int, delimiter: str, quoted: bool) -> list[int]:
    """Offsets where each field's text begins in a record starting at ``start`` (past any opening quote)."""
    d = re.escape(delimiter)
    field = re.compile(rf'"(?:[^"]|"")*"|[^{d}\r\n"]*' if quoted else rf"[^{d}\r\n]*")
    out: list[int] = []
    i = start
    while True:
        m = field.match(raw, i)
        if m is None:
            return out
        out.append(i + 1 if quoted and raw.startswith('"', i) else i)
        i = m.end()
        if i < len(raw) and raw[i] == delimiter:
            i += 1
            continue
        return out


def read_table(
    text: str,
    path: str,
    *,
    target_lang: str = "en",
    source_lang: str | None = None,
    fields: Mapping[str, str] | None = None,
    delimiter: str = ",",
    **_: Any,
) -> Iterator[Document]:
    names = {name: (fields or {}).get(name, name) for name in COLUMNS}
    # TSV exports (spreadsheets, corpus tools) write quotes as text; CSV quotes fields.
    quoted = delimiter != "\t"
    _allow_large_cells()
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        strict=True,
        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
    )
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty table", path=path) from None
    except csv.Error as exc:
        raise InputError(_table_error(exc, delimiter), path=path, line=1) from None
    column = {name: header.index(col) for name, col in names.items() if col in header}
    if "target" not in column:
        raise InputError(
            f"no {names['target']!r} column (columns: {', '.join(header)}); "
            "map one with --field target=NAME",
            path=path,
            line=1,
        )
    starts = line_starts(text)
    documents: dict[str, tuple[SegmentBuilder, dict[str, str]]] = {}
    row_line = reader.line_num + 1
    for number, row in enumerate(_rows(reader, path, delimiter), start=1):
        if not any(cell.strip() for cell in row):
            row_line = reader.line_num + 1
            continue
        if len(row) != len(header):
            raise InputError(
                f"row has {len(row)} fields, the header {len(header)}", path=path, line=row_line
            )

        def cell(name: str, row: list[str] = row) -> str | None:
            return row[column[name]] if name in column else None

        offsets = (
            _field_starts(text, starts[row_line - 1], delimiter, quoted)
            if row_line <= len(starts)
            else []
        )
        origins: dict[str, Origin | None] = {}
        for side in ("target", "source"):
            value = cell(side)
            if side in column and value is not None and column[side] < len(offsets):
                origins[side] = locate(
                    text,
                    offsets[column[side]],
                    value,
                    path,
                    starts=starts,
                    escape=_step,
                    field=names[side],
                )
        doc_key = cell("document") or path
        builder, langs = documents.setdefault(doc_key, (SegmentBuilder(), {}))
        langs.setdefault("source", cell("source_lang") or source_lang or "")
        langs.setdefault("target", cell("target_lang") or target_lang)
        builder.add(
            cell("id") or str(number),
            cell("target") or "",
            cell("source"),
            back_translation=cell("back_translation"),
            line=row_line,
            target_origin=origins.get("target"),
            source_origin=origins.get("source"),
        )
        row_line = reader.line_num + 1
    for doc_id, (builder, langs) in documents.items():
        yield builder.document(
            doc_id,
            path,
            langs["target"],
            source_lang=langs["source"] or None,
            metadata={"format": "tsv" if delimiter == "\t" else "csv"},
        )


def _rows(reader: Any, path: str, delimiter: str) -> Iterator[list[str]]:
    while True:
        record_line = reader.line_num + 1
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # An oversized cell is named by the line its record starts on (where an
            # unclosed quote would be), not the line the reader had reached.
            too_long = "field larger than field limit" in str(exc)
            line = record_line if too_long else reader.line_num
            raise InputError(_table_error(exc, delimiter), path=path, line=line) from None


def read_tsv(text: str, path: str, **options: Any) -> Iterator[Document]:
    return read_table(text, path, delimiter="\t", **options)


def csv_field(replacement: str, raw: str, origin: Origin) -> str:
    """Quotes doubled in a quoted field; as is in a bare one."""
    quoted = origin.offset > 0 and raw[origin.offset - 1] == '"'
    return replacement.replace('"', '""') if quoted else replacement


CSV_FORMAT = Format(name="csv", suffixes=(".csv",), read=read_table, encode=csv_field)
TSV_FORMAT = Format(name="tsv", suffixes=(".tsv", ".tab"), read=read_tsv, encode=as_is)
