"""The tables a corpus run writes, and writing them in chunks.

Rows arrive batch by batch from the workers; :class:`ChunkedTable` buffers at most
``chunk_rows`` of them, then appends them to the Parquet file (one row group per chunk)
and to the CSV file. Memory therefore stays bounded by the chunk size whatever the
corpus size. Column order and types are fixed here, so every run (local or Dask,
any number of workers) writes the same schema.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_GROUP = [
    ("document", "string"),
    ("path", "string"),
    ("date", "string"),
    ("week", "string"),
    ("period", "string"),
    ("desk", "string"),
    ("translator", "string"),
    ("target_lang", "string"),
]

#: Streamed tables: name -> [(column, type)]. Types are pyarrow type names.
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "findings": _GROUP
    + [
        ("code", "string"),
        ("check_family", "string"),
        ("name", "string"),
        ("severity", "string"),
        ("category", "string"),
        ("points", "float64"),
        ("message", "string"),
        ("side", "string"),
        ("segment", "string"),
        ("start", "int64"),
        ("end", "int64"),
        ("line", "int64"),
        ("column", "int64"),
        ("text", "string"),
        ("suggestion", "string"),
        ("entity", "string"),
        ("fingerprint", "string"),
        ("before", "string"),
        ("after", "string"),
        ("extra", "string"),
    ],
    "documents": _GROUP
    + [
        ("words", "int64"),
        ("findings", "int64"),
        ("info", "int64"),
        ("minor", "int64"),
        ("major", "int64"),
        ("critical", "int64"),
        ("error_points", "float64"),
        ("points_per_1k_words", "float64"),
        ("bt_chrf", "float64"),
        ("bt_signature", "string"),
        ("excerpt", "string"),
    ],
    "mentions": _GROUP
    + [
        ("entity", "string"),
        ("canonical", "string"),
        ("kind", "string"),
        ("spelling", "string"),
        ("role", "string"),
        ("accepted", "bool_"),
        ("count", "int64"),
    ],
}


def arrow_schema(columns: list[tuple[str, str]]) -> Any:
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in columns])


class ChunkedTable:
    """Appends rows to ``DIR/NAME.parquet`` and ``DIR/NAME.csv``, one chunk at a time."""

    def __init__(self, directory: Path, name: str, columns: list[tuple[str, str]], chunk_rows: int):
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        self.name = name
        self.schema = arrow_schema(columns)
        self.chunk_rows = max(1, chunk_rows)
        self.parquet_path = directory / f"{name}.parquet"
        self.csv_path = directory / f"{name}.csv"
        self._buffer: list[dict[str, Any]] = []
        self._parquet = pq.ParquetWriter(self.parquet_path, self.schema)
        self._csv = pacsv.CSVWriter(self.csv_path, self.schema)
        self.rows = 0
        self.chunks = 0

    def append(self, rows: list[dict[str, Any]]) -> None:
        self._buffer.extend(rows)
        while len(self._buffer) >= self.chunk_rows:
            self._write(self._buffer[: self.chunk_rows])
            del self._buffer[: self.chunk_rows]

    def close(self) -> None:
        if self._buffer or self.chunks == 0:
            self._write(self._buffer)  # an empty table still gets its header and schema
            self._buffer = []
        self._parquet.close()
        self._csv.close()

    def _write(self, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        table = pa.Table.from_pylist([_storable(row) for row in rows], schema=self.schema)
        self._parquet.write_table(table)
        self._csv.write_table(table)
        self.rows += len(rows)
        self.chunks += 1


def _storable(row: dict[str, Any]) -> dict[str, Any]:
    """The row with lone surrogates (a ``"\\ud800"`` escape in a JSON string) shown as
    U+FFFD: Parquet and CSV cells must be valid UTF-8."""
    for key, value in row.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                row = {**row, key: _SURROGATE.sub("\ufffd", value)}
    return row


_SURROGATE = re.compile("[\ud800-\udfff]")


class TableSet:
    """The three streamed tables of a run, written side by side."""

    def __init__(self, directory: Path, chunk_rows: int):
        directory.mkdir(parents=True, exist_ok=True)
        self.tables = {
            name: ChunkedTable(directory, name, cols, chunk_rows) for name, cols in SCHEMAS.items()
        }

    def append(self, rows: Any) -> None:
        for name, table in self.tables.items():
            table.append(getattr(rows, name))

    def close(self) -> None:
        for table in self.tables.values():
            table.close()

    def __enter__(self) -> TableSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_frame(frame: Any, directory: Path, name: str) -> None:
    """Write an aggregated (small) pandas table as Parquet and CSV."""
    frame.to_parquet(directory / f"{name}.parquet", index=False)
    frame.to_csv(directory / f"{name}.csv", index=False)
