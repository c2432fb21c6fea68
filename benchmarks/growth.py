"""Growth of time with input size: does any check, or ``audit fix``, go quadratic?

Run:   .venv/bin/python benchmarks/growth.py [--check S002 ...] [--budget 4] [--fix-only]
       [--check-seconds 120]

For every check, each pathological input below (and the seed article repeated) is
first timed once at about 100,000 characters; the ``--top`` slowest (default 4;
``--top 0``: all) are then built at a size where the check takes a measurable time
and doubled twice. The script prints the time at each size of the worst pattern and
the growth factor per doubling (time at 2n over time at n). Linear work doubles (factor about 2), n log n a little more,
quadratic work quadruples. The target is a factor of at most 2.2 for every check and
for ``audit fix`` (seed-style text, and XLIFF with that many units). A check is timed
alone (``--select CODE``), with the bundled glossaries, through the same
``audit_document`` that ``audit check`` runs, so shared analyses it asks for (sentence
splitting, name extraction, alignment) count against it.

Sizes stop growing when one run would exceed ``--budget`` seconds, so the whole
script stays bounded; a row marked ``>budget`` means the time already exceeded it at
the smaller size (itself a sign of trouble).
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit.config import AuditConfig  # noqa: E402
from audit.document import Document  # noqa: E402
from audit.engine import audit_document  # noqa: E402

SEED = (ROOT / "seeds" / "libya_geneva_talks.txt").read_text(encoding="utf-8")
_WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()


def _distinct_capitalised(n: int) -> str:
    """Distinct capitalised words, like names nobody has seen (N004/N005)."""
    out = []
    for i in range(n):
        word, k = "", i
        while True:
            word += "bcdfghklmnprstvz"[k % 16] + "aeiou"[(k // 16) % 5]
            k //= 80
            if not k:
                break
        out.append(word.capitalize())
    return " ".join(out) + "."


# name -> (builder of an input of about n units, starting n)
PATTERNS: dict[str, tuple[Callable[[int], str], int]] = {
    "dots": (lambda n: "." * n, 4000),
    "dot-space": (lambda n: ". " * n, 2000),
    "Foo-space": (lambda n: "Foo " * n, 2000),
    "word.Word": (lambda n: "alpha.Bravo " * n, 1000),
    "capitalised": (_distinct_capitalised, 1000),
    "one-sentence": (lambda n: " ".join(_WORDS[i % 12] for i in range(n)) + ".", 2000),
    "one-long-word": (lambda n: "a" * n, 8000),
    "spaces": (lambda n: "a" + " " * n + "b", 8000),
    "lines": (lambda n: "word\n" * n, 2000),
    "blank-lines": (lambda n: "Para one.\n\n" * n, 1000),
    "brackets": (lambda n: "(" * n, 4000),
    "quotes": (lambda n: '"' * n, 4000),
    "commas": (lambda n: ",," * n, 2000),
    "tags": (lambda n: "<b>" * n, 2000),
    "entities": (lambda n: "&amp;" * n, 2000),
    "mojibake": (lambda n: "Ã©" * n, 2000),
    "invisible": (lambda n: "a\u200b" * n, 2000),
    "digits": (lambda n: "1 " * n, 2000),
    "url": (lambda n: "see http://example.com/" + "a/" * n, 2000),
    "seed": (lambda n: "\n\n".join([SEED] * max(1, n // 100)), 400),
}


def _doc(text: str, bilingual: bool) -> Document:
    if bilingual:
        return Document(id="g", target=text, source=text, source_lang="en", target_lang="fr")
    return Document(id="g", target=text)


def _time(fn: Callable[[], object]) -> float:
    """CPU seconds of ``fn`` (the machine may be shared): the least of two or three
    runs (two once a second is spent), garbage collection off, so that a pause
    elsewhere does not pass for growth."""
    times = []
    gc.collect()
    gc.disable()  # a collection that happens to fall in one run is not growth
    try:
        for _ in range(3):
            started = time.process_time()
            fn()
            times.append(time.process_time() - started)
            if len(times) >= 2 and sum(times) > 1.0:
                break
    finally:
        gc.enable()
    return min(times)


def _growth(
    run: Callable[[int], float], start: int, budget: float, size: Callable[[int], int]
) -> tuple[list[str], float]:
    """Times at n, 2n, 4n units (n first grown until a run takes 0.1 s, or halved
    until 4n fits the budget); the factor per doubling of the input's characters
    (``size``; 0: of the units). Infinity when even one unit does not fit."""
    n = start
    t = run(n)
    while t < 0.1 and n < start * 4096 and size(n) < MAX_CHARS:
        n *= 2 ** max(1, min(6, int(math.log2(0.1 / max(t, 1e-4)))))  # straight to about 0.1 s
        t = run(n)
    while t * 4.5 > budget and n > 1:  # too slow to double twice: start smaller
        n //= 2
        t = run(n)
    cells = [f"{n}: {t:.3f}s"]
    if t > budget:
        return [*cells, ">budget"], float("inf")
    factors = []
    for _ in range(2):
        if t * 4.5 > budget:
            cells.append(">budget")
            break
        chars = size(n)
        n *= 2
        t2 = run(n)
        # Per doubling of the characters where units grow in length (distinct words
        # get longer as there are more of them), else of the units.
        grown = size(n) / chars if chars else 2.0
        factors.append((t2 / t) ** (math.log(2) / math.log(grown)) if grown > 1 else t2 / t)
        cells.append(f"{n}: {t2:.3f}s")
        t = t2
    if not factors:
        return cells, float("inf")
    # Per doubling over the whole range (geometric mean): one slow run among three
    # does not pass for growth, and quadratic work still shows as about 4.
    return cells, math.prod(factors) ** (1 / len(factors))


PROBE_CHARS = 100_000
MAX_CHARS = 16_000_000  # inputs are not grown past this to reach a measurable time


def _probe(config: AuditConfig, bilingual: bool) -> dict[str, float]:
    """CPU seconds per pattern at about ``PROBE_CHARS`` characters, one run each."""
    out = {}
    for name, (build, _) in PATTERNS.items():
        per_unit = max(1.0, len(build(1000)) / 1000)
        doc = _doc(build(max(1, int(PROBE_CHARS / per_unit))), bilingual)
        started = time.process_time()
        audit_document(doc, config)
        out[name] = time.process_time() - started
    return out


def check_growth(
    codes: list[str], budget: float, verbose: bool = False, top: int = 0, cap: float = 0.0
) -> float:
    from audit.checks import ALL_CHECKS

    worst_all = 0.0
    print(f"{'check':6} {'worst':>6}  pattern (size: seconds ...)")
    for check in ALL_CHECKS:
        if codes and check.code not in codes:
            continue
        started = time.process_time()
        config = AuditConfig.create(select=[check.code])
        bilingual = check.code.startswith(("B", "R"))
        worst, worst_row = 0.0, ""
        names = list(PATTERNS)
        if top:
            # The patterns on which the check is slowest at one size are those where
            # growth shows first: time every pattern once, follow the slowest.
            probe = _probe(config, bilingual)
            names = sorted(names, key=lambda k: -probe[k])[:top]
        followed = 0
        for name in names:
            if cap and followed and time.process_time() - started > cap:
                break  # one slow check must not eat the run: say so in its row
            followed += 1
            build, start = PATTERNS[name]

            def run(
                n: int,
                build: Callable[[int], str] = build,
                bilingual: bool = bilingual,
                config: AuditConfig = config,
            ) -> float:
                doc = _doc(build(n), bilingual)
                return _time(lambda: audit_document(doc, config))

            cells, factor = _growth(run, start, budget, lambda n, b=build: len(b(n)))
            if verbose:
                print(f"       {factor:6.2f}  {name} ({', '.join(cells)})", flush=True)
            if factor > worst or not worst_row:
                worst, worst_row = factor, f"{name} ({', '.join(cells)})"
        worst_all = max(worst_all, worst)
        flag = "" if worst <= 2.2 else "  <-- over 2.2"
        if followed < len(names):
            flag += f"  (capped: {followed} of {len(names)} patterns in {cap:.0f} s CPU)"
        print(f"{check.code:6} {worst:6.2f}  {worst_row}{flag}", flush=True)
    return worst_all


def _xliff(units: int) -> str:
    body = "".join(
        f'<trans-unit id="{i}"><source>Hifter met the envoy in Geneva .</source>'
        f"<target>Hifter met the envoy in Geneva .</target></trans-unit>\n"
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="g.txt" source-language="ar" target-language="en" datatype="plaintext">'
        f"<body>\n{body}</body></file></xliff>\n"
    )


def _po(units: int) -> str:
    entries = "".join(
        f'#: g.c:{i}\nmsgid "Hifter met the envoy {i} ."\nmsgstr "Hifter met the envoy {i} ."\n\n'
        for i in range(units)
    )
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        + entries
    )


def _jsonl(units: int) -> str:
    import json

    return "".join(
        json.dumps({"id": str(i), "target": "Hifter met the envoy in Geneva ."}) + "\n"
        for i in range(units)
    )


def _csv(units: int) -> str:
    rows = "".join(f'{i},"Hifter met the envoy in Geneva ."\n' for i in range(units))
    return "id,target\n" + rows


def _tmx(units: int) -> str:
    tus = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="ar"><seg>حفتر</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Hifter met the envoy in Geneva .</seg></tuv></tu>\n'
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ar" '
        'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="g" '
        f'creationtoolversion="1" o-tmf="g"/>\n<body>\n{tus}</body></tmx>\n'
    )


def fix_growth(budget: float) -> float:
    import tempfile

    from audit.fix.plan import fix_file
    from audit.run import Runner, RunOptions

    runner = Runner(RunOptions())
    worst_all = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, suffix, build, start in (
            (
                "seed text (KB)",
                ".txt",
                lambda n: "\n\n".join([SEED] * max(1, n * 1000 // len(SEED))),
                25,
            ),
            ("XLIFF (units)", ".xlf", _xliff, 500),
            ("TMX (units)", ".tmx", _tmx, 500),
            ("PO (entries)", ".po", _po, 500),
            ("JSONL (records)", ".jsonl", _jsonl, 500),
            ("CSV (rows)", ".csv", _csv, 500),
        ):

            def run(n: int, suffix: str = suffix, build: Callable[[int], str] = build) -> float:
                path = Path(tmp) / f"g{n}{suffix}"
                path.write_text(build(n), encoding="utf-8")
                settings = runner.settings(str(path))
                config = runner.config(settings)

                def go() -> None:
                    source = runner.read(str(path), settings)
                    fix_file(source, config)

                return _time(go)

            cells, factor = _growth(run, start, budget, lambda n: 0)
            worst_all = max(worst_all, factor)
            flag = "" if factor <= 2.2 else "  <-- over 2.2"
            print(f"fix {name:15} {factor:6.2f}  {', '.join(cells)}{flag}", flush=True)
    return worst_all


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="append", default=[], help="only these codes")
    parser.add_argument("--budget", type=float, default=4.0, help="seconds per run at most")
    parser.add_argument("--fix-only", action="store_true")
    parser.add_argument("--no-fix", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="every pattern's row")
    parser.add_argument(
        "--top",
        type=int,
        default=4,
        help="follow only the N patterns slowest at 100,000 characters (0: all of them)",
    )
    parser.add_argument(
        "--check-seconds",
        type=float,
        default=120.0,
        help="CPU seconds one check may spend before its remaining patterns are skipped "
        "(its row says so; 0: no cap), so that one slow check cannot eat the run",
    )
    args = parser.parse_args()
    worst = 0.0
    if not args.fix_only:
        worst = check_growth(args.check, args.budget, args.verbose, args.top, args.check_seconds)
    if not args.no_fix and not args.check:
        worst = max(worst, fix_growth(args.budget))
    print(f"\nworst growth factor per doubling: {worst:.2f} (target <= 2.2)")


if __name__ == "__main__":
    main()
