"""Names in languages that decline them or capitalize nouns (issue 13, item 7).

German writes a name in the genitive with an ``s`` (``Erdoğans Sprecher``) and
capitalizes the nouns beside it (``Präsident Erdogan``, ``Hifters Truppen``); Russian
declines names (``Хафтара``, ``Хафтаром``). A stray spelling in such a form is the
person's surname spelled another way, like the bare word; the ending and the nouns are
not part of it, and a consistent declined form is no variant.
"""

from __future__ import annotations

import pytest

from audit.config import AuditConfig
from audit.document import Document
from audit.engine import audit_document
from audit.names.entities import _stems
from audit.names.extract import NameWord
from audit.names.lexicon import is_title, lexicon


def _n004(text: str, lang: str) -> list[str]:
    config = AuditConfig.create(default_glossaries=False, select=["N"])
    doc = Document(id="d", target=text, target_lang=lang)
    return [text[f.start : f.end] for f in audit_document(doc, config) if f.code == "N004"]


ERDOGAN = "Recep Tayyip Erdoğan sagte am Montag, der Plan sei fertig.\n"
HAFTAR_DE = "Chalifa Haftar sagte am Montag, der Plan sei fertig.\n"


@pytest.mark.parametrize(
    "text, flagged",
    [
        # the genitive opening its sentence, and inside it
        (ERDOGAN + "Erdogans Sprecher wollte sich nicht äußern.", ["Erdogan"]),
        (ERDOGAN + "Laut Erdogans Sprecher reist er bald.", ["Erdogan"]),
        # another spelling in the genitive before any noun, not only a title
        (HAFTAR_DE + "Haftar kam später. Hifters Truppen zogen ab.", ["Hifter"]),
        # a word of office before the name, compounds included
        (ERDOGAN + "Der türkische Präsident Erdogan traf die Delegation.", ["Erdogan"]),
        (HAFTAR_DE + "Haftar kam. Der Milizenführer Hifter traf die Delegation.", ["Hifter"]),
    ],
)
def test_a_german_variant_in_the_genitive_or_beside_a_title_is_flagged(text, flagged):
    # Only the letters of the surname: a fix keeps the genitive s.
    assert _n004(text, "de") == flagged


@pytest.mark.parametrize(
    "text",
    [
        ERDOGAN + "Erdoğans Sprecher wollte sich nicht äußern. Präsident Erdoğan reist bald.",
        "Angela Merkel sagte, der Plan sei fertig. Merkels Sprecher schwieg. "
        "Laut Merkels Regierung reist Bundeskanzlerin Merkel bald.",
        # Wayde Sims and the coach Will Wade: "Waydes Tod" is Wayde's death, a first name
        "Die Polizei hat im Fall Wayde Sims einen Verdächtigen festgenommen. Trainer "
        "Will Wade sagte, das Team sei über Waydes Tod erschüttert.",
        # a surname that is also a common word stays a name, not a title
        "Thomas Müller traf zweimal. Müllers Tore entschieden das Spiel.",
    ],
)
def test_consistent_german_names_are_not_flagged(text):
    assert _n004(text, "de") == []


def test_a_declined_russian_variant_is_flagged_and_a_consistent_one_is_not():
    jacobs = (
        "Киган Джакобс выполнил штрафной удар. «Рейнджерс» не справились с игрой "
        "Джейкобса. Макгрегор сумел заблокировать Джейкобса. Он столкнулся с Джейкобсом."
    )
    # The introduced spelling against three declined mentions of the other one.
    assert _n004(jacobs, "ru") == ["Джакобс"]
    consistent = (
        "Халифа Хафтар выступил в понедельник. Сторонники Хафтара собрались. "
        "Встреча с Хафтаром прошла в Каире."
    )
    assert _n004(consistent, "ru") == []


@pytest.mark.parametrize(
    "text, lang",
    [
        # Ukrainian NTREX: the Labour party's adjective in the genitive and the locative
        (
            "Він був членом Лейбористської партії з 1980 року. У Лейбористській партії "
            "його знали всі. Лідер Лейбористської партії мовчав. Конференція в "
            "Лейбористській партії тривала два дні.",
            "uk",
        ),
        ("Члены Лейбористской партии собрались. В Лейбористские времена было иначе.", "ru"),
    ],
)
def test_case_endings_of_one_adjective_are_no_spellings(text, lang):
    assert _n004(text, lang) == []


def test_turkish_case_suffixes_after_an_apostrophe_are_not_spellings():
    # NTREX Turkish: every case of one name read as another spelling of it
    consistent = (
        "Yargıç Brett Kavanaugh'a verilecek oy önemli. Trump, Kavanaugh'un adaylığını "
        "savundu. Senato Kavanaugh'u onayladı. Kavanaugh, Köln'de ve Köln'e giden yolda "
        "konuştu. Birleşmiş Milletler'de ve Birleşmiş Milletler'e yapılan konuşmada."
    )
    assert _n004(consistent, "tr") == []
    # a stray spelling with a suffix is still flagged, at the letters of the name
    stray = "Yargıç Brett Kavanaugh'a verilecek oy önemli. Halk, Kavanaug'un cesaretini gördü."
    assert _n004(stray, "tr") == ["Kavanaug"]


def test_an_apostrophe_inside_a_name_is_kept_outside_turkish():
    # Qur'an, Sana'a, Ja'far: the apostrophe is a letter of the transliteration
    from audit.names.extract import NameSpan
    from audit.names.suffixes import without_suffixes

    word = NameWord(0, 6, "Sana'a")
    span = NameSpan(0, 6, "Sana'a", (word,))
    assert without_suffixes([span], [word], "en") == ([span], [word])
    names, openers = without_suffixes([span], [word], "tr")
    assert (names[0].text, openers[0].text, openers[0].end) == ("Sana", "Sana", 4)
    obrien = NameWord(0, 7, "O'Brien")
    assert without_suffixes([], [obrien], "tr")[1] == [obrien]


def test_declension_leaves_english_french_and_spanish_as_they_were():
    # No case endings for names there: "Hifters" is not "Hifter" declined.
    for lang in ("en", "fr", "es"):
        assert lexicon().name_inflections_of(lang) == frozenset()
    word = NameWord(0, 7, "Hifters")
    assert _stems(word, lexicon().name_inflections_of("en")) == ()
    assert [w.text for w in _stems(word, lexicon().name_inflections_of("de"))] == ["Hifter"]


def test_stems_cut_the_letters_of_the_ending_in_any_script():
    stems = _stems(NameWord(10, 18, "Хафтаром"), lexicon().name_inflections_of("ru"))
    assert [(w.text, w.start, w.end) for w in stems][0] == ("Хафтар", 10, 16)
    # too short a stem is no name
    assert _stems(NameWord(0, 4, "Alis"), lexicon().name_inflections_of("de")) == ()


@pytest.mark.parametrize(
    "word, title",
    [
        ("Präsident", True),
        ("US-Präsident", True),
        ("Staatspräsident", True),
        ("Regierungschef", True),
        ("Sprecherin", True),
        ("Demir", False),  # not "emir" with a letter before it
        ("Müller", False),
        ("Erdoğan", False),
        ("König", False),  # also a common surname: left out on purpose
    ],
)
def test_german_words_of_office(word, title):
    assert is_title(word, lexicon().titles_of("de")) is title
    assert lexicon().titles_of("en") == frozenset()
