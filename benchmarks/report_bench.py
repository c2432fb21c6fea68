"""Throughput and peak memory of `audit report` on a 10,000-document corpus.

    .venv/bin/python benchmarks/report_bench.py                 # 10,000 documents, all three set-ups
    .venv/bin/python benchmarks/report_bench.py --documents 2000 --setups local-1,dask-2

The corpus is generated once (``audit.corpus.synth``) from real text: NTREX-128 news
documents from ``../shared/data/ntrex-dev`` (falling back, with a note, to the excerpt
in ``tests/fixtures``) and the seed article, with injected name variants, debris and
simulated back-translations, dated over three weeks. Each set-up runs the whole report
(discovery, audit, streamed tables, aggregation, HTML) in a fresh process and prints:

- documents per second (whole run, wall clock);
- peak resident memory of the run's main process, and the largest peak among its
  worker processes (``resource.getrusage`` max RSS of self and of children).

Then ``audit check`` audits the same corpus folder (``--format text --jobs 1``, this
checkout's copy, in its own process) and the report's time is printed as a multiple of
it: the target is at most 1.2 (the report spends its time auditing, not aggregating).

Timings on a shared or busy machine are noisy: run it on an idle one and compare set-ups
within one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_NTREX = ROOT.parent / "shared" / "data" / "ntrex-dev"
EXCERPT = ROOT / "tests" / "fixtures" / "ntrex-excerpt"
SETUPS = {"local-1": ("local", 1), "local-2": ("local", 2), "dask-2": ("dask", 2)}
TARGET_RATIO = 1.2  # audit report at most this many times audit check on the same documents


def time_check(corpus: Path, out: Path) -> tuple[float, float, int, float]:
    """Wall and CPU seconds, documents and peak MiB of ``audit check`` on the corpus."""
    command = [sys.executable, "-m", "audit", "check", str(corpus), "--format", "text"]
    command += ["--exit-zero", "--no-progress", "--jobs", "1"]
    wall, cpu, peak, status = measure(command, out, cwd=ROOT)
    if status != 0:
        raise SystemExit(f"audit check exited {status}")
    last = out.read_text(encoding="utf-8").splitlines()[-1]
    found = re.search(r"in (\d+) documents?\.", last)
    return wall, cpu, int(found.group(1)) if found else -1, peak


def make_corpus(folder: Path, documents: int) -> str:
    sys.path.insert(0, str(ROOT))
    from audit.corpus.synth import generate, load_ntrex, write_corpus

    source = SHARED_NTREX if (SHARED_NTREX / "eng.txt").is_file() else EXCERPT
    note = (
        ""
        if source == SHARED_NTREX
        else " (../shared/data/ntrex-dev not found: using the small test excerpt)"
    )
    news = load_ntrex(source)
    counts = write_corpus(generate(documents, dt.date(2020, 1, 6), 21, news, seed=1), folder)
    return (
        f"{counts['jsonl']} JSON Lines records + {counts['text']} text files, "
        f"news text from {len(news)} documents in {source}{note}"
    )


def run_one(engine: str, workers: int, corpus: str, out: str) -> None:
    """One report in this process; prints a JSON line with the figures."""
    import resource

    from audit.config import AuditConfig
    from audit.corpus import EngineOptions, ReportOptions, build_report

    start = time.perf_counter()
    options = ReportOptions(engine=EngineOptions(engine=engine, jobs=workers, batch_size=50))
    result = build_report([corpus], AuditConfig.create(), out, options)
    wall = time.perf_counter() - start
    # the whole process (start-up and imports included, as for audit check) and workers
    cpu = sum(
        u.ru_utime + u.ru_stime
        for u in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "documents": result.documents,
                "findings": result.findings,
                "seconds": wall,
                "cpu": cpu,
                "main_mib": own,
                "worker_mib": children,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument(
        "--setups", default=",".join(SETUPS), help=f"comma-separated, from {', '.join(SETUPS)}"
    )
    parser.add_argument(
        "--run-one", nargs=4, metavar=("ENGINE", "WORKERS", "CORPUS", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.run_one:
        engine, workers, corpus, out = args.run_one
        run_one(engine, int(workers), corpus, out)
        return
    with tempfile.TemporaryDirectory(prefix="audit-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        print(f"corpus: {args.documents} documents; {make_corpus(corpus, args.documents)}")
        print(
            f"{'set-up':<10} {'documents':>9} {'findings':>9} {'seconds':>8} {'CPU s':>7} "
            f"{'docs/s':>8} {'main MiB':>9} {'worker MiB':>10}"
        )
        seconds: dict[str, float] = {}
        documents_of: dict[str, int] = {}
        cpu_of: dict[str, float] = {}
        for name in args.setups.split(","):
            engine, workers = SETUPS[name]
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--run-one",
                    engine,
                    str(workers),
                    str(corpus),
                    str(Path(tmp) / f"out-{name}"),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if proc.returncode != 0:
                print(f"{name:<10} failed:\n{proc.stderr[-2000:]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            worker = "in-process" if (engine, workers) == ("local", 1) else f"{r['worker_mib']:.0f}"
            print(
                f"{name:<10} {r['documents']:>9} {r['findings']:>9} {r['seconds']:>8.1f} "
                f"{r['cpu']:>7.1f} {r['documents'] / r['seconds']:>8.1f} {r['main_mib']:>9.0f} "
                f"{worker:>10}",
                flush=True,
            )
            seconds[name] = r["seconds"]
            cpu_of[name] = r["cpu"]
            documents_of[name] = r["documents"]
        wall, cpu, documents, peak = time_check(corpus, Path(tmp) / "check.txt")
        print(
            f"{'check -j1':<10} {documents:>9} {'':>9} {wall:>8.1f} {cpu:>7.1f} "
            f"{documents / wall:>8.1f} {peak:>9.0f} {'in-process':>10}"
        )
        if "local-1" in seconds:
            # per document: the report audits the documents of its two periods only
            # wall clock, and CPU time, which a shared machine disturbs less
            for what, report_s, check_s in (
                ("wall", seconds["local-1"], wall),
                ("CPU", cpu_of["local-1"], cpu),
            ):
                ratio = (report_s / documents_of["local-1"]) / (check_s / documents)
                verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
                print(
                    f"report local-1 / check -j1, {what} seconds per document: {ratio:.2f}x "
                    f"(target <= {TARGET_RATIO}x: {verdict})"
                )


if __name__ == "__main__":
    main()
