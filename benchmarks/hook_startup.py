"""How long a pre-publish hook waits for audit: whole processes, wall clock.

Times, as separate processes (a hook starts one per commit or per article):

- ``python -c "import audit"``: the package import alone;
- ``audit check SEED`` with the bundled glossaries: the whole hook;
- the same without the name-variant checks (N004, N005), which analyse every name
  in the text and cost more than the rest of the check together;
- translate-toolkit's ``pofilter`` on the same text as a PO file (one entry per
  paragraph, the paragraph as msgid and msgstr): the reference point. Target (issue 18): the
  whole ``audit check`` takes at most 1.5 times ``pofilter``'s time, or under 120 ms.

Each command runs once to warm the file cache, then ``--runs`` times; the minimum (the
run least disturbed by other processes) and the median wall-clock and CPU times are
printed, with the load average. Timings on a shared or busy machine are noisy: compare
the minimums, and re-run before drawing conclusions. ``audit`` runs the console
script's code (``audit.cli:run``) from this checkout (not an installed copy), with
bytecode caching on, as an installed package has it.

Run: ``.venv/bin/python benchmarks/hook_startup.py [--runs 9]`` (``make test``
installs pofilter through the ``bench`` extra; without it that row is skipped).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "libya_geneva_talks.txt"


def po_from_text(text: str) -> str:
    """The article as a PO catalogue: one entry per paragraph."""

    def quote(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
    )
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    entries = [f"msgid {quote(p)}\nmsgstr {quote(p)}\n" for p in paragraphs]
    return header + "\n".join(entries)


class Timing(NamedTuple):
    """Wall-clock and CPU seconds (user + system, of the child process) over the runs."""

    wall_min: float
    wall_median: float
    cpu_min: float
    cpu_median: float


def time_command(argv: list[str], runs: int, cwd: Path) -> Timing:
    """Time ``runs`` runs of ``argv`` after one warm-up (which also writes the bytecode
    cache). CPU time is steadier than wall-clock time on a busy machine."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(argv, cwd=cwd, capture_output=True, check=False, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return Timing(min(walls), statistics.median(walls), min(cpus), statistics.median(cpus))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    # The console script's code (pyproject.toml: audit = "audit.cli:run"), from this checkout.
    audit_exe = [sys.executable, "-c", "import sys; from audit.cli import run; sys.exit(run())"]
    pofilter = shutil.which("pofilter", path=str(bindir)) or shutil.which("pofilter")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        po = work / "seed.po"
        po.write_text(po_from_text(SEED.read_text(encoding="utf-8")), encoding="utf-8")
        rows: list[tuple[str, list[str] | None]] = [
            ("python -c pass (interpreter start)", [sys.executable, "-c", "pass"]),
            ('python -c "import audit"', [sys.executable, "-c", "import audit"]),
            (
                "audit check SEED (bundled glossaries)",
                [*audit_exe, "check", str(SEED), "--exit-zero", "--no-progress"],
            ),
            (
                "  the same without N004/N005 (name variants)",
                [
                    *audit_exe,
                    "check",
                    str(SEED),
                    "--exit-zero",
                    "--no-progress",
                    "--ignore",
                    "N004,N005",
                ],
            ),
            (
                "pofilter SEED.po (all default checks)",
                [pofilter, "--progress=none", str(po), str(work / "out.po")] if pofilter else None,
            ),
        ]
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average before: {load} ({os.cpu_count()} CPUs)")
        print(
            f"{'command':<42} {'wall min':>9} {'cpu min':>9} {'wall med':>9} {'cpu med':>9}"
            f"   ({args.runs} runs)"
        )
        results: dict[str, Timing] = {}
        for label, argv in rows:
            if argv is None:
                print(f"{label:<42} {'skipped: not installed (make test installs it)':>20}")
                continue
            t = time_command(argv, args.runs, ROOT)
            results[label] = t
            print(
                f"{label:<42} {t.wall_min * 1000:>7.0f}ms {t.cpu_min * 1000:>7.0f}ms"
                f" {t.wall_median * 1000:>7.0f}ms {t.cpu_median * 1000:>7.0f}ms"
            )
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average after: {load}")
    audit_t = results.get("audit check SEED (bundled glossaries)")
    po_t = results.get("pofilter SEED.po (all default checks)")
    if audit_t and po_t:
        for what, a, p in (
            ("wall min", audit_t.wall_min, po_t.wall_min),
            ("cpu min", audit_t.cpu_min, po_t.cpu_min),
        ):
            ratio = a / p
            verdict = "meets" if ratio <= 1.5 or a < 0.120 else "misses"
            print(
                f"audit check / pofilter ({what}) = {ratio:.2f} ({a * 1000:.0f} ms): {verdict}"
                " the target of at most 1.5x pofilter or under 120 ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
