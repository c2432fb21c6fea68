"""A synthetic but realistic corpus for tests, demos and benchmarks.

Articles are built from real text: the seed article (``seeds/libya_geneva_talks.txt``,
a real machine translation carrying real errors) and NTREX-128 news documents (English
targets with their Arabic sources). On top of that the generator injects what a
newsroom sees: name variants (Hifter, Hafter, Salama, Salame...), debris (video IDs,
HTML leftovers, mojibake, "Read more" lines) and, for news articles, a simulated
back-translation (the Arabic source with words dropped and swapped, so chrF spreads out).

Error rates depend on the translator and the week, so the report has something to
compare: ``mt-b`` gets worse week after week, ``team-c`` gets better.

Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEED_ARTICLE = ROOT / "seeds" / "libya_geneva_talks.txt"
DESKS = ("libya", "world", "business")
TRANSLATORS = ("mt-a", "mt-b", "team-c")
HAFTAR_VARIANTS = ("Hifter", "Hifter", "Hafter", "Hiftar")
SALAMEH_VARIANTS = ("Salama", "Salama", "Salame")
DEBRIS = (
    "6126630991001 bf9801bd-5cd0-414d-80b4-03d65c28c170 847c82cd-0a26-4a11-9c49-2622b3dad4d7\nvideo",
    "Read more: Subscribe to our newsletter &nbsp;&nbsp;",
    "<br><br>Share this article<br>",
    "The minister said the talks werenâ€™t over.",
    "<script>alert('debris')</script>",
)
TITLES = (
    "Geneva military talks on Libya",
    "Libya ceasefire committee meets",
    "UN envoy presses Libyan parties",
)


@dataclass(frozen=True)
class NewsDoc:
    """One real news document: English sentences and the aligned Arabic sentences."""

    id: str
    english: tuple[str, ...]
    arabic: tuple[str, ...]


def load_ntrex(folder: str | Path) -> list[NewsDoc]:
    """Read NTREX-style aligned files (``doc_ids.txt``, ``eng.txt``, ``arb.txt``) into documents."""
    folder = Path(folder)
    ids = (folder / "doc_ids.txt").read_text(encoding="utf-8").splitlines()
    eng = (folder / "eng.txt").read_text(encoding="utf-8").splitlines()
    arb = (folder / "arb.txt").read_text(encoding="utf-8").splitlines()
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for doc_id, e, a in zip(ids, eng, arb):
        pair = docs.setdefault(doc_id.split()[0], ([], []))
        pair[0].append(e)
        pair[1].append(a)
    return [NewsDoc(k, tuple(e), tuple(a)) for k, (e, a) in docs.items()]


def seed_paragraphs(path: Path = SEED_ARTICLE) -> list[str]:
    """The seed article's paragraphs, as published (errors and debris included)."""
    return [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]


def generate(
    documents: int,
    start: dt.date,
    days: int,
    news: Sequence[NewsDoc],
    seed: int = 0,
    libya_share: float = 0.35,
) -> Iterator[dict[str, Any]]:
    """Yield ``documents`` JSON Lines records dated over ``days`` days from ``start``."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    for i in range(documents):
        day = start + dt.timedelta(days=(i * days) // max(1, documents))
        progress = (day - start).days / max(1, days - 1)  # 0 in the first week, 1 at the end
        translator = rng.choice(TRANSLATORS)
        record: dict[str, Any] = {
            "id": f"art-{i:06d}",
            "date": day.isoformat(),
            "translator": translator,
            "target_lang": "en",
        }
        if rng.random() < libya_share or not news:
            record.update(
                desk="libya",
                target=_libya_article(rng, paragraphs, _error_rate(translator, progress)),
            )
        else:
            doc = rng.choice(news)
            record.update(desk=rng.choice(DESKS[1:]), **_news_article(rng, doc))
        if rng.random() < 0.6 * _error_rate(translator, progress):
            record["target"] = _with_debris(rng, record["target"])
        yield record


def _error_rate(translator: str, progress: float) -> float:
    """How error-prone a translator is at a point in the period (0..1)."""
    if translator == "mt-b":
        return 0.2 + 0.6 * progress
    if translator == "team-c":
        return 0.6 - 0.5 * progress
    return 0.35


def _libya_article(rng: random.Random, paragraphs: list[str], error_rate: float) -> str:
    """Seed paragraphs, verbatim (with the seed's own errors) or corrected then drifted."""
    body = [
        p for p in paragraphs if not p[:1].isdigit()
    ]  # the seed's debris goes in via _with_debris
    chosen = [body[0]] + sorted(
        rng.sample(body[1:], k=rng.randint(3, min(6, len(body) - 1))), key=body.index
    )
    text = "\n\n".join([rng.choice(TITLES), *chosen])
    if rng.random() < error_rate * 0.5:
        return text + "\n"  # as machine-translated: Hifter, Salama, Al-Wefaq ...
    text = re.sub(r"\bHifter\b", "Haftar", text)
    text = re.sub(r"\bSalama\b", "Salameh", text)
    text = _drift(rng, text, "Haftar", HAFTAR_VARIANTS, error_rate)
    text = _drift(rng, text, "Salameh", SALAMEH_VARIANTS, error_rate)
    return text + "\n"


def _drift(rng: random.Random, text: str, name: str, variants: Sequence[str], rate: float) -> str:
    """Replace some occurrences of ``name`` by one variant, as a careless translation would."""
    if rng.random() >= rate:
        return text
    variant = rng.choice(variants)
    return re.sub(rf"\b{name}\b", lambda m: variant if rng.random() < 0.5 else m.group(0), text)


def _news_article(rng: random.Random, doc: NewsDoc) -> dict[str, Any]:
    """A real news document in paragraphs of three sentences, with a simulated back-translation."""
    paras = ["\n".join([doc.english[0]])]
    for i in range(1, len(doc.english), 3):
        paras.append(" ".join(doc.english[i : i + 3]))
    source = " ".join(doc.arabic)
    return {
        "target": "\n\n".join(paras) + "\n",
        "source": source,
        "source_lang": "ar",
        "back_translation": _degrade(rng, doc.arabic, rng.uniform(0.0, 0.5)),
    }


def _degrade(rng: random.Random, sentences: Sequence[str], damage: float) -> str:
    """Drop and swap words in a share ``damage`` of sentences: a stand-in for a round trip."""
    out = []
    for sentence in sentences:
        words = sentence.split()
        if rng.random() < damage and len(words) > 3:
            words = [w for w in words if rng.random() > 0.3]
            i = rng.randrange(len(words) - 1) if len(words) > 1 else 0
            words[i : i + 2] = reversed(words[i : i + 2])
        out.append(" ".join(words))
    return " ".join(out)


def _with_debris(rng: random.Random, text: str) -> str:
    paragraphs = text.rstrip("\n").split("\n\n")
    paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(DEBRIS))
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(
    records: Iterator[dict[str, Any]], out_dir: str | Path, text_every: int = 10
) -> dict[str, int]:
    """Write records as weekly JSON Lines exports, and every ``text_every``-th as a plain
    ``.txt`` file dated only by its modification time (no metadata), as folders of
    articles are. Returns how many records went to each kind of file."""
    out = Path(out_dir)
    (out / "files").mkdir(parents=True, exist_ok=True)
    exports: dict[str, Any] = {}
    counts = {"jsonl": 0, "text": 0}
    try:
        for n, record in enumerate(records):
            day = dt.date.fromisoformat(record["date"])
            if text_every and n % text_every == text_every - 1:
                path = out / "files" / f"{record['id']}.txt"
                path.write_text(record["target"], encoding="utf-8")
                noon = dt.datetime.combine(day, dt.time(12)).timestamp()
                os.utime(path, (noon, noon))
                counts["text"] += 1
                continue
            year, week, _ = day.isocalendar()
            name = f"export-{year}-W{week:02d}.jsonl"
            if name not in exports:
                exports[name] = (out / name).open("w", encoding="utf-8")
            exports[name].write(json.dumps(record, ensure_ascii=False) + "\n")
            counts["jsonl"] += 1
    finally:
        for handle in exports.values():
            handle.close()
    return counts


def main() -> None:
    """``python -m audit.corpus.synth OUT_DIR [DOCUMENTS] [START] [DAYS] [NTREX_DIR]``"""
    import sys

    args = sys.argv[1:]
    if not args:
        raise SystemExit(main.__doc__)
    documents = int(args[1]) if len(args) > 1 else 300
    start = dt.date.fromisoformat(args[2]) if len(args) > 2 else dt.date(2020, 1, 6)
    days = int(args[3]) if len(args) > 3 else 21
    ntrex = Path(args[4]) if len(args) > 4 else ROOT.parent / "shared" / "data" / "ntrex-dev"
    if not (ntrex / "eng.txt").is_file():
        ntrex = ROOT / "tests" / "fixtures" / "ntrex-excerpt"
    counts = write_corpus(generate(documents, start, days, load_ntrex(ntrex)), args[0])
    print(
        f"wrote {counts['jsonl']} JSON Lines records and {counts['text']} text files to {args[0]} "
        f"(news text from {ntrex})"
    )


if __name__ == "__main__":
    main()
