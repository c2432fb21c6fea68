"""Precision of audit's checks on real machine translation that professional raters annotated.

``../shared/data/mqm-ted/`` holds expert MQM annotations (Freitag et al., "Experts,
Errors, and Context", TACL 2021; Apache-2.0) of 15 systems' translations of TED talks,
Chinese→English and English→German: one row per error a rater marked (the span inside
``<v>…</v>``), or a ``No-error`` row. Each system's translation of each talk is audited
as one bilingual document of segments (as an XLIFF file would give it) with every check
(source–target and target-only), and the script prints, per check:

- ``FA/100``: findings per 100 segments that every rater called error-free (false
  alarms, or errors the raters missed);
- ``on span``: the share of the check's findings on annotated segments that overlap
  a span some rater marked (findings on the source side count when the raters marked
  an omission in that segment).

With ``--as segment`` each segment is instead its own document (a JSON Lines record
with ``source`` and ``target``, as a new user might feed a segment table), so no
check can lean on the rest of the talk (B005 then has only the language pair's
table to go by).

Talks are split in two halves by name (``half()``, as in ``benchmarks/ntrex_pairs.py``):
the rules were tuned on ``tune``; figures are reported on ``test``.

    .venv/bin/python benchmarks/mqm_precision.py                 # held-out half, both pairs
    .venv/bin/python benchmarks/mqm_precision.py --half tune --show B002   # and each finding

Targets (issue 15): no check above 1 false alarm per 100 error-free segments, all
checks together at most 3, in both pairs.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "mqm-ted"
PAIRS = {"zh-en": "mqm_ted_zhen.tsv", "en-de": "mqm_ted_ende.tsv"}
_MARK = re.compile(r"</?v>")


def half(doc: str) -> str:
    """``tune`` or ``test``: a stable split of talks by name (CRC-32 parity)."""
    return "tune" if zlib.crc32(doc.encode()) % 2 == 0 else "test"


@dataclass
class Segment:
    source: str
    target: str
    clean: bool = True
    target_spans: list[tuple[int, int]] = field(default_factory=list)
    omission: bool = False


def _unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without ``<v>`` markers, and the marked spans in it."""
    out, spans, pos, start = [], [], 0, None
    for m in _MARK.finditer(text):
        out.append(text[pos : m.start()])
        here = sum(len(p) for p in out)
        if m.group() == "<v>":
            start = here
        elif start is not None:
            spans.append((start, here))
            start = None
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def load(name: str, which: str) -> dict[tuple[str, str], dict[int, Segment]]:
    """Segments per (system, talk), with whether every rater found them error-free."""
    docs: dict[tuple[str, str], dict[int, Segment]] = defaultdict(dict)
    with open(DATA / name, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if which != "all" and half(row["doc"]) != which:
                continue
            target, spans = _unmark(row["target"])
            source, _ = _unmark(row["source"])
            seg = docs[(row["system"], row["doc"])].setdefault(
                int(row["seg_id"]), Segment(source, target)
            )
            if row["category"] != "No-error":
                seg.clean = False
                seg.target_spans.extend(spans)
                seg.omission = seg.omission or row["category"] == "Accuracy/Omission"
    return docs


def _documents(system: str, talk: str, segments: dict[int, Segment], pair: str, unit: str):  # type: ignore[no-untyped-def]
    """(document, segment number of each finding's offset) for one system's talk."""
    from audit import Document
    from audit.segments import SegmentBuilder

    source_lang, target_lang = pair.split("-")
    if unit == "segment":
        for n in sorted(segments):
            yield (
                Document(
                    id=f"{system}/{talk}#{n}",
                    path=f"{system}.{talk}.jsonl",
                    target=segments[n].target,
                    target_lang=target_lang,
                    source=segments[n].source,
                    source_lang=source_lang,
                ),
                n,
            )
        return
    builder = SegmentBuilder()
    for n in sorted(segments):
        builder.add(str(n), segments[n].target, segments[n].source)
    yield (
        Document(
            id=f"{system}/{talk}",
            path=f"{system}.{talk}.xlf",
            target=builder.target,
            target_lang=target_lang,
            source=builder.source,
            source_lang=source_lang,
            segments=tuple(builder.segments),
        ),
        None,
    )


def audit_pair(
    pair: str, which: str, show: set[str], unit: str = "talk"
) -> tuple[int, Counter[str], Counter[str], Counter[str]]:
    from audit import AuditConfig, audit_document

    config = AuditConfig.create()
    clean_segments = 0
    false_alarms: Counter[str] = Counter()
    on_span: Counter[str] = Counter()
    annotated: Counter[str] = Counter()
    for (system, talk), segments in sorted(load(PAIRS[pair], which).items()):
        clean_segments += sum(s.clean for s in segments.values())
        for doc, number in _documents(system, talk, segments, pair, unit):
            for f in audit_document(doc, config):
                if f.severity.value == "info":
                    continue
                if number is None:
                    if f.segment is None or not f.segment.isdigit():
                        continue
                    n, start, end = int(f.segment), f.segment_start, f.segment_end
                else:
                    n, start, end = number, f.start, f.end
                seg = segments.get(n)
                if seg is None:
                    continue
                if seg.clean:
                    false_alarms[f.code] += 1
                    if f.code in show:
                        print(f"  FA {f.code} [{doc.id}#{n}/{f.side}] {f.message}")
                        print(f"       S: {seg.source[:200]}\n       T: {seg.target[:200]}")
                    continue
                annotated[f.code] += 1
                hit = (
                    seg.omission
                    if f.side == "source"
                    else start is not None
                    and end is not None
                    and any(a < max(end, start + 1) and start < b for a, b in seg.target_spans)
                )
                on_span[f.code] += hit
    return clean_segments, false_alarms, on_span, annotated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--pairs", default=",".join(PAIRS))
    parser.add_argument(
        "--show", default="", help="comma-separated codes whose false alarms to print"
    )
    parser.add_argument(
        "--as",
        dest="unit",
        choices=("talk", "segment"),
        default="talk",
        help="one document per system's talk (default) or per segment",
    )
    args = parser.parse_args()
    show = set(filter(None, args.show.split(",")))
    for pair in args.pairs.split(","):
        start = time.perf_counter()
        clean, fa, on_span, annotated = audit_pair(pair, args.half, show, args.unit)
        codes = sorted(set(fa) | set(annotated))
        print(
            f"\nMQM TED {pair}, {args.half} half, one document per {args.unit}: "
            f"{clean} segments every rater called error-free "
            f"({time.perf_counter() - start:.0f} s)"
        )
        print(f"  {'check':<6} {'FA/100':>7} {'findings on annotated':>22} {'on span':>8}")
        for code in codes:
            share = f"{on_span[code] / annotated[code]:.0%}" if annotated[code] else "-"
            print(
                f"  {code:<6} {100 * fa[code] / max(clean, 1):>7.2f} {annotated[code]:>22} {share:>8}"
            )
        total = sum(fa.values())
        bilingual = sum(n for c, n in fa.items() if c.startswith("B"))
        print(
            f"  all checks: {100 * total / max(clean, 1):.2f} false alarms per 100 error-free segments "
            f"(source-target checks B: {100 * bilingual / max(clean, 1):.2f}); worst check: "
            + (
                f"{max(fa, key=lambda c: fa[c])} {100 * max(fa.values()) / max(clean, 1):.2f}"
                if fa
                else "none"
            )
        )


if __name__ == "__main__":
    main()
