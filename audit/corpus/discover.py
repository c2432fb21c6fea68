"""Finding the documents of a corpus: folders of files and JSON Lines exports.

Discovery is lazy: documents are read one file at a time and yielded as they come, so
a corpus of any size is never held in memory whole. Every document leaves here with a
``date`` (its metadata's, else its file's modification day) and a ``period``
(``current`` or ``previous``) in its metadata; documents outside both periods are
skipped before they are audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from audit.corpus.dates import Periods, parse_day
from audit.document import Document
from audit.errors import InputError, set_current_file
from audit.formats import iter_files, iter_path


def iter_documents(
    paths: Iterable[str],
    periods: Periods,
    *,
    read: Callable[[str], Iterable[Document]] | None = None,
    **read_options: Any,
) -> Iterator[Document]:
    """Every document in ``paths`` that falls in one of ``periods``, dated, in file order.

    ``read`` reads one file (``audit report`` passes the reading of ``audit check``,
    with each file's settings); without it, files are read with ``read_options``.
    """
    for path in iter_files(paths):
        set_current_file(path)
        mtime_day: dt.date | None = None
        documents = read(path) if read is not None else iter_path(path, **read_options)
        for doc in documents:
            if doc.date:
                day = _metadata_day(doc)
            else:
                if mtime_day is None:
                    mtime_day = dt.date.fromtimestamp(Path(path).stat().st_mtime)
                day = mtime_day
            period = periods.period_of(day)
            if period is None:
                continue
            yield replace(doc, date=day.isoformat(), metadata={**doc.metadata, "period": period})


def _metadata_day(doc: Document) -> dt.date:
    try:
        return parse_day(doc.date or "")
    except ValueError as exc:
        raise InputError(str(exc), path=doc.path, line=doc.metadata.get("line")) from None
