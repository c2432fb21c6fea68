"""A corpus report end to end: discover, audit in parallel, stream tables, aggregate, render.

:func:`build_report` is the library entry point behind ``audit report``. It writes to
one folder:

- streamed tables (Parquet and CSV): ``findings``, ``documents`` (one summary row per
  document), ``mentions`` (spellings per document);
- aggregated tables (Parquet and CSV): ``spellings`` (per entity and spelling: count,
  documents, share, first and last seen), ``weekly``, ``checks``, ``groups``,
  ``comparison``, ``variant_changes``;
- ``report.html`` (self-contained) and ``summary.md``.

Streamed tables hold both the reported period and the previous one (column
``period``), so the comparison can be recomputed from them; every aggregate other than
``groups``, ``comparison`` and ``variant_changes`` covers the reported period only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import InitVar, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.config import AuditConfig
from audit.corpus import aggregate
from audit.corpus.dates import Periods
from audit.corpus.discover import iter_documents
from audit.corpus.engines import EngineOptions, run
from audit.corpus.tables import TableSet, write_frame
from audit.document import Document
from audit.errors import ConfigError, InputError, warn_renamed
from audit.mqm import Weights
from audit.worker import CONFIG_KEY, WorkerSettings

if TYPE_CHECKING:
    from audit.run import Runner

GROUPINGS = ("desk", "translator", "target_lang")
REPORT_PACKAGES = ("pandas", "pyarrow", "jinja2", "rich")


@dataclass(frozen=True)
class ReportOptions:
    """Everything about a report run except the paths, the audit settings and the folder.

    Named as ``audit check`` names the same things: ``show_progress`` (``progress``,
    the old name, is still accepted with a deprecation warning), ``engine.jobs``.
    """

    periods: Periods = Periods.create(None, None)
    by: tuple[str, ...] = ()
    engine: EngineOptions = EngineOptions()
    weights: Weights = Weights()
    chunk_rows: int = 5000
    top: int = 10
    excerpts: int = 4
    show_progress: bool = False
    read_options: dict[str, Any] = field(default_factory=dict)
    progress: InitVar[bool | None] = None  # deprecated: show_progress

    def __post_init__(self, progress: bool | None) -> None:
        if progress is not None:
            warn_renamed("ReportOptions(progress=...)", "show_progress")
            object.__setattr__(self, "show_progress", progress)


@dataclass(frozen=True)
class ReportResult:
    """What a run wrote and its headline figures."""

    directory: Path
    documents: int
    findings: int
    chunks: int
    headline: dict[str, Any]
    files: tuple[Path, ...]


def require_report_packages() -> None:
    """Fail with an install hint, not a traceback, when the ``report`` extra is missing."""
    import importlib.util

    missing = [name for name in REPORT_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        from audit.extras import install_hint

        raise ConfigError(f"audit report needs {', '.join(missing)}: {install_hint('report')}")


def build_report(
    paths: Sequence[str],
    config: AuditConfig | None,
    out_dir: str | Path,
    options: ReportOptions = ReportOptions(),
    *,
    runner: Runner | None = None,
) -> ReportResult:
    """Audit every document of ``paths`` in the options' periods and write the report.

    With a ``runner`` (what ``audit report`` passes), each file is read and audited
    with its own settings, resolved as ``audit check`` resolves them (its
    ``.audit.toml``, then the command line), and folders are walked with the same
    exclusions; ``config`` is then only the fallback. Without one, every file gets
    ``config`` and is read with ``options.read_options``.
    """
    require_report_packages()
    for column in options.by:
        if column not in GROUPINGS:
            raise ConfigError(
                f"cannot group by {column!r} (expected one of: {', '.join(GROUPINGS)})"
            )
    directory = Path(out_dir)
    if runner is not None:
        settings, docs = _per_file(paths, runner, options)
    elif config is None:
        raise ConfigError("build_report needs a configuration or a runner")
    else:
        settings = WorkerSettings.single(config, weights=options.weights)
        docs = iter_documents(paths, options.periods, **options.read_options)
    with (
        TableSet(directory, options.chunk_rows) as tables,
        _progress(options.show_progress) as advance,
        contextlib.closing(run(docs, settings, options.engine)) as results,
    ):
        for rows in results:
            tables.append(rows)
            advance(len(rows.documents))
    streamed = tables.tables
    data = summarise(directory, options)
    if data["headline"]["current"]["documents"] == 0:
        raise InputError(
            f"no documents dated {options.periods.current.label()}", path=", ".join(paths)
        )
    from audit.corpus.render import write_html, write_markdown

    files = [t.parquet_path for t in streamed.values()] + [t.csv_path for t in streamed.values()]
    files += data.pop("_files")
    files += [
        write_html(data, directory / "report.html"),
        write_markdown(data, directory / "summary.md"),
    ]
    return ReportResult(
        directory=directory,
        documents=streamed["documents"].rows,
        findings=streamed["findings"].rows,
        chunks=streamed["findings"].chunks,
        headline=data["headline"],
        files=tuple(files),
    )


def _per_file(
    paths: Sequence[str], runner: Runner, options: ReportOptions
) -> tuple[WorkerSettings, Iterator[Document]]:
    """The worker settings (one configuration per distinct file settings, resolved as
    ``audit check`` resolves them, all known before the workers start) and the
    documents, each tagged with the key of its configuration."""
    from audit.exclusion import walk

    plans, configs = runner.plan(walk(paths, runner))
    by_path = {plan.path: plan for plan in plans}

    def read(file: str) -> Iterator[Document]:
        plan = by_path[file]
        for doc in runner.stream(file, plan.settings):
            yield replace(doc, metadata={**doc.metadata, CONFIG_KEY: plan.key})

    settings = WorkerSettings(configs, weights=options.weights)
    return settings, iter_documents([p.path for p in plans], options.periods, read=read)


def summarise(directory: Path, options: ReportOptions) -> dict[str, Any]:
    """Aggregate the streamed tables, write the aggregated tables, return the report data."""
    documents = aggregate.load_documents(directory)
    spellings = aggregate.spelling_table(directory)
    inconsistent = aggregate.inconsistent_entities(spellings, top=len(spellings) or 1)
    top_entities = inconsistent[: options.top]
    weekly = aggregate.weekly_table(directory)
    checks = aggregate.checks_table(directory)
    groups = aggregate.group_table(documents, options.by)
    variants = aggregate.variant_changes(directory, options.by)
    comparison = aggregate.comparison_table(groups, variants)
    drift = aggregate.drift_table(directory, top_entities)
    files = []
    for name, frame in (
        ("spellings", spellings),
        ("weekly", weekly),
        ("checks", checks),
        ("groups", groups),
        ("comparison", comparison),
        ("variant_changes", variants),
    ):
        write_frame(frame, directory, name)
        files += [directory / f"{name}.parquet", directory / f"{name}.csv"]
    current = documents["period"] == "current"
    signatures = sorted(documents.loc[current, "bt_signature"].dropna().unique())
    return {
        "periods": options.periods,
        "by": options.by,
        "weights": options.weights,
        "headline": aggregate.headline(documents, spellings, inconsistent),
        "weekly": weekly,
        "checks": checks,
        "spellings": spellings,
        "top_entities": top_entities,
        "drift": drift,
        "worst": aggregate.worst_documents(documents, directory, options.top, options.excerpts),
        "bt_scores": documents.loc[current & documents["bt_chrf"].notna(), "bt_chrf"].tolist(),
        "bt_signatures": signatures,
        "comparison": comparison,
        "variants": variants,
        "_files": files,
    }


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error when it is a terminal (never under pre-commit
    or in CI: :mod:`audit.progress`); a no-op otherwise."""
    from audit.progress import progress, progress_enabled

    with progress(
        None, "auditing documents", enabled=progress_enabled(no_progress=not enabled)
    ) as advance:
        yield advance
