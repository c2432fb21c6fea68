"""False alarms on clean, professionally edited news: findings per 100 articles.

Builds articles from NTREX-128 (Federmann, Kocmi and Xin, SUMEval 2022; CC BY-SA 4.0):
the same news documents written in English and professionally translated into Arabic,
Spanish, French, German, Russian, Persian and Hebrew. Each document becomes one article:
its first line is the headline, the rest are joined into paragraphs of about three
sentences (a paragraph is not broken while a quotation is open in the English
original, so every language gets the same paragraphs). Every article is audited with
all default checks and the bundled glossaries through ``audit.audit_document``.

Run:   .venv/bin/python benchmarks/false_alarms.py [--data DIR] [--show] [--show-code CODE]

Targets: at most 5 critical or major findings per 100 clean articles overall, and no
check above 1 finding per 100 articles. ``--show`` prints every finding with its context
so that each one can be judged by a person.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from audit import AuditConfig, Document, Finding, Severity, audit_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
LANGUAGES = {"eng": "en", "arb": "ar", "spa": "es", "fra": "fr", "deu": "de", "rus": "ru", "fas": "fa", "heb": "he"}
SENTENCES_PER_PARAGRAPH = 3
MAX_SENTENCES_PER_PARAGRAPH = 12
TERMINAL = re.compile(r"[.!?…:][\"'”’»)]*\s*$")


def quote_open(text: str) -> bool:
    """True when a quotation opened in ``text`` is not closed (any of the usual styles)."""
    return (
        text.count('"') % 2 == 1
        or text.count("«") != text.count("»")
        or text.count("„") > text.count("“") + text.count("”")
        or (text.count("„") == 0 and text.count("“") != text.count("”"))
    )


def paragraph_plan(versions: list[list[str]]) -> list[list[int]]:
    """Line indices of each body paragraph (the headline, index 0, is not included).

    ``versions`` holds the document's lines in every language (English first); a
    paragraph ends after about three sentences where no version has a quotation open,
    as an editor would paragraph it (the NTREX segments split long quotations into
    sentences). A line without a full stop (a summary bullet, a caption, a subheading)
    stands alone.
    """
    plan: list[list[int]] = []
    current: list[int] = []
    for i in range(1, len(versions[0])):
        if not TERMINAL.search(versions[0][i]):
            plan.extend(p for p in (current, [i]) if p)
            current = []
            continue
        current.append(i)
        balanced = not any(quote_open(" ".join(lines[j] for j in current)) for lines in versions)
        if (len(current) >= SENTENCES_PER_PARAGRAPH and balanced) or len(current) >= MAX_SENTENCES_PER_PARAGRAPH:
            plan.append(current)
            current = []
    if current:
        plan.append(current)
    return plan


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def build_articles(data: Path) -> dict[str, list[Document]]:
    """``{language code: [Document, ...]}``, one document per NTREX document id."""
    ids = read_lines(data / "doc_ids.txt")
    order: list[str] = []
    rows: dict[str, list[int]] = {}
    for i, doc_id in enumerate(ids):
        if doc_id not in rows:
            order.append(doc_id)
            rows[doc_id] = []
        rows[doc_id].append(i)
    texts = {file_lang: read_lines(data / f"{file_lang}.txt") for file_lang in LANGUAGES}
    for file_lang, lines in texts.items():
        if len(lines) != len(ids):
            raise SystemExit(f"{file_lang}.txt has {len(lines)} lines, doc_ids.txt {len(ids)}")
    plans = {d: paragraph_plan([[lines[i] for i in rows[d]] for lines in texts.values()]) for d in order}
    articles: dict[str, list[Document]] = {}
    for file_lang, lang in LANGUAGES.items():
        lines = texts[file_lang]
        docs = []
        for doc_id in order:
            sentences = [lines[i].strip() for i in rows[doc_id]]
            paragraphs = [sentences[0]] + [" ".join(sentences[i] for i in p) for p in plans[doc_id]]
            docs.append(Document(id=doc_id, path=f"ntrex/{file_lang}/{doc_id}", target="\n\n".join(paragraphs) + "\n", target_lang=lang))
        articles[lang] = docs
    return articles


def per_100(count: int, articles: int) -> float:
    return 100.0 * count / articles if articles else 0.0


def context(doc: Document, f: Finding, width: int = 50) -> str:
    before = doc.target[max(0, f.start - width) : f.start].replace("\n", "⏎")
    after = doc.target[f.end : f.end + width].replace("\n", "⏎")
    return f"…{before}[[{f.text.replace(chr(10), '⏎')}]]{after}…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ntrex-dev folder")
    parser.add_argument("--show", action="store_true", help="print every finding with its context")
    parser.add_argument("--show-code", action="append", default=[], help="print the findings of this check")
    args = parser.parse_args(argv)
    if not (args.data / "doc_ids.txt").exists():
        print(f"false_alarms: NTREX data not found at {args.data} (expected doc_ids.txt and eng.txt ...); "
              "pass --data DIR", file=sys.stderr)
        return 2
    articles = build_articles(args.data)
    config = AuditConfig.create()
    counts: Counter[tuple[str, str]] = Counter()
    serious: Counter[str] = Counter()
    started = time.perf_counter()
    for lang, docs in articles.items():
        for doc in docs:
            for f in audit_document(doc, config):
                counts[(f.code, lang)] += 1
                if f.severity.rank >= Severity.MAJOR.rank:
                    serious[lang] += 1
                if args.show or f.code in args.show_code:
                    print(f"{lang} {doc.id} {f.code} {f.severity.value}: {f.message}\n    {context(doc, f)}")
    elapsed = time.perf_counter() - started
    langs = list(articles)
    n = {lang: len(docs) for lang, docs in articles.items()}
    total = sum(n.values())
    print(f"\nNTREX-128 dev: {total} articles ({', '.join(f'{lang} {n[lang]}' for lang in langs)}); "
          f"audited in {elapsed:.1f} s")
    print("findings per 100 articles, by check and target language\n")
    print(f"{'check':<6}" + "".join(f"{lang:>7}" for lang in langs) + f"{'all':>8}{'count':>7}")
    for c in config.checks:
        per_lang = [counts[(c.code, lang)] for lang in langs]
        print(f"{c.code:<6}" + "".join(f"{per_100(k, n[lang]):>7.1f}" for k, lang in zip(per_lang, langs))
              + f"{per_100(sum(per_lang), total):>8.2f}{sum(per_lang):>7}")
    all_serious = sum(serious.values())
    print(f"\n{'critical+major per 100:':<24}" + "".join(f"{lang} {per_100(serious[lang], n[lang]):.1f}  " for lang in langs)
          + f"all {per_100(all_serious, total):.2f} ({all_serious})")
    worst = max(config.checks, key=lambda c: sum(counts[(c.code, lang)] for lang in langs))
    worst_rate = per_100(sum(counts[(worst.code, lang)] for lang in langs), total)
    ok = per_100(all_serious, total) <= 5.0 and worst_rate <= 1.0
    print(f"targets (critical+major <= 5 per 100, every check <= 1 per 100): {'met' if ok else 'NOT met'}"
          f" (busiest check {worst.code}: {worst_rate:.2f} per 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
