"""The shortcuts taken for speed in the monolingual checks and the PO reader (issue 18)
change no result: each is compared with the plain computation it stands in for, on
real text and on texts made to hit its edges."""

from __future__ import annotations

import random
import sys

import pytest

from audit.checks import consistency, reading, repetition
from audit.checks.lookbehind import finditer_after
from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document
from audit.errors import InputError
from audit.formats import po_syntax
from audit.lang import identify
from tests.conftest import ARABIC_EXCERPT as ARABIC
from tests.conftest import ENGLISH_EXCERPT as EXCERPT
from tests.conftest import ROOT
from tests.conftest import SEED_TEXT as SEED

# Words and marks that reach the edges of the repetition pre-tests: invisible
# characters inside a word and as a whole token, marks alone, spaces that are not
# printable, encoding damage, an entity and a tag.
PIECES = [
    "the",
    "The",
    "talks",
    "a",
    "b",
    "می\u200cخواهم",
    "میخواهم",
    "\u200b",
    "\u200f",
    "\u200c\u200c",
    "(",
    ")",
    '"',
    "talks,",
    "U.N.",
    "x\u00a0y",
    "caf\u00c3\u00a9",
    "&amp;",
    "<b>",
    "10",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\u00a0", " \u200b "]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [rng.choice(PIECES) for _ in range(rng.randint(1, 9))]
        texts.append("".join(w + rng.choice(SEPARATORS) for w in words).strip())
    return texts


def _found(text: str, lang: str, select: str) -> list[tuple[int, int, str]]:
    doc = Document(id="d", target=text, target_lang=lang)
    return [
        (f.start, f.end, f.message)
        for f in audit_document(doc, AuditConfig.create(select=[select]))
    ]


def test_repeated_words_finds_the_same_with_and_without_its_pre_tests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [SEED, EXCERPT, ARABIC, "a \u200b b a ) b", "the \u200b the", *_texts(6, 1500)]
    langs = ["en", "fa"]
    with_tests = [_found(t, lang, "S006") for t in texts for lang in langs]
    monkeypatch.setattr(repetition, "_may_report", lambda text, damaged, lang: True)
    without = [_found(t, lang, "S006") for t in texts for lang in langs]
    assert with_tests == without
    assert sum(map(bool, with_tests)) > 100  # the texts reach repetitions


def test_needs_reading_is_false_only_where_reading_changes_no_token() -> None:
    texts = [SEED, EXCERPT, ARABIC, "no\u00a0break\u00a0space", *_texts(7, 3000)]
    for text in texts:
        if not reading.needs_reading(text):
            assert all(reading.reading(t) == t for t in text.split()), text
    assert not reading.needs_reading("no\u00a0break\u00a0space\u2003here")
    assert reading.needs_reading("zero\u200bwidth")


def test_invisibles_removed_reads_each_token_as_reading_does() -> None:
    judged = 0
    for text in [SEED, ARABIC, *_texts(8, 3000)]:
        plain = reading.invisibles_removed(text)
        if plain is None:
            continue
        judged += 1
        read = [reading.reading(t) for t in text.split()]
        assert [t for t in read if t] == plain.split(), text
    assert judged > 1000


def _plain_capitalization_groups(
    doc: Document, covered: list[tuple[int, int]]
) -> dict[tuple[str, str], list[consistency._Occurrence]]:
    """C002's pairs as found before the case test moved out of the loop: word by word."""
    words = [(m.start(), m.end(), m.group()) for m in consistency._WORD.finditer(doc.target)]
    groups: dict[tuple[str, str], list[consistency._Occurrence]] = {}
    for i in range(len(words) - 1):
        (s1, e1, w1), (s2, e2, w2) = words[i], words[i + 1]
        if not w1[:1].isupper() or w1.isupper() or w2.isupper():
            continue
        if (
            doc.target[e1:s2] != " "
            or consistency._overlaps(covered, s1, e2)
            or doc.is_sentence_start(s1)
        ):
            continue
        if w2[:1].isupper() and i + 2 < len(words):
            s3, _, w3 = words[i + 2]
            if doc.target[e2:s3] == " " and w3[:1].isupper():
                continue
        groups.setdefault((w1, w2.lower()), []).append(consistency._Occurrence(s1, e2, w2))
    return groups


CASED = ["Berlin", "Conference", "conference", "the", "UN", "İstanbul", "ǅemal", "Ⓐx", "x-Ray"]


def test_capitalization_pairs_are_those_of_the_word_by_word_scan() -> None:
    rng = random.Random(9)
    texts = [SEED, EXCERPT, ARABIC, "", "Word", "A B", *_texts(10, 500)]
    for _ in range(1500):
        words = [rng.choice(CASED + PIECES) for _ in range(rng.randint(1, 9))]
        texts.append("".join(w + rng.choice([" ", " ", ". ", "\n", "-", "3"]) for w in words))
    reached = 0
    for text in texts:
        doc = Document(id="d", target=text, target_lang="en")
        covered = [(0, 3)] if len(text) > 3 else []
        groups = consistency._capitalization_groups(doc, covered)
        assert groups == _plain_capitalization_groups(doc, covered), text
        reached += bool(groups)
    assert reached > 50


def test_hyphenated_words_are_those_of_the_whole_text_scan() -> None:
    rng = random.Random(11)
    pieces = [
        "cease",
        "fire",
        "Ⅻ",
        "x²",
        "3",
        "_",
        "-",
        "‐",
        "‑",
        "--",
        " ",
        "\n",
        "\u00a0",
        "é",
        "ب",
    ]
    texts = [SEED, EXCERPT, ARABIC, "", "-", "a-", "-a", "a-b", "a - b", "a-b-c d-e"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    reached = 0
    for text in texts:
        spans = [m.span() for m in consistency._hyphenated_words(text)]
        assert spans == [m.span() for m in consistency._HYPHENATED.finditer(text)], text
        reached += bool(spans)
    assert reached > 500


def test_remembered_language_answers_are_the_models_and_long_texts_are_not_kept() -> None:
    identify._classify.cache_clear()
    texts = [SEED[:300], EXCERPT[:300], SEED[:300], "Der Vertrag wurde am Montag unterzeichnet."]
    for text in texts:
        for candidates in [("en", "de"), ("de", "en", "fr"), ()]:
            languages = tuple(sorted({identify.primary(c) for c in candidates}))
            lang, prob = identify._identifier(languages).classify(text)
            assert identify.identify(text, candidates) == (str(lang), float(prob))
    assert identify._classify.cache_info().hits >= 3  # the repeated text was answered again
    kept = identify._classify.cache_info().currsize
    assert len(SEED) > identify._REMEMBERED_CHARS
    assert identify.identify(SEED, ("en", "de"))[0] == "en"
    assert identify._classify.cache_info().currsize == kept  # a long text is not held
    assert identify.main_script(ARABIC) == "Arabic" == identify.main_script(ARABIC)
    assert identify.main_script(SEED) == "Latin"
    assert identify.main_script("123 ...") is None


PO_PIECES = [
    "word",
    " ",
    "é",
    "\\n",
    "\\t",
    '\\"',
    "\\\\",
    "\\101",
    "\\x41",
    '"',
    '"\n"',
    '"\n#~ x\n"',
    "\n",
    "\r\n",
    '" \n  "',
    "\\",
]


def test_po_strings_decode_as_piece_by_piece() -> None:
    rng = random.Random(12)
    raws = ['msgstr ""\n', 'msgstr "a"\n', 'msgstr "a"\n"b"\n', 'msgstr "\\"x"\n']
    raws += [
        'msgstr "' + "".join(rng.choice(PO_PIECES) for _ in range(rng.randint(0, 8))) + '"\n'
        for _ in range(5000)
    ]
    quick = 0
    for raw in raws:
        start = len('msgstr "')
        assert po_syntax.decode_string(raw, start) == po_syntax._decode_pieces(raw, start), raw
        quick += "\\" not in raw and raw.count('"') == 2
    assert quick > 100  # the texts reach the one-line string without escapes


def test_po_origins_from_the_shared_walker_are_those_of_a_walk_per_string() -> None:
    from audit.formats import po
    from audit.segments import line_starts, locate

    raw = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgid "One"\nmsgstr "Un \\"deux\\"\\n"\n"trois"\n\n'
        'msgctxt "c"\nmsgid "Two\\tx"\nmsgstr ""\n"quatre\\101\\x41 "\n"cinq"\n\n'
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "un"\nmsgstr[1] "des"\n'
    )
    (doc,) = po.read_po(raw, "t.po")
    compared = 0
    for segment in doc.segments:
        for side in ("target", "source"):
            origin, span = segment.origin(side), segment.span(side)
            assert origin is not None and span is not None
            text = doc.side_text(side)[span.start : span.end]
            alone = locate(
                raw,
                origin.offset,
                text,
                "t.po",
                starts=line_starts(raw),
                escape=po._step,
                field=origin.field,
            )
            assert origin == alone and origin.anchors == alone.anchors
            compared += 1
    assert compared == 8


PO_LINES = [
    'msgid ""',
    'msgstr ""',
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    'msgctxt "ctx"',
    'msgid "One \\"two\\""',
    'msgstr "Un\\tdeux\\101\\x4a"',
    '  msgid\t"spaced"  ',
    'msgstr "\\q unknown escape"',
    'msgstr "\\x"',
    'msgstr "unterminated',
    'msgstr "x" trailing',
    '"continued"',
    '\t"continued \\\\ too"\t',
    "# translator comment",
    "#~ obsolete",
    "#, fuzzy",
    "",
    "   ",
    "\u00a0",
    'msgid_plural "many"',
    'msgstr[0] "un"',
    'msgstr[1] "des"',
    'msgstr[2] "beyond"',
    'msgidx "glued"',
    "stray text",
    'msgstr "form\x0cfeed"',
    'msgid "line\u2028separator"',
    '"nbsp after"\u00a0',
]


def _po_file(rng: random.Random) -> str:
    entries = []
    for _ in range(rng.randint(1, 6)):
        if rng.random() < 0.6:  # a plain entry, the fast path's case
            lines = ["# c"] * rng.randint(0, 1) + ['msgctxt "k"'] * rng.randint(0, 1)
            lines += ['msgid "a"', *['"b"'] * rng.randint(0, 2), 'msgstr "c"', '"d"']
        else:
            lines = [rng.choice(PO_LINES) for _ in range(rng.randint(1, 5))]
        entries.append("\n".join(lines))
    ending = rng.choice(["\n", "\n\n", "", "\r\n"])
    return rng.choice(["\n\n", "\n", "\r\n\r\n"]).join(entries) + ending


def _syntax_error(check: object, text: str) -> str | None:
    try:
        check(text, "t.po")  # type: ignore[operator]
    except InputError as exc:
        return str(exc)
    return None


def test_po_syntax_check_answers_as_the_line_by_line_check() -> None:
    rng = random.Random(13)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").rglob("*.po"))]
    texts += [_po_file(rng) for _ in range(6000)]
    outcomes = set()
    for text in texts:
        quick = _syntax_error(po_syntax.check_syntax, text)
        assert quick == _syntax_error(po_syntax._check_lines, text), text
        outcomes.add(quick.split(":", 2)[2] if quick else None)
    assert None in outcomes and len(outcomes) > 8  # passes and many kinds of refusal


def test_blank_lines_are_those_of_the_whole_text_scan() -> None:
    from audit import document

    rng = random.Random(14)
    pieces = ["a", "word", " ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2028", "  \n"]
    texts = [SEED, EXCERPT, ARABIC, "", "\n\n", " \n \n ", "\r\r\n\n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(6000)]
    reached = 0
    for text in texts:
        spans = [m.span() for m in document._blank_lines(text)]
        assert spans == [m.span() for m in document._BLANK_LINES.finditer(text)], repr(text)
        reached += bool(spans)
    assert reached > 1000


def _plain_invisible_runs(text: str, allowed: frozenset[str]) -> list[tuple[int, int]]:
    """A006's runs as found before lines of only allowed or spacing characters were
    passed over: every character of every line that is not printable."""
    from audit.checks.artifacts import characters
    from audit.checks.lines import text_lines

    runs = []
    for line in text_lines(text):
        if text[line.start : line.end].isprintable():
            continue
        run_start = None
        for i in range(line.start, line.end):
            if characters._is_invisible(text[i], allowed) and not characters._joins_here(text, i):
                run_start = i if run_start is None else run_start
            elif run_start is not None:
                runs.append((run_start, i))
                run_start = None
        if run_start is not None:
            runs.append((run_start, line.end))
    return runs


def test_invisible_runs_are_those_of_the_character_by_character_scan() -> None:
    from audit.checks.artifacts import characters
    from audit.lang.profiles import invisible_ok

    rng = random.Random(15)
    pieces = [
        "a",
        "ب",
        " ",
        "\n",
        "\u00a0",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u200f",
        "\t",
        "\x07",
        "\u2028",
        "👨",
    ]
    texts = [
        SEED,
        ARABIC,
        *(["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(4000)]),
    ]
    reached = 0
    for text in texts:
        for lang in ("en", "fa", "he"):
            allowed = invisible_ok(lang)
            runs = list(characters._invisible_runs(text, allowed))
            assert runs == _plain_invisible_runs(text, allowed), repr(text)
            reached += bool(runs)
            unprintable = {c for c in set(text) if not c.isprintable()} - characters._LINE_BREAKS
            if not any(characters._is_invisible(c, allowed) for c in unprintable):
                assert not runs, repr(text)  # A006's whole-text pre-test is safe
    assert reached > 1000


def test_repeated_sentence_and_paragraph_find_the_same_together_and_alone() -> None:
    para = "The talks began in Geneva on Monday morning."
    text = f"{para}\n\n{para}\n\nOther words here now, six at least. Other words here now, six at least."
    doc = Document(id="d", target=text, target_lang="en")
    alone = [
        (f.code, f.start, f.end, f.message)
        for code in ("S007", "S008")
        for f in audit_document(doc, AuditConfig.create(select=[code]))
    ]
    together = audit_document(doc, AuditConfig.create(select=["S007", "S008"]))
    assert sorted(alone) == sorted((f.code, f.start, f.end, f.message) for f in together)
    assert {f.code for f in together} == {"S007", "S008"}


def test_word_count_of_a_normalized_text_is_its_number_of_words() -> None:
    for text in [SEED, ARABIC, "", " ", "İ ß ﬁ", *_texts(16, 2000)]:
        key = repetition._normalized(text)
        assert repetition._word_count(key) == len(key.split()), repr(text)


def test_a_text_that_passes_the_lower_case_test_has_no_capitalized_pair() -> None:
    """C002 returns early on ``(text + "a").islower()``: then no letter is upper case,
    and the pairs, which need one, are none."""
    rng = random.Random(17)
    letters = ["ب", "a", "Σ", "ǅ", "ϒ", "ℂ", "Ⅻ", "ⓐ", "Ⓐ", " ", "x"]
    skipped = 0
    for _ in range(4000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(1, 10)))
        if (text + "a").islower():
            skipped += 1
            assert not any(c.isupper() for c in text), text
            doc = Document(id="d", target=text, target_lang="en")
            assert consistency._capitalization_groups(doc, []) == {}
    assert skipped > 200
    assert ("العربية" + "a").islower()


def test_foreign_script_pre_test_passes_every_text_with_a_run() -> None:
    from audit.checks.artifacts import characters
    from audit.lang.profiles import language

    rng = random.Random(18)
    pieces = ["a", "é", "ب", "б", "Ω", "μ", "-", " ", "'", "\u064e", "1", "中"]
    texts = [
        SEED,
        ARABIC,
        *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)),
    ]
    runs = 0
    for lang in ("en", "ar", "ru"):
        pattern, _ = characters._foreign_pattern(language(lang).scripts)
        for text in texts:
            passes = pattern.search("".join(set(text))) is not None
            assert passes == (pattern.search(text) is not None), (lang, text)
            runs += passes
    assert runs > 1000


def test_spacing_matches_are_those_of_the_look_behind_patterns() -> None:
    import re

    from audit.checks import spacing

    space_before = re.compile(r"(?<=[^\s])([^\S\n\r]+)([.,;:!?؟،؛])")
    missing_space = re.compile(r"(?<=\S)([.!?;,،؛؟])(?=\S)")
    rng = random.Random(19)
    pieces = [
        "a",
        "B",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\u00a0",
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        "؟",
        "،",
        "x",
    ]
    texts = [SEED, EXCERPT, ARABIC, "", " .", ". a"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(6000)]
    reached = [0, 0]
    for text in texts:
        for k, (quick, plain) in enumerate(
            [(spacing._SPACE_BEFORE, space_before), (spacing._MISSING_SPACE, missing_space)]
        ):
            matches = quick.finditer(text) if k == 0 else spacing._after_non_space(quick, text)
            found = [(m.span(), m.groups()) for m in matches]
            assert found == [(m.span(), m.groups()) for m in plain.finditer(text)], repr(text)
            reached[k] += bool(found)
    assert min(reached) > 1000


def test_segmentation_matches_are_those_of_the_look_behind_patterns() -> None:
    import re

    from audit.checks import segmentation
    from audit.lang.profiles import language

    lang = language("en")
    words = sorted(
        (w[:1].upper() + w[1:] for w in lang.function_words if len(w) > 1), key=len, reverse=True
    )
    function_words = re.compile(
        r"(?<=[^\W\d_] )(?:" + "|".join(map(re.escape, words)) + r")(?= [^\W\d_])"
    )
    full_stop = re.compile(r"(?<![.\s])\.(?!\.)[\"'”’»)\]]*\s+[\"'“‘«(\[]*([^\W\d_][\w'’-]*)")
    rng = random.Random(20)
    pieces = [
        "a",
        "x",
        "The",
        "In",
        "Into",
        "To",
        "the",
        " ",
        "  ",
        ".",
        "..",
        "\n",
        '"',
        ")",
        "3",
        "é",
    ]
    pieces += ["a To b", "x In ", " The a", "and To"]
    texts = [SEED, EXCERPT, ARABIC, "", ". a", "a. b"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(6000)]
    cases = [
        (
            segmentation._capitalized_function_words(lang),
            function_words,
            segmentation._after_letter_and_space,
        ),
        (segmentation._FULL_STOP, full_stop, segmentation._not_after_stop_or_space),
    ]
    reached = [0, 0]
    for text in texts:
        for k, (quick, plain, before) in enumerate(cases):
            found = [(m.span(), m.groups()) for m in finditer_after(quick, text, before)]
            assert found == [(m.span(), m.groups()) for m in plain.finditer(text)], repr(text)
            reached[k] += bool(found)
    assert min(reached) > 100


def test_finditer_after_finds_a_match_that_starts_inside_a_dropped_one() -> None:
    import re

    after_x = re.compile(r"(?<=x)\w+")
    rng = random.Random(21)
    texts = [
        "yxab",
        "xab xcd",
        "",
        "x",
        *("".join(rng.choice("xyab ") for _ in range(9)) for _ in range(2000)),
    ]
    for text in texts:
        found = [
            m.span()
            for m in finditer_after(re.compile(r"\w+"), text, lambda t, at: t[at - 1 : at] == "x")
        ]
        assert found == [m.span() for m in after_x.finditer(text)], text
    assert [
        m.group()
        for m in finditer_after(re.compile(r"\w+"), "yxab", lambda t, at: t[at - 1 : at] == "x")
    ] == ["ab"]


def test_mixed_words_are_the_same_from_the_distinct_letters() -> None:
    from audit.checks.artifacts import characters

    rng = random.Random(22)
    pieces = ["Geneva", "Gеneva", "е", "e", "Ω", "ж", " ", "-", "1", "é"]
    texts = [
        SEED,
        EXCERPT,
        ARABIC,
        "",
        *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)),
    ]
    reached = 0
    for text in texts:
        found = list(characters._mixed_words(text, "".join(set(text))))
        assert found == list(characters._mixed_words(text)), text
        reached += bool(found)
    assert reached > 500


# Tokens whose marks reach the edges of the repetition pre-test's mark rule: quotes
# that both open and close, marks alone, abbreviations, a mark before and after.
MARKED = ["no", "No", "no,", "(no", "no)", '"no"', '"', "'", "(", "U.N.", "U.N.)", "no.", "..."]


def test_repeated_words_marks_rule_passes_every_text_the_check_reports_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(18)
    texts = [" ".join(rng.choice(MARKED) for _ in range(rng.randint(2, 8))) for _ in range(3000)]
    found = [_found(t, "en", "S006") for t in texts]
    # the rule passes over repeats that are marked
    assert not repetition._may_repeat("no, no (no")
    assert not repetition._may_repeat('so "happy" "happy"')
    assert repetition._may_repeat("no U.N. U.N.)")
    monkeypatch.setattr(repetition, "_may_report", lambda text, damaged, lang: True)
    assert found == [_found(t, "en", "S006") for t in texts]
    assert sum(map(bool, found)) > 200  # the texts reach repetitions


def test_trail_is_the_one_the_word_reader_splits_off() -> None:
    tokens = [*MARKED, *PIECES, "a.b.", "x!?", "«x»", "„x“"]
    for token in [t for t in tokens if len(t.split()) == 1]:
        ((word,),) = repetition._paragraphs(token, False)
        assert repetition._trail(token) == word.trail, token
        assert (token[0] in repetition._OPENING) == bool(word.lead), token


def test_capitalization_finds_the_same_with_and_without_its_case_pre_test(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Greek final sigma lower-cases by its context: pairs that end in Σ reach it.
    first = ["Berlin", "Οδος", "Σοφία", "İstanbul", "ǅemal", "UN", "the", "x-Ray"]
    families = [
        ["Conference", "conference", "CONFERENCE", "Conference-room", "conference-Room"],
        ["ΟΔΟΣ", "Οδος", "Οδός", "οδος", "οδοσ", "Σ", "ς", "σ"],
        ["İstanbul", "istanbul", "i̇stanbul", "ǅemal", "ǆemal", "Ǆemal"],
    ]
    rng = random.Random(27)
    texts = [SEED, EXCERPT, ARABIC]
    for _ in range(3000):
        w1, family = rng.choice(first), rng.choice(families)
        phrases = [w1 + " " + rng.choice(family) for _ in range(rng.randint(2, 5))]
        texts.append(
            "x " + "".join(p + rng.choice([" and ", " ", ". ", "-", " x "]) for p in phrases)
        )
    found = [_found(t, lang, "C002") for t in texts for lang in ("en", "el")]
    assert not consistency._pairs_differ_in_case("x Berlin Conference and the Berlin Conference")
    assert consistency._pairs_differ_in_case("x Berlin Conference and the Berlin conference")
    monkeypatch.setattr(consistency, "_pairs_differ_in_case", lambda text: True)
    assert found == [_found(t, lang, "C002") for t in texts for lang in ("en", "el")]
    assert sum(map(bool, found)) > 200  # the texts reach phrases capitalized two ways


def test_sentence_keys_in_maps_are_those_of_normalized() -> None:
    for text in [SEED, EXCERPT, ARABIC, "", " İ  ß\n\nﬁ ", *_texts(17, 500)]:
        doc = Document(id="d", target=text, target_lang="en")
        spans = [*doc.sentences, *doc.paragraphs]
        assert repetition._normalized_spans(text, spans) == [
            repetition._normalized(text[s.start : s.end]) for s in spans
        ]


def test_repeated_sentence_finds_the_same_without_its_pre_test(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sentences = [
        "The talks began in Geneva on Monday.",
        "the talks  began in Geneva on MONDAY.",
        "The talks began in Geneva on Monday",
        "Both sides sent five delegates each.",
        "Short one.",
    ]
    rng = random.Random(7)
    texts = [SEED, EXCERPT, ARABIC]
    for _ in range(800):
        picked = [rng.choice(sentences) for _ in range(rng.randint(1, 6))]
        texts.append("".join(s + rng.choice([" ", " ", "\n", "\n\n"]) for s in picked))
    found = [_found(t, "en", "S007") for t in texts]
    monkeypatch.setattr(repetition, "_said_twice", lambda keys: True)
    assert found == [_found(t, "en", "S007") for t in texts]
    assert sum(map(bool, found)) > 100


def test_case_folding_a_character_and_its_lower_case_agree() -> None:
    """What C001's pre-test for closed forms stands on (Σ, İ and ß included)."""
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        assert c.lower().casefold() == c.casefold(), hex(i)


def test_hyphenation_finds_the_same_without_its_closed_form_pre_test(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = [
        "cease-fire", "ceasefire", "CEASEFIRE", "Cease‑fire", "ceasefires", "ceasefire-talks",
        "ΟΔΟ-ΣΑ", "ΟΔΟΣΑ", "οδοσα", "ΟΔΟΣ", "ΟΔΟ-Σ", "ΟΔ-ΟΣ", "Οδος'Α", "ΟΔΟΣ'Α", "ΟΔΟΣ’Α",
        "İstan-bul", "istanbul", "İSTANBUL", "Straße", "STRASSE", "Stra-sse", "straße",
    ]  # fmt: skip
    rng = random.Random(31)
    texts = [SEED, EXCERPT, ARABIC]
    for _ in range(2000):
        picked = [rng.choice(words) for _ in range(rng.randint(2, 7))]
        texts.append(" ".join(picked))
    found = [_found(t, lang, "C001") for t in texts for lang in ("en", "el")]
    monkeypatch.setattr(consistency, "_may_be_closed", lambda text, keys: True)
    assert found == [_found(t, lang, "C001") for t in texts for lang in ("en", "el")]
    assert sum(map(bool, found)) > 300  # the texts reach words written both ways


def test_unbalanced_finds_the_same_as_the_scan_of_every_paragraph() -> None:
    from audit.checks import punctuation
    from audit.lang.profiles import language

    pieces = ["word", "(", ")", "[", "]", "{", "}", '"', "“", "”", "„", "«", "»", "‘", "’"]
    pieces += ["a)", ":)", "1)", "Wort", " ", "\n\n", "\n", "- "]
    rng = random.Random(5)
    texts = [SEED, EXCERPT, ARABIC, ""]
    for _ in range(2000):
        texts.append("".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(12)))
    reached = 0
    for text in texts:
        for lang_code in ("en", "de", "fr", "ru"):
            doc = Document(id="d", target=text, target_lang=lang_code)
            lang = language(lang_code)
            plain = []
            for p in doc.paragraphs:
                plain += punctuation._unbalanced_brackets(text, p)
                if lang.quotes:
                    plain += punctuation._mismatched_quotes(
                        text, p, lang.quotes, lang.straight_quotes
                    )
            expected = [(h.start, h.end, h.message) for h in plain]
            assert sorted(_found(text, lang_code, "S005")) == sorted(expected), (text, lang_code)
            reached += bool(expected)
    assert reached > 1000
