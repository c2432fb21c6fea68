"""Learn the per-pair length-ratio table that B005 ships (``audit/lang/length_ratios.json``).

NTREX-128 dev is multi-parallel (English news and 17 professional translations, one
sentence per line), so every ordered pair of its 18 languages has direct data. Only
the ``tune`` half of the documents (see ``benchmarks/ntrex_pairs.py``) is used; the
``test`` half is what the figures are reported on. For each pair the sentence pairs are
cut into three bands by source length (terciles), and each band keeps the median,
0.5th and 99.5th percentile of target length / source length (characters, outer
spaces trimmed). B005 flags a segment only outside its band's percentiles, widened
by a margin, so one odd sentence in the tuning half does not set the limit.

    .venv/bin/python benchmarks/learn_length_ratios.py            # rewrite the table
    .venv/bin/python benchmarks/learn_length_ratios.py --check    # print it, write nothing

Data: ``../shared/data/ntrex-dev`` (CC BY-SA 4.0; Federmann, Kocmi and Xin, 2022).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from ntrex_pairs import LANGUAGES, load  # noqa: E402

TABLE = ROOT / "audit" / "lang" / "length_ratios.json"
BANDS = 3


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile of sorted ``values`` (q in [0, 100])."""
    k = (len(values) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def learn() -> dict[str, object]:
    _, texts = load("tune")
    codes = {"eng": "en", **LANGUAGES}
    pairs: dict[str, list[list[float]]] = {}
    for a, la in codes.items():
        for b, lb in codes.items():
            if a == b:
                continue
            rows = sorted(
                (len(s.strip()), len(t.strip()) / len(s.strip()))
                for s, t in zip(texts[a], texts[b])
                if s.strip() and t.strip()
            )
            bands = []
            for k in range(BANDS):
                part = rows[k * len(rows) // BANDS : (k + 1) * len(rows) // BANDS]
                ratios = sorted(r for _, r in part)
                bands.append(
                    [
                        part[-1][0] if k < BANDS - 1 else 10**9,  # upper source length
                        round(percentile(ratios, 50), 4),
                        round(percentile(ratios, 0.5), 4),
                        round(percentile(ratios, 99.5), 4),
                    ]
                )
            pairs[f"{la}-{lb}"] = bands
    return {
        "about": "target/source length ratio per language pair and source-length band: "
        "[max source length, median, 0.5th percentile, 99.5th percentile]; learned by "
        "benchmarks/learn_length_ratios.py from the tune half of NTREX-128 dev "
        "(CC BY-SA 4.0, Federmann, Kocmi and Xin 2022)",
        "pairs": pairs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    table = learn()
    if args.check:
        for pair, bands in table["pairs"].items():  # type: ignore[attr-defined]
            if pair.startswith("en-") or pair.endswith("-en"):
                print(pair, bands)
        return
    TABLE.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {TABLE} ({TABLE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
