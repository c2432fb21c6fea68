"""Engines: where the per-document analysis runs.

Both engines call the same function, :func:`audit.corpus.analyse.analyse_batch`, on
batches of documents, and yield the results in the order the batches were made, so
the tables they produce are identical. At most ``max_in_flight`` batches are queued at
once: discovery, the workers and the writer move together and memory stays bounded.

- ``local``: a :class:`concurrent.futures.ProcessPoolExecutor` (``spawn`` start method,
  so a parent holding threads cannot deadlock its children); one worker runs in-process.
- ``dask``: a ``dask.distributed`` cluster, at ``scheduler`` or a ``LocalCluster``
  started for the run. The settings (checks, compiled glossary) are sent to every
  worker once, not with each batch.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from audit.corpus.analyse import Rows, RunSettings, analyse_batch
from audit.document import Document
from audit.errors import ConfigError

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class EngineOptions:
    """How to run: engine name, worker count, scheduler address, batch size."""

    engine: str = "local"
    workers: int = 1
    scheduler: str | None = None
    batch_size: int = 50

    @property
    def max_in_flight(self) -> int:
        return max(2, 4 * self.workers)


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most ``size`` documents."""
    it = iter(docs)
    while batch := list(itertools.islice(it, max(1, size))):
        yield batch


def run(docs: Iterable[Document], settings: RunSettings, options: EngineOptions) -> Generator[Rows, None, None]:
    """Analyse ``docs`` with the chosen engine; yield one :class:`Rows` per batch, in order."""
    if options.engine == "local":
        return run_local(docs, settings, options)
    if options.engine == "dask":
        return run_dask(docs, settings, options)
    raise ConfigError(f"unknown engine {options.engine!r} (expected one of: {', '.join(ENGINES)})")


def run_local(docs: Iterable[Document], settings: RunSettings, options: EngineOptions) -> Generator[Rows, None, None]:
    if options.workers <= 1:
        for batch in batches(docs, options.batch_size):
            yield analyse_batch(batch, settings)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(options.workers, mp_context=context, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        yield from _in_order((lambda b: pool.submit(_analyse_with_worker_settings, b)),
                             batches(docs, options.batch_size), options.max_in_flight)


def run_dask(docs: Iterable[Document], settings: RunSettings, options: EngineOptions) -> Generator[Rows, None, None]:
    distributed = _import_distributed()
    with contextlib.ExitStack() as stack:
        if options.scheduler:
            import dask

            timeout = dask.config.get("distributed.comm.timeouts.connect")
            try:
                client = stack.enter_context(distributed.Client(options.scheduler, timeout=timeout))
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {options.scheduler}: {exc}") from None
        else:
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=40))
            client = stack.enter_context(distributed.Client(cluster))
        [shared] = client.scatter([settings], broadcast=True)
        window = max(options.max_in_flight, 4 * len(client.scheduler_info().get("workers", {})))
        yield from _in_order((lambda b: client.submit(analyse_batch, b, shared, pure=False)),
                             batches(docs, options.batch_size), window)


def _in_order(submit: Callable[[list[Document]], Any], work: Iterable[list[Document]], window: int) -> Iterator[Rows]:
    """Submit batches, keeping at most ``window`` pending, and yield results in order."""
    pending: deque[Any] = deque()
    for batch in work:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _import_distributed() -> Any:
    try:
        import dask.distributed as distributed
    except ImportError:
        raise ConfigError("--engine dask needs dask.distributed: pip install 'audit[report]'") from None
    return distributed


_WORKER_SETTINGS: RunSettings | None = None


def _init_worker(settings: RunSettings) -> None:
    """Receive the settings once per worker process (not with every batch)."""
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _analyse_with_worker_settings(batch: list[Document]) -> Rows:
    assert _WORKER_SETTINGS is not None, "worker started without settings"
    return analyse_batch(batch, _WORKER_SETTINGS)
