"""Names in headlines and before the person is introduced (issue 13).

A headline in title case capitalizes every word, so a capital there says no more than
at the start of a sentence; and a headline or a lead names a person before the article
introduces them. A stray spelling there is still the person's surname spelled another
way; the headline's ordinary words and a list of names are not.
"""

from __future__ import annotations

import pytest

from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document
from audit.names.extract import find_names_and_openers

BODY = (
    "\n\nForces loyal to Khalifa Haftar advanced on Tripoli on Monday, officials said.\n"
    "Haftar later met the delegation in the capital, and the talks with rivals went on."
)


def _n004(text: str, lang: str = "en") -> list[str]:
    config = AuditConfig.create(default_glossaries=False, select=["N"])
    doc = Document(id="d", target=text, target_lang=lang)
    return [text[f.start : f.end] for f in audit_document(doc, config) if f.code == "N004"]


@pytest.mark.parametrize(
    "headline",
    [
        "Hifter Denies Talks With Rivals",  # title case
        "Hifter denies talks with rivals",  # sentence case, before the full name
        "Rivals Say Hifter Will Not Attend the Talks",  # inside a title-case headline
    ],
)
def test_a_variant_in_a_headline_is_flagged(headline):
    assert _n004(headline + BODY) == ["Hifter"]


def test_a_variant_in_a_lead_before_the_full_name_is_flagged_in_other_languages():
    text = (
        "Hifter viajará al extranjero la próxima semana.\n"
        "Las fuerzas leales a Jalifa Haftar avanzaron el lunes.\n"
        "Haftar se reunió después con la delegación."
    )
    assert _n004(text, "es") == ["Hifter"]


@pytest.mark.parametrize(
    "headline",
    [
        "Haftar Denies Talks With Rivals",  # the same spelling
        "Talks Stall as Rivals Meet in Geneva",  # ordinary words only
        "The Bells of St. Martin's Fall Silent as Churches in Harlem Struggle",
    ],
)
def test_a_headline_without_a_variant_is_not_flagged(headline):
    assert _n004(headline + BODY) == []


def test_headline_words_are_openers_not_names():
    text = "Hifter Denies Talks With Rivals" + BODY
    names, openers = find_names_and_openers(text)
    assert "Hifter" in [w.text for w in openers]
    # no person "Talks With Rivals" or "Hifter Denies" is introduced by the headline
    assert not any(s.start < 31 for s in names)


def test_a_line_of_names_is_no_headline():
    # Names alone on a line (a caption, a byline) stay names: no ordinary word of the
    # text is capitalized there.
    text = "Khalifa Haftar, Ghassan Salameh, Fayez Sarraj\n\nThe talks went on, officials said."
    names, _ = find_names_and_openers(text)
    assert [s.text for s in names][:3] == ["Khalifa Haftar", "Ghassan Salameh", "Fayez Sarraj"]


def test_one_long_line_of_running_text_is_no_headline():
    # A line longer than a headline is running text, whatever its capitals.
    text = ("Haftar Met Salameh In Geneva Talks " * 20000).strip() + "."
    names, openers = find_names_and_openers(text)
    assert names and not openers
