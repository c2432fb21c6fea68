"""Corpus runs: many documents audited in parallel, tables streamed to disk, a weekly report.

The flow is ``discover`` (documents in folders and JSON Lines exports, dated) ->
``engines`` (local processes or a Dask cluster, running ``analyse.analyse_batch``) ->
``tables`` (findings, documents, mentions, written in chunks) -> ``aggregate``
(pandas) -> ``render`` (HTML and Markdown). :func:`build_report` runs it all.

pandas, pyarrow, jinja2 and dask are imported inside the functions that need them.
"""

from __future__ import annotations

from audit.corpus.analyse import RunSettings, analyse_batch, analyse_document
from audit.corpus.dates import Periods, Window, parse_day, week_of
from audit.corpus.discover import iter_documents, iter_files
from audit.corpus.engines import ENGINES, EngineOptions
from audit.corpus.mqm import Weights, word_count
from audit.corpus.report import GROUPINGS, ReportOptions, ReportResult, build_report
from audit.corpus.usage import Usage, spelling_usage
from audit.worker import WorkerSettings

__all__ = [
    "ENGINES",
    "GROUPINGS",
    "EngineOptions",
    "Periods",
    "ReportOptions",
    "ReportResult",
    "RunSettings",
    "Usage",
    "Weights",
    "Window",
    "WorkerSettings",
    "analyse_batch",
    "analyse_document",
    "build_report",
    "iter_documents",
    "iter_files",
    "parse_day",
    "spelling_usage",
    "week_of",
    "word_count",
]
