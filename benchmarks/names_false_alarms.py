"""False alarms of the name-variant checks (N004, N005) on clean, professionally
translated news: NTREX-128 (../shared/data/ntrex-dev), one article per document id.

Every finding on this text is a false alarm, or a real inconsistency of the human
translation (each one is printed so that a person can tell). Runs with the bundled
glossaries and without them, for every language of the data that has capital letters.

    .venv/bin/python benchmarks/names_false_alarms.py
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit import AuditConfig, Document, audit_document

DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
LANGUAGES = {"eng": "en", "fra": "fr", "spa": "es", "deu": "de", "rus": "ru"}


def articles(lang: str) -> list[Document]:
    ids = (DATA / "doc_ids.txt").read_text(encoding="utf-8").splitlines()
    lines = (DATA / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    grouped: OrderedDict[str, list[str]] = OrderedDict()
    for doc_id, line in zip(ids, lines):
        grouped.setdefault(doc_id, []).append(line)
    return [
        Document(id=d, target="\n".join(ls), target_lang=LANGUAGES[lang])
        for d, ls in grouped.items()
    ]


def main() -> int:
    if not (DATA / "doc_ids.txt").exists():
        print(f"names_false_alarms: data not found: {DATA}; nothing measured", file=sys.stderr)
        return 0
    for default_glossaries in (True, False):
        config = AuditConfig.create(select=["N004", "N005"], default_glossaries=default_glossaries)
        print(f"{'with' if default_glossaries else 'without'} the bundled glossaries:")
        for lang in LANGUAGES:
            docs = articles(lang)
            findings = [(d.id, f) for d in docs for f in audit_document(d, config)]
            flagged = len({d for d, _ in findings})
            print(
                f"  {lang}: {len(docs)} articles, {len(findings)} findings in {flagged} articles "
                f"({100 * flagged / len(docs):.1f} articles with a finding per 100)"
            )
            for doc_id, f in findings:
                print(f"    {doc_id} {f.code} {f.text!r}: {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
