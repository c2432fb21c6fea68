"""Throughput of ``audit check`` against translate-toolkit's ``pofilter`` on the same PO files.

Run:   .venv/bin/python benchmarks/throughput_vs_pofilter.py [--copies 4] [--jobs 1 0] [--repeat 1]

The corpus is real news: NTREX-128 (``../shared/data/ntrex-dev``, CC BY-SA 4.0; news
articles written in English and professionally translated into Arabic, Spanish, French,
German, Russian, Persian and Hebrew). Every article becomes one PO file per direction,
English into each of the seven languages and each of them into English (14 directions),
one PO entry per sentence; ``--copies`` copies of the whole set (in separate folders) make
the corpus pass a million target words. Both tools read the same folder in the same run,
one after the other, each as a separate process:

- ``audit check DIR --format jsonl`` with the default checks and the bundled glossaries,
  once for each ``--jobs`` value (1: one process; 0: audit's automatic choice);
- ``pofilter -i DIR -o OUT`` with its default checks (translate-toolkit, ``bench`` extra).

Printed per run: wall and CPU seconds (the process and its children), target words per
second by wall time and by CPU time, peak memory (the largest of the process and its workers) and the ratio to
pofilter. Words are whitespace-separated tokens of the target text (``msgstr``); the
source text is read and checked too. The copies repeat text, so figures for audit include
the per-process caches of word normalization that repeated words hit (pofilter has none
to hit); ``--copies 1`` shows the figures on text seen once.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
LANGUAGES = {
    "eng": "en",
    "arb": "ar",
    "spa": "es",
    "fra": "fr",
    "deu": "de",
    "rus": "ru",
    "fas": "fa",
    "heb": "he",
}


def po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def build_corpus(data: Path, out: Path, copies: int) -> tuple[int, int, int]:
    """Write the PO files; return (files, target words, source words)."""
    read = {
        code: (data / f"{code}.txt").read_text(encoding="utf-8").splitlines() for code in LANGUAGES
    }
    ids = (data / "doc_ids.txt").read_text(encoding="utf-8").splitlines()
    rows: dict[str, list[int]] = {}
    for i, doc_id in enumerate(ids):
        rows.setdefault(doc_id, []).append(i)
    directions = [("eng", x) for x in LANGUAGES if x != "eng"] + [
        (x, "eng") for x in LANGUAGES if x != "eng"
    ]
    files = target_words = source_words = 0
    for copy in range(copies):
        for src, tgt in directions:
            folder = out / f"copy{copy}" / f"{src}-{tgt}"
            folder.mkdir(parents=True)
            for n, (doc_id, lines) in enumerate(rows.items()):
                entries = [
                    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    f'"Language: {LANGUAGES[tgt]}\\n"\n'
                ]
                for i in lines:
                    source, target = read[src][i].strip(), read[tgt][i].strip()
                    if not source or not target:
                        continue
                    entries.append(
                        f"msgctxt {po_quote(f'{doc_id}:{i}')}\nmsgid {po_quote(source)}\n"
                        f"msgstr {po_quote(target)}\n"
                    )
                    target_words += len(target.split())
                    source_words += len(source.split())
                (folder / f"{n:03d}.po").write_text("\n".join(entries), encoding="utf-8")
                files += 1
    return files, target_words, source_words


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--copies", type=int, default=4, help="copies of the 14-direction set (default 4)"
    )
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 0], help="audit --jobs values to run"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each command; the fastest is kept"
    )
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args()
    if not (args.data / "doc_ids.txt").exists():
        raise SystemExit(f"NTREX-128 not found in {args.data} (use --data DIR)")
    bindir = Path(sys.executable).parent
    audit = shutil.which("audit", path=str(bindir))
    pofilter = shutil.which("pofilter", path=str(bindir)) or shutil.which("pofilter")
    if audit is None:
        raise SystemExit("audit is not installed in this environment (make install)")

    work = Path(tempfile.mkdtemp(prefix="audit-throughput-"))
    corpus = args.keep or work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    files, target_words, source_words = build_corpus(args.data, corpus, args.copies)
    size = sum(p.stat().st_size for p in corpus.rglob("*.po"))
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} processors, "
        f"Python {platform.python_version()}"
    )
    print(
        f"corpus: NTREX-128 dev, {args.copies} copies x 14 directions x 63 articles = {files} PO files, "
        f"{size / 2**20:.1f} MiB, {target_words:,} target words, {source_words:,} source words"
    )

    runs: list[tuple[str, list[str]]] = [
        (
            f"audit check --jobs {j}",
            [
                audit,
                "check",
                str(corpus),
                "--exit-zero",
                "--no-progress",
                "--format",
                "jsonl",
                "--jobs",
                str(j),
            ],
        )
        for j in args.jobs
    ]
    if pofilter:
        runs.append(
            (
                "pofilter (default checks)",
                [pofilter, "--progress=none", "-i", str(corpus), "-o", str(work / "pofilter-out")],
            )
        )
    else:
        print("pofilter not installed (install the bench extra); its row is skipped")

    results: dict[str, tuple[float, float, float, int]] = {}
    for _ in range(args.repeat):
        for name, command in runs:
            if name.startswith("pofilter"):
                shutil.rmtree(work / "pofilter-out", ignore_errors=True)
            result = tuple(measure(command, work / "stdout"))
            # audit runs with --exit-zero, so any other status is a failure (a run that
            # measured nothing); pofilter exits 1 when it finds something
            if result[3] not in ((0,) if name.startswith("audit") else (0, 1)):
                raise SystemExit(f"{name} failed with exit status {result[3]}: {' '.join(command)}")
            if name.startswith("audit"):
                findings = sum(1 for _ in (work / "stdout").open(encoding="utf-8"))
                result = (*result[:3], findings)
            if name not in results or result[0] < results[name][0]:
                results[name] = result
    print(
        f"\n{'run':28} {'wall s':>8} {'CPU s':>8} {'words/s wall':>13} {'words/s CPU':>12} "
        f"{'peak MiB':>9} {'vs pofilter (wall, CPU)':>24}"
    )
    base = results.get("pofilter (default checks)")
    for name, (wall, cpu, rss, _extra) in results.items():
        ratio = f"{base[0] / wall:.2f}x, {base[1] / cpu:.2f}x" if base else "-"
        print(
            f"{name:28} {wall:8.1f} {cpu:8.1f} {target_words / wall:13,.0f} {target_words / cpu:12,.0f} "
            f"{rss:9.0f} {ratio:>24}"
        )
    for name, (_wall, _cpu, _rss, extra) in results.items():
        if name.startswith("audit"):
            print(f"{name}: {extra:,} findings")
    if base:
        # the targets: at least 3x pofilter's throughput in one process, 5x with workers
        for name, (wall, cpu, _rss, _extra) in results.items():
            if name.startswith("audit"):
                target = 3 if name.endswith("--jobs 1") else 5
                ratio = base[0] / wall
                print(
                    f"{name}: {ratio:.2f}x pofilter by wall, {base[1] / cpu:.2f}x by CPU; "
                    f"target {target}x by wall: {'met' if ratio >= target else 'missed'}"
                )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
