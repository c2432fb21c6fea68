"""Back-translation and round-trip scoring speed, each against the library it wraps.

1. Generation: segments/s through `audit backtranslate`'s code path (BackTranslator:
   tokenize, sort by length, batch, generate, decode; model already loaded, cache
   off) against calling ``model.generate`` directly on the same batches (tokenized
   beforehand, untimed). Target: at least 0.9 of direct.
2. Cache: wall time of the `audit backtranslate` command (a fresh process each) on a
   cold cache against a second run over the same text. Target: at least 20x faster.
3. Scoring: segments/s of `audit score`'s code path (chrF per segment and per
   document, Arabic normalized) against calling sacrebleu directly.

Text: English news sentences (to back-translate into Arabic) and their Arabic
originals from ../shared/data/ntrex-dev (NTREX-128, CC BY-SA 4.0); without it the
ten test sentences are repeated. Model: the tiny MarianMT model the tests train
(tests/tiny_models.py), or a real one with --model DIR (e.g. opus-mt-en-ar).

    .venv/bin/python benchmarks/backtranslate_bench.py [--model DIR] [--segments 256]
        [--batch-size 16] [--beams 2] [--max-new-tokens 64] [--threads N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"

from audit import Document  # noqa: E402
from audit.scoring import score_documents  # noqa: E402
from audit.scoring.backtranslate import BackTranslator, Decoding, input_limit  # noqa: E402
from audit.scoring.models import Direction, conventions  # noqa: E402
from tests import tiny_models  # noqa: E402


def sentences(n: int) -> tuple[list[tuple[str, str]], list[str], str]:
    """``n`` (English, Arabic) pairs and their document ids, and where they came from."""
    if (DATA / "eng.txt").exists():
        eng = (DATA / "eng.txt").read_text(encoding="utf-8").splitlines()
        arb = (DATA / "arb.txt").read_text(encoding="utf-8").splitlines()
        ids = (DATA / "doc_ids.txt").read_text(encoding="utf-8").splitlines()
        return list(zip(eng, arb))[:n], ids[:n], f"{DATA} (NTREX-128)"
    print(f"note: {DATA} not found; repeating the ten test sentences", file=sys.stderr)
    pairs = tiny_models.pairs()
    return (
        [pairs[i % len(pairs)] for i in range(n)],
        [f"doc{i // 10}" for i in range(n)],
        "tests/fixtures (repeated)",
    )


def best_of(repeat: int, run: Callable[[], object]) -> float:
    return timed(repeat, run)[0]


def timed(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """Best wall time and best CPU time of this process over ``repeat`` runs.

    CPU time is what the code costs; wall time is what a user waits, and on a machine
    shared with other work it also counts the waiting for a core.
    """
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        run()
        wall, cpu = min(wall, time.perf_counter() - w0), min(cpu, time.process_time() - c0)
    return wall, cpu


def bench_generation(
    model_dir: Path, texts: list[str], direction: Direction, args: argparse.Namespace
) -> None:
    import torch

    decoding = Decoding(beams=args.beams, max_new_tokens=args.max_new_tokens)
    translator = BackTranslator(
        model_dir, batch_size=args.batch_size, decoding=decoding, cache=None, threads=args.threads
    )
    loaded = translator.model()  # loaded once, untimed, for both paths
    print(
        f"torch threads: {torch.get_num_threads()}; batch size {args.batch_size}; beams {args.beams}; "
        f"max new tokens {args.max_new_tokens}"
    )
    conv = conventions(loaded, direction)
    tok = loaded.tokenizer
    if conv.src_lang:
        tok.src_lang = conv.src_lang
    ids = tok([conv.prefix + t for t in texts], truncation=True, max_length=input_limit(loaded))[
        "input_ids"
    ]
    order = sorted(range(len(texts)), key=lambda i: -len(ids[i]))
    batches = [
        tok.pad(
            {"input_ids": [ids[i] for i in order[s : s + args.batch_size]]}, return_tensors="pt"
        )
        for s in range(0, len(order), args.batch_size)
    ]
    options = {
        "num_beams": args.beams,
        "max_new_tokens": min(args.max_new_tokens, loaded.model.config.max_position_embeddings - 2),
    }
    if conv.forced_bos_token_id is not None:
        options["forced_bos_token_id"] = conv.forced_bos_token_id

    def direct() -> None:
        with torch.inference_mode():
            for batch in batches:
                loaded.model.generate(**batch, **options)

    def audit_path() -> None:
        translator.translate(texts, direction)

    direct(), audit_path()  # warm up
    best = {"direct": [float("inf")] * 2, "audit": [float("inf")] * 2}
    for _ in range(args.repeat):  # interleaved, so load changes on the machine hit both alike
        for name, run in (("direct", direct), ("audit", audit_path)):
            best[name] = [min(a, b) for a, b in zip(best[name], timed(1, run))]
    n = len(texts)
    for name, label in (("direct", "direct model.generate"), ("audit", "audit code path")):
        wall, cpu = best[name]
        print(
            f"generation  {label:<22} {n / wall:8.1f} segments/s wall ({wall:.2f} s), {n / cpu:8.1f} per CPU-second"
        )
    print(
        f"generation  audit / direct = {best['direct'][0] / best['audit'][0]:.3f} wall, "
        f"{best['direct'][1] / best['audit'][1]:.3f} CPU  (target >= 0.9)"
    )


def bench_cache(
    model_dir: Path, pairs: list[tuple[str, str]], ids: list[str], args: argparse.Namespace
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        records = [
            {
                "id": f"s{i}",
                "source_lang": args.source_lang,
                "target_lang": args.target_lang,
                "source": ar,
                "target": en,
            }
            for i, (en, ar) in enumerate(pairs)
        ]
        src = work / "in.jsonl"
        src.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        command = [
            sys.executable,
            "-m",
            "audit",
            "backtranslate",
            str(src),
            "--model",
            str(model_dir),
            "-o",
            str(work / "out.jsonl"),
            "--cache",
            str(work / "cache.sqlite3"),
            "--batch-size",
            str(args.batch_size),
            "--beams",
            str(args.beams),
            "--max-new-tokens",
            str(args.max_new_tokens),
        ]
        if args.threads:
            command += ["--threads", str(args.threads)]
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            if result.returncode:
                sys.exit(f"audit backtranslate failed: {result.stderr.strip()}")
            print(
                f"cache       {result.stderr.strip().split(' (', 1)[-1].rstrip(')')}: {times[-1]:.2f} s"
            )
        print(
            f"cache       second run {times[0] / times[1]:.1f}x faster than the first  (target >= 20x)"
        )


def bench_scoring(pairs: list[tuple[str, str]], ids: list[str], args: argparse.Namespace) -> None:
    from sacrebleu.metrics import CHRF

    rng = random.Random(5)

    def damaged(text: str) -> str:  # a stand-in back-translation: about one word in six dropped
        return " ".join(w for w in text.split() if rng.random() > 1 / 6)

    groups: dict[str, list[tuple[str, str]]] = {}
    for (_, ar), doc_id in zip(pairs, ids):
        groups.setdefault(doc_id, []).append((ar, damaged(ar)))
    docs = [
        Document(
            id=d,
            target="-",
            source="\n".join(s for s, _ in g),
            source_lang="ar",
            back_translation="\n".join(b for _, b in g),
        )
        for d, g in groups.items()
    ]
    n = sum(len(g) for g in groups.values())
    chrf = CHRF()

    def direct_segments() -> None:
        for g in groups.values():
            for s, b in g:
                chrf.sentence_score(b, [s])

    def direct_same_work() -> None:
        for g in groups.values():
            for s, b in g:
                chrf.sentence_score(b, [s])
            chrf.corpus_score([b for _, b in g], [[s for s, _ in g]])

    def audit_path() -> None:
        score_documents(docs, ["chrf"])

    rates = {
        name: n / best_of(args.repeat, run)
        for name, run in (
            ("sacrebleu sentence_score only", direct_segments),
            ("sacrebleu sentence + document corpus_score", direct_same_work),
            ("audit score (+ Arabic normalization, alignment)", audit_path),
        )
    }
    for name, rate in rates.items():
        print(f"scoring     {name:<48} {rate:9.0f} segments/s")
    audit_rate = rates["audit score (+ Arabic normalization, alignment)"]
    print(
        f"scoring     audit / sacrebleu same work = {audit_rate / rates['sacrebleu sentence + document corpus_score']:.3f}; "
        f"audit / sentence_score only = {audit_rate / rates['sacrebleu sentence_score only']:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", type=Path, help="a local model directory (default: train the tiny test model)"
    )
    parser.add_argument("--segments", type=int, default=256)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--beams", type=int, default=2)
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument(
        "--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timings per measurement; the best is kept"
    )
    parser.add_argument("--source-lang", default="ar", help="language back-translated into")
    parser.add_argument("--target-lang", default="en", help="language of the texts translated")
    args = parser.parse_args()

    pairs, ids, origin = sentences(args.segments)
    print(f"{len(pairs)} segments from {origin}")
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = args.model
        if model_dir is None:
            t0 = time.perf_counter()
            model_dir = tiny_models.build_marian(Path(tmp) / "opus-mt-tiny-en-ar")
            print(
                f"model: tiny MarianMT trained in {time.perf_counter() - t0:.1f} s (outputs on unseen text are noise; "
                "the timing is what counts)"
            )
        else:
            print(f"model: {model_dir}")
        bench_generation(
            model_dir, [en for en, _ in pairs], Direction(args.target_lang, args.source_lang), args
        )
        bench_cache(model_dir, pairs, ids, args)
    bench_scoring(pairs, ids, args)


if __name__ == "__main__":
    main()
