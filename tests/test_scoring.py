"""Round-trip scoring: sacrebleu's numbers exactly, Arabic normalization, alignment, CLI."""

from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from audit import Document
from audit.lang import arabic
from audit.lang.codes import base_language, flores200_code, iso639_3_codes
from audit.scoring import missing_words, pair_segments, score_document, score_documents

EN_SOURCE = (
    "Trump took a much more optimistic view in his rally speech.\n"
    "But denuclearization negotiations have stalled.\n"
    "Millions of people would have been killed."
)
EN_BACK = (
    "Trump had a far more optimistic view in the speech at his rally.\n"
    "But the talks on denuclearization are stalled.\n"
    "Millions of people would be dead."
)
AR_SOURCE = 'لماذا تنازلَ الرئيسُ ترامب كثيرًا؟\nقال ترامب مزحته بصوت "مذيع الأخبار".\nولكن توقفت مناقشات نزع الأسلحة النووية.'
AR_BACK = "لماذا تنازل الرئيس ترامب كثيرا؟\nقال ترامب بصوت مذيع الاخبار.\nلكن مفاوضات نزع السلاح النووي توقفت."

SACREBLEU = {
    "chrf": lambda lang: CHRF(),
    "chrf++": lambda lang: CHRF(word_order=2),
    "bleu": lambda lang: BLEU(effective_order=True, tokenize="intl" if lang == "ar" else "13a"),
    "ter": lambda lang: TER(),
}


def _doc(source: str, back: str, lang: str, **metadata: str) -> Document:
    return Document(
        id="d1",
        path="d.jsonl",
        target="(target)",
        source=source,
        source_lang=lang,
        back_translation=back,
        metadata=metadata,
    )


@pytest.mark.parametrize("metric", ["chrf", "chrf++", "bleu", "ter"])
@pytest.mark.parametrize(
    ("source", "back", "lang"), [(EN_SOURCE, EN_BACK, "en"), (AR_SOURCE, AR_BACK, "ar")]
)
def test_scores_equal_sacrebleu_to_the_last_digit(metric, source, back, lang):
    result = score_document(_doc(source, back, lang), [metric])
    prep = arabic.normalize if lang == "ar" else (lambda s: s)
    refs = [prep(line) for line in source.splitlines()]
    hyps = [prep(line) for line in back.splitlines()]
    direct = SACREBLEU[metric](lang)
    assert result.alignment == "lines"
    assert [s.scores[metric].value for s in result.segments] == [
        direct.sentence_score(h, [r]).score for h, r in zip(hyps, refs)
    ]
    assert result.scores[metric].value == direct.corpus_score(hyps, [refs]).score
    assert result.scores[metric].signature.startswith(
        f"{direct.corpus_score(hyps, [refs]).name}|{direct.get_signature().format()}|lang:{lang}"
    )


def test_overall_score_pools_every_segment_of_every_document():
    docs = [
        _doc(EN_SOURCE, EN_BACK, "en"),
        Document(
            id="d2",
            target="t",
            source="The volcano is active.",
            source_lang="en",
            back_translation="The volcano is still active.",
        ),
    ]
    board = score_documents(docs + [Document(id="d3", target="no back-translation")], ["chrf"])
    refs = EN_SOURCE.splitlines() + ["The volcano is active."]
    hyps = EN_BACK.splitlines() + ["The volcano is still active."]
    assert board.overall["chrf"].value == CHRF().corpus_score(hyps, [refs]).score
    assert board.skipped == ["d3"]


def test_arabic_is_normalized_before_scoring_and_the_signature_says_so():
    source, back = "قَالَ الرَّئِيسُ إِنَّ الأمـــر مُسْتَشْفَى آخر", "قال الرئيس ان الامر مستشفي اخر"
    result = score_document(_doc(source, back, "ar"), ["chrf", "bleu"])
    assert result.scores["chrf"].value == 100.0
    assert (
        CHRF().sentence_score(back, [source]).score < 60
    )  # what sacrebleu gives without normalization
    for name in ("chrf", "bleu"):
        assert (
            "|lang:ar|arnorm:diacritics+tatweel+alef+hamza+ya+ta-marbuta+kaf+zero-width"
            in result.scores[name].signature
        )
    assert "tok:intl" in result.scores["bleu"].signature
    english = score_document(_doc(EN_SOURCE, EN_BACK, "en"), ["bleu"])
    assert (
        "arnorm" not in english.scores["bleu"].signature
        and "tok:13a" in english.scores["bleu"].signature
    )


def test_arabic_is_recognized_without_a_language_code():
    result = score_document(_doc(AR_SOURCE, AR_BACK, None), ["chrf"])  # type: ignore[arg-type]
    assert result.language == "ar" and "arnorm:" in result.scores["chrf"].signature
    assert score_document(_doc(EN_SOURCE, EN_BACK, None), ["chrf"]).language == ""  # type: ignore[arg-type]


def test_model_identity_and_decoding_are_in_the_signature():
    doc = _doc(
        EN_SOURCE,
        EN_BACK,
        "en",
        back_translation_model="opus-mt-ar-en@0123456789ab",
        back_translation_decoding="beams:4,max_new_tokens:256",
    )
    sig = score_document(doc, ["chrf"]).scores["chrf"].signature
    assert sig.endswith("|bt:opus-mt-ar-en@0123456789ab|dec:beams:4,max_new_tokens:256")


def test_the_signature_names_every_arabic_normalization_step():
    """Each step named in signatures (arabic.STEPS) is something normalize does."""
    examples = {
        "diacritics": ("مُسْتَشْفَى", "مستشفي"),
        "tatweel": ("الأمـــر", "الامر"),
        "alef": ("أإآٱ", "اااا"),
        "hamza": ("مؤتمر رئيس", "موتمر رييس"),
        "ya": ("على", "علي"),
        "ta-marbuta": ("سلامة", "سلامه"),
        "kaf": ("کتاب", "كتاب"),
        "zero-width": ("می\u200cخواهم", "ميخواهم"),
    }
    assert tuple(examples) == arabic.STEPS
    for before, after in examples.values():
        assert arabic.normalize(before) == after


def test_language_codes():
    assert {base_language(c) for c in ("ar", "ara", "arb", "AR-eg", "arb_Arab")} == {"ar"}
    assert iso639_3_codes("ar") == ("ar", "ara", "arb")
    assert flores200_code("en") == "eng_Latn" and flores200_code("arb_Arab") == "arb_Arab"
    assert flores200_code("xx") is None


def test_segments_pair_by_line_then_sentence_then_whole():
    alignment, pairs = pair_segments("A b c.\n\nD e f.", "A b.\nD e.")
    assert [p.id for p in pairs] == ["1", "2"]
    assert alignment == "lines" and [(p.source, p.back_translation) for p in pairs] == [
        ("A b c.", "A b."),
        ("D e f.", "D e."),
    ]
    assert pairs[1].span.start == 8
    alignment, pairs = pair_segments("One two. Three four.", "One. Three.")
    assert alignment == "sentences" and [p.back_translation for p in pairs] == ["One.", "Three."]
    alignment, pairs = pair_segments("One two. Three four.", "One and three.")
    assert (
        alignment == "document"
        and len(pairs) == 1
        and pairs[0].back_translation == "One and three."
    )


def test_missing_words_are_source_words_absent_from_the_back_translation():
    assert missing_words("Trump met Kim in Singapore in June.", "Trump met Kim in June.") == [
        "Singapore"
    ]
    assert missing_words(
        "The talks with the UN resumed on 12 May.", "Talks resumed on May 12."
    ) == ["UN"]
    assert missing_words("لماذا تنازل الرئيس ترامب كثيرًا؟", "لماذا تنازل ترامب كثيرا؟", "ar") == [
        "الرئيس"
    ]


def _write(tmp_path, records) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return str(path)


def test_score_command_json_matches_the_library(cli, tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "id": "a",
                "source": EN_SOURCE,
                "source_lang": "en",
                "target": "t",
                "back_translation": EN_BACK,
            },
            {"id": "b", "target": "no back-translation"},
        ],
    )
    result = cli("score", path, "--metric", "chrf", "--metric", "BLEU", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    expected = score_document(_doc(EN_SOURCE, EN_BACK, "en"), ["chrf", "bleu"])
    (doc,) = data["documents"]
    assert doc["scores"]["bleu"]["score"] == expected.scores["bleu"].value
    assert [s["scores"]["chrf"] for s in doc["segment_scores"]] == [
        s.scores["chrf"].value for s in expected.segments
    ]
    assert data["skipped"] == ["b"] and data["overall"] is None


def test_score_command_text(cli, tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "id": "a",
                "source": AR_SOURCE,
                "source_lang": "ar",
                "target": "t",
                "back_translation": AR_BACK,
            }
        ],
    )
    out = cli("score", path).stdout
    expected = score_document(_doc(AR_SOURCE, AR_BACK, "ar"))
    assert f"{path}: a (ar, 3 segments aligned by line)" in out
    assert f"  doc  {expected.scores['chrf'].formatted().rjust(7)}" in out
    assert expected.scores["chrf"].signature in out


def test_score_without_back_translations_is_exit_2(cli, tmp_path):
    path = _write(tmp_path, [{"id": "a", "source": "x", "target": "y"}])
    result = cli("score", path)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"audit: error: {path}: no document has both a source and a back-translation (`audit backtranslate` adds one)\n"
    )
    assert cli("score", path, "--metric", "meteor").exit_code == 2


def test_check_reports_document_scores_when_back_translations_are_present(cli, tmp_path):
    path = _write(
        tmp_path,
        [
            {
                "id": "a",
                "source": EN_SOURCE,
                "source_lang": "en",
                "target": "Trump.",
                "back_translation": EN_BACK,
            }
        ],
    )
    data = json.loads(cli("check", path, "--format", "json", "--no-default-glossaries").stdout)
    (entry,) = data["scores"]
    expected = score_document(_doc(EN_SOURCE, EN_BACK, "en"))
    assert entry["document"] == "a" and entry["segments"] == 3
    assert entry["scores"]["chrf"]["score"] == expected.scores["chrf"].value
    text = cli("check", path, "--no-default-glossaries").stdout
    assert (
        f"{path}: a: round-trip chrF2 {expected.scores['chrf'].formatted()} [{expected.scores['chrf'].signature}] over 3 segments"
        in text
    )
    plain = _write(tmp_path, [{"id": "a", "target": "Trump."}])
    assert "scores" not in json.loads(cli("check", plain, "--format", "json").stdout)


def test_bad_threshold_option_is_a_config_error():
    from audit import AuditConfig, audit_document
    from audit.errors import ConfigError

    config = AuditConfig.create(
        select=["R001"], default_glossaries=False, options={"R001": {"thresholds": {"meteor": 3}}}
    )
    with pytest.raises(ConfigError, match="unknown metric 'meteor'"):
        audit_document(_doc(EN_SOURCE, EN_BACK, "en"), config)


def test_units_of_a_bilingual_file_are_scored_with_their_own_back_translations(cli, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "id,document,source_lang,source,target,back_translation\n"
        "u1,d1,en,Trump met Kim in Singapore in June.,Trump traf Kim im Juni in Singapur.,Trump met Kim in Singapore in June.\n"
        "u2,d1,en,He said sanctions on North Korea will remain.,Er sagte es.,He said it.\n",
        encoding="utf-8",
    )
    (doc,) = json.loads(cli("score", str(path), "--format", "json").stdout)["documents"]
    assert doc["alignment"] == "units" and [s["segment"] for s in doc["segment_scores"]] == [
        "u1",
        "u2",
    ]
    sources = [
        "Trump met Kim in Singapore in June.",
        "He said sanctions on North Korea will remain.",
    ]
    backs = ["Trump met Kim in Singapore in June.", "He said it."]
    assert [s["scores"]["chrf"] for s in doc["segment_scores"]] == [
        CHRF().sentence_score(b, [s]).score for s, b in zip(sources, backs)
    ]
    findings = json.loads(cli("check", str(path), "--select", "R001", "--format", "json").stdout)[
        "findings"
    ]
    assert [(f["segment"], f["side"], f["line"], f["text"]) for f in findings] == [
        ("u2", "source", 3, sources[1])
    ]
    assert findings[0]["extra"]["missing"] == ["sanctions", "North", "Korea", "remain"]
