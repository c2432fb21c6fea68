"""Clustering many spellings: time `cluster_spellings` (the code of `audit names cluster`).

The spellings are made from the real spellings of ../shared/data/translit-variants-dev.tsv
(or, without it, from a short built-in list of names) by the perturbations that
romanizations really make, drawn at random with a fixed seed:

- consonant alternations: q/k/g, dh/d/z/th, kh/h, sh/ch, j/dj, v/w, ph/f;
- vowel alternations: ou/u/oo, ee/i, e/a/i/o/u for a lone vowel, ai/ay/ei, y/i;
- a consonant doubled or undoubled; a final -h added or dropped after a vowel;
- an article prefix (al-, el-) on some surnames;

then joined into one-word (30 %) and two-word (70 %) names ("Tawfiq al-Hakim") until
there are N distinct spellings, each with a count drawn from a Zipf-like law.

    .venv/bin/python benchmarks/names_scaling.py            # 100,000 spellings
    .venv/bin/python benchmarks/names_scaling.py -n 20000
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.names.cluster import cluster_spellings
from audit.names.similarity import Comparer

DATA = ROOT.parent / "shared" / "data" / "translit-variants-dev.tsv"
FALLBACK = [
    "haftar",
    "hifter",
    "salameh",
    "salama",
    "gaddafi",
    "qaddafi",
    "kadhafi",
    "hassan",
    "hussein",
    "omar",
    "amr",
    "ali",
    "alia",
    "salem",
    "mohammed",
    "muhammad",
    "ahmed",
    "ahmad",
    "mahmoud",
    "mahmud",
    "khalid",
    "khaled",
    "abdullah",
    "abdallah",
    "youssef",
    "yusuf",
    "tawfik",
    "toufik",
    "ramadan",
    "ramzan",
    "zelensky",
    "zelenskyy",
    "yitzhak",
    "itzhak",
    "moshe",
    "mosheh",
]

SWAPS = [
    ("q", ["k", "g"]),
    ("k", ["q", "c"]),
    ("g", ["q", "gh"]),
    ("dh", ["d", "z", "th"]),
    ("d", ["dh"]),
    ("z", ["dh", "d"]),
    ("th", ["t", "s"]),
    ("kh", ["h", "ch"]),
    ("h", ["kh"]),
    ("sh", ["ch", "sch"]),
    ("ch", ["sh"]),
    ("j", ["dj", "g"]),
    ("v", ["w"]),
    ("w", ["v", "ou"]),
    ("ph", ["f"]),
    ("ou", ["u", "oo"]),
    ("u", ["ou", "o"]),
    ("oo", ["u"]),
    ("ee", ["i"]),
    ("i", ["ee", "e", "y"]),
    ("e", ["a", "i"]),
    ("a", ["e", "aa"]),
    ("o", ["u"]),
    ("ai", ["ay", "ei"]),
    ("ay", ["ai"]),
    ("y", ["i"]),
]


def perturb(word: str, rng: random.Random) -> str:
    """One romanization-like change to ``word``."""
    choice = rng.random()
    if choice < 0.6:
        options = [(i, a, b) for a, bs in SWAPS for b in bs for i in _find_all(word, a)]
        if options:
            i, a, b = rng.choice(options)
            return word[:i] + b + word[i + len(a) :]
    if choice < 0.8:
        consonants = [i for i, c in enumerate(word) if c.isalpha() and c not in "aeiouy"]
        if consonants:
            i = rng.choice(consonants)
            if i + 1 < len(word) and word[i + 1] == word[i]:
                return word[:i] + word[i + 1 :]
            return word[: i + 1] + word[i] + word[i + 1 :]
    if word.endswith("h") and len(word) > 3:
        return word[:-1]
    if word[-1:] in "aeiou":
        return word + "h"
    return word + rng.choice("aie")


def _find_all(word: str, part: str) -> list[int]:
    return [i for i in range(len(word)) if word.startswith(part, i)]


def base_words() -> list[str]:
    if DATA.exists():
        with DATA.open(encoding="utf-8", newline="") as f:
            words = {r["spelling"] for r in csv.DictReader(f, delimiter="\t")}
        print(f"base: {len(words)} real spellings from {DATA}")
        return sorted(words)
    print(
        f"base: {DATA} not found; using {len(FALLBACK)} built-in names (results are less realistic)"
    )
    return FALLBACK


def generate(n: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    words = base_words()
    variants: list[str] = []
    for w in words:
        forms = {w}
        for _ in range(rng.randint(1, 5)):
            forms.add(perturb(rng.choice(sorted(forms)), rng))
        variants.extend(sorted(forms))
    out: dict[str, int] = {}
    while len(out) < n:
        first = rng.choice(variants).capitalize()
        if rng.random() < 0.3:
            name = first
        else:
            last = rng.choice(variants).capitalize()
            if rng.random() < 0.15:
                last = rng.choice(["al-", "el-", "Al-"]) + last
            name = f"{first} {last}"
        out.setdefault(name, max(1, int(1000 / (1 + rng.paretovariate(1.2) * 10))))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-n", type=int, default=100_000, help="distinct spellings (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    counts = generate(args.n)
    print(f"{len(counts)} distinct spellings, e.g. {', '.join(list(counts)[:5])}")
    start, cpu_start = time.perf_counter(), time.process_time()
    clusters = cluster_spellings(counts, Comparer())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    multi = [c for c in clusters if len(c) > 1]
    print(
        f"clustered in {elapsed:.1f} s wall clock ({cpu:.1f} s CPU in this process; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores): {len(clusters)} clusters, {len(multi)} with more than one spelling, "
        f"largest {max(len(c) for c in clusters)}"
    )
    for c in multi[:3]:
        print("  e.g. " + ", ".join(c.spellings[:6]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
