"""The local process pool and a real Dask cluster produce exactly the same tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests import corpus_helpers as corpus

TABLES = (
    "findings",
    "documents",
    "mentions",
    "spellings",
    "weekly",
    "checks",
    "groups",
    "comparison",
    "variant_changes",
)
SORT_KEYS = {
    "findings": ["path", "document", "side", "start", "end", "code", "fingerprint"],
    "documents": ["path", "document"],
    "mentions": ["path", "document", "entity", "spelling", "role"],
}


def canonical(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows in a deterministic order, whatever order the engine produced them in."""
    keys = SORT_KEYS.get(name, list(frame.columns))
    return frame.sort_values(keys, kind="mergesort").reset_index(drop=True)


def run(cli, source: Path, out: Path, *engine: str) -> Path:
    result = cli(
        "report",
        str(source),
        "--since",
        "2020-01-13",
        "--until",
        "2020-01-26",
        "--by",
        "translator",
        "--batch-size",
        "7",
        *engine,
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    return out


def assert_same_tables(a: Path, b: Path) -> None:
    for name in TABLES:
        left = canonical(pd.read_parquet(a / f"{name}.parquet"), name)
        right = canonical(pd.read_parquet(b / f"{name}.parquet"), name)
        assert len(left) > 0, name
        pd.testing.assert_frame_equal(left, right, check_exact=True, obj=name)
    assert (a / "report.html").read_text(encoding="utf-8") == (b / "report.html").read_text(
        encoding="utf-8"
    )


def test_local_pool_and_dask_cluster_agree(cli, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    source = corpus.write(tmp_path / "corpus", documents=45)
    local = run(cli, source, tmp_path / "local", "--engine", "local", "--jobs", "2")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster) as client:
            dask = run(
                cli,
                source,
                tmp_path / "dask",
                "--engine",
                "dask",
                "--scheduler",
                cluster.scheduler_address,
            )
            ran_on = {worker for worker, n in client.run(_batches_computed).items() if n}
    assert len(ran_on) == 2  # both worker processes took batches
    assert_same_tables(local, dask)
    single = run(cli, source, tmp_path / "single", "--engine", "local", "--jobs", "1")
    assert_same_tables(local, single)


def _batches_computed(dask_worker) -> int:  # runs on each worker
    """Batches this worker computed, from its transition log."""
    return sum(
        1
        for entry in dask_worker.state.log
        if len(entry) > 1
        and entry[1] == "compute-task"
        and str(entry[0]).startswith("analyse_batch")
    )


def test_dask_engine_starts_its_own_local_cluster(cli, tmp_path):
    pytest.importorskip("dask.distributed")
    source = corpus.write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": f"d{i}", "date": "2020-01-20", "target": f"Salama met Hifter ({i}) in Geneva."}
            for i in range(6)
        ],
    )
    out = tmp_path / "out"
    result = cli(
        "report",
        str(source),
        "--engine",
        "dask",
        "--jobs",
        "2",
        "--batch-size",
        "2",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    spellings = pd.read_parquet(out / "spellings.parquet")
    assert dict(zip(spellings["spelling"], spellings["count"]))["Hifter"] == 6


def test_unreachable_scheduler_is_a_one_line_error(cli, tmp_path):
    pytest.importorskip("dask.distributed")
    import dask

    source = corpus.write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "date": "2020-01-20", "target": "Hifter"}]
    )
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = cli(
            "report",
            str(source),
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:9",
            "-o",
            str(tmp_path / "out"),
        )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "audit: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    )
