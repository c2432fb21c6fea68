"""The shortcuts of the checks' speed work (issue 18, the checks other than the name
analysis) change no result: each quick test is compared with the full computation it
may skip, on real and random texts, and each memory of source-side work with fresh
work, for documents that share a source and differ in their targets."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.checks import lines
from audit.checks.artifacts import debris
from audit.document import Document, Span
from audit.lang.profiles import language
from audit.textmemory import TextMemory
from tests.conftest import ARABIC_EXCERPT as ARABIC
from tests.conftest import ENGLISH_EXCERPT as EXCERPT
from tests.conftest import SEED_TEXT as SEED

ROOT = Path(__file__).resolve().parents[1]


def _full_removal_spans(doc: Document, removable: Callable[[str], bool]) -> dict[lines.Line, Span]:
    """removal_spans as it was before its quick test: every line of every paragraph
    asked about."""
    paragraphs = lines.paragraph_lines(doc)
    spans: dict[lines.Line, Span] = {}
    for index, group in enumerate(paragraphs):
        flagged = [line for line in group if removable(line.text(doc).strip())]
        if not flagged:
            continue
        if len(flagged) < len(group):
            spans.update((line, Span(line.start, line.next)) for line in flagged)
        else:
            spans.update(lines._whole_paragraph(paragraphs, index))
    return spans


_LINE_PIECES = [
    "6126630991001",
    "bf9801bd-5cd0-414d-80b4-03d65c28c170",
    "clip.mp4",
    "Video",
    "Read also:",
    "فيديو",
    "The talks resumed on Monday.",
    "  ",
    "",
    "(2)",
    "deadbeef12345678",
    "12345678901",
    "Both sides attended",
]
_BREAKS = ["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\n \n", "\n\n\n"]


def _texts_with_lines(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            words = [rng.choice(_LINE_PIECES) for _ in range(rng.choice([1, 1, 2, 3]))]
            parts.append(" ".join(words))
        text = parts[0]
        for part in parts[1:]:
            text += rng.choice(_BREAKS) + part
        out.append(rng.choice(["", "\n", " "]) + text + rng.choice(["", "\n", "\n\n"]))
    return out


def test_removal_spans_with_the_quick_test_are_those_of_every_line_asked() -> None:
    """A document is given up on when no line's text is removable; whatever the
    removable lines, the spans are those of asking every line of every paragraph,
    with the debris checks' own test and with one that deletes empty lines too."""
    texts = [SEED, EXCERPT, ARABIC, *_texts_with_lines(3000, 18)]
    found = 0
    for i, text in enumerate(texts):
        lang = ["en", "ar", "fr"][i % 3]
        doc = Document(id="d", target=text, target_lang=lang)
        removable = debris._removable(language(lang))
        spans = lines.removal_spans(doc, removable)
        assert spans == _full_removal_spans(doc, removable), text
        found += bool(spans)

        def short_or_empty(line: str) -> bool:
            return len(line) < 6

        assert lines.removal_spans(doc, short_or_empty) == _full_removal_spans(
            doc, short_or_empty
        ), text
    assert 300 < found < len(texts) - 300  # both answers are met often


class _Counted:
    """A computation that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> tuple[str, int]:
        self.calls.append(text)
        return (text.upper(), len(text))


def test_text_memory_gives_what_a_fresh_computation_gives_within_its_budget() -> None:
    """Texts met again are computed once while kept; every answer is the fresh one, the
    kept texts never exceed the budget, a text over a quarter of it is never kept."""
    rng = random.Random(5)
    texts = [SEED, EXCERPT, ARABIC] + [
        "".join(rng.choice("ab ") for _ in range(rng.randint(0, 400))) for _ in range(80)
    ]
    budget = 4 * len(SEED)
    computed = _Counted()
    memory = TextMemory(computed, budget, max_noted=40, recent=3)
    for _ in range(4):
        for text in rng.sample(texts, len(texts)):
            assert memory.get(text) == (text.upper(), len(text))
            assert memory._chars == sum(map(len, memory._kept)) <= budget
            assert len(memory._recent) <= 3 and len(memory._noted) <= 40
    assert len(computed.calls) < 4 * len(texts)  # some were remembered
    memory.get(SEED)
    memory.get(SEED)
    before = len(computed.calls)
    assert memory.get(SEED) == (SEED.upper(), len(SEED))
    assert len(computed.calls) == before  # kept: not computed again
    huge = "x" * (budget // 4 + 1)
    for _ in range(3):
        memory.get(huge)
    assert huge not in memory._kept
    memory.clear()
    assert not memory._kept and not memory._recent and memory._chars == 0


def test_text_memory_keeps_none_as_an_answer() -> None:
    """An analysis may answer None (no language guessed): that is remembered too."""
    calls: list[str] = []

    def nothing(text: str) -> None:
        calls.append(text)

    memory: TextMemory[None] = TextMemory(nothing, 1000)
    for _ in range(4):
        assert memory.get("same text") is None
    assert calls == ["same text"]  # held as met once, then kept


def _source_side_memories() -> list[TextMemory[object]]:
    """Every memory of source-side work (the source's language is remembered by
    audit.lang.identify's own caches, keyed on the text)."""
    from audit.lang import numbers

    return [numbers._DIGITS_READ]  # type: ignore[list-item]


def test_documents_sharing_a_source_get_the_findings_of_fresh_work() -> None:
    """The source-side work remembered per text (its numbers here; its language and
    script in audit.lang.identify's caches) is that text's alone: documents with the same source and different
    targets, and with the same target and different sources, find what they find
    with every memory emptied first, in any order and met again."""
    from audit.config import AuditConfig
    from audit.engine import audit_document

    config = AuditConfig.create(select=["B002", "B003", "B005"])
    french = "Les pourparlers ont repris lundi à Genève, a déclaré l'ONU. " * 3
    docs = [
        Document(id="ar", target=ARABIC, source=EXCERPT, target_lang="ar"),
        Document(id="same", target=EXCERPT, source=EXCERPT, target_lang="fr"),
        Document(id="seed", target=SEED, source=EXCERPT, target_lang="fr"),
        Document(id="fr", target=french, source=EXCERPT, target_lang="fr"),
        Document(id="ar-src", target=EXCERPT, source=ARABIC, target_lang="en"),
        Document(id="seed-src", target=EXCERPT, source=SEED, target_lang="fr"),
        Document(id="fr-src", target=SEED, source=french, target_lang="de"),
        Document(id="known", target=EXCERPT, source=ARABIC, target_lang="fr", source_lang="ar"),
        # Left in the source language, changed a little: told by the guessed language.
        Document(
            id="en-left", target=EXCERPT.replace(" the ", " a "), source=EXCERPT, target_lang="fr"
        ),
        Document(
            id="ar-left", target=ARABIC.replace(" في ", " من "), source=ARABIC, target_lang="en"
        ),
    ]

    def key(doc: Document) -> list[tuple[object, ...]]:
        return [(f.code, f.start, f.end, f.message) for f in audit_document(doc, config)]

    fresh = {}
    for doc in docs:
        for memory in _source_side_memories():
            memory.clear()
        fresh[doc.id] = key(doc)
    rng = random.Random(3)
    for _ in range(4):
        for doc in rng.sample(docs, len(docs)):
            assert key(doc) == fresh[doc.id], doc.id
    messages = {m for found in fresh.values() for *_, m in found}
    assert any(str(m).endswith("in the source language (en), not fr") for m in messages)
    assert any(str(m).endswith("in the source language (ar), not en") for m in messages)
    # The language B005 guesses is the source's (French), not the target's (English).
    assert any("than fr→de translation" in str(m) for m in messages)


# Words that languages may double (German "die die", names, numbers, Persian
# reduplication), marks, and tokens that need reading (encoding damage that ftfy
# repairs or leaves, an entity, a tag, an invisible character).
_REPEAT_PIECES = [
    "die", "Die", "that", "had", "Sirhan", "New", "York", "10", "*", "کم", "از", "the",
    "plus", "no,", "(no", "U.N.", "caf\u00c3\u00a9", "r\u00e9alis\u00e9\u2026", "&amp;",
    "<b>", "a\u200bb", "\u200b", "«", "»", "é»", "Walla", "&#97;", "&#1;",
]  # fmt: skip


def test_repeated_words_reports_as_without_its_quick_test_where_doublings_are_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """S006 gives up on a text when every repetition in it is one the language allows,
    and reads damaged text token by token for its quick test: the findings are those
    of reading every text word by word, in languages with and without doublings."""
    from audit.checks import repetition
    from audit.config import AuditConfig
    from audit.engine import audit_document

    rng = random.Random(6)
    texts = [SEED, EXCERPT, ARABIC]
    for _ in range(1500):
        words = [rng.choice(_REPEAT_PIECES) for _ in range(rng.randint(2, 9))]
        if rng.random() < 0.5:
            words += words[-rng.randint(1, len(words)) :]  # a repetition, maybe allowed
        texts.append("".join(w + rng.choice([" ", " ", "\n\n", "\u00a0"]) for w in words))
    config = AuditConfig.create(select=["S006"])

    def found() -> list[list[tuple[int, int, str]]]:
        return [
            [(f.start, f.end, f.message) for f in audit_document(Document(id="d", target=t, target_lang=lang), config)]
            for t in texts
            for lang in ("de", "en", "fa", "fr")
        ]  # fmt: skip

    skipped = sum(
        not repetition._may_report(t, repetition.needs_reading(t), language("de"))
        and repetition._may_repeat(repetition._test_text(t) if repetition.needs_reading(t) else t)
        for t in texts
    )
    quick = found()
    monkeypatch.setattr(repetition, "_may_report", lambda text, damaged, lang: True)
    assert quick == found()
    assert 300 < sum(map(bool, quick)) < len(quick) - 300
    assert skipped > 100  # texts the mark rule alone would have read word by word


_CHARACTER_PIECES = [
    "d\u00c3\u00b3lares", "\u00e2\u20ac\u2122", "caf\u00c3\u00a9s", "r\u00e9alis\u00e9\u2026", "\u00a0",
    "\u2003", " ", "\n", "P\u0430ris", "\u041c\u043e\u0441\u043a\u0432\u0430", "\ufffd", "talks",
    "\u200b", ":", "M\u00c3\u00bcnchen\u0430", "\u202f?", "Geneva",
]  # fmt: skip


def test_character_checks_share_their_repairs_and_find_what_each_finds_alone() -> None:
    """A005, A007 and A009 read the encoding repairs of a document once: together they
    report what each reports alone, on real texts and random ones with encoding
    damage, special spaces, look-alike letters and replacement characters."""
    from audit.config import AuditConfig
    from audit.engine import audit_document

    rng = random.Random(9)
    texts = [SEED, EXCERPT, ARABIC]
    texts += ["".join(rng.choice(_CHARACTER_PIECES) for _ in range(rng.randint(1, 10))) for _ in range(800)]  # fmt: skip
    codes = ["A005", "A006", "A007", "A008", "A009"]
    together_config = AuditConfig.create(select=codes)
    alone_configs = [AuditConfig.create(select=[code]) for code in codes]
    reached = 0
    for i, text in enumerate(texts):
        doc = Document(id="d", target=text, target_lang=["en", "ru", "fr"][i % 3])
        together = sorted((f.code, f.start, f.end, f.message, f.suggestion) for f in audit_document(doc, together_config))  # fmt: skip
        alone = sorted(
            (f.code, f.start, f.end, f.message, f.suggestion)
            for config in alone_configs
            for f in audit_document(doc, config)
        )
        assert together == alone, text
        reached += len({f[0] for f in together})
    assert reached > 800


def test_glued_heading_quick_test_never_skips_a_candidate() -> None:
    """S011 looks closely only at sentences whose first two words are title words: every
    sentence it skips has no heading candidate, on real and random title-case texts."""
    from audit.checks import segmentation

    rng = random.Random(11)
    pieces = ["Persuade", "Hifter", "It", "is", "the", "of", "The", "talks", "U.S.", "5", "—", "'s", "O’Neil", ".", "\n"]  # fmt: skip
    texts = [SEED, EXCERPT] + [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(2000)]  # fmt: skip
    skipped = candidates = 0
    for i, text in enumerate(texts):
        lang = language(["en", "fr", "es"][i % 3])
        for s in Document(id="d", target=text, target_lang=lang.code).sentences:
            found = segmentation._heading_candidate(text, s, lang)
            if not segmentation._may_open_heading(text, s, lang):
                assert found == [], (text, s)
                skipped += 1
            candidates += bool(found)
    assert skipped > 1000 and candidates > 300


def test_space_before_mark_quick_test_never_skips_a_match() -> None:
    """S001 scans a text for a space before a mark only when a mark follows a space:
    never when the full pattern would match, on real and random texts."""
    from audit.checks import spacing

    rng = random.Random(12)
    pieces = ["word", " ", "  ", "\u00a0", "\n", "\t", ".", ",", " ;", "?", "؟", "،", "a", "\u202f:", "\r\n"]  # fmt: skip
    texts = [SEED, EXCERPT, ARABIC] + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(5000)]  # fmt: skip
    skipped = 0
    for text in texts:
        if not spacing._SPACE_THEN_MARK.search(text):
            assert spacing._SPACE_BEFORE.search(text) is None, text
            skipped += 1
    assert 500 < skipped < len(texts) - 500


def test_needs_reading_from_the_distinct_characters_answers_as_from_the_text() -> None:
    """S006 asks the text's distinct characters (shared with the character checks) for
    an unprintable one that is no space: the answer of joining the split text."""
    from audit.checks import reading

    rng = random.Random(13)
    pieces = ["a", " ", "\n", "\t", "\u00a0", "\u2028", "\u200b", "\x0b", "\x1f", "\u3000", "é…", "&amp;", "<b>", "x\u200cy", "\ufeff"]  # fmt: skip
    texts = [SEED, EXCERPT, ARABIC] + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(5000)]  # fmt: skip
    answers = set()
    for text in texts:
        answer = reading.needs_reading(text)
        assert reading.needs_reading(text, frozenset(text)) == answer, repr(text)
        answers.add(answer)
    assert answers == {True, False}


def test_repeated_words_quick_test_reads_each_token_once() -> None:
    """A text that repeats one allowed word thousands of times ("1 1 1 ...") holds a
    repetition at every word for every phrase length: the quick test reads each
    token once, not once per place (which grew faster than the text)."""
    from audit.checks import repetition

    calls = 0
    plain = repetition._word

    def counted(token: str, clean: Callable[[str], str] | None) -> repetition._Word:
        nonlocal calls
        calls += 1
        return plain(token, clean)

    repetition._word = counted  # type: ignore[assignment]
    try:
        assert not repetition._may_report("1 " * 3000, False, language("en"))
    finally:
        repetition._word = plain  # type: ignore[assignment]
    assert calls <= 3000


def test_case_folding_reads_one_character_at_a_time() -> None:
    """What B003's quick count of shared words rests on: the folded text is the folded
    characters one after another (no context, unlike Greek final sigma in lower case),
    so a folded word of a text is part of the folded text."""
    rng = random.Random(14)
    tricky = "ΣσςßẞİıIiﬁŉΐǰ\u0345KkÅå"
    for _ in range(20000):
        chars = [chr(rng.randrange(0x10000)) if rng.random() < 0.5 else rng.choice(tricky) for _ in range(rng.randint(1, 6))]  # fmt: skip
        text = "".join(chars)
        assert text.casefold() == "".join(c.casefold() for c in text), repr(text)


def test_shared_words_quick_count_never_decides_against_the_full_count() -> None:
    """B003's quick count of the target's words found in the folded source gives up
    only on pairs the word-by-word count would give up on too."""
    from audit.checks import bilingual

    rng = random.Random(15)
    words = ["Straße", "STRASSE", "strasse", "Genf", "genf", "ΣΊΣΥΦΟΣ", "σίσυφος", "İstanbul", "i̇stanbul", "ﬁle", "file", "a", "de", "der", "Rom", "nord", "Nordwind"]  # fmt: skip

    def soup() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))

    def plain(text: str, source: str) -> bool:
        found = [w.casefold() for w in bilingual._WORDS.findall(text)]
        known = {w.casefold() for w in bilingual._WORDS.findall(source)}
        return bool(found) and 2 * sum(1 for w in found if w in known) >= len(found)

    pairs = [(soup(), soup()) for _ in range(5000)] + [(EXCERPT, SEED), (SEED, SEED[:500])]
    answers = [bilingual._shares_words(a, b) for a, b in pairs]
    assert answers == [plain(a, b) for a, b in pairs]
    assert 500 < sum(answers) < len(answers) - 500


def test_identifier_kind_quick_test_answers_as_the_full_test() -> None:
    """identifier_kind gives up on a token that starts with no hex digit and has no dot
    (no UUID, hash, ID number or media file name does): the full test agrees on every
    token of the real texts and on random ones."""
    from audit.checks.artifacts import debris

    rng = random.Random(16)
    pieces = ["bf9801bd", "-5cd0", "-414d-80b4-03d65c28c170", "DEAD", "beef", "1234567", "890123", "0", ".mp4", ".JPEG", "clip", "x", "Z", "_", "%", "+", "é", "٣"]  # fmt: skip
    tokens = [t for text in (SEED, EXCERPT, ARABIC) for t in text.split()]
    tokens += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(20000)]
    kinds = set()
    for token in tokens:
        for digits in (10, 12):
            kind = debris.identifier_kind(token, digits)
            assert kind == debris._kind(token, digits), token
            kinds.add(kind if kind is None or "digit" not in kind else "digits")
    assert kinds == {None, "UUID", "hash", "digits", "media file name"}
