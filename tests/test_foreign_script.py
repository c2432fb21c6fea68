"""A008 on a document written mostly in another script: one finding that points at the
document's language, not one per line (a Russian article checked as English)."""

from __future__ import annotations

from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document

RUSSIAN = (
    "Маршал Халифа Хафтар встретился с послом в понедельник.\n"
    "По словам помощников, он отправится в Москву на следующей неделе.\n"
    "Переговоры в Женеве продолжатся в марте, сообщили в ООН.\n"
)


def _a008(text: str, lang: str = "en") -> list:
    config = AuditConfig.create(select=["A008"])
    return audit_document(Document(id="d", target=text, target_lang=lang), config)


def test_a_document_mostly_in_another_script_gets_one_finding_about_its_language():
    (finding,) = _a008(RUSSIAN)
    assert "most of this English document is Cyrillic text" in finding.message
    assert "--target-lang" in finding.message
    assert finding.text == RUSSIAN[finding.start : finding.end]
    assert finding.start == 0  # the first run is marked


def test_the_same_document_in_its_own_language_has_no_finding():
    assert _a008(RUSSIAN, "ru") == []


def test_foreign_runs_in_a_document_mostly_in_its_own_script_are_reported_one_by_one():
    text = (
        "Salameh said that خليفة حفتر had agreed to the talks in Geneva on Monday, and "
        "officials said the envoy would travel to Benghazi. He added: عقد اجتماع."
    )
    findings = _a008(text)
    assert [f.text for f in findings] == ["خليفة حفتر", "عقد اجتماع"]
    assert all(f.message.startswith("Arabic text in this English document") for f in findings)


def test_the_share_is_counted_in_letters():
    # As many Latin letters as Cyrillic ones is not "mostly" another script.
    latin, cyrillic = "Geneva talks", "Женева переговоры"
    padding = "x" * (len(cyrillic.replace(" ", "")) - len(latin.replace(" ", "")))
    (finding,) = _a008(f"{latin} {padding}. {cyrillic}.")
    assert finding.message.startswith("Cyrillic text in this English document")
    (finding,) = _a008(f"{latin} {padding[1:]}. {cyrillic}.")
    assert finding.message.startswith("most of this English document")


def test_counting_the_texts_own_letters_holds_no_object_per_letter():
    import tracemalloc

    line = "Переговоры в Женеве продолжатся в марте, сообщили حفتر в ООН.\n"
    text = line * 8000  # about 500,000 characters, a few foreign runs in each line
    _a008(line)  # patterns compiled outside the measurement
    tracemalloc.start()
    try:
        findings = _a008(text, "ru")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(findings) == 8000
    # A list of the Cyrillic letters would hold a string object per letter (about 60
    # bytes each); the findings themselves take about 2 KB each.
    assert peak < 8000 * 2500 + 8 * len(text)
