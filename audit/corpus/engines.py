"""Engines: where the per-document analysis runs.

Both engines call the same function, :func:`audit.corpus.analyse.analyse_batch`, on
batches of documents, and yield the results in the order the batches were made, so
the tables they produce are identical. At most ``max_in_flight`` batches are queued at
once: discovery, the workers and the writer move together and memory stays bounded.

- ``local``: worker processes (:func:`audit.parallel.ordered_map`); one worker runs
  in-process.
- ``dask``: a ``dask.distributed`` cluster, at ``scheduler`` or a ``LocalCluster``
  started for the run. The settings (checks, compiled glossary) are sent to every
  worker once, not with each batch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable
from dataclasses import InitVar, dataclass
from typing import Any

from audit.corpus.analyse import Rows, analyse_batch
from audit.document import Document
from audit.errors import ConfigError, warn_renamed
from audit.parallel import batches, in_order, ordered_map
from audit.worker import WorkerSettings

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class EngineOptions:
    """How to run: engine name, worker processes (``jobs``, as ``--jobs`` and
    :func:`audit.run.stream_paths` call them; ``workers``, the old name, is still
    accepted with a deprecation warning), scheduler address, batch size."""

    engine: str = "local"
    jobs: int = 1
    scheduler: str | None = None
    batch_size: int = 50
    workers: InitVar[int | None] = None  # deprecated: jobs

    def __post_init__(self, workers: int | None) -> None:
        if workers is not None:
            warn_renamed("EngineOptions(workers=...)", "jobs")
            object.__setattr__(self, "jobs", workers)

    @property
    def max_in_flight(self) -> int:
        return max(2, 4 * self.jobs)


def run(
    docs: Iterable[Document], settings: WorkerSettings, options: EngineOptions
) -> Generator[Rows, None, None]:
    """Analyse ``docs`` with the chosen engine; yield one :class:`Rows` per batch, in order."""
    if options.engine == "local":
        return run_local(docs, settings, options)
    if options.engine == "dask":
        return run_dask(docs, settings, options)
    raise ConfigError(f"unknown engine {options.engine!r} (expected one of: {', '.join(ENGINES)})")


def run_local(
    docs: Iterable[Document], settings: WorkerSettings, options: EngineOptions
) -> Generator[Rows, None, None]:
    yield from ordered_map(
        analyse_batch, batches(docs, options.batch_size), settings, workers=options.jobs
    )


def run_dask(
    docs: Iterable[Document], settings: WorkerSettings, options: EngineOptions
) -> Generator[Rows, None, None]:
    distributed = _import_distributed()
    with contextlib.ExitStack() as stack:
        if options.scheduler:
            import dask

            timeout = dask.config.get("distributed.comm.timeouts.connect")
            try:
                client = stack.enter_context(distributed.Client(options.scheduler, timeout=timeout))
            except OSError as exc:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {options.scheduler}: {exc}"
                ) from None
        else:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=max(1, options.jobs),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        [shared] = client.scatter([settings], broadcast=True)
        window = max(options.max_in_flight, 4 * len(client.scheduler_info().get("workers", {})))
        yield from in_order(
            (lambda b: client.submit(analyse_batch, b, shared, pure=False)),
            batches(docs, options.batch_size),
            window,
        )


def _import_distributed() -> Any:
    try:
        import dask.distributed as distributed
    except ImportError:
        from audit.extras import install_hint

        raise ConfigError(
            f"--engine dask needs dask.distributed: {install_hint('report')}"
        ) from None
    return distributed
