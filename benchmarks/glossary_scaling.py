"""Glossary scaling: load time (cold and cached), matching throughput and peak memory
at 1k, 10k, 100k and 1M entries.

Glossaries are generated from real name spellings (../shared/data/translit-variants-dev.tsv,
CC0): each entry is a two-word name with one variant spelling of its surname, written
as a TSV glossary (the import format a large termbase would use). Each size runs in
fresh processes so that memory and caches are measured honestly:

- cold: parse, validate, build the matcher, with an empty cache directory;
- cached: the same in a new process, reading the compiled glossary from the cache
  (entries are built on first use, so the first scan, shown apart, builds the few it finds);
- matching: words per second of ``GlossaryMatcher.find`` over real news text
  (../shared/data/ntrex-dev/eng.txt, CC BY-SA 4.0) with names from the glossary mixed in;
- peak memory: maximum resident set size of the process that loaded and matched.

    .venv/bin/python benchmarks/glossary_scaling.py [--sizes 1000 10000 100000 1000000] [--yaml] [--index]

``--yaml`` writes the glossaries as YAML, the format people maintain by hand, whose
cold load (the line-keeping YAML loader) costs more than TSV's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from glossary_matching import make_glossary, make_text, spellings  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from audit.glossary import GlossaryMatcher
from audit.glossary.compiled import load_compiled
t0, c0 = time.perf_counter(), time.process_time()
matcher = load_compiled([sys.argv[1]])
load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
text = open(sys.argv[2], encoding="utf-8").read()
words = len(text.split())
t0 = time.perf_counter()
matcher.find(text)
first = time.perf_counter() - t0
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    n = len(matcher.find(text))
    best = min(best, time.perf_counter() - t0)
index_cpu = None
if len(sys.argv) > 3:  # --index: N005's fuzzy index of the glossary, built as a check builds it
    from audit.names.analysis import _comparer, _index
    c0 = time.process_time()
    _index(matcher, _comparer(None, "en"))
    index_cpu = time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"index_cpu": index_cpu, "load": load, "load_cpu": load_cpu, "first": first, "words_per_s": words / best, "matches": n, "rss_mib": rss}))
"""


def write_tsv(path: Path, size: int, names: list[str]) -> None:
    glossary = make_glossary(names, size)
    with path.open("w", encoding="utf-8") as f:
        f.write("id\tcanonical\tkind\tvariants\n")
        for e in glossary.entries:
            f.write(f"{e.id}\t{e.canonical}\tperson\t{e.variants[0].form}\n")
    return glossary


def write_yaml(path: Path, size: int, names: list[str]) -> None:
    glossary = make_glossary(names, size)
    with path.open("w", encoding="utf-8") as f:
        f.write("entries:\n")
        for e in glossary.entries:
            f.write(
                f"  - id: {json.dumps(e.id)}\n    canonical: {json.dumps(e.canonical)}\n"
                f"    kind: person\n    variants: [{json.dumps(e.variants[0].form)}]\n"
            )
    return glossary


def run_child(glossary: Path, text: Path, cache: Path, index: bool = False) -> dict:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(cache)}
    env.pop("AUDIT_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(glossary), str(text), *(["index"] if index else [])],
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(f"benchmark child failed:\n{out.stderr}")
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--yaml", action="store_true", help="YAML glossaries instead of TSV")
    parser.add_argument(
        "--index",
        action="store_true",
        help="also build N005's fuzzy name index in the cached process (CPU seconds; its peak counts)",
    )
    args = parser.parse_args()
    names = spellings()
    print(
        f"{'entries':>9} {'cold load s (CPU)':>17} {'cached s (CPU)':>14} {'1st scan s':>10} {'words/s':>11} {'matches':>8} {'peak MiB':>9}"
    )
    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            gpath = Path(tmp) / f"g{size}.{'yaml' if args.yaml else 'tsv'}"
            glossary = (write_yaml if args.yaml else write_tsv)(gpath, size, names)
            tpath = Path(tmp) / f"t{size}.txt"
            tpath.write_text(make_text(args.words, glossary), encoding="utf-8")
            cache = Path(tmp) / f"cache{size}"
            cold = run_child(gpath, tpath, cache)
            warm = run_child(gpath, tpath, cache, args.index)
            rates[size] = warm["words_per_s"]
            print(
                f"{size:>9} {cold['load']:>8.2f} ({cold['load_cpu']:>5.2f}) {warm['load']:>6.2f} ({warm['load_cpu']:>5.2f}) "
                f"{warm['first']:>10.2f} {warm['words_per_s']:>11,.0f} "
                f"{warm['matches']:>8} {max(cold['rss_mib'], warm['rss_mib']):>9.0f}"
                + (f"  index {warm['index_cpu']:.2f} s CPU" if args.index else "")
            )
    if 1000 in rates and 100_000 in rates:
        print(
            f"matching throughput at 100k entries = {rates[100_000] / rates[1000]:.2f} x that at 1k"
        )


if __name__ == "__main__":
    main()
