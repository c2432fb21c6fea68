"""The plain-Python comparisons a short run uses instead of importing rapidfuzz (hook
start-up, issue 18) give rapidfuzz's numbers exactly: the same floats, the same cutoffs,
the same order of extracted matches, on generated strings and real name spellings."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from audit.names import editdistance

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ROOT.parent / "shared" / "data" / "translit-variants-dev.tsv"


def _random_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(18)
    alphabets = ["ab", "abcde", "aeiouhmnrst-' ", "abcdefghijklmnopqrstuvwxyz", "ashحسنשלום"]
    pairs = []
    for _ in range(n):
        letters = rng.choice(alphabets)
        size = rng.choice([0, 1, 2, 3, 5, 8, 13, 30, 70])
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, size)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, size)))
        pairs.append((a, b))
    return pairs


def _real_spellings() -> list[str]:
    if not VARIANTS.is_file():
        return ["Haftar", "Hifter", "Hafter", "Salameh", "Salama", "Ghassan", "Hassan", "Hussein"]
    lines = VARIANTS.read_text(encoding="utf-8").splitlines()[1:3000]
    return sorted({line.split("\t")[2] for line in lines if line.count("\t") >= 3})


def test_ratio_and_distance_equal_rapidfuzz_on_generated_strings() -> None:
    cutoffs = [0.0, 10.0, 33.3, 50.0, 66.66666666666667, 80.0, 90.0, 99.99, 100.0]
    for i, (a, b) in enumerate(_random_pairs(6000)):
        cutoff = cutoffs[i % len(cutoffs)]
        assert editdistance.plain_ratio(a, b) == fuzz.ratio(a, b), (a, b)
        assert editdistance.plain_ratio(a, b, cutoff) == fuzz.ratio(a, b, score_cutoff=cutoff), (
            a,
            b,
            cutoff,
        )
        assert editdistance.plain_levenshtein(a, b) == Levenshtein.distance(a, b), (a, b)


def test_cutoffs_at_the_exact_score_equal_rapidfuzz() -> None:
    """A cutoff equal to the score, or a hair above or below it, is where rounding could differ."""
    for a, b in _random_pairs(1500):
        exact = fuzz.ratio(a, b)
        for cutoff in (exact, exact - 1e-9, exact + 1e-9, exact + 0.0005, exact - 0.0005):
            cutoff = min(100.0, max(0.0, cutoff))
            assert editdistance.plain_ratio(a, b, cutoff) == fuzz.ratio(
                a, b, score_cutoff=cutoff
            ), (a, b, cutoff)


def test_real_spellings_and_extract_order_equal_rapidfuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    names = _real_spellings()
    assert len(names) > 100 or not VARIANTS.is_file()
    rng = random.Random(5)
    for _ in range(300):
        query = rng.choice(names)
        choices = rng.sample(names, min(len(names), 12)) + [query, query.lower()]
        for cutoff in (0.0, 50.0, 72.5, 90.0):
            expected = [
                i
                for _, _, i in process.extract(
                    query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
                )
            ]
            # the plain path, whatever ran before in this process
            monkeypatch.setattr(editdistance, "_calls", 0)
            monkeypatch.setattr(editdistance, "_extract", None)
            assert editdistance.extract(query, choices, cutoff) == expected, (query, choices)
            assert editdistance._extract is None  # it did not fall back to rapidfuzz
        for other in choices:
            assert editdistance.plain_ratio(query, other) == fuzz.ratio(query, other)
            assert editdistance.plain_levenshtein(query, other) == Levenshtein.distance(
                query, other
            )


@pytest.mark.parametrize("plain_calls", ["0", "100000"])
def test_names_found_the_same_with_and_without_rapidfuzz(plain_calls: str) -> None:
    """The seed's name findings do not depend on which implementation compared the names."""
    code = (
        "import sys, json\n"
        "import audit.names.editdistance as e\n"
        f"e.PLAIN_CALLS = {plain_calls}\n"
        "from audit.api import check_text\n"
        "text = open('seeds/libya_geneva_talks.txt', encoding='utf-8').read()\n"
        "r = check_text(text, select=['N001', 'N002', 'N004'])\n"
        "print(json.dumps(sorted((f.code, f.start, f.end, f.message) for f in r)))\n"
        "print('rapidfuzz' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[1] == ("True" if plain_calls == "0" else "False")
    expected = subprocess.run(
        [sys.executable, "-c", code.replace(f"= {plain_calls}", "= 0")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out[0] == expected[0] and "N00" in out[0]
