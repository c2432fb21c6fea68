"""How long a pre-publish hook waits for audit: whole processes, wall clock.

Times, as separate processes (a hook starts one per commit or per article):

- ``python -c "import audit"``: the package import alone;
- ``audit check SEED`` with the bundled glossaries: the whole hook;
- the same without the name-variant checks (N004, N005), which analyse every name
  in the text and cost more than the rest of the check together;
- translate-toolkit's ``pofilter`` on the same text as a PO file (one entry per
  paragraph, the paragraph as msgid and msgstr): the reference point. Target: the
  whole ``audit check`` is at most as slow as ``pofilter``.

Each command runs once to warm the file cache, then ``--runs`` times; the median wall-clock
and CPU times are printed. Timings on a shared or busy machine are noisy: compare the
ratios, and re-run before drawing conclusions.

Run: ``.venv/bin/python benchmarks/hook_startup.py [--runs 9]`` (``make test``
installs pofilter through the ``bench`` extra; without it that row is skipped).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def time_command(argv: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds (user + system, of the child process)
    over ``runs`` runs, after one warm-up. CPU time is steadier on a busy machine."""
    subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    audit_exe = shutil.which("audit", path=str(bindir)) or shutil.which("audit")
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
                [audit_exe, "check", str(SEED), "--exit-zero", "--no-progress"]
                if audit_exe
                else None,
            ),
            (
                "  the same without N004/N005 (name variants)",
                [
                    audit_exe,
                    "check",
                    str(SEED),
                    "--exit-zero",
                    "--no-progress",
                    "--ignore",
                    "N004,N005",
                ]
                if audit_exe
                else None,
            ),
            (
                "pofilter SEED.po (all default checks)",
                [pofilter, "--progress=none", str(po), str(work / "out.po")] if pofilter else None,
            ),
        ]
        print(f"{'command':<42} {'wall':>9} {'cpu':>9}   (medians of {args.runs} runs)")
        results: dict[str, tuple[float, float]] = {}
        for label, argv in rows:
            if argv is None:
                print(f"{label:<42} {'skipped: not installed (make test installs it)':>20}")
                continue
            wall, cpu = time_command(argv, args.runs, ROOT)
            results[label] = (wall, cpu)
            print(f"{label:<42} {wall * 1000:>7.0f}ms {cpu * 1000:>7.0f}ms")
    audit_t = results.get("audit check SEED (bundled glossaries)")
    po_t = results.get("pofilter SEED.po (all default checks)")
    if audit_t and po_t:
        for i, what in enumerate(("wall", "cpu")):
            ratio = audit_t[i] / po_t[i]
            verdict = "meets" if ratio <= 1 else "misses"
            print(
                f"audit check / pofilter ({what}) = {ratio:.2f}: {verdict} the target of at most 1.00"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
