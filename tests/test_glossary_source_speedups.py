"""The glossary's source-form search (B001) looks only at words that may start a form
(issue 18): it finds what the word-by-word scan finds, on real Arabic text and texts
made of the glossary's own forms with proclitics, articles and overlaps."""

from __future__ import annotations

import random
from pathlib import Path

from audit.glossary.load import load_glossary_file
from audit.glossary.source import WORD, SourceMatch, SourceMatcher, _word_norm
from audit.lang.arabic import word_keys

ROOT = Path(__file__).resolve().parents[1]
ARABIC = (ROOT / "tests" / "fixtures" / "ntrex-excerpt" / "arb.txt").read_text(encoding="utf-8")


def _plain_find(matcher: SourceMatcher, text: str) -> list[SourceMatch]:
    """The search as it was: every word's readings, a look for a form at every word."""
    words = [(m.start(), m.end(), word_keys(_word_norm(m.group()))) for m in WORD.finditer(text)]
    out: list[SourceMatch] = []
    i = 0
    while i < len(words):
        best = None
        for first in words[i][2]:
            for key, entry, form in matcher._by_first.get(first, ()):
                n = len(key)
                if i + n > len(words) or (best and best[0] >= n):
                    continue
                if all(key[k] in words[i + k][2] for k in range(1, n)):
                    best = (n, entry, form)
        if best is None:
            i += 1
            continue
        n, entry, form = best
        out.append(SourceMatch(words[i][0], words[i + n - 1][1], entry, form))
        i += n
    return out


def test_source_forms_found_are_those_of_the_word_by_word_scan() -> None:
    glossary = load_glossary_file(ROOT / "glossaries" / "libya.yaml")
    matcher = SourceMatcher(glossary)
    forms = [form for entry in glossary.entries for form in entry.source]
    pieces = [f for form in forms for f in (form, *form.split())]
    pieces += ["و", "ال", "في", "قال", "والسراج", "لحفتر", "بطرابلس", "Haftar", "2020", "،", "."]
    rng = random.Random(18)
    texts = [ARABIC, "", "حفتر", " ".join(forms)]
    for _ in range(1500):
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 12))]
        prefixed = [rng.choice(["", "", "و", "ب", "وال", "لل"]) + w for w in words]
        texts.append(" ".join(prefixed))
    found = 0
    for text in texts:
        expected = _plain_find(matcher, text)
        assert matcher.find(text) == expected, text
        found += len(expected)
    assert found > 1000  # the texts reach the forms, overlaps and all
