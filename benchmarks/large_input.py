"""Peak memory and time of ``audit check`` on one large file: JSON Lines and plain text.

Run:   .venv/bin/python benchmarks/large_input.py [--mb 200] [--jobs 1] [--only jsonl|text]

Builds two files of about ``--mb`` megabytes from real news (NTREX-128,
``../shared/data/ntrex-dev``, CC BY-SA 4.0; Arabic source, English target):

- ``large.jsonl``: one bilingual record per article (``id``, ``source``, ``target``,
  languages), the articles repeated with numbered ids until the size is reached;
- ``large.txt``: the English articles one after another, separated by blank lines.

Each is audited by ``audit check FILE --format jsonl`` in its own process (default
checks, bundled glossaries). Printed: size, wall and CPU seconds, megabytes and target
words per second, findings, and peak resident memory of the process and its workers.
Files over 8 MiB are streamed (a JSON Lines record, or a part of about 256 KiB of text
ending at a blank line, at a time), so peak memory should stay near that of a small
input however large the file.
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


def build(data: Path, folder: Path, size: int) -> tuple[Path, Path, int, int]:
    docs = articles(data)
    jsonl, text = folder / "large.jsonl", folder / "large.txt"
    jsonl_words = text_words = 0
    with jsonl.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < size:
            doc_id, src, tgt = docs[n % len(docs)]
            record = {
                "id": f"{doc_id}#{n // len(docs)}",
                "source_lang": "ar",
                "target_lang": "en",
                "source": src,
                "target": tgt,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            jsonl_words += len(tgt.split())
            n += 1
    with text.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < size:
            tgt = docs[n % len(docs)][2]
            out.write(tgt + "\n\n")
            text_words += len(tgt.split())
            n += 1
    return jsonl, text, jsonl_words, text_words


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--mb", type=float, default=200.0, help="size of each file in megabytes (default 200)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="audit --jobs (default 1: one process)")
    parser.add_argument(
        "--only", choices=("jsonl", "text"), help="audit only this one of the two large files"
    )
    args = parser.parse_args()
    if not (args.data / "doc_ids.txt").exists():
        raise SystemExit(f"NTREX-128 not found in {args.data} (use --data DIR)")
    audit = str(Path(sys.executable).parent / "audit")
    with tempfile.TemporaryDirectory(prefix="audit-large-") as tmp:
        folder = Path(tmp)
        jsonl, text, jsonl_words, text_words = build(args.data, folder, int(args.mb * 1_000_000))
        small = folder / "small.txt"
        small.write_text(articles(args.data)[0][2] + "\n", encoding="utf-8")
        print(
            f"{'input':34} {'MB':>7} {'wall s':>7} {'CPU s':>7} {'MB/s':>6} {'words/s':>9} "
            f"{'findings':>9} {'peak MiB':>9}"
        )
        inputs = [
            ("one article (plain text, baseline)", small, len(small.read_text().split()), None),
            ("JSON Lines, bilingual ar->en", jsonl, jsonl_words, "jsonl"),
            ("plain text, en", text, text_words, "text"),
        ]
        for label, path, words, kind in inputs:
            if args.only and kind not in (None, args.only):
                continue
            out = folder / "out.jsonl"
            wall, cpu, rss, status = measure(
                [
                    audit,
                    "check",
                    str(path),
                    "--format",
                    "jsonl",
                    "--exit-zero",
                    "--no-progress",
                    "--jobs",
                    str(args.jobs),
                ],
                out,
            )
            if status != 0:
                raise SystemExit(f"audit check {path.name} failed with exit status {status}")
            mb = path.stat().st_size / 1_000_000
            with out.open(encoding="utf-8") as f:
                findings = sum(1 for _ in f)
            print(
                f"{label:34} {mb:7.1f} {wall:7.1f} {cpu:7.1f} {mb / wall:6.2f} {words / wall:9,.0f} "
                f"{findings:9,} {rss:9.0f}"
            )
            out.unlink()


if __name__ == "__main__":
    main()
