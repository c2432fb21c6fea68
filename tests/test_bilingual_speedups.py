"""The shortcuts taken for speed in the source-target checks and the number reading
(issue 18) change no result: each is compared with the plain computation it stands in
for, on real text and on texts made to hit its edges."""

from __future__ import annotations

import random
import re
import sys

from audit.checks import bilingual
from audit.lang import numbers
from audit.pairs import Pair
from audit.textmemory import TextMemory

# The texts and edge cases of the earlier number-reading speed-ups, shared.
from tests.test_check_speedups import ARABIC, EDGES, EXCERPT, SEED, _numbers


def _spans(texts: list[str], n: int, seed: int = 18) -> list[tuple[str, int, int]]:
    """Each text whole, and ``n`` random parts of them (short ones hit the edges)."""
    rng = random.Random(seed)
    spans = [(t, 0, len(t)) for t in texts]
    for _ in range(n):
        t = rng.choice(texts)
        a = rng.randrange(len(t) + 1)
        spans.append((t, a, min(len(t), a + rng.choice([1, 2, 3, 5, 40, 400, len(t)]))))
    return spans


def _plain_arabic_script_words(text: str, start: int, end: int) -> list[numbers.Number]:
    """Number words of Arabic-script text as read before the words were normalized only
    when needed: every word normalized first, then read in order, nothing kept."""
    from audit.lang.arabic import strip_article
    from audit.lang.dates import month_of

    if not numbers._ARABIC_LETTER.search(text, start, end):
        return numbers._looked_up_words(text, start, end)
    words = [
        (m.start(), m.end(), numbers._normalized(m.group()))
        for m in numbers._SPELLED_WORD.finditer(text, start, end)
    ]
    out = []
    i = 0
    while i < len(words):
        s0, e0, word = words[i]
        month = persian = None
        if text[e0 - 2 : e0] in numbers._ARABIC_SCRIPT_ENDINGS:
            month = month_of(text[s0:e0])
            persian = numbers._persian(text[s0:e0]) or numbers._URDU_NUMBERS.get(text[s0:e0])
        if month is not None or persian is not None:
            nxt = words[i + 1] if i + 1 < len(words) else None
            nxt2 = words[i + 2] if i + 2 < len(words) else None
            if persian and persian >= 20 and nxt and nxt[2] == "و" and nxt2:
                unit = numbers._persian(text[nxt2[0] : nxt2[1]])
                if unit and unit < 10:
                    out.append(numbers.Number(s0, nxt2[1], frozenset({str(persian + unit)}), True))
                    i += 3
                    continue
            values = {str(v) for v in (month, persian) if v is not None}
            out.append(numbers.Number(s0, e0, frozenset(values), spelled=True))
            i += 1
            continue
        keys = numbers._keys(word)
        if keys.isdisjoint(numbers._NUMBER_WORDS):
            i += 1
            continue
        unit = next((numbers._AR_UNITS[k] for k in keys if k in numbers._AR_UNITS), None)
        nxt = words[i + 1] if i + 1 < len(words) else None
        if unit is not None and nxt is not None:
            if nxt[2] in numbers._AR_TEEN:
                out.append(numbers.Number(s0, nxt[1], frozenset({str(10 + unit)}), True))
                i += 2
                continue
            tens = strip_article(nxt[2][1:]) if nxt[2].startswith("و") else None
            if tens in numbers._AR_TENS:
                compound = numbers._AR_TENS[tens] + unit
                out.append(numbers.Number(s0, nxt[1], frozenset({str(compound)}), True))
                i += 2
                continue
        value = numbers._SPELLED.get(word)
        if value is None and not word.isascii():
            value = next((numbers._SPELLED[k] for k in keys if k in numbers._SPELLED), None)
        dual = next((numbers._AR_DUALS[k] for k in keys if k in numbers._AR_DUALS), None)
        if dual is not None:
            out.append(numbers.Number(s0, e0, frozenset({"2", str(dual)}), spelled=True))
        elif value is not None:
            out.append(numbers.Number(s0, e0, frozenset({str(value)}), spelled=True))
        i += 1
    return out


def test_arabic_script_number_words_read_as_when_every_word_was_normalized_first() -> None:
    texts = [
        ARABIC,
        EDGES[-1],
        "و چهل و چهارمین، بیست و یکم نوزدهم پنجاهمین ایک دو اٹھارہ مارس ۲۰ التاسع",
        "الحادي عشر الثاني عشر الثالثة والعشرين الفين مليوني والخمسين بالثالثة و ثلاثة",
    ]
    spans = _spans(texts, 600)
    expected = [_numbers(_plain_arabic_script_words(*s)) for s in spans]
    assert sum(map(len, expected)) > 50  # spelled numbers, months and compounds to find
    numbers._ARABIC_NUMBERISH.clear()
    assert [_numbers(numbers._spelled_numbers(*s)) for s in spans] == expected
    assert [_numbers(numbers._spelled_numbers(*s)) for s in spans] == expected  # remembered


_NOT_NUMBERS_ALTERNATION = re.compile(r"[<@{%]|://|www\.|[A-Za-z_-][0-9]|[0-9][A-Z]")


def test_quick_test_for_non_numbers_answers_as_the_alternation_it_replaced() -> None:
    texts = [
        SEED,
        EXCERPT,
        ARABIC,
        *EDGES,
        "a5 5G 5g -5 _5 é5 5É x:/ :// ww. www. 1<2 50% {x} jo@x.org",
        "A320 MH17 COVID-19 F-16 3D 4K x86 ٥G Ａ5",
    ]
    spans = _spans(texts, 2000)
    answers = [numbers._may_hold_non_numbers(*s) for s in spans]
    assert answers == [_NOT_NUMBERS_ALTERNATION.search(*s) is not None for s in spans]
    assert any(answers) and not all(answers)  # both answers are met


def test_no_character_folds_to_whitespace() -> None:
    """What _same_text's count of parts rests on: folding the case of a text never
    makes or removes whitespace (checked over every code point)."""
    assert not [
        cp
        for cp in range(sys.maxunicode + 1)
        if not chr(cp).isspace() and any(c.isspace() for c in chr(cp).casefold())
    ]


def test_same_text_answers_as_the_joined_and_folded_comparison() -> None:
    lines = [*EXCERPT.splitlines(), *ARABIC.splitlines(), *SEED.splitlines()]
    lines = [line for line in lines if line.strip()][:120]
    pairs = [(a, b) for a in lines[:40] for b in lines[:40]]
    edges = [
        ("Straße  Genf", "STRASSE genf"),
        ("No, no,\tno.", "no, NO, no."),
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),
        ("a b", "ab"),
        ("", "   "),
        ("İstanbul", "i̇stanbul"),
        ("x", ""),
    ]
    pairs += edges + [(b, a) for a, b in edges]
    answers = [bilingual._same_text(a, b) for a, b in pairs]
    joined = [" ".join(a.split()).casefold() == " ".join(b.split()).casefold() for a, b in pairs]
    assert answers == joined
    assert 40 <= sum(answers) < len(answers)  # both answers are met


def test_shared_words_answer_as_the_word_by_word_count() -> None:
    lines = [line for line in (*EXCERPT.splitlines(), *SEED.splitlines()) if line.strip()]
    pairs = [(a, b) for a in lines[:30] for b in lines[:30]]
    pairs += [("Straße Genf", "STRASSE genf"), ("Genf Genf Rom", "genf"), ("", "x"), ("x", "")]

    def plain(text: str, source: str) -> bool:
        words = [w.casefold() for w in bilingual._WORDS.findall(text)]
        if not words:
            return False
        known = {w.casefold() for w in bilingual._WORDS.findall(source)}
        return 2 * sum(1 for w in words if w in known) >= len(words)

    answers = [bilingual._shares_words(a, b) for a, b in pairs]
    assert answers == [plain(a, b) for a, b in pairs]
    assert any(answers) and not all(answers)


READING_TEXTS = [
    SEED,
    EXCERPT,
    ARABIC,
    *EDGES,
    "一九八〇年代、三万人が1.2万円を払った。午後3時に7時55分の二十人。十一月 ２０１９年 มกราคม 5 ม.ค.",
    "Call 0800 555 111 at 5:30 or 14h30; 6-foot-6, 10 000 people, 1980s, $3bn, "
    "a 5-mile race, two decades, an eight-foot robot, XIV, 45 miles (72 kilometers).",
    'mid-2019 A320 COVID-19 www.x.org/3 <b id="4">5</b> {0} 50% one two',
    # Arabic-script compounds back to back, each taking the words after it, and figures
    "چهل و چهارمین و پنجاه و یکم ۲۰ بیست و دوم و 12 الحادي عشر الثاني عشر 5 الرابعة "
    "والثلاثين التاسع عشر 7 اثنين ثلاثة و مارس ١٢ واحد عشر عشرون و السادس والعشرين 3",
]


def _full_within(text: str, a: int, b: int) -> list[numbers.Number]:
    return [n for n in numbers.find_numbers(text) if a <= n.start < b and n.end <= b]


def test_reading_within_a_span_is_the_whole_reading_within_it() -> None:
    from audit.document import Span

    spans = _spans(READING_TEXTS, 1500)
    checked = 0
    for at_once in (False, True):
        readings = {t: numbers.Reading(t, words_at_once=at_once) for t in READING_TEXTS}
        for text, a, b in spans:
            expected = _full_within(text, a, b)
            assert _numbers(readings[text].within(Span(a, b))) == _numbers(expected)
            figures = any(not n.spelled for n in expected)
            assert readings[text].has_figures(Span(a, b)) == figures
            checked += bool(expected)
        assert numbers.Reading(SEED).within(None) == []
    assert checked > 1000  # most spans hold numbers to compare


def test_digits_alone_are_the_whole_reading_less_the_words() -> None:
    for text, a, b in _spans(READING_TEXTS, 300):
        whole = [n for n in numbers.find_numbers(text, a, b) if not n.spelled]
        assert _numbers(numbers.find_numbers(text, a, b, spelled=False)) == _numbers(whole)


_D = numbers._DIGIT
_OLD_NUMBER = re.compile(
    rf"(?<![{_D}])[{_D}]+(?:[{numbers._SEPARATORS}][{_D}]+|[{numbers._SPACES}][{_D}]{{3}}(?![{_D}]))*"
)
_OLD_PHONE = re.compile(
    rf"[{_D}](?<![{_D}.,][{_D}])[{_D}]{{1,4}}[ \u00a0](?:[{_D}]{{2,5}}[ \u00a0])+"
    rf"[{_D}]{{2,5}}(?![{_D}.,]?[{_D}])"
    rf"|[0\u0660\u06f0](?<![{_D}.,][0\u0660\u06f0])[{_D}]{{8,11}}(?![{_D}])"
)
DIGIT_EDGES = [
    "0800 555 111, ٠٨٠٠ ٥٥٥ ١١١, 020 7946 0958, 1 23 45 67 89, 12 345 678, 10 000 000",
    "0123456789 01234567890123 ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 1.5,2 3,4.5 1 000 1\u00a0000 1\u202f000",
    "6-foot-6 6 ft 2 in 5 feet 11 inches 5'11\" 6′2″ 7FT 3 feet 2019 ８:３０ 12:30:45",
]


def test_digit_patterns_find_what_the_patterns_they_replaced_found() -> None:
    from audit.lang import units

    texts = [SEED, EXCERPT, ARABIC, *READING_TEXTS, *DIGIT_EDGES]
    found = 0
    for text, a, b in _spans(texts, 3000):
        for new, old in ((numbers.NUMBER, _OLD_NUMBER), (numbers._PHONE, _OLD_PHONE)):
            spans = [m.span() for m in new.finditer(text, a, b)]
            assert spans == [m.span() for m in old.finditer(text, a, b)]
            found += len(spans)
        heights = [m.span() for m in units._FEET_INCHES.finditer(text, a, b)]
        assert [h[:2] for h in units.feet_and_inches(text, a, b)] == heights
    assert found > 3000


def test_quick_test_for_items_answers_as_the_alternation_it_replaced() -> None:
    old = re.compile(r"[@<{%#$]|://|www\.")
    texts = [SEED, EXCERPT, *READING_TEXTS, "a@b <i> {x} 5% #tag $5 http://x www.y ww.w :/ /"]
    spans = _spans(texts, 2000)
    answers = [bilingual._may_hold_items(*s) for s in spans]
    assert answers == [old.search(*s) is not None for s in spans]
    assert any(answers) and not all(answers)


def test_strip_takes_off_what_trimmed_takes_off() -> None:
    """B005 measures segments with str.strip; the spans it reports are _trimmed."""
    from audit.document import Span

    assert not [
        cp for cp in range(sys.maxunicode + 1) if (chr(cp).strip() == "") != chr(cp).isspace()
    ]
    texts = [" \u00a0\u2003a b\u3000\n", "\u200bx\u202f", "  ", "", *READING_TEXTS]
    for text, a, b in _spans(texts, 500):
        assert len(text[a:b].strip()) == len(bilingual._trimmed(text, Span(a, b)))


def test_table_languages_of_a_script_are_those_the_table_lists_for_it() -> None:
    from audit.lang.identify import SCRIPT_OF_LANGUAGE, script_of_language
    from audit.lang.length_ratios import known_languages

    scripts = {None, "Latin", "Other", *SCRIPT_OF_LANGUAGE.values()}
    for script in sorted(scripts, key=str):
        plain = sorted(x for x in known_languages() if script_of_language(x) == script)
        assert bilingual._table_languages_written_in(script) == tuple(plain)
    assert len(bilingual._table_languages_written_in("Latin")) > 1  # told apart by a model


def test_placeholder_spans_are_those_of_the_whole_scan() -> None:
    from audit.checks import bilingual

    pieces = ["{0}", "{name}", "{{x}}", "${v}", "%s", "%(n)d", "%1$s", "50%", "% s", "{n, number}"]
    pieces += ["https://x.org/a?b=%20{c}", "<b>", "@user", "#tag", "a@b.org", "word", " ", "{", "$"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    texts += [SEED, EXCERPT, ARABIC, "50 % des voix, $5 {", "a 10% rise (%)"]
    reached = skipped = 0
    for text in texts:
        plain = [m.span() for m in bilingual._PARITY.finditer(text) if m.lastgroup == "placeholder"]
        assert bilingual.placeholder_spans(text) == plain, text
        reached += bool(plain)
        marked = any(mark in text for mark in bilingual._PLACEHOLDER_MARKS)
        skipped += marked and not bilingual._PLACEHOLDER.search(text)
    assert reached > 1000
    assert skipped > 100  # a mark without a placeholder: the whole scan is not run


def _pair_numbers_unmatched(
    pair: Pair, src_read: numbers.Reading, tgt_read: numbers.Reading
) -> tuple[list[numbers.Number], list[numbers.Number]]:
    """What B002 reports from (missing, extra), computed with the number words, as
    number_mismatch does for every pair with a figure."""
    src = src_read.within(pair.source)
    tgt = tgt_read.within(pair.target)
    missing = bilingual._unmatched(bilingual._required(src), tgt)
    extra = bilingual._unmatched(bilingual._required(tgt), src)
    if pair.aligned:
        missing = bilingual._unmatched(missing, tgt_read.within(pair.window))
        extra = bilingual._unmatched(extra, src_read.within(pair.source_window))
    return missing, extra


_NUMBER_PIECES = [
    "1", "2", "3", "12", "1,500", "1.500", "1.5", "٣", "۱۲", "2019", "1980s", "5 million",
    "5,000,000", "one", "two", "three", "twelve", "first", "twice", "a", "March", "May",
    "5 miles", "8 km", "45 miles (72 kilometers)", "seventy-two kilometers", "72",
    "ثلاثة", "اثنين", "التاسع عشر", "19", "6-foot-6", "2 metres", "10:30", "2pm", "14:00",
    "word", "the", "and", ",", ".",
]  # fmt: skip


def test_numbers_all_matched_without_words_all_match_with_them() -> None:
    """B002 looks the number words up only when the pair's figures do not all match
    without them: with them, nothing can be unmatched then (real and random pairs)."""
    from audit.document import Span

    rng = random.Random(18)

    def pick() -> str:
        return " ".join(rng.choice(_NUMBER_PIECES) for _ in range(rng.randint(1, 12)))

    eng = [line for line in EXCERPT.splitlines() if line.strip()]
    arb = [line for line in ARABIC.splitlines() if line.strip()]
    texts = [(e, a) for e, a in zip(eng, arb)]  # real translations, line by line
    texts += [(e, e) for e in eng] + [(a, e) for e, a in zip(eng, arb)]
    for _ in range(600):  # random texts of numbers, number words and words
        texts.append((pick(), pick()))
    outcomes = {True: 0, False: 0}
    words_matter = 0
    for source, target in texts:
        src_read, tgt_read = numbers.Reading(source), numbers.Reading(target)
        for _ in range(4):
            a, b = sorted(rng.randrange(len(source) + 1) for _ in range(2))
            c, d = sorted(rng.randrange(len(target) + 1) for _ in range(2))
            whole = rng.random() < 0.5
            s = Span(0, len(source)) if whole else Span(a, b)
            t = Span(0, len(target)) if whole else Span(c, d)
            aligned = rng.random() < 0.5
            pair = Pair("1", s, t, 1.0, Span(0, len(target)) if aligned else t, aligned,
                        Span(0, len(source)) if aligned else s)  # fmt: skip
            fast = not any(bilingual._mismatched(pair, src_read, tgt_read, words=False)[2:])
            missing, extra = _pair_numbers_unmatched(pair, src_read, tgt_read)
            if fast:
                assert (missing, extra) == ([], []), (source, target, pair)
            outcomes[fast] += 1
            words_matter += not fast and not missing and not extra
    assert min(outcomes.values()) > 300  # both answers are met often
    assert words_matter > 20  # pairs that only the words match take the full path


def _digits_content(digits: numbers._Digits) -> list[object]:
    return [
        [(k[0], k[1], k[2], *_numbers([k[3]])) for k in digits.keyed],
        digits.starts,
        _numbers(digits.figures),
        digits.figure_starts,
    ]


def test_digits_remembered_per_text_are_those_read_afresh_within_the_budget() -> None:
    """B002 reads the digits of a text once while it is remembered (a source translated
    into many languages): what the memory gives is what a fresh reading gives, and it
    keeps no more characters than its budget, the newest texts first."""
    rng = random.Random(7)
    texts = [*READING_TEXTS, *DIGIT_EDGES]
    texts += [
        " ".join(rng.choice(_NUMBER_PIECES) for _ in range(rng.randint(1, 30))) for _ in range(60)
    ]
    budget = 4 * max(map(len, texts[:-60]))  # the longest texts are kept, a few at a time
    memory = TextMemory(numbers._Digits, budget, max_noted=50, recent=3)
    met: set[str] = set()
    for _ in range(3):
        for text in rng.sample(texts, len(texts)):
            noted = hash(text) in memory._noted or text in memory._recent
            fresh = numbers._Digits(text)
            assert _digits_content(memory.get(text)) == _digits_content(fresh)
            assert memory._chars == sum(map(len, memory._kept)) <= budget
            assert len(memory._recent) <= 3
            if text not in met:  # met once: not kept (a file's parts are let go of)
                assert text not in memory._kept
            elif len(text) * 4 <= budget and noted:
                assert text in memory._kept  # met again: kept, as the most recent
            met.add(text)
    memory.get(texts[-1])
    memory.get(texts[-1])  # met again: kept
    assert memory.get(texts[-1]) is memory.get(texts[-1])  # not read again while kept
    assert 1 < len(memory._kept) < len(set(texts))  # some texts were let go
    assert len(memory._noted) <= 50
    huge = "x" * budget + " 5"
    memory.get(huge)
    memory.get(huge)
    assert huge not in memory._kept


def test_readings_of_remembered_texts_are_the_whole_reading() -> None:
    """A Reading made from remembered digits gives what find_numbers gives (twice)."""
    from audit.document import Span

    for _ in range(2):
        for text, a, b in _spans(READING_TEXTS, 300):
            expected = _full_within(text, a, b)
            assert _numbers(numbers.Reading(text).within(Span(a, b))) == _numbers(expected)


def test_same_text_with_its_first_word_test_answers_as_the_joined_and_folded_comparison() -> None:
    """Random texts alike in their first word, their count of words, both or neither,
    in changed case and spacing (ß, ﬁ and İ fold to more than one character)."""
    rng = random.Random(11)
    words = ["Straße", "STRASSE", "strasse", "ﬁle", "FILE", "İstanbul", "i̇stanbul", "Genf", "genf", "Σίσυφος", "ΣΊΣΥΦΟΣ", "a", "b", "2019"]  # fmt: skip
    spaces = [" ", "  ", "\t", "\n", "\u00a0", "\u3000"]

    def text(parts: list[str]) -> str:
        return rng.choice(["", " "]) + "".join(p + rng.choice(spaces) for p in parts)

    pairs = []
    for _ in range(3000):
        a = [rng.choice(words) for _ in range(rng.randint(0, 4))]
        b = list(a) if rng.random() < 0.6 else [rng.choice(words) for _ in range(rng.randint(0, 4))]
        if b and rng.random() < 0.3:
            b[rng.randrange(len(b))] = rng.choice(words)
        pairs.append((text(a), text(b)))
    answers = [bilingual._same_text(a, b) for a, b in pairs]
    joined = [" ".join(a.split()).casefold() == " ".join(b.split()).casefold() for a, b in pairs]
    assert answers == joined
    assert 500 < sum(answers) < 2500
