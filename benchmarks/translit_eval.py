"""Transliteration variants: how well `audit names cluster` and `audit names match` do.

Data: ../shared/data/translit-variants-dev.tsv (Wikidata, CC0): real English spellings
of Arabic- and Hebrew-script names, grouped by their native spelling. Columns:
script, group, spelling, count, arabic_origin.

For the Arabic-origin rows and for all rows, on each half of a fixed split by group
(``calibration``: the half the thresholds were tuned on; ``held-out``: the other) and
on the whole:

- clustering: pairwise precision, recall and F1 of ``cluster_spellings`` (the code of
  ``audit names cluster``) over all spellings, a spelling claimed by two groups dropped;
- matching: top-1 accuracy of ``NameIndex.best`` (the code of ``audit names match``)
  when the glossary (a YAML file read by the project's loader) holds the most frequent
  spelling of each group and the queries are the other spellings; no match is a miss;
- baselines: single-link clustering at Levenshtein similarity >= 0.7, and top-1 of
  the best single string scorer (Levenshtein, Indel ratio, Jaro-Winkler).

    .venv/bin/python benchmarks/translit_eval.py              # report
    .venv/bin/python benchmarks/translit_eval.py --calibrate  # grid search, calibration half only
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.glossary import load_glossaries
from audit.names.cluster import cluster_spellings, parse_spelling_counts
from audit.names.match import NameIndex
from audit.names.similarity import DEFAULT_THRESHOLDS, Comparer, Thresholds

DATA = ROOT.parent / "shared" / "data" / "translit-variants-dev.tsv"
FALSE_FRIENDS = [
    ("Hassan", "Hussein"),
    ("Hassan", "Husain"),
    ("Omar", "Amr"),
    ("Salem", "Salameh"),
    ("Salem", "Salama"),
    ("Salem", "Salame"),
    ("Ali", "Alia"),
]
FRIEND_MARGIN = 0.02  # the false friends stay this far under the match threshold
TRUE_FRIENDS = [
    ("Hifter", "Haftar"),
    ("Salama", "Salameh"),
    ("Qaddafi", "Gadhafi"),
    ("Gadhafi", "Kadhafi"),
    ("Zelensky", "Zelenskyy"),
]


@dataclass(frozen=True)
class Row:
    script: str
    group: str
    spelling: str
    count: int
    arabic_origin: bool

    @property
    def group_id(self) -> str:
        return f"{self.script}:{self.group}"


@dataclass(frozen=True)
class Subset:
    """Spellings with one gold group each, and their counts."""

    name: str
    gold: dict[str, str]  # spelling -> group id
    counts: dict[str, int]

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for s, g in self.gold.items():
            out[g].append(s)
        return out


def load_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Row(r["script"], r["group"], r["spelling"], int(r["count"]), r["arabic_origin"] == "1")
            for r in csv.DictReader(f, delimiter="\t")
        ]


def half(group_id: str) -> str:
    """A fixed split by group: the first byte of the group's MD5, even or odd."""
    return (
        "calibration" if hashlib.md5(group_id.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"
    )


def subset(name: str, rows: Iterable[Row]) -> Subset:
    owners: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for r in rows:
        owners[r.spelling].add(r.group_id)
        counts[r.spelling] += r.count
    gold = {s: next(iter(o)) for s, o in owners.items() if len(o) == 1}
    return Subset(name, gold, {s: counts[s] for s in gold})


def pairwise(gold: dict[str, str], clusters: Iterable[Iterable[str]]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a partition against gold groups."""
    predicted = {s: i for i, c in enumerate(clusters) for s in c}
    items = [s for s in gold if s in predicted]

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp = pairs(Counter((gold[s], predicted[s]) for s in items))
    gold_pairs = pairs(Counter(gold[s] for s in items))
    pred_pairs = pairs(Counter(predicted[s] for s in items))
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster_like_the_cli(sub: Subset, comparer: Comparer) -> list[list[str]]:
    """Write the spellings as `audit names cluster` reads them, parse and cluster them."""
    text = "".join(f"{s}\t{sub.counts[s]}\n" for s in sub.gold)
    counts = parse_spelling_counts(text, "<spellings>")
    return [list(c.spellings) for c in cluster_spellings(counts, comparer)]


def glossary_of_heads(sub: Subset) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Most frequent spelling of each group (the glossary) and the other spellings (queries)."""
    heads, queries = {}, []
    for g, spellings in sorted(sub.groups().items()):
        ordered = sorted(spellings, key=lambda s: (-sub.counts[s], s))
        heads[g] = ordered[0]
        queries += [(q, g) for q in ordered[1:]]
    return heads, queries


def match_like_the_cli(sub: Subset, comparer: Comparer) -> float:
    """Top-1 accuracy of `audit names match` with a glossary of each group's head."""
    heads, queries = glossary_of_heads(sub)
    ids = {g: f"g{i}" for i, g in enumerate(heads)}
    doc = {
        "entries": [
            {"id": ids[g], "canonical": h, "kind": "person", "source": [g.split(":", 1)[1]]}
            for g, h in heads.items()
        ]
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "heads.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        index = NameIndex(load_glossaries([path]), comparer)
    results = index.best_many([q for q, _ in queries])
    hits = sum(
        1 for m, (_, g) in zip(results, queries) if m.entry is not None and m.entry.id == ids[g]
    )
    return hits / len(queries) if queries else 0.0


def baseline_clusters(sub: Subset, threshold: float = 0.7) -> list[list[str]]:
    """Single-link clusters at Levenshtein normalized similarity >= threshold."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    items = list(sub.gold)
    matrix = process.cdist(
        items, items, scorer=Levenshtein.normalized_similarity, score_cutoff=threshold, workers=-1
    )
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows, cols = matrix.nonzero()
    for i, j in zip(rows.tolist(), cols.tolist()):
        parent[find(i)] = find(j)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, s in enumerate(items):
        groups[find(i)].append(s)
    return list(groups.values())


def baseline_top1(sub: Subset) -> dict[str, float]:
    """Top-1 of single scorers over all heads (no threshold)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import JaroWinkler, Levenshtein

    heads, queries = glossary_of_heads(sub)
    groups, names = list(heads), list(heads.values())
    scorers: dict[str, Callable] = {
        "levenshtein": Levenshtein.normalized_similarity,
        "indel ratio": fuzz.ratio,
        "jaro-winkler": JaroWinkler.similarity,
    }
    out = {}
    for label, scorer in scorers.items():
        best = process.cdist([q for q, _ in queries], names, scorer=scorer, workers=-1).argmax(
            axis=1
        )
        out[label] = sum(groups[b] == g for b, (_, g) in zip(best.tolist(), queries)) / len(queries)
    return out


def evaluate(sub: Subset, comparer: Comparer) -> dict[str, float]:
    p, r, f = pairwise(sub.gold, cluster_like_the_cli(sub, comparer))
    return {"P": p, "R": r, "F1": f, "top1": match_like_the_cli(sub, comparer)}


def subsets(rows: list[Row]) -> dict[str, dict[str, Subset]]:
    out: dict[str, dict[str, Subset]] = {}
    for label, keep in (("arabic-origin", lambda r: r.arabic_origin), ("all rows", lambda r: True)):
        chosen = [r for r in rows if keep(r)]
        out[label] = {
            "calibration": subset(label, [r for r in chosen if half(r.group_id) == "calibration"]),
            "held-out": subset(label, [r for r in chosen if half(r.group_id) == "held-out"]),
            "whole": subset(label, chosen),
        }
    return out


def report(rows: list[Row], thresholds: Thresholds) -> None:
    comparer = Comparer(thresholds=thresholds)
    print(f"thresholds: {thresholds}")
    print(
        f"{'rows':14} {'split':12} {'spellings':>9} {'groups':>6} {'P':>6} {'R':>6} {'F1':>6} {'top-1':>6}"
        f"   {'base F1':>7} {'base P':>6} {'base R':>6} {'best single top-1':>18}"
    )
    for label, parts in subsets(rows).items():
        for split, sub in parts.items():
            m = evaluate(sub, comparer)
            bp, br, bf = pairwise(sub.gold, baseline_clusters(sub))
            single = baseline_top1(sub)
            best_label = max(single, key=single.get)
            print(
                f"{label:14} {split:12} {len(sub.gold):9d} {len(sub.groups()):6d} {m['P']:6.3f} {m['R']:6.3f} "
                f"{m['F1']:6.3f} {m['top1']:6.3f}   {bf:7.3f} {bp:6.3f} {br:6.3f} "
                f"{single[best_label]:6.3f} ({best_label})"
            )
    print(
        "baseline: single-link clusters at Levenshtein similarity >= 0.7; best single scorer over "
        "Levenshtein, Indel ratio and Jaro-Winkler, top-1 without a threshold"
    )
    print()
    print("pairs that must not be one name (score, linked?):")
    for a, b in FALSE_FRIENDS:
        s = comparer.score(comparer.prepare(a), comparer.prepare(b))
        print(f"  {a}/{b}: {s:.3f} {'LINKED' if s >= thresholds.link else 'apart'}")
    print("pairs that must be one name:")
    for a, b in TRUE_FRIENDS:
        s = comparer.score(comparer.prepare(a), comparer.prepare(b))
        print(f"  {a}/{b}: {s:.3f} {'linked' if s >= thresholds.link else 'APART'}")


def calibrate(rows: list[Row]) -> None:
    """Grid search on the calibration half only (the held-out half is never looked at).

    Clustering settings maximize F1 on the Arabic-origin rows plus F1 on all rows,
    among those that keep every false friend FRIEND_MARGIN under the match threshold
    (so `names match` never pairs them either). The match threshold is chosen by
    balanced accuracy: half of the groups go into the
    glossary; a query of a group inside should find it (top-1), a query of a group
    outside should find nothing. The false friends must stay under it.
    """
    parts = subsets(rows)
    cal_ar, cal_all = parts["arabic-origin"]["calibration"], parts["all rows"]["calibration"]
    grid = {
        "raw_weight": [0.25, 0.35, 0.45],
        "consonant_penalty": [0.05, 0.1, 0.15],
        "raw_floor": [0.65, 0.75],
        "link": [0.8, 0.83, 0.86],
        "head": [0.75, 0.8],
    }
    results = []
    for values in itertools.product(*grid.values()):
        th = replace(DEFAULT_THRESHOLDS, **dict(zip(grid, values)))
        comparer = Comparer(thresholds=th)
        if th.head > th.link or _friends(comparer) >= th.match - FRIEND_MARGIN:
            continue
        f_ar = pairwise(cal_ar.gold, cluster_like_the_cli(cal_ar, comparer))[2]
        f_all = pairwise(cal_all.gold, cluster_like_the_cli(cal_all, comparer))[2]
        results.append((f_ar + f_all, f_ar, f_all, th))
    results.sort(key=lambda r: -r[0])
    print("best clustering settings on the calibration half (F1 arabic-origin, F1 all rows):")
    for _, f_ar, f_all, th in results[:8]:
        print(f"  {f_ar:.3f} {f_all:.3f} {th}")
    best = results[0][3]
    comparer = Comparer(thresholds=best)
    print(
        f"match threshold (highest false-friend score {_friends(comparer):.3f}): top-1 of queries whose group is in the "
        "glossary, false matches of queries whose group is not, balanced accuracy"
    )
    for label, sub in (("arabic-origin", cal_ar), ("all rows", cal_all)):
        for match, top1, false_match in _open_set(sub, comparer, (0.6, 0.65, 0.7, 0.75, 0.8)):
            print(
                f"  {label:14} match={match:.2f}: top-1 {top1:.3f}, false matches {false_match:.3f}, "
                f"balanced {(top1 + 1 - false_match) / 2:.3f}"
            )


def _friends(comparer: Comparer) -> float:
    """The highest score of a false-friend pair."""
    return max(comparer.score(comparer.prepare(a), comparer.prepare(b)) for a, b in FALSE_FRIENDS)


def _open_set(
    sub: Subset, comparer: Comparer, thresholds: Iterable[float]
) -> list[tuple[float, float, float]]:
    """Half of the groups (every other one, sorted) in the glossary, all queries asked."""
    from audit.glossary.model import Entry, Glossary

    heads, queries = glossary_of_heads(sub)
    groups = sorted(heads)
    inside = set(groups[::2])
    index = NameIndex(
        Glossary(tuple(Entry(id=g, canonical=heads[g]) for g in groups if g in inside)), comparer
    )
    asked = queries + [(heads[g], g) for g in groups if g not in inside]
    results = [(index.best(q), g) for q, g in asked]
    out = []
    for t in thresholds:
        pos = [(m, g) for m, g in results if g in inside]
        neg = [m for m, g in results if g not in inside]
        top1 = sum(1 for m, g in pos if m.form and m.score >= t and m.form.entry.id == g) / len(pos)
        false_match = sum(1 for m in neg if m.form and m.score >= t) / len(neg)
        out.append((t, top1, false_match))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the TSV (default: %(default)s)")
    parser.add_argument(
        "--calibrate", action="store_true", help="grid-search thresholds on the calibration half"
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(
            f"translit_eval: data not found: {args.data} (the shared data folder is not on this machine); "
            "nothing measured",
            file=sys.stderr,
        )
        return 0
    rows = load_rows(args.data)
    if args.calibrate:
        calibrate(rows)
    else:
        report(rows, DEFAULT_THRESHOLDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
