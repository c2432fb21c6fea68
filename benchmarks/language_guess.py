"""How well audit finds an undeclared target language from the text (issues 13 and 18).

On NTREX-128 dev (English news and 17 professional translations, one sentence per line,
``doc_ids.txt`` naming each line's article), for each language: the share of articles
whose language :func:`audit.lang.guess.guess_target_lang` finds right, finds wrong, or
leaves undecided (audited as English, as before); the same on single sentences, where
it must mostly stay undecided rather than guess wrong. Every language counts as found
right by its own code, with or without rules of its own (Turkish, Ukrainian...); a
language the guess cannot know (Hindi: no table, a script of several languages) is
right only when left undecided. Then the
MQM data (TED talks machine-translated into German and English: text nobody tuned on),
sentence by sentence and talk by talk (each system's segments of one talk joined).

The thresholds in audit/lang/guess.py were tuned on the first half of the articles
(in the order of their first line); ``--half test`` (the default) reports the other.

``--findings BASE`` also audits the articles of fra, deu, spa and eng (one file per
article, without ``--target-lang``) with this checkout and with the copy of audit in
``BASE`` (e.g. main exported with ``git archive main | tar -x -C BASE``)
and prints the findings per 100 articles of each, and with ``--target-lang``.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/language_guess.py [--half tune|test|all]
        [--findings /tmp/lang-base]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from audit.lang.guess import guess_target_lang

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NTREX = DATA / "ntrex-dev"
#: NTREX file name -> the code of the language.
LANGUAGES = {
    "eng": "en",
    "fra": "fr",
    "deu": "de",
    "spa": "es",
    "rus": "ru",
    "arb": "ar",
    "fas": "fa",
    "heb": "he",
    "ukr": "uk",
    "urd": "ur",
    "tur": "tr",
    "vie": "vi",
    "ell": "el",
    "zho": "zh",
    "jpn": "ja",
    "kor": "ko",
    "hin": "hi",
    "tha": "th",
}
#: Languages the guess can name (the others are right only when left undecided).
KNOWN = {"en", "fr", "de", "es", "ru", "ar", "fa", "he", "uk", "ur", "tr", "vi", "el", "ja"}
KNOWN |= {"ko", "th", "zh"}


def articles(half: str) -> tuple[list[str], dict[str, dict[str, list[str]]]]:
    """Article ids of ``half`` and, per language, each article's sentences."""
    ids = (NTREX / "doc_ids.txt").read_text(encoding="utf-8").split("\n")
    order = list(dict.fromkeys(d for d in ids if d))
    cut = (len(order) + 1) // 2
    chosen = order if half == "all" else order[:cut] if half == "tune" else order[cut:]
    keep = set(chosen)
    texts: dict[str, dict[str, list[str]]] = {}
    for name in LANGUAGES:
        lines = (NTREX / f"{name}.txt").read_text(encoding="utf-8").split("\n")
        per: dict[str, list[str]] = {}
        for doc_id, line in zip(ids, lines, strict=False):
            if doc_id in keep:
                per.setdefault(doc_id, []).append(line)
        texts[name] = per
    return chosen, texts


def _which(half: str) -> str:
    return "all articles" if half == "all" else f"{half} half"


def score(texts: list[str], expected: str) -> Counter[str]:
    """``right``, ``wrong`` and ``undecided`` counts over ``texts``."""
    out: Counter[str] = Counter()
    for text in texts:
        found = guess_target_lang(text)
        if found is None:
            out["undecided"] += 1
        elif found == expected:
            out["right"] += 1
        else:
            out["wrong"] += 1
            out[f"as {found}"] += 1
    return out


def row(name: str, counts: Counter[str]) -> str:
    n = counts["right"] + counts["wrong"] + counts["undecided"]
    wrong_as = ", ".join(f"{k} ×{v}" for k, v in sorted(counts.items()) if k.startswith("as "))
    cells = [f"{100 * counts[k] / n:5.1f}%" for k in ("right", "wrong", "undecided")]
    return f"| {name} | {n} | {' | '.join(cells)} | {wrong_as} |"


def accuracy(half: str) -> None:
    chosen, texts = articles(half)
    print(f"NTREX-128 dev, {_which(half)}: {len(chosen)} articles per language\n")
    print("| language | texts | right | wrong | undecided | wrong as |")
    print("|---|---|---|---|---|---|")
    totals = {"articles": Counter[str](), "sentences": Counter[str]()}
    for name, code in LANGUAGES.items():
        per = texts[name]
        expected = code if code in KNOWN else "(none)"
        docs = ["\n".join(per[d]) for d in chosen]
        sentences = [s for d in chosen for s in per[d] if s.strip()]
        a, s = score(docs, expected), score(sentences, expected)
        totals["articles"].update(a)
        totals["sentences"].update(s)
        print(row(f"{name} articles", a))
        print(row(f"{name} sentences", s))
    print(row("all articles", totals["articles"]))
    print(row("all sentences", totals["sentences"]))


def mqm() -> None:
    """The MQM targets: German (en-de) and English (zh-en) machine translation."""
    print("\nMQM (WMT21 TED, machine translation), never tuned on\n")
    print("| targets | texts | right | wrong | undecided | wrong as |")
    print("|---|---|---|---|---|---|")
    for name, code in (("mqm_ted_ende.tsv", "de"), ("mqm_ted_zhen.tsv", "en")):
        segments: dict[tuple[str, str, str], str] = {}
        with open(DATA / "mqm-ted" / name, encoding="utf-8", newline="") as f:
            for rec in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                target = re.sub(r"</?v>", "", rec["target"] or "")
                segments.setdefault((rec["system"], rec["doc"], rec["seg_id"]), target)
        talks: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for (system, doc, seg), text in segments.items():
            talks.setdefault((system, doc), []).append((int(seg), text))
        joined = ["\n".join(t for _, t in sorted(v)) for v in talks.values()]
        print(row(f"{code} talks ({name})", score(joined, code)))
        print(row(f"{code} segments ({name})", score(list(segments.values()), code)))


def findings(base: str, half: str) -> None:
    """Findings per 100 articles without --target-lang: this checkout, and ``base``."""
    chosen, texts = articles(half)
    here = str(Path(__file__).resolve().parents[1])
    print(
        f"\nFindings per 100 articles ({_which(half)}, {len(chosen)} articles), no --target-lang\n"
    )
    print(
        "| language | before (base) | after (this checkout) | with --target-lang | after = before |"
    )
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("fra", "deu", "spa", "eng"):
            folder = Path(tmp) / name
            folder.mkdir()
            for i, d in enumerate(chosen):
                (folder / f"{i:03d}.txt").write_text("\n".join(texts[name][d]) + "\n", "utf-8")
            cells = []
            runs = []
            for path, extra in ((base, []), (here, []), (here, ["--target-lang", LANGUAGES[name]])):
                found = _audit(path, folder, extra)
                runs.append(found)
                codes = Counter(f["code"] for f in found)
                top = ", ".join(f"{c} ×{n}" for c, n in codes.most_common(3))
                cells.append(f"{100 * len(found) / len(chosen):.0f} ({top})")
            same = "byte-identical" if runs[0] == runs[1] else "changed"
            print(f"| {name} | {' | '.join(cells)} | {same} |")


def _audit(pythonpath: str, folder: Path, extra: list[str]) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": pythonpath}
    command = [sys.executable, "-m", "audit", "check", str(folder), "--format", "jsonl"]
    command += ["--isolated", "--exit-zero", "--jobs", "1", *extra]
    out = subprocess.run(
        command, env=env, cwd=tempfile.gettempdir(), capture_output=True, text=True, check=True
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--findings", metavar="BASE", help="audit's copy to compare with")
    parser.add_argument("--no-mqm", action="store_true")
    args = parser.parse_args()
    start = time.process_time()
    accuracy(args.half)
    if not args.no_mqm:
        mqm()
    print(f"\n{time.process_time() - start:.2f} s CPU for the guesses")
    if args.findings:
        findings(args.findings, args.half)


if __name__ == "__main__":
    main()
