"""The shortcuts taken for speed (issue 18) change no result: each is compared with the
plain computation it stands in for, on real text and on texts made to hit its edges."""

from __future__ import annotations

import random
import re

import pytest

from audit.checks.artifacts import markup
from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document
from audit.engine.context import CheckContext
from audit.lang import numbers, units
from tests.conftest import ARABIC_EXCERPT as ARABIC
from tests.conftest import ENGLISH_EXCERPT as EXCERPT
from tests.conftest import SEED_TEXT as SEED

EDGES = [
    "Mayo MAY may May. İki iki İKİ a an A",
    "ΣΕΠΤΕΜΒΡΙΟΣ σεπτεμβρίου Σεπτεμβρίου ένα δύο",
    "XIV Louis XIV, IV-V, mid-March one-third",
    "בספטמבר לאחד מארבעת",
    "февраля Февраль первого в марте",
    "twenty-one one-one oneone one_ _one",
    "tenth decade, two decades, an eight-foot robot, ten feet, 5 miles, 70°F, 3 Miles, 4 µm",
    "التاسع عشر الرابعة والثلاثين والخمسين بالثالثة اثنين چهل و چهارمین ۲۰ مارس",
]


def _numbers(found: list[numbers.Number]) -> list[tuple[object, ...]]:
    return [(n.start, n.end, sorted(n.values), n.spelled, n.metric) for n in found]


def _plain_looked_up(text: str, start: int, end: int) -> list[numbers.Number]:
    """Number words as read before the per-word memory: word by word, nothing kept."""
    hits = []
    for m in numbers._SPELLED_WORD.finditer(text, start, end):
        found = numbers._number_word(m.group())
        if found is None:
            continue
        if numbers._DECADES_AFTER.match(text, m.end()):
            found = found | {str(int(v) * 10) for v in found if v.isdigit()}
        metric: tuple[float, ...] = ()
        if len(found) == 1 and numbers._UNIT_START.match(text, m.end()):
            metric = units.metric_value(text, m.end(), float(next(iter(found))))
        hits.append(numbers.Number(m.start(), m.end(), found, spelled=True, metric=metric))
    return hits


def test_number_words_read_the_same_with_the_word_memory_full_empty_or_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [SEED, EXCERPT, *EDGES]
    rng = random.Random(18)
    spans = [(t, 0, len(t)) for t in texts]
    for _ in range(300):
        t = rng.choice(texts)
        a = rng.randrange(len(t) + 1)
        spans.append((t, a, rng.randint(a, len(t))))
    expected = [_numbers(_plain_looked_up(*s)) for s in spans]
    numbers._WORD_NUMBERS.clear()
    assert [_numbers(numbers._looked_up_words(*s)) for s in spans] == expected  # filling
    assert [_numbers(numbers._looked_up_words(*s)) for s in spans] == expected  # full
    monkeypatch.setattr(numbers, "_MAX_REMEMBERED", 5)
    numbers._WORD_NUMBERS.clear()
    assert [_numbers(numbers._looked_up_words(*s)) for s in spans] == expected  # forgetting
    assert len(numbers._WORD_NUMBERS) <= 5


def test_arabic_number_words_read_the_same_with_the_word_memory_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [ARABIC, EDGES[-1]]
    numbers._ARABIC_NUMBERISH.clear()
    first = [_numbers(numbers._spelled_numbers(t, 0, len(t))) for t in texts]
    assert any(first)  # the excerpt has spelled numbers and months to find
    monkeypatch.setattr(numbers, "_MAX_REMEMBERED", 3)
    numbers._ARABIC_NUMBERISH.clear()
    assert [_numbers(numbers._spelled_numbers(t, 0, len(t))) for t in texts] == first
    assert len(numbers._ARABIC_NUMBERISH) <= 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85 mph", (85 * 1.609344,)),
        ("85-MILES", (85 * 1.609344,)),
        ("10\u00a0inches", (25.4, 0.254)),
        ("70°F", ((70 - 32) * 5 / 9,)),
        ("70 degrees Fahrenheit", ((70 - 32) * 5 / 9,)),
        ("3 英里", (3 * 1.609344,)),
        ("85 people", ()),
        ("85", ()),
    ],
)
def test_unit_after_a_number(text: str, expected: tuple[float, ...]) -> None:
    end = re.match(r"\d+", text).end()  # type: ignore[union-attr]
    assert units.metric_value(text, end, float(text[:end])) == pytest.approx(expected)


def test_every_unit_word_passes_the_quick_test() -> None:
    """The one-character test before the unit patterns never rules out a unit they find."""
    for word in [*units._LINEAR, "°F", "º F", "degrees fahrenheit", "华氏度", "華氏", "화씨"]:
        for form in {word, word.upper(), word.title()}:
            for separator in ("", " ", "-", "\u00a0"):
                text = "5" + separator + form
                if units._UNIT_AFTER.match(text, 1) or units._FAHRENHEIT.match(text, 1):
                    assert units._UNIT_OR_DEGREE_START.match(text, 1), text


def test_every_markup_match_holds_its_patterns_needed_string() -> None:
    """A text without a pattern's ``needs`` string is not scanned: every match has it."""
    samples = [
        SEED,
        "He said &quot;no&quot;.<br> <!-- x --> ![i](a.png) [t](https://x.org) [[A|b]] "
        "{{name}} [caption id=1] **b** __b__ '''b'''\n## Head\n== Title ==\n %s %(n)d ${x} {0}",
        "<B>bold</B> &#x41; &#65; &amp; [VIDEO] [/embed]",
    ]
    for pattern in markup._PATTERNS:
        for text in samples:
            for m in pattern.regex.finditer(text):
                if m.end() > m.start():
                    assert pattern.needs in m.group(), (pattern.kind, m.group())
    reached = [any(p.regex.search(t) for t in samples) for p in markup._PATTERNS]
    assert all(reached)  # the samples reach every pattern


def test_shared_analysis_is_computed_once_per_document_and_key() -> None:
    doc = Document(id="d", target="Text.")
    ctx = CheckContext(doc, AuditConfig.create(select=["A001"]))
    calls: list[str] = []

    def compute(name: str) -> list[str]:
        calls.append(name)
        return [name]

    first = ctx.shared(("k", "en"), lambda: compute("a"))
    assert ctx.shared(("k", "en"), lambda: compute("b")) is first
    assert ctx.shared(("k", "fr"), lambda: compute("c")) == ["c"]
    assert calls == ["a", "c"]
    assert CheckContext(doc, ctx.config).shared(("k", "en"), lambda: compute("d")) == ["d"]


def test_debris_checks_together_and_alone_find_the_same_lines() -> None:
    """A001 and A003 share their line analysis; each still reports as when run alone."""
    text = (
        "The talks resumed.\n\n6126630991001 bf9801bd-5cd0-414d-80b4-03d65c28c170\n\n"
        "Video\n\nBoth sides attended.\n\nRead also:\n"
    )
    doc = Document(id="d", target=text, target_lang="en")
    alone = [
        f
        for code in ("A001", "A003")
        for f in audit_document(doc, AuditConfig.create(select=[code]))
    ]
    together = audit_document(doc, AuditConfig.create(select=["A001", "A003"]))
    assert {(f.code, f.start, f.end) for f in together} == {(f.code, f.start, f.end) for f in alone}
    assert {f.code for f in together} == {"A001", "A003"}


def test_identifier_quick_test_never_skips_an_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    """A002's quick test is true of every text it reports on (A002 finds the same with
    the test always true), and of no text the broader _CANDIDATE pattern misses."""
    from audit.checks.artifacts import debris

    rng = random.Random(2)
    pieces = [
        "bf9801bd-5cd0-414d-80b4",
        "0123456789ab",
        "12345678901",
        "deadbeefdeadbeef",
        "DEADBEEFdeadbee",
        "abcdef12-3456-",
        "abcdef1-2345-",
        "clip.MP4",
        "photo.jpeg.",
        "x.mp45",
        "?utm_source=x",
        "&FBCLID=1",
        "?ref=2",
        "٠١٢٣٤٥٦٧٨٩٠١",
        " ",
        "-",
        "word",
        ".",
        "a1b2c3d4e5f6a7b8",
        *(f"id {'abcdefabcdefabcd'[:k]}7{'abcdefabcdefabcd'[k + 1 :]} here" for k in range(16)),
        "ABCDEF0123456789",
        "123456789012",
        "https://x.org/?utm_source=a&b=1",
        "\n",
    ]
    texts = [SEED, EXCERPT, *pieces]
    texts += [
        "".join(rng.choice(pieces + [" "] * 4) for _ in range(rng.randint(1, 8)))
        for _ in range(3000)
    ]
    for text in texts:
        if debris._may_hold_identifier(text):
            assert debris._CANDIDATE.search(text), text
    assert any(debris._may_hold_identifier(t) for t in texts)
    assert not all(debris._may_hold_identifier(t) for t in texts)
    config = AuditConfig.create(select=["A002"])

    def found() -> list[list[tuple[int, int, str]]]:
        return [
            [
                (f.start, f.end, f.message)
                for f in audit_document(Document(id="d", target=t), config)
            ]
            for t in texts
        ]

    quick = found()
    monkeypatch.setattr(debris, "_may_hold_identifier", lambda text: True)
    assert quick == found()
    assert sum(map(bool, quick)) > 300  # the texts reach identifiers


def test_letters_of_matches_the_same_characters_as_the_look_ahead_form() -> None:
    """letters_of puts the range before the letter test; every code point matches as
    with the test first (the form it had)."""
    from audit.lang.profiles import known_scripts, letters_of

    for scripts in (tuple(known_scripts()), ("Cyrillic",), ("Greek", "Arabic")):
        pattern = letters_of(scripts)
        spans = pattern[len("(?:[") : pattern.index("](?<=")]
        before = re.compile(f"(?:(?=[^\\W\\d_])[{spans}])")
        after = re.compile(pattern)
        step = 1 if len(scripts) > 2 else 7  # every code point once, samples for the others
        for code in range(0, 0x110000, step):
            ch = chr(code)
            assert bool(before.fullmatch(ch)) == bool(after.fullmatch(ch)), hex(code)


def _reference_find(matcher, text: str):  # type: ignore[no-untyped-def]
    """GlossaryMatcher.find as it was: a pass of Python over every token."""
    from audit.glossary.fold import fold, token_spans
    from audit.glossary.matcher import Match

    folded = fold(text)
    toks = token_spans(folded)
    out, i, n = [], 0, len(toks)
    while i < n:
        reach = matcher.longest.get(toks[i][2])
        if reach:
            for size in range(min(reach, n - i), 0, -1):
                key = toks[i][2] if size == 1 else " ".join(t[2] for t in toks[i : i + size])
                index = matcher.keys.get(key)
                if index is None:
                    continue
                start, end = toks[i][0], toks[i + size - 1][1]
                form = matcher.form(index)
                if matcher._accept(text, start, end, form):
                    out.append(Match(start, end, form))
                    i += size
                    break
            else:
                i += 1
        else:
            i += 1
    return out


def test_glossary_matches_are_those_of_the_token_by_token_scan() -> None:
    config = AuditConfig.create(select=["N001"])
    matcher = config.matcher_for("en")
    assert matcher is not None
    forms = [matcher.form(i).text for i in range(0, len(matcher), 3)]
    rng = random.Random(5)
    filler = EXCERPT.split()[:400]
    texts = [SEED, EXCERPT, ""]
    for _ in range(200):
        words = [rng.choice(forms if rng.random() < 0.3 else filler) for _ in range(40)]
        texts.append(" ".join(w.upper() if rng.random() < 0.1 else w for w in words))
    found = 0
    for text in texts:
        expected = [(m.start, m.end, m.form.text) for m in _reference_find(matcher, text)]
        assert [(m.start, m.end, m.form.text) for m in matcher.find(text)] == expected
        found += len(expected)
    assert found > 100


def test_every_letter_script_shares_counts_is_found_by_the_quick_script_test() -> None:
    """B003 skips the letter count when no letter of the source's script is in the text:
    every character script_shares counts for a script must be found by that test."""
    from audit.checks.bilingual import _letter_of
    from audit.lang.identify import script_of_char

    counted = 0
    for code in range(0x110000):
        ch = chr(code)
        script = script_of_char(ch)
        if script is not None and script != "Other":
            assert _letter_of(script).fullmatch(ch), (hex(code), script)
            counted += 1
    assert counted > 10_000
