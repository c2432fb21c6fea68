"""Peak memory and time of ``audit check`` on large files, in every output format.

Run:   python benchmarks/large_input.py [--mb 1 2 4] [--only seed|seedjsonl|jsonl|text]
                                        [--formats json sarif ...] [--jobs 1]

Builds files of each ``--mb`` size (doubling sizes show growth: peak memory must stay
flat while the findings double). A text file up to 4 MiB (``STREAM_BYTES`` in
``audit/formats/stream.py``) is one document, read and audited whole, so the largest
such file (``--mb 4.1``) is where a plain-text run peaks; larger files are read in parts.
The inputs:

- ``seed``: the seed article (``seeds/libya_geneva_talks.txt``) repeated, separated by
  blank lines: about 7,800 findings per megabyte (31 MB: about 240,000 findings);
- ``seedjsonl``: the seed as JSON Lines, one record per copy (ids ``seed#0``,
  ``seed#1``, ...: not in sorted order, so a file's findings are sorted on disk),
  the same findings per megabyte;
- ``jsonl``: one bilingual record per NTREX-128 article (``../shared/data/ntrex-dev``,
  CC BY-SA 4.0; Arabic source, English target), repeated with numbered ids;
- ``text``: the English NTREX articles one after another, separated by blank lines.

Each is audited by ``python -m audit check FILE --format FMT`` (this checkout's copy,
default checks, bundled glossaries) in its own process, once per output format.
Printed: size, wall and CPU seconds, findings, and the peak resident memory of the
process and its workers next to the target (300 MiB for any input size and any
number of findings, in every format).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
SEED = ROOT / "seeds" / "libya_geneva_talks.txt"
FORMATS = ("jsonl", "json", "sarif", "junit", "csv", "text", "github", "markdown", "grouped")
TARGET_MIB = 300


def articles(data: Path) -> list[tuple[str, str, str]]:
    """(id, Arabic source, English target) per NTREX article, sentences joined by spaces."""
    ids = (data / "doc_ids.txt").read_text(encoding="utf-8").splitlines()
    ara = (data / "arb.txt").read_text(encoding="utf-8").splitlines()
    eng = (data / "eng.txt").read_text(encoding="utf-8").splitlines()
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for doc_id, a, e in zip(ids, ara, eng):
        src, tgt = docs.setdefault(doc_id, ([], []))
        src.append(a.strip())
        tgt.append(e.strip())
    return [(d, "\n\n".join(s), "\n\n".join(t)) for d, (s, t) in docs.items()]


def build(kind: str, data: Path, path: Path, size: int) -> None:
    """Write a ``kind`` file of about ``size`` bytes at ``path``."""
    with path.open("w", encoding="utf-8") as out:
        if kind == "seed":
            seed = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
            while out.tell() < size:
                out.write(seed)
            return
        if kind == "seedjsonl":
            seed = SEED.read_text(encoding="utf-8")
            n = 0
            while out.tell() < size:
                out.write(json.dumps({"id": f"seed#{n}", "target": seed}, ensure_ascii=False))
                out.write("\n")
                n += 1
            return
        docs = articles(data)
        n = 0
        while out.tell() < size:
            doc_id, src, tgt = docs[n % len(docs)]
            if kind == "jsonl":
                record = {
                    "id": f"{doc_id}#{n // len(docs)}",
                    "source_lang": "ar",
                    "target_lang": "en",
                    "source": src,
                    "target": tgt,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(tgt + "\n\n")
            n += 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--mb", type=float, nargs="+", default=[1.0, 2.0, 4.0], help="sizes in megabytes"
    )
    parser.add_argument("--jobs", type=int, default=1, help="audit --jobs (default 1: one process)")
    parser.add_argument(
        "--only",
        choices=("seed", "seedjsonl", "jsonl", "text"),
        nargs="+",
        default=["seed", "seedjsonl", "jsonl"],
    )
    parser.add_argument("--formats", choices=FORMATS, nargs="+", default=list(FORMATS))
    args = parser.parse_args()
    if set(args.only) - {"seed", "seedjsonl"} and not (args.data / "doc_ids.txt").exists():
        raise SystemExit(f"NTREX-128 not found in {args.data} (use --data DIR)")
    print(
        f"{'input':9} {'MB':>6} {'format':9} {'wall s':>7} {'CPU s':>7} {'findings':>9} "
        f"{'peak MiB':>9} {'target':>7}"
    )
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="audit-large-") as tmp:
        folder = Path(tmp)
        for kind in args.only:
            for mb in args.mb:
                suffix = "jsonl" if kind.endswith("jsonl") else "txt"
                path = folder / f"large-{kind}.{suffix}"
                build(kind, args.data, path, int(mb * 1_000_000))
                findings = "-"
                for fmt in args.formats:
                    out = folder / "out"
                    command = [sys.executable, "-m", "audit", "check", str(path), "--format"]
                    command += [fmt, "--exit-zero", "--no-progress", "--jobs", str(args.jobs)]
                    wall, cpu, rss, status = measure(command, out, cwd=ROOT)
                    if status != 0:
                        raise SystemExit(f"audit check {path.name} --format {fmt}: exit {status}")
                    if fmt == "jsonl":
                        with out.open(encoding="utf-8") as f:
                            findings = f"{sum(1 for _ in f):,}"
                    worst = max(worst, rss)
                    print(
                        f"{kind:9} {path.stat().st_size / 1e6:6.1f} {fmt:9} {wall:7.1f} "
                        f"{cpu:7.1f} {findings:>9} {rss:9.0f} {'< ' + str(TARGET_MIB):>7}",
                        flush=True,
                    )
                    out.unlink()
                path.unlink()
    verdict = "met" if worst < TARGET_MIB else "NOT met"
    print(f"largest peak {worst:.0f} MiB: target < {TARGET_MIB} MiB {verdict}")


if __name__ == "__main__":
    main()
