"""A008's run pattern, rewritten to compile its foreign-letter class once (hook start-up,
issue 18), matches exactly what the old construction matched: compared here on every code
point, on generated mixtures of letters, marks and separators, and on real translations."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from audit.checks.artifacts import characters
from audit.lang.languages import LANGUAGES
from audit.lang.profiles import known_scripts, letters_of

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "ntrex-dev"
EXCERPT = ROOT / "tests" / "fixtures" / "ntrex-excerpt"

OWN_SCRIPTS = sorted(
    {tuple(entry["scripts"]) for entry in LANGUAGES.values() if entry.get("scripts")}
)


def _old_pattern(own_scripts: tuple[str, ...]) -> re.Pattern[str]:
    """The construction used before: the foreign letter written four times."""
    foreign = letters_of(tuple(name for name in known_scripts() if name not in own_scripts))
    word = f"{foreign}(?:{foreign}|[{characters._MARKS}])*"
    return re.compile(f"{word}(?:[ \\-'’]+{word})*")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.fixture(scope="module", params=OWN_SCRIPTS, ids=lambda s: "+".join(s))
def patterns(request: pytest.FixtureRequest) -> tuple[re.Pattern[str], re.Pattern[str]]:
    own = request.param
    return _old_pattern(own), characters._foreign_pattern(own)[0]


def test_every_language_profile_is_covered() -> None:
    assert ("Latin",) in OWN_SCRIPTS and ("Arabic", "Latin") in OWN_SCRIPTS


def test_same_matches_on_every_code_point(
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
) -> None:
    old, new = patterns
    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    # Each code point alone, and each of the basic plane (where every script A008 knows
    # lies) between foreign-looking neighbours, so that a letter, mark or separator in the
    # middle joins or splits the run.
    alone = "\n".join(points)
    assert _spans(new, alone) == _spans(old, alone)
    basic = points[:0xF800]  # U+0000 to U+FFFF, surrogates left out
    for left, right in (("ж", "ж"), ("中", "'"), ("a", "ж")):
        text = "\n".join(f"{left}{p}{right}" for p in basic)
        assert _spans(new, text) == _spans(old, text)


def test_same_matches_on_generated_mixtures(
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
) -> None:
    old, new = patterns
    alphabet = list("ab Z-'’ \n.,1_") + list("жЖαβשׁبپअক") + ["ไ", "ა", "ሀ", "カ", "中", "한", "ä"]
    alphabet += ["\u0301", "\u0483", "\u05b0", "\u064b", "\u0670", "\u06d6", "\u200c", "\u0903"]
    rng = random.Random(18)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert _spans(new, text) == _spans(old, text), text


def test_same_matches_on_real_translations(
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
) -> None:
    old, new = patterns
    files = sorted(EXCERPT.glob("*.txt"))
    if NTREX.is_dir():
        files += sorted(NTREX.glob("*.txt"))
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8")[:200_000]
        found = _spans(new, text)
        assert found == _spans(old, text), path.name
        checked += len(found)
    if checked == 0 and not NTREX.is_dir():
        # the bundled excerpt holds no run of this script set; the shared data does
        pytest.skip("no foreign-script run in the bundled excerpt and ../shared absent")
    assert checked > 0
