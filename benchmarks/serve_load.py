"""Load on `audit serve`: latency, throughput, memory, and bad requests mixed in.

Starts ``audit serve`` (``--workers 2`` by default) on a free loopback port and sends
a bounded number of requests from ``--concurrency`` clients (asyncio, keep-alive):

- the seed article from one client, ``--alone`` times: a request's time without
  queueing;
- the seed article as JSON, ``--requests`` times (default 10,000): p50/p95/p99
  latency, requests/s, the server's CPU time per request, and its memory (resident
  set of every server process, added up) after the first 1,000 requests and after all;
- a 2,000-word article (NTREX-128 English news, paragraphs of a document) as JSON and
  a 50-unit XLIFF 1.2 file (NTREX-128 Arabic source, English target) as an upload,
  ``--other`` times each;
- ``--bad`` malformed or oversized requests (broken JSON, a body over the limit, an
  unknown content type, an unknown upload format, an article without ``target``)
  shuffled among as many seed requests again: each bad one must get its 4xx, and every
  good one 200 with the same body as before.

Targets on a 2-core machine: seed p99 <= 100 ms at 8 clients; no error and no memory
growth beyond 10% between 1,000 and 10,000 requests; the bad requests change nothing
for the others. Timings on a shared machine are noisy: note the load when quoting.

Reads NTREX-128 from ``../shared/data/ntrex-dev`` when present, else the excerpt in
tests/fixtures. Needs the ``serve`` extra, and Linux (memory and CPU come from /proc).

Run: ``.venv/bin/python benchmarks/serve_load.py [--requests 10000] [--concurrency 8]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

SEED = ROOT / "seeds" / "libya_geneva_talks.txt"
NTREX = ROOT.parent / "shared" / "data" / "ntrex-dev"
EXCERPT = ROOT / "tests" / "fixtures" / "ntrex-excerpt"
MAX_BODY = 4 * 1024 * 1024


def ntrex() -> tuple[list[str], list[str], list[str]]:
    folder = NTREX if (NTREX / "eng.txt").is_file() else EXCERPT
    read = lambda name: (folder / name).read_text(encoding="utf-8").splitlines()  # noqa: E731
    return read("eng.txt"), read("arb.txt"), read("doc_ids.txt")


def long_article(words: int = 2000) -> str:
    """NTREX English documents, three sentences a paragraph, until ``words`` words."""
    eng, _, ids = ntrex()
    paragraphs: list[str] = []
    count = 0
    current: list[str] = []
    previous = ids[0]
    for line, doc in zip(eng, ids):
        if current and (len(current) == 3 or doc != previous):
            paragraphs.append(" ".join(current))
            current = []
        previous = doc
        current.append(line.strip())
        count += len(line.split())
        if count >= words:
            break
    paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) + "\n"


def xliff(units: int = 50) -> bytes:
    eng, arb, _ = ntrex()
    body = "".join(
        f'      <trans-unit id="{i + 1}">\n'
        f"        <source>{escape(arb[i % len(arb)])}</source>\n"
        f"        <target>{escape(eng[i % len(eng)])}</target>\n"
        f"      </trans-unit>\n"
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file original="ntrex" source-language="ar" target-language="en" '
        'datatype="plaintext">\n    <body>\n'
        f"{body}    </body>\n  </file>\n</xliff>\n"
    ).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`audit serve` as a child process, with its memory."""

    def __init__(self, workers: int):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "audit", "serve", "--port", str(self.port)]
            + ["--workers", str(workers), "--max-body", str(MAX_BODY)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("audit serve did not start")
            time.sleep(0.2)
        self.workers = workers

    def processes(self) -> list[int]:
        """The server's process and its descendants (uvicorn's workers), from /proc."""
        parents: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                parents.setdefault(ppid, []).append(int(entry))
        out = [self.process.pid]
        for pid in out:
            out.extend(parents.get(pid, []))
        return out

    def _status(self, field: str) -> int:
        """A /proc/PID/status field in bytes (VmRSS, VmHWM), added up over the processes."""
        total = 0
        for pid in self.processes():
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith(field + ":"):
                            total += int(line.split()[1]) * 1024
            except OSError:
                pass
        return total

    def rss(self) -> int:
        return self._status("VmRSS")

    def peak(self) -> int:
        """Peak resident set (VmHWM) of every server process, added up."""
        return self._status("VmHWM")

    def cpu(self) -> float:
        """CPU seconds (user + system) the server's processes have used so far."""
        ticks = 0
        for pid in self.processes():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
            except (OSError, IndexError, ValueError):
                pass
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


Request = dict[str, Any]  # httpx.AsyncClient.request keyword arguments


async def run(
    url: str, requests: list[Request], concurrency: int
) -> list[tuple[float, int, bytes]]:
    """Send ``requests`` from ``concurrency`` clients; (seconds, status, body) each, in order."""
    results: list[tuple[float, int, bytes]] = [(0.0, 0, b"")] * len(requests)
    queue = iter(range(len(requests)))

    async def client() -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
            for i in queue:
                start = time.perf_counter()
                try:
                    response = await http.request(**requests[i])
                    results[i] = (
                        time.perf_counter() - start,
                        response.status_code,
                        response.content,
                    )
                except httpx.TransportError as exc:
                    results[i] = (time.perf_counter() - start, -1, repr(exc).encode())

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return results


def latency_row(name: str, results: list[tuple[float, int, bytes]], seconds: float) -> str:
    times = sorted(t for t, _, _ in results)
    q = statistics.quantiles(times, n=100, method="inclusive")
    errors = sum(1 for _, status, _ in results if status != 200)
    return (
        f"| {name} | {len(results):,} | {q[49] * 1000:.1f} | {q[94] * 1000:.1f} | "
        f"{q[98] * 1000:.1f} | {len(results) / seconds:.1f} | {errors} |"
    )


def timed(url: str, requests: list[Request], concurrency: int) -> tuple[list[Any], float]:
    start = time.perf_counter()
    results = asyncio.run(run(url, requests, concurrency))
    return results, time.perf_counter() - start


def bad_requests(count: int) -> list[tuple[Request, int]]:
    kinds: list[tuple[Request, int]] = [
        ({"method": "POST", "url": "/v1/check", "content": b'{"target": "unfinished',
          "headers": {"content-type": "application/json"}}, 400),
        ({"method": "POST", "url": "/v1/check",
          "json": {"target": "x" * (MAX_BODY + 1)}}, 413),
        ({"method": "POST", "url": "/v1/check", "content": b"plain text",
          "headers": {"content-type": "text/plain"}}, 415),
        ({"method": "POST", "url": "/v1/check", "files": {"file": ("a.docx", b"PK\x03\x04")}}, 415),
        ({"method": "POST", "url": "/v1/check", "json": {"id": "no target"}}, 400),
    ]  # fmt: skip
    return [kinds[i % len(kinds)] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="seed requests")
    parser.add_argument("--other", type=int, default=200, help="long-article and XLIFF requests")
    parser.add_argument("--bad", type=int, default=100, help="bad requests mixed in")
    parser.add_argument("--alone", type=int, default=200, help="seed requests from one client")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    seed = {"method": "POST", "url": "/v1/check",
            "json": {"id": "seed", "target": SEED.read_text(encoding="utf-8")}}  # fmt: skip
    article = long_article()
    long = {"method": "POST", "url": "/v1/check", "json": {"id": "long", "target": article}}
    xlf = {"method": "POST", "url": "/v1/check", "files": {"file": ("ntrex.xlf", xliff())}}

    server = Server(args.workers)
    try:
        asyncio.run(run(server.url, [seed] * 50, args.concurrency))  # warm up every worker
        rows = []
        alone, seconds = timed(server.url, [seed] * args.alone, 1)
        rows.append(latency_row("seed article, 1 client", alone, seconds))
        first = min(1000, args.requests)
        cpu_start = server.cpu()
        results, seconds = timed(server.url, [seed] * first, args.concurrency)
        rss_1k = server.rss()
        more, more_seconds = timed(server.url, [seed] * (args.requests - first), args.concurrency)
        rss_end = server.rss()
        cpu_per_request = (server.cpu() - cpu_start) / args.requests
        seed_results = results + more
        rows.append(latency_row("seed article (JSON)", seed_results, seconds + more_seconds))
        reference = seed_results[0][2]
        differing = sum(
            1 for _, status, body in seed_results if status == 200 and body != reference
        )

        long_results, seconds = timed(server.url, [long] * args.other, args.concurrency)
        rows.append(
            latency_row(f"{len(article.split()):,}-word article (JSON)", long_results, seconds)
        )
        xlf_results, seconds = timed(server.url, [xlf] * args.other, args.concurrency)
        rows.append(latency_row("50-unit XLIFF (upload)", xlf_results, seconds))

        bad = bad_requests(args.bad)
        mixed: list[tuple[Request, int]] = [(seed, 200)] * args.bad + bad
        random.Random(17).shuffle(mixed)
        mixed_results, seconds = timed(server.url, [r for r, _ in mixed], args.concurrency)
        wrong = [
            (expected, status)
            for (_, expected), (_, status, body) in zip(mixed, mixed_results)
            if status != expected or (expected == 200 and body != reference)
        ]
        good = [(t, s, b) for (_, e), (t, s, b) in zip(mixed, mixed_results) if e == 200]
        rows.append(latency_row("seed, among the bad requests", good, seconds))
        peak = server.peak()
    finally:
        server.stop()

    load = os.getloadavg()[0]
    print(f"audit serve, {args.workers} workers, {args.concurrency} concurrent loopback clients,"
          f" {os.cpu_count()} CPUs, load average {load:.1f} at the end\n")  # fmt: skip
    print("| requests | count | p50 ms | p95 ms | p99 ms | requests/s | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print()
    growth = (rss_end - rss_1k) / rss_1k * 100
    print(f"server memory (all processes): {rss_1k / 2**20:.1f} MiB after {first:,} seed "
          f"requests, {rss_end / 2**20:.1f} MiB after {args.requests:,} ({growth:+.1f}%); "
          f"peak {peak / 2**20:.1f} MiB")  # fmt: skip
    print(f"server CPU per seed request: {cpu_per_request * 1000:.1f} ms (all processes)")
    print(f"seed answers differing from the first: {differing}")
    print(f"bad requests: {args.bad}, each answered with its 4xx: "
          f"{'yes' if not [w for w in wrong if w[0] != 200] else 'no'}; good requests among them "
          f"answered 200 with the same body: {'yes' if not [w for w in wrong if w[0] == 200] else 'no'}"
          f"{'' if not wrong else f' (wrong: {wrong[:5]})'}")  # fmt: skip


if __name__ == "__main__":
    main()
