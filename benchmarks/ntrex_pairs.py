"""Source–target findings on clean professional translation, per language pair.

NTREX-128 dev holds English news and its professional translation into 17 languages,
one sentence per line. Every document is written as a bilingual file, English source
and translated target, as JSON Lines (whole articles, paragraphs of three sentences,
aligned by audit) and as XLIFF 1.2 (one unit per sentence), and audited with the
source–target checks (B001–B006). A professional translation should draw almost none:
every finding here is a false alarm or a real (rare) slip of the translator.

The documents are split in two halves by document id (``half()``): ``tune`` is what
the length-ratio table and the number rules were fitted on, ``test`` is what the
figures are reported on.

    .venv/bin/python benchmarks/ntrex_pairs.py                  # held-out half, every pair
    .venv/bin/python benchmarks/ntrex_pairs.py --half tune      # the half the rules were tuned on
    .venv/bin/python benchmarks/ntrex_pairs.py --pairs zh,hi --show   # and each finding

Data: ``../shared/data/ntrex-dev`` (CC BY-SA 4.0; Federmann, Kocmi and Xin, "NTREX-128 –
News Test References for MT Evaluation of 128 Languages", SUMEval 2022).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
# NTREX file names and the language codes audit uses.
LANGUAGES = {
    "arb": "ar",
    "spa": "es",
    "fra": "fr",
    "deu": "de",
    "rus": "ru",
    "fas": "fa",
    "heb": "he",
    "zho": "zh",
    "jpn": "ja",
    "kor": "ko",
    "hin": "hi",
    "urd": "ur",
    "tur": "tr",
    "ukr": "uk",
    "vie": "vi",
    "tha": "th",
    "ell": "el",
}
CODES = ("B001", "B002", "B003", "B004", "B005", "B006")
PARAGRAPH = 3


def half(doc_id: str) -> str:
    """``tune`` or ``test``: a stable split of documents by id (CRC-32 parity)."""
    return "tune" if zlib.crc32(doc_id.encode()) % 2 == 0 else "test"


def load(which: str) -> tuple[list[str], dict[str, list[str]]]:
    """Document id per line, and each language's lines, for the lines of one half."""
    ids = (DATA / "doc_ids.txt").read_text(encoding="utf-8").split("\n")
    keep = [i for i, d in enumerate(ids) if d and (which == "all" or half(d) == which)]
    texts = {
        code: (DATA / f"{code}.txt").read_text(encoding="utf-8").split("\n")
        for code in ("eng", *LANGUAGES)
    }
    return [ids[i] for i in keep], {c: [t[i] for i in keep] for c, t in texts.items()}


def _documents(ids: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, d in enumerate(ids):
        out.setdefault(d, []).append(i)
    return out


def _paragraphs(sentences: list[str]) -> str:
    return "\n\n".join(
        " ".join(sentences[k : k + PARAGRAPH]) for k in range(0, len(sentences), PARAGRAPH)
    )


def write_jsonl(
    path: Path, docs: dict[str, list[int]], src: list[str], tgt: list[str], sl: str, tl: str
) -> None:
    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": d,
                    "source": _paragraphs([src[i] for i in lines]),
                    "target": _paragraphs([tgt[i] for i in lines]),
                    "source_lang": sl,
                    "target_lang": tl,
                },
                ensure_ascii=False,
            )
            + "\n"
            for d, lines in docs.items()
        ),
        encoding="utf-8",
    )


def write_xliff(
    path: Path, docs: dict[str, list[int]], src: list[str], tgt: list[str], sl: str, tl: str
) -> None:
    files = []
    for d, lines in docs.items():
        units = "".join(
            f'<trans-unit id="{n}"><source>{escape(src[i])}</source>'
            f"<target>{escape(tgt[i])}</target></trans-unit>\n"
            for n, i in enumerate(lines, start=1)
        )
        files.append(
            f'<file original={quoteattr(d)} source-language="{sl}" target-language="{tl}" '
            f'datatype="plaintext"><body>\n{units}</body></file>\n'
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        + "".join(files)
        + "</xliff>\n",
        encoding="utf-8",
    )


def audit_file(path: Path):  # type: ignore[no-untyped-def]
    from audit import AuditConfig, audit_document
    from audit.formats import read_path

    config = AuditConfig.create(select=["B"], default_glossaries=True)
    out = []
    for doc in read_path(str(path)):
        out.extend(audit_document(doc, config))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--pairs", help="comma-separated target languages (default: all 17)")
    parser.add_argument(
        "--reverse", action="store_true", help="translation as source, English as target"
    )
    parser.add_argument("--formats", default="jsonl,xliff")
    parser.add_argument("--show", action="store_true", help="print each finding")
    args = parser.parse_args()
    ids, texts = load(args.half)
    docs = _documents(ids)
    wanted = set(args.pairs.split(",")) if args.pairs else None
    formats = args.formats.split(",")
    print(
        f"NTREX-128 dev, {args.half} half: {len(docs)} documents, {len(ids)} sentence pairs per language pair"
    )
    header = f"{'pair':<7} {'format':<6} {'per 100':>8}  " + " ".join(f"{c:>5}" for c in CODES)
    print(header)
    print("-" * len(header))
    worst = 0.0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for code, lang in LANGUAGES.items():
            if wanted and lang not in wanted:
                continue
            src, tgt, sl, tl = texts["eng"], texts[code], "en", lang
            if args.reverse:
                src, tgt, sl, tl = tgt, src, tl, sl
            for fmt in formats:
                path = Path(tmp) / f"{sl}-{tl}.{'jsonl' if fmt == 'jsonl' else 'xlf'}"
                (write_jsonl if fmt == "jsonl" else write_xliff)(path, docs, src, tgt, sl, tl)
                found = audit_file(path)
                per = Counter(f.code for f in found if f.severity.value != "info")
                rate = 100 * sum(per.values()) / len(ids)
                worst = max(worst, rate)
                print(
                    f"{sl}-{tl:<4} {fmt:<6} {rate:>8.2f}  "
                    + " ".join(f"{100 * per[c] / len(ids):>5.2f}" for c in CODES)
                )
                if args.show:
                    for f in found:
                        print(
                            f"      {f.code} {f.severity.value} [{f.document}/{f.segment}/{f.side}] {f.text[:60]!r}: {f.message[:140]}"
                        )
    print("-" * len(header))
    print(
        f"worst pair: {worst:.2f} source-target findings per 100 segments "
        f"(info findings not counted); {time.perf_counter() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
