"""Glossary matching speed against glossary size: one pass over the text at any size.

Builds glossaries of 1k, 10k and 100k entries (--sizes) from real name spellings
(../shared/data/translit-variants-dev.tsv, CC0: two-word names, each with one variant
spelling), builds the matcher, and scans real news text (../shared/data/ntrex-dev/eng.txt,
CC BY-SA 4.0, repeated to --words words) with names from the glossary sprinkled in.
Prints build time, words per second and matches per size, and the throughput at the
largest size relative to the smallest.

    .venv/bin/python benchmarks/glossary_matching.py [--sizes 1000 10000 100000] [--words 200000]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import sys
import time
from pathlib import Path

from audit.glossary import Entry, Glossary, GlossaryMatcher, Variant
from audit.glossary.fold import form_keys

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def spellings() -> list[str]:
    path = DATA / "translit-variants-dev.tsv"
    if not path.exists():
        sys.exit(f"benchmark data not found: {path} (see ../shared/data/README.md)")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return sorted({r["spelling"].title() for r in rows if r["spelling"].isalpha()})


def make_glossary(names: list[str], size: int, seed: int = 7) -> Glossary:
    """``size`` two-word entries; each has one variant with another surname spelling."""
    rng = random.Random(seed)
    used: set[str] = set()
    entries: list[Entry] = []
    for i in itertools.count():
        if len(entries) == size:
            break
        given, surname, other = rng.choice(names), rng.choice(names), rng.choice(names)
        canonical, variant = f"{given} {surname}", f"{given} {other}"
        ck, vk = set(form_keys(canonical)), set(form_keys(variant))
        keys = ck | vk
        if ck & vk or keys & used:
            continue
        used |= keys
        entries.append(
            Entry(
                id=f"e{i}",
                canonical=canonical,
                kind="person",
                variants=(Variant(variant, canonical),),
            )
        )
    return Glossary(entries=tuple(entries))


def make_text(words: int, glossary: Glossary, seed: int = 11) -> str:
    path = DATA / "ntrex-dev" / "eng.txt"
    if not path.exists():
        sys.exit(f"benchmark data not found: {path}")
    lines = path.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        line = rng.choice(lines)
        if rng.random() < 0.3:
            entry = rng.choice(glossary.entries)
            line = f"{line} {rng.choice([entry.canonical, entry.variants[0].form])} said."
        out.append(line)
        count += len(line.split())
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="scans per size; the best is kept")
    args = parser.parse_args()

    names = spellings()
    print(f"{len(names)} distinct real spellings; text of about {args.words} words")
    print(
        f"{'entries':>8} {'forms':>9} {'build s':>8} {'scan s':>7} {'words/s':>12} {'matches':>8}"
    )
    rates = {}
    for size in args.sizes:
        glossary = make_glossary(names, size)
        text = make_text(args.words, glossary)
        n_words = len(text.split())
        t0 = time.perf_counter()
        matcher = GlossaryMatcher(glossary)
        build = time.perf_counter() - t0
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            matches = matcher.find(text)
            best = min(best, time.perf_counter() - t0)
        rates[size] = n_words / best
        print(
            f"{size:>8} {len(matcher):>9} {build:>8.2f} {best:>7.3f} {rates[size]:>12,.0f} {len(matches):>8}"
        )
    small, large = min(rates), max(rates)
    if small != large:
        print(
            f"throughput at {large} entries = {rates[large] / rates[small]:.2f} x throughput at {small}"
        )


if __name__ == "__main__":
    main()
