"""Bilingual checks on real Arabic–English news, in every bilingual format.

Takes a handful of NTREX-128 documents (professional translations of English news;
here the Arabic is the source and the English the target), writes them as a text
pair, JSON Lines, CSV, XLIFF 1.2, XLIFF 2.1, PO, TMX and SRT, injects one error of
each kind per document (a changed number, a variant spelling of a name, a dropped
sentence, a sentence left untranslated) and audits every file. Prints, per format:
recall per injected error type, and source–target findings per 100 segments on the
unmodified sample (which should draw none). Then counts source–target findings on
all 63 NTREX documents unmodified (most are real discrepancies of the professional
translation, some are false alarms), and times hostile XML (billion laughs, an
external entity) through the CLI.

    .venv/bin/python benchmarks/bilingual_eval.py              # the figures
    .venv/bin/python benchmarks/bilingual_eval.py --show       # and each finding on the clean sample
    .venv/bin/python benchmarks/bilingual_eval.py --write-fixtures tests/fixtures/bilingual

Data: ``../shared/data/ntrex-dev`` (CC BY-SA 4.0; Federmann, Kocmi and Xin, "NTREX-128 –
News Test References for MT Evaluation of 128 Languages", SUMEval 2022).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "ntrex-dev"
GLOSSARY = ROOT / "tests" / "fixtures" / "bilingual" / "glossary.yaml"
DOCS = (
    "abcnews.306758",
    "abcnews.306764",
    "cnn.304478",
    "reuters.218888",
    "cbsnews.248384",
    "upi.176266",
    "guardian.221754",
    "nytimes.184853",
)
FIXTURE_DOCS = ("abcnews.306758", "abcnews.306764")
FORMATS = ("text", "jsonl", "csv", "xliff12", "xliff2", "po", "tmx", "srt")
ERRORS = {"number": "B002", "variant": "B001", "dropped": "B004", "untranslated": "B003"}
PARAGRAPH = 3  # sentences per paragraph in the article formats


@dataclass
class Article:
    id: str
    source: list[str]  # Arabic sentences
    target: list[str]  # English sentences; "" = dropped


@dataclass(frozen=True)
class Expectation:
    document: str
    kind: str
    code: str
    text: str  # the finding's text (number, source term, source sentence...)
    entity: str | None = None


@dataclass
class Sample:
    articles: list[Article]
    expectations: list[Expectation] = field(default_factory=list)


def load(ids: tuple[str, ...]) -> Sample:
    doc_ids = (DATA / "doc_ids.txt").read_text(encoding="utf-8").split("\n")
    ar = (DATA / "arb.txt").read_text(encoding="utf-8").split("\n")
    en = (DATA / "eng.txt").read_text(encoding="utf-8").split("\n")
    return Sample(
        [
            Article(
                d,
                [ar[i] for i, x in enumerate(doc_ids) if x == d],
                [en[i] for i, x in enumerate(doc_ids) if x == d],
            )
            for d in ids
        ]
    )


# --- injection ------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")


def inject(sample: Sample, kind: str, seed: int = 7) -> Sample:
    """One error of ``kind`` per article, at a seeded random eligible sentence."""
    from audit.glossary import load_glossaries
    from audit.glossary.source import source_matcher

    glossary = load_glossaries([GLOSSARY])
    rng = random.Random(f"{seed}-{kind}")
    out = Sample([replace(a, target=list(a.target)) for a in sample.articles])
    for article in out.articles:
        order = list(range(1, len(article.target)))
        rng.shuffle(order)
        for i in order:
            src, tgt = article.source[i], article.target[i]
            expectation = None
            if kind == "number":
                m = next((m for m in _NUMBER.finditer(tgt) if m.group() in src), None)
                if m:
                    new = str(int(m.group()) + 1)
                    article.target[i] = tgt[: m.start()] + new + tgt[m.end() :]
                    expectation = Expectation(article.id, kind, ERRORS[kind], new)
            elif kind == "variant":
                for sm in source_matcher(glossary).find(src):
                    form = next(
                        (
                            v
                            for v in sm.entry.variants
                            if re.search(rf"\b{re.escape(v.use)}\b", tgt)
                        ),
                        None,
                    )
                    if form:
                        article.target[i] = re.sub(rf"\b{re.escape(form.use)}\b", form.form, tgt)
                        if any(
                            re.search(rf"\b{re.escape(a)}\b", article.target[i])
                            for a in sm.entry.accepted
                        ):
                            article.target[i] = tgt
                            continue
                        expectation = Expectation(
                            article.id, kind, ERRORS[kind], src[sm.start : sm.end], sm.entry.id
                        )
                        break
            elif kind == "dropped" and len(src.split()) >= 5:
                article.target[i] = ""
                expectation = Expectation(article.id, kind, ERRORS[kind], src.strip())
            elif kind == "untranslated" and len(src.split()) >= 5:
                article.target[i] = src
                expectation = Expectation(article.id, kind, ERRORS[kind], src.strip())
            if expectation:
                out.expectations.append(expectation)
                break
    return out


# --- writers --------------------------------------------------------------------------


def _paragraphs(sentences: list[str], keep_empty: bool = False) -> str:
    paras = [
        " ".join(s for s in sentences[k : k + PARAGRAPH] if s or keep_empty)
        for k in range(1, len(sentences), PARAGRAPH)
    ]
    return "\n\n".join([sentences[0], *paras]) + "\n"


def write(sample: Sample, fmt: str, folder: Path) -> list[tuple[Path, Path | None]]:
    """Write the sample as ``fmt`` into ``folder``; return (target file, source file) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    arts = sample.articles
    if fmt == "text":
        out = []
        for a in arts:
            t, s = folder / f"{a.id}.en.txt", folder / f"{a.id}.ar.txt"
            t.write_text(_paragraphs(a.target), encoding="utf-8")
            s.write_text(_paragraphs(a.source), encoding="utf-8")
            out.append((t, s))
        return out
    if fmt == "srt":
        out = []
        for a in arts:
            t, s = folder / f"{a.id}.en.srt", folder / f"{a.id}.ar.srt"
            t.write_text(_srt(a.target), encoding="utf-8")
            s.write_text(_srt(a.source), encoding="utf-8")
            out.append((t, s))
        return out
    writer = {
        "jsonl": _jsonl,
        "csv": _csv,
        "xliff12": _xliff12,
        "xliff2": _xliff2,
        "po": _po,
        "tmx": _tmx,
    }[fmt]
    suffix = {
        "jsonl": ".jsonl",
        "csv": ".csv",
        "xliff12": ".xlf",
        "xliff2": ".xlf",
        "po": ".po",
        "tmx": ".tmx",
    }[fmt]
    path = folder / f"sample{'-2' if fmt == 'xliff2' else ''}{suffix}"
    path.write_text(writer(arts), encoding="utf-8")
    return [(path, None)]


def _srt(sentences: list[str]) -> str:
    cues = []
    for n, s in enumerate(sentences, start=1):
        if s:
            cues.append(
                f"{n}\n00:00:{n * 3 % 60:02d},000 --> 00:00:{(n * 3 + 2) % 60:02d},500\n{s}\n"
            )
    return "\n".join(cues)


def _jsonl(arts: list[Article]) -> str:
    return "".join(
        json.dumps(
            {
                "id": a.id,
                "source": _paragraphs(a.source).strip(),
                "target": _paragraphs(a.target).strip(),
                "source_lang": "ar",
                "target_lang": "en",
                "desk": "world",
                "url": f"https://example.org/{a.id}",
            },
            ensure_ascii=False,
        )
        + "\n"
        for a in arts
    )


def _csv(arts: list[Article]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["document", "id", "source", "target"])
    for a in arts:
        for n, (s, t) in enumerate(zip(a.source, a.target), start=1):
            w.writerow([a.id, n, s, t])
    return buf.getvalue()


def _xliff12(arts: list[Article]) -> str:
    files = []
    for a in arts:
        units = "".join(
            f'      <trans-unit id="{n}">\n        <source>{escape(s)}</source>\n'
            + (f"        <target>{escape(t)}</target>\n" if t else "")
            + "      </trans-unit>\n"
            for n, (s, t) in enumerate(zip(a.source, a.target), start=1)
        )
        files.append(
            f'  <file original={quoteattr(a.id)} source-language="ar" target-language="en" datatype="plaintext">\n'
            f"    <body>\n{units}    </body>\n  </file>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        + "".join(files)
        + "</xliff>\n"
    )


def _xliff2(arts: list[Article]) -> str:
    files = []
    for a in arts:
        units = "".join(
            f'    <unit id="u{n}">\n      <segment>\n        <source>{escape(s)}</source>\n'
            + (f"        <target>{escape(t)}</target>\n" if t else "")
            + "      </segment>\n    </unit>\n"
            for n, (s, t) in enumerate(zip(a.source, a.target), start=1)
        )
        files.append(
            f'  <file id="f{len(files) + 1}" original={quoteattr(a.id)}>\n{units}  </file>\n'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar" trgLang="en">\n'
        + "".join(files)
        + "</xliff>\n"
    )


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _po(arts: list[Article]) -> str:
    out = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n']
    for a in arts:
        for n, (s, t) in enumerate(zip(a.source, a.target), start=1):
            out.append(
                f"#: {a.id}:{n}\nmsgctxt {_po_string(f'{a.id}:{n}')}\nmsgid {_po_string(s)}\nmsgstr {_po_string(t)}\n"
            )
    return "\n".join(out)


def _tmx(arts: list[Article]) -> str:
    tus = []
    for a in arts:
        for n, (s, t) in enumerate(zip(a.source, a.target), start=1):
            target = f'      <tuv xml:lang="en"><seg>{escape(t)}</seg></tuv>\n' if t else ""
            tus.append(
                f'    <tu tuid="{a.id}:{n}">\n      <tuv xml:lang="ar"><seg>{escape(s)}</seg></tuv>\n{target}    </tu>\n'
            )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '  <header creationtool="audit-benchmark" creationtoolversion="1" segtype="sentence" o-tmf="none" '
        'adminlang="en" srclang="ar" datatype="plaintext"/>\n  <body>\n'
        + "".join(tus)
        + "  </body>\n</tmx>\n"
    )


# --- auditing -------------------------------------------------------------------------


def audit_files(files: list[tuple[Path, Path | None]]):  # type: ignore[no-untyped-def]
    from audit import AuditConfig, audit_document
    from audit.formats import read_path

    config = AuditConfig.create(glossaries=[GLOSSARY], default_glossaries=False)
    findings = []
    for target, source in files:
        for doc in read_path(
            str(target), source=str(source) if source else None, target_lang="en", source_lang="ar"
        ):
            findings.extend(audit_document(doc, config))
    return findings


def caught(expectation: Expectation, findings) -> bool:  # type: ignore[no-untyped-def]
    """A finding of the expected check on the injected item: the source term of the
    entity (variant), the changed number, the dropped or untranslated sentence."""
    return any(
        f.code == expectation.code
        and (
            f.entity == expectation.entity
            if expectation.entity
            else f.text.strip() == expectation.text
        )
        and any(expectation.document in where for where in (f.document, f.path, f.segment or ""))
        for f in findings
    )


def evaluate(show: bool) -> None:
    sample = load(DOCS)
    sentences = sum(len(a.source) for a in sample.articles)
    print(
        f"NTREX-128 sample: {len(sample.articles)} documents, {sentences} sentence pairs (ar source, en target)\n"
    )
    kinds = list(ERRORS)
    header = (
        f"{'format':<9} "
        + " ".join(f"{k:>13}" for k in kinds)
        + f" {'clean B/100':>12} {'clean all/100':>14}"
    )
    print(header)
    print("-" * len(header))
    totals = {k: [0, 0] for k in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in FORMATS:
            clean = audit_files(write(sample, fmt, Path(tmp) / fmt / "clean"))
            b_clean = [f for f in clean if f.code.startswith("B")]
            cells = []
            for kind in kinds:
                injected = inject(sample, kind)
                found = audit_files(write(injected, fmt, Path(tmp) / fmt / kind))
                hits = sum(caught(e, found) for e in injected.expectations)
                totals[kind][0] += hits
                totals[kind][1] += len(injected.expectations)
                cells.append(
                    f"{hits}/{len(injected.expectations)} {hits / max(len(injected.expectations), 1):>5.0%}"
                )
            print(
                f"{fmt:<9} "
                + " ".join(f"{c:>13}" for c in cells)
                + f" {100 * len(b_clean) / sentences:>12.1f} {100 * len(clean) / sentences:>14.1f}"
            )
            if show:
                for f in clean:
                    print(
                        f"    {f.path}:{f.line}:{f.column}: {f.code} [{f.segment}/{f.side}] {f.message}"
                    )
    print("-" * len(header))
    print(
        f"{'all':<9} "
        + " ".join(f"{t[0]}/{t[1]} {t[0] / max(t[1], 1):>5.0%}".rjust(13) for t in totals.values())
    )
    print(
        "\n(clean B/100: source-target findings per 100 segments on the unmodified sample;"
        " clean all/100: every finding)"
    )


def clean_everywhere() -> None:
    """Source-target findings on every NTREX document, unmodified (no injected errors)."""
    ids = tuple(
        dict.fromkeys(
            x for x in (DATA / "doc_ids.txt").read_text(encoding="utf-8").split("\n") if x
        )
    )
    sample = load(ids)
    pairs = sum(len(a.source) for a in sample.articles)
    print(
        f"\nAll {len(ids)} NTREX documents, unmodified ({pairs} sentence pairs): source-target findings"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in FORMATS:
            start = time.perf_counter()
            found = [
                f
                for f in audit_files(write(sample, fmt, Path(tmp) / fmt))
                if f.code.startswith("B")
            ]
            codes = ", ".join(f"{c} {n}" for c, n in sorted(Counter(f.code for f in found).items()))
            print(
                f"  {fmt:<9} {100 * len(found) / pairs:5.1f} per 100 segments  ({codes or 'none'}; "
                f"{time.perf_counter() - start:.1f} s)"
            )


# --- hostile XML ----------------------------------------------------------------------

BILLION_LAUGHS = (
    """<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
"""
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    + """]>
<xliff version="1.2"><file original="x" source-language="en" target-language="fr"><body>
<trans-unit id="1"><source>&lol9;</source><target>&lol9;</target></trans-unit></body></file></xliff>
"""
)
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file original="x" source-language="en" target-language="fr"><body>
<trans-unit id="1"><source>&xxe;</source><target>&xxe;</target></trans-unit></body></file></xliff>
"""


def hostile_xml() -> None:
    from audit.errors import InputError
    from audit.formats import read_path

    print(
        "\nHostile XML through `audit check` (a fresh process each; wall time includes start-up):"
    )
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.txt"
        plain.write_text("Nothing to see.\n", encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "audit", "check", str(plain)],
            check=False,
            capture_output=True,
            cwd=ROOT,
            timeout=60,
        )
        print(f"  {'(start-up: a plain text)':<22} {time.perf_counter() - start:.2f} s")
        for name, text in (
            ("billion-laughs.xlf", BILLION_LAUGHS),
            ("external-entity.xlf", EXTERNAL_ENTITY),
            ("external-entity.tmx", EXTERNAL_ENTITY.replace("xliff", "tmx")),
        ):
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "audit", "check", str(path)],
                check=False,
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=60,
            )
            elapsed = time.perf_counter() - start
            rss = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
            start = time.perf_counter()
            try:
                read_path(str(path))
                refused = "read!"
            except InputError:
                refused = "refused"
            in_process = time.perf_counter() - start
            print(
                f"  {name:<22} exit {proc.returncode}  {elapsed:.2f} s  max RSS {rss:.0f} MiB  "
                f"(reader alone: {refused} in {in_process * 1000:.1f} ms)"
            )
            print(f"      {proc.stderr.strip()}")


def write_fixtures(folder: Path) -> None:
    """The committed test excerpt: clean files in every format, and injected ones."""
    sample = load(FIXTURE_DOCS)
    for fmt in FORMATS:
        write(sample, fmt, folder / "clean")
    for kind in ERRORS:
        injected = inject(sample, kind)
        for fmt in FORMATS:
            write(injected, fmt, folder / kind)
        (folder / kind / "expected.json").write_text(
            json.dumps([e.__dict__ for e in injected.expectations], ensure_ascii=False, indent=1)
            + "\n",
            encoding="utf-8",
        )
    print(f"wrote {folder}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--show", action="store_true", help="print each finding on the unmodified sample"
    )
    parser.add_argument(
        "--write-fixtures", type=Path, metavar="DIR", help="write the test excerpt to DIR and stop"
    )
    args = parser.parse_args()
    if not (DATA / "eng.txt").exists():
        print(
            f"bilingual_eval: the NTREX sample is not at {DATA}; this benchmark needs ../shared/data/ntrex-dev",
            file=sys.stderr,
        )
        return 2
    if args.write_fixtures:
        write_fixtures(args.write_fixtures)
        return 0
    evaluate(args.show)
    clean_everywhere()
    hostile_xml()
    return 0


if __name__ == "__main__":
    sys.exit(main())
