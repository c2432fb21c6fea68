"""Are two runs' findings the same? The check of a speed-up that must change nothing.

Run:   .venv/bin/python benchmarks/compare_findings.py BEFORE.jsonl AFTER.jsonl

Each file is ``audit check ... --format jsonl`` output saved before and after a change,
from the same inputs and options, e.g.

    audit check /tmp/po1 seeds --format jsonl --isolated --exit-zero --jobs 1 > before.jsonl

Prints the number of findings per check in each file and, when the files differ, the
first differing findings; the exit status is 0 when they are byte-identical, 1 when not
(2 when a file cannot be read).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def _codes(lines: list[bytes]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in lines:
        try:
            counts[str(json.loads(line).get("code", "?"))] += 1
        except (ValueError, AttributeError):
            counts["(not a finding)"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=5, help="differences to print")
    args = parser.parse_args()
    try:
        before = args.before.read_bytes().splitlines()
        after = args.after.read_bytes().splitlines()
    except OSError as exc:
        print(f"compare_findings: {exc}", file=sys.stderr)
        return 2
    counts_before, counts_after = _codes(before), _codes(after)
    print(f"{'check':8} {'before':>8} {'after':>8}")
    for code in sorted(counts_before.keys() | counts_after.keys()):
        mark = "" if counts_before[code] == counts_after[code] else "  <-"
        print(f"{code:8} {counts_before[code]:8} {counts_after[code]:8}{mark}")
    print(f"{'all':8} {len(before):8} {len(after):8}")
    if before == after:
        print("identical: the findings are byte for byte the same")
        return 0
    shown = 0
    for i, (b, a) in enumerate(zip(before, after)):
        if b != a and shown < args.show:
            print(
                f"\nline {i + 1} differs:\n- {b.decode(errors='replace')}\n+ {a.decode(errors='replace')}"
            )
            shown += 1
    if len(before) != len(after):
        print(
            f"\n{abs(len(before) - len(after))} more lines in {'before' if len(before) > len(after) else 'after'}"
        )
    print("DIFFERENT")
    return 1


if __name__ == "__main__":
    sys.exit(main())
