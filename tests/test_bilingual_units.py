"""Arabic normalization, numbers across digit systems, alignment and file origins."""

from __future__ import annotations

from audit.align import align
from audit.document import Document, Span
from audit.lang.arabic import fold_with_offsets, form_key, normalize, word_keys
from audit.lang.identify import guess_language
from audit.lang.numbers import find_numbers, readings
from audit.segments import SegmentBuilder, locate


def test_arabic_normalization_unifies_spellings():
    assert normalize("أحمد") == normalize("احمد") == normalize("إحمد") == normalize("آحمد")
    assert normalize("سلامة") == normalize("سلامه")
    assert normalize("مصطفى") == normalize("مصطفي")
    assert normalize("حَفْتَر") == normalize("حفـتر") == "حفتر"
    assert normalize("فائز") == "فايز" and normalize("مؤتمر") == "موتمر"
    folded, offsets = fold_with_offsets("حَفْتَر")
    assert folded == "حفتر" and offsets == [0, 2, 4, 6]


def test_arabic_article_and_proclitics():
    assert (
        "سراج" in word_keys("والسراج")
        and "سراج" in word_keys("بالسراج")
        and "سلام" in word_keys("للسلام")
    )
    assert form_key("فايز السراج") == ("فايز", "سراج")
    assert "زير" not in word_keys("وزير") or "وزير" in word_keys(
        "وزير"
    )  # the word itself is always a key
    assert word_keys("لا") == frozenset({"لا"})  # short words are not eaten


def test_numbers_across_digit_systems_and_separators():
    assert readings("١٥") == readings("۱۵") == readings("15") == frozenset({"15"})
    assert (
        "1500" in readings("1,500") and "1500" in readings("١٬٥٠٠") and "1500" in readings("1.500")
    )
    assert readings("3,5") == frozenset({"3.5"}) and readings("1.234,5") == frozenset({"1234.5"})
    assert readings("30،000") & readings("30,000")
    (n,) = find_numbers("نزح 5 ملايين")
    assert "5000000" in n.values
    spelled = [(x.values, x.spelled) for x in find_numbers("three of the 1980s, الحادي والعشرين")]
    assert spelled == [
        (frozenset({"3"}), True),
        (frozenset({"1980", "80"}), True),  # the 1980s, the 80s
        (frozenset({"20"}), True),  # the 20th century (20 世纪 80 年代)
        (frozenset({"21"}), True),
    ]
    assert [sorted(x.values) for x in find_numbers("in 2019 100 people")] == [["2019"], ["100"]]


def test_alignment_finds_a_dropped_sentence_with_confidence():
    source = (
        "The talks resumed in Geneva on Monday after a break of three weeks. "
        "Both delegations attended the opening session at the Palais des Nations. "
        "The envoy said 12 points remained open. He expects a result by Friday."
    )
    target = (
        "Les pourparlers ont repris lundi à Genève après une pause de trois semaines. "
        "L'émissaire a déclaré que 12 points restaient ouverts. Il attend un résultat d'ici vendredi."
    )
    alignment = align(source, target, ratio=1.19)
    shapes = [(link.source_sentences, link.target_sentences) for link in alignment.links]
    assert shapes == [(1, 1), (1, 0), (1, 1), (1, 1)]
    dropped = alignment.links[1]
    assert source[dropped.source.start : dropped.source.end].startswith("Both delegations")
    assert (
        all(0.0 <= link.confidence <= 1.0 for link in alignment.links) and dropped.confidence > 0.5
    )


def test_locate_counts_escapes_and_line_breaks():
    raw = '{"t": "a\\nb \\"c\\" d"}'
    text = 'a\nb "c" d'

    def json_step(raw: str, i: int, text: str, j: int):
        return (2, 1) if raw[i] == "\\" else None

    origin = locate(raw, 7, text, "x.jsonl", escape=json_step)
    assert not origin.verbatim
    assert origin.position(0) == (1, 8)
    assert origin.position(text.index("c")) == (1, 8 + raw[7:].index("c"))
    plain = locate("ab\ncd", 0, "ab\ncd", "x.txt")
    assert plain.verbatim and plain.position(3) == (2, 1)


def test_segment_lookup_and_file_positions():
    builder = SegmentBuilder()
    builder.add("a", "Hello there", "Bonjour")
    builder.add("b", "", "Salut")
    builder.add("c", "Bye", "Au revoir")
    doc = Document(
        id="d", target=builder.target, source=builder.source, segments=tuple(builder.segments)
    )
    assert doc.target == "Hello there\n\n\n\nBye"
    assert doc.segment_at("target", doc.target.index("Bye")).id == "c"
    assert doc.segment_at("source", doc.source.index("Salut")).id == "b"
    assert doc.segments[1].target == Span(13, 13)
    assert doc.file_position("target", 6) == ("", 1, 7)  # no origin: positions in the joined text


def test_language_guess_by_script():
    assert guess_language("التقى المبعوث بالوفدين") == "ar"
    assert guess_language("השיחות יתחדשו ביום שני") == "he"


def test_sentences_end_with_danda_urdu_full_stop_and_cjk_marks():
    from audit.document import split_sentences

    def cut(text: str) -> list[str]:
        return [text[s.start : s.end] for s in split_sentences(text)]

    assert cut("यह पहला वाक्य है। यह दूसरा है।") == ["यह पहला वाक्य है।", "यह दूसरा है।"]
    assert cut("یہ پہلا جملہ ہے۔ یہ دوسرا ہے۔") == ["یہ پہلا جملہ ہے۔", "یہ دوسرا ہے۔"]
    assert cut("هل جاء؟ نعم جاء.") == ["هل جاء؟", "نعم جاء."]
    # Chinese and Japanese write no space after 。！？
    assert cut("我们站在地球上。我们看到星星！") == ["我们站在地球上。", "我们看到星星！"]


def test_thai_paragraphs_are_aligned_whole_not_as_missing_sentences():
    # Three English sentences and a Thai translation written for this test, as Thai
    # is written: sentences separated by spaces, with no sentence marks.
    source = (
        "The volcano's activity picked up on Saturday. "
        "Ash fell on the southern neighbourhoods of the capital. "
        "Officials asked residents to stay indoors."
    )
    target = "ภูเขาไฟมีกิจกรรมเพิ่มขึ้นในวันเสาร์ เถ้าถ่านตกลงในย่านทางใต้ของเมืองหลวง เจ้าหน้าที่ขอให้ประชาชนอยู่ในบ้าน"
    alignment = align(source, target, ratio=0.9)
    assert [(x.source_sentences, x.target_sentences) for x in alignment.links] == [(3, 1)]
    assert alignment.links[0].confidence > 0.3
