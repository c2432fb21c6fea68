from __future__ import annotations

import pytest

from audit.document import Document, LineIndex, Span, split_paragraphs, split_sentences


def test_line_index_handles_lf_crlf_and_lone_cr():
    text = "ab\ncd\r\nef\rgh"
    idx = LineIndex(text)
    assert idx.line_count == 4
    assert idx.position(0) == (1, 1)
    assert idx.position(text.index("c")) == (2, 1)
    assert idx.position(text.index("f")) == (3, 2)
    assert idx.position(text.index("h")) == (4, 2)
    assert idx.position(len(text)) == (4, 3)
    with pytest.raises(ValueError):
        idx.position(len(text) + 1)


def test_columns_count_characters_not_bytes():
    text = "حفتر Hifter"
    assert LineIndex(text).position(text.index("H")) == (1, 6)


def test_paragraphs_are_separated_by_blank_lines_and_trimmed():
    text = "One.\n\n  Two a.\nTwo b.\n\n\n\nThree"
    paras = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paras] == ["One.", "Two a.\nTwo b.", "Three"]


def test_sentences_respect_abbreviations_and_initials():
    text = "Maj. Gen. Khalifa Haftar met U.S. envoys. J. Smith said so. Then they left!"
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == [
        "Maj. Gen. Khalifa Haftar met U.S. envoys.",
        "J. Smith said so.",
        "Then they left!",
    ]


def test_heading_line_is_its_own_sentence():
    text = "Persuade Hifter\nIt is reported that talks began. Salama left."
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == ["Persuade Hifter", "It is reported that talks began.", "Salama left."]


def test_lower_case_after_full_stop_does_not_start_a_sentence():
    text = "a mechanism. to observe"
    assert len(split_sentences(text)) == 1


def test_arabic_question_mark_ends_a_sentence():
    text = "هل انتهى القتال؟ لا أحد يعرف."
    assert len(split_sentences(text)) == 2


def test_is_sentence_start_allows_opening_quotes():
    doc = Document(id="d", target='He left. "Haftar said no." Then.')
    assert doc.is_sentence_start(doc.target.index("Haftar"))
    assert doc.is_sentence_start(0)
    assert not doc.is_sentence_start(doc.target.index("left"))


def test_span_helpers():
    assert len(Span(2, 5)) == 3
    assert Span(2, 5).overlaps(Span(4, 9)) and not Span(2, 5).overlaps(Span(5, 9))
    assert Span(2, 5).contains(2) and not Span(2, 5).contains(5)


def test_a_windows_line_break_is_one_break_not_a_blank_line():
    from audit import Document

    assert len(Document(id="d", target="a\r\nb").paragraphs) == 1
    assert len(Document(id="d", target="a\r\n\r\nb").paragraphs) == 2
    assert len(Document(id="d", target="a\r\rb").paragraphs) == 2
