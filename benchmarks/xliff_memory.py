"""Peak memory of reading (and auditing) XLIFF with many units.

Run:   .venv/bin/python benchmarks/xliff_memory.py [--units 50000 100000 200000] [--check]

Each size is written to a temporary file and read in a fresh process (``Runner.stream``,
as ``audit check`` reads it); ``--check`` also runs ``audit check --jobs 1`` on it with
every check. Printed: CPU seconds and the peak resident set of that process. Two kinds
of unit: ``seed`` repeats one sentence with a name variant and a space before the full
stop (a finding or more per unit), ``clean`` varies the words (few findings), so that
what is measured is the units, not the findings.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_EN = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split()
_FR = "maison jardin rivière montagne soleil nuage forêt chemin village marché pont école église route champ lac".split()


def _words(i: int, vocabulary: list[str]) -> str:
    return " ".join(vocabulary[(i + (3 + i % 5) * j) % 16] for j in range(4)) + f" {i // 16 % 97}"


def xliff(units: int, kind: str) -> str:
    if kind == "seed":
        unit = (
            '<trans-unit id="{i}"><source>Hifter met the envoy in Geneva .</source>'
            "<target>Hifter met the envoy in Geneva .</target></trans-unit>\n"
        )
        body = "".join(unit.replace("{i}", str(i)) for i in range(units))
    else:
        body = "".join(
            f'<trans-unit id="u{i}"><source>The envoy met {_words(i, _EN)} in Geneva.</source>'
            f"<target>L'envoyé a vu {_words(i, _FR)} à Genève.</target></trans-unit>\n"
            for i in range(units)
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="g.txt" source-language="en" target-language="fr" datatype="plaintext">'
        f"<body>\n{body}</body></file></xliff>\n"
    )


def tmx(units: int, kind: str) -> str:
    """The same units as :func:`xliff`, as a TMX translation memory."""
    if kind == "seed":
        pairs = (
            ("Hifter met the envoy in Geneva .", "Hifter met the envoy in Geneva .", i)
            for i in range(units)
        )
    else:
        pairs = (
            (
                f"The envoy met {_words(i, _EN)} in Geneva.",
                f"L'envoyé a vu {_words(i, _FR)} à Genève.",
                i,
            )
            for i in range(units)
        )
    body = "".join(
        f'<tu tuid="u{i}"><tuv xml:lang="en"><seg>{src}</seg></tuv>'
        f'<tuv xml:lang="fr"><seg>{tgt}</seg></tuv></tu>\n'
        for src, tgt, i in pairs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header srclang="en" datatype="plaintext" segtype="sentence" o-tmf="x" '
        'adminlang="en" creationtool="bench" creationtoolversion="1"/>\n'
        f"<body>\n{body}</body></tmx>\n"
    )


READ = r"""
import json, resource, sys, time
from audit.run import Runner, RunOptions
started = time.process_time()
docs = list(Runner(RunOptions(isolated=True)).stream(sys.argv[1]))
print(json.dumps({"segments": sum(len(d.segments) for d in docs),
                  "cpu": time.process_time() - started,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _read(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", READ, str(path)], cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(f"reading failed:\n{out.stderr}")
    return json.loads(out.stdout)


CHECK = r"""
import json, resource, runpy, sys, time
sys.argv = ["audit", "check", sys.argv[1], "--isolated", "--jobs", "1", "--statistics",
            "--exit-zero", "-q", "-o", sys.argv[2]]
started = time.process_time()
try:
    runpy.run_module("audit", run_name="__main__")
except SystemExit as exc:
    if exc.code:
        raise
print(json.dumps({"cpu": time.process_time() - started,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _check(path: Path) -> dict[str, float]:
    """``audit check --jobs 1`` with every check, in a process of its own."""
    stats = path.with_suffix(".stats")
    out = subprocess.run(
        [sys.executable, "-c", CHECK, str(path), str(stats)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(f"audit check failed:\n{out.stderr}")
    result = json.loads(out.stdout.splitlines()[-1])
    text = stats.read_text(encoding="utf-8")
    result["findings"] = sum(
        int(line.split()[0]) for line in text.splitlines() if line[:1].isdigit()
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[50_000, 100_000, 200_000])
    parser.add_argument("--kind", choices=("seed", "clean"), nargs="+", default=["seed", "clean"])
    parser.add_argument("--check", action="store_true", help="also run audit check on each")
    parser.add_argument(
        "--write",
        metavar="DIR",
        help="only write the files (kind+units.xlf and .tmx) into DIR, to measure by hand: "
        "/usr/bin/time -f '%%M KB' python -m audit check DIR/seed200000.xlf --jobs 1 "
        "--format jsonl --exit-zero > /dev/null",
    )
    args = parser.parse_args()
    if args.write:
        Path(args.write).mkdir(parents=True, exist_ok=True)
        for kind in args.kind:
            for units in args.units:
                for suffix, make in ((".xlf", xliff), (".tmx", tmx)):
                    out = Path(args.write) / f"{kind}{units}{suffix}"
                    out.write_text(make(units, kind), encoding="utf-8")
        return
    print(f"{'kind':6} {'units':>8} {'MB':>6} {'read CPU s':>10} {'read MiB':>9}", end="")
    print(f" {'check CPU s':>11} {'check MiB':>9} {'findings':>9}" if args.check else "")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kind:
            for units in sorted(args.units):
                path = Path(tmp) / f"{kind}{units}.xlf"
                path.write_text(xliff(units, kind), encoding="utf-8")
                mb = path.stat().st_size / 1e6
                read = _read(path)
                assert read["segments"] == units
                print(
                    f"{kind:6} {units:>8} {mb:>6.1f} {read['cpu']:>10.2f} {read['rss_mib']:>9.0f}",
                    end="",
                    flush=True,
                )
                if args.check:
                    c = _check(path)
                    print(f" {c['cpu']:>11.1f} {c['rss_mib']:>9.0f} {c['findings']:>9}", end="")
                print(flush=True)
                path.unlink()


if __name__ == "__main__":
    main()
