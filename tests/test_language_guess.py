"""A target language nobody declared is found from the text, not assumed English.

The articles are excerpts of NTREX-128 (Federmann, Kocmi and Xin, "NTREX-128 – News
Test References for MT Evaluation of 128 Languages", SUMEval 2022; CC BY-SA 4.0):
professional translations of the English news article named in each constant.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

import audit
from audit.config import AuditConfig
from audit.config.settings import Overrides, settings_for
from audit.document import Document
from audit.engine import audit_document
from audit.formats.language import FOUND, settle
from audit.lang.guess import guess_target_lang

# euronews-en.153797, French (the title has a space before ":", as French writes it)
FRENCH = (
    "Séisme en Indonésie\xa0: plusieurs centaines de morts\n"
    "Au moins 384\xa0personnes sont décédées à la suite du séisme qui a secoué l’île "
    "indonésienne de Sulawesi vendredi dernier.\n"
    "Le séisme de magnitude\xa07,5 a provoqué un tsunami et ravagé des milliers de maisons.\n"
    "Les réseaux d’électricité et de télécommunications sont en panne et le bilan des "
    "victimes devrait s’alourdir dans les jours qui viennent.\n"
    "Le séisme s’est déclaré juste au large du centre de Sulawesi, au nord-est de la "
    "capitale indonésienne, Jakarta.\n"
    "Des vidéos diffusées sur les médias sociaux montrent le point d’impact.\n"
    "Plusieurs centaines de personnes s’étaient réunies pour un festival de plage dans la "
    "ville de Palu au moment où le tsunami s’est déchaîné sur la côte.\n"
)
# cnn.304478, German ("die die" is German grammar, not a repeated word)
GERMAN = (
    "Sarah Palin äußert sich auf der Donald Trump-Ralley zur posttraumatischen "
    "Belastungsstörung, unter der Track Palin leidet\n"
    "Track Palin, 26, war ein Jahr lang im Irak.\n"
    "Er wurde verhaftet und wegen häuslicher Gewalt am Montagabend angeklagt.\n"
    "„Was mein Sohn durchmacht, was er durchmacht, wenn er zurückkommt, das alles können "
    "andere Familien nachempfinden, die die Auswirkungen der PTBS und einen Teil der Wunden "
    "spüren, mit der unsere Soldaten zurückkehren“, teilte sie dem Publikum bei einer "
    "Ralley für Donald Trump in Tulsa, Oklahoma mit.\n"
    "Palin bezeichnete seine Verhaftung als „Elefant im Raum“ und sagte über ihren Sohn und "
    "andere Kriegsveteranen, dass sie verändert zurückkommen, dass sie abgebrühter "
    "zurückkommen, dass sie zurückkommen und sich fragen, ob es diesen Respekt vor dem "
    "gibt, was andere Soldaten und Piloten und jedes andere Mitglied des Militärs dem Land "
    "gegeben hat.\n"
    "Er wurde am Montag in Wasilla, Alaska, verhaftet und wegen häuslicher Gewalt an einer "
    "Frau angeklagt, so Dan Bennett, ein Sprecher der Polizeibehörde von Wasilla.\n"
)
# euronews-en.153797, Ukrainian: Cyrillic like Russian, but audit has no Ukrainian rules
UKRAINIAN = (
    "В Індонезії землетрус викликав цунамі: загинули сотні людей\n"
    "Щонайменше 384\xa0особи загинуло після землетрусу на індонезійському острові Сулавесі "
    "в п’ятницю.\n"
    "Землетрус магнітудою 7,5\xa0балів викликав цунамі та зруйнував сотні домівок.\n"
    "Мережі зв’язку та електропостачання вийшли зі строю, а число жертв може зрости в "
    "найближчі дні.\n"
    "Землетрус стався неподалік від центру острова Сулавесі, розташованого на північному "
    "сході від столиці Індонезії Джакарти.\n"
)
# Written for this test: Portuguese, whose frequent words are close to Spanish ones.
PORTUGUESE = (
    "O governo anunciou nesta terça-feira que não vai aumentar os impostos sobre os "
    "combustíveis, apesar da pressão dos partidos da oposição. Segundo o ministro, a "
    "decisão foi tomada depois de uma reunião com os representantes do setor, que "
    "pediram mais tempo para se adaptar às novas regras. Os preços devem continuar "
    "estáveis até ao fim do ano, disse ainda o ministro aos jornalistas.\n"
)


def codes(findings: list[audit.Finding]) -> Counter[str]:
    return Counter(f.code for f in findings)


def test_a_french_article_gets_the_french_rules():
    found = audit.check_text(FRENCH)
    assert found == audit.check_text(FRENCH, target_lang="fr")
    # English rules would report the space French puts before ":"
    assert codes(audit.check_text(FRENCH, target_lang="en"))["S001"] == 1
    assert codes(found)["S001"] == 0


def test_a_german_article_gets_the_german_rules():
    found = audit.check_text(GERMAN)
    assert found == audit.check_text(GERMAN, target_lang="de")
    assert codes(audit.check_text(GERMAN, target_lang="en"))["S006"] == 1  # "die die"
    assert codes(found)["S006"] == 0


def test_the_guess_tells_close_neighbours_apart():
    assert guess_target_lang(FRENCH) == "fr"
    assert guess_target_lang(GERMAN) == "de"
    # languages without rules of their own are named too, not taken for Russian or
    # Spanish: checked with the shared defaults, not the English rules
    assert guess_target_lang(UKRAINIAN) == "uk"
    assert guess_target_lang(PORTUGUESE) == "pt"


def test_a_script_of_one_language_names_it():
    greek = "Ο πρωθυπουργός δήλωσε τη Δευτέρα ότι το σχέδιο είναι έτοιμο και θα παρουσιαστεί."
    thai = "นายกรัฐมนตรีกล่าวเมื่อวันจันทร์ว่าแผนพร้อมแล้วและจะนำเสนอในวันพรุ่งนี้"
    assert (guess_target_lang(greek), guess_target_lang(thai)) == ("el", "th")
    assert guess_target_lang("Αθήνα") is None  # too few letters to tell
    chinese = "印度尼西亚苏拉威西岛发生强烈地震并引发海啸，造成至少三百八十四人死亡，救援人员仍在废墟中搜寻幸存者。"
    japanese = (
        "インドネシアのスラウェシ島で強い地震が発生し、津波により少なくとも三百八十四人が死亡した。"
    )
    assert (guess_target_lang(chinese), guess_target_lang(japanese)) == ("zh", "ja")


def test_one_frequent_word_repeated_is_no_language():
    # "met" is among the most frequent Dutch words; a text needs many of them
    assert guess_target_lang("Salamah met Hifter.\n" * 200) is None


@pytest.mark.parametrize(
    "text",
    [
        "Le président a parlé : oui.",  # too short to tell
        "Bonjour : merci.",
        # half French, half English: mixed
        FRENCH
        + "\n"
        + (
            "At least 384 people have died after the earthquake that struck the Indonesian "
            "island of Sulawesi last Friday. The quake of magnitude 7.5 caused a tsunami and "
            "destroyed thousands of homes. Power and communications networks are down and "
            "the death toll is expected to rise in the coming days. The quake struck just "
            "off the centre of Sulawesi, north-east of the Indonesian capital, Jakarta. "
            "Videos shared on social media show the moment of impact. Hundreds of people "
            "had gathered for a beach festival in the city of Palu when the tsunami hit.\n"
        ),
        # French words in Arabic script: not one script
        FRENCH + "\n" + "السياسي أملو في المكسيك يتعهد بعدم استخدام الجيش ضد المدنيين " * 12,
    ],
)
def test_a_short_or_mixed_text_stays_english(text):
    assert guess_target_lang(text) is None
    assert audit.check_text(text) == audit.check_text(text, target_lang="en")


def test_a_declared_language_wins(tmp_path, cli):
    # the command line
    path = tmp_path / "article.txt"
    path.write_text(FRENCH, encoding="utf-8")
    result = cli("check", str(path), "--isolated", "--format", "json", "--target-lang", "en")
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["findings"]] == ["S001"]
    assert "notes" not in data["summary"]
    # the configuration file
    (tmp_path / ".audit.toml").write_text('target-lang = "en"\n', encoding="utf-8")
    result = cli("check", str(path), "--format", "json")
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["S001"]
    # the file itself (a PO catalogue's Language header)
    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgid "Earthquake in Indonesia: hundreds dead"\n'
        'msgstr "Séisme en Indonésie : plusieurs centaines de morts, au moins 384 personnes '
        'sont décédées à la suite du séisme qui a secoué l’île de Sulawesi"\n',
        encoding="utf-8",
    )
    result = cli("check", str(po), "--isolated", "--format", "json", "--select", "S001")
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["S001"]
    # the API caller
    assert codes(audit.check_text(FRENCH, target_lang="en"))["S001"] == 1


def test_only_the_command_line_or_configuration_declares_a_language():
    assert settings_for("a.txt", None).declared_target_lang == ""
    assert settings_for("a.txt", None).target_lang == "en"  # what config show says
    given = settings_for("a.txt", None, Overrides(target_lang="de"))
    assert given.declared_target_lang == "de"


def test_documents_of_one_file_are_found_one_by_one(tmp_path, cli):
    path = tmp_path / "articles.jsonl"
    records = [
        {"id": "fr", "target": FRENCH},
        {"id": "de", "target": GERMAN},
        {"id": "declared", "target": FRENCH, "target_lang": "en"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    data = json.loads(cli("check", str(path), "--isolated", "--format", "json").stdout)
    assert [(f["document"], f["code"]) for f in data["findings"]] == [("declared", "S001")]
    assert data["summary"]["notes"] == [
        "Audited as French (fr), the language of their text, as none was declared "
        f"(--target-lang sets it): 1 document in {path}",
        "Audited as German (de), the language of their text, as none was declared "
        f"(--target-lang sets it): 1 document in {path}",
    ]


def test_the_text_report_says_which_language_was_used(tmp_path, cli):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(FRENCH, encoding="utf-8")
    result = cli("check", str(tmp_path), "--isolated", "--format", "text")
    assert result.stdout.splitlines()[-1] == (
        "Audited as French (fr), the language of their text, as none was declared "
        f"(--target-lang sets it): 2 documents in {tmp_path / 'a.txt'}, {tmp_path / 'b.txt'}"
    )


def test_english_text_gets_no_note(tmp_path, cli):
    path = tmp_path / "a.txt"
    path.write_text("Khalifa Haftar met Ghassan Salameh in Geneva.\n", encoding="utf-8")
    assert cli("check", str(path), "--isolated").stdout == "No findings in 1 document.\n"


def test_the_parts_of_one_document_keep_the_first_parts_language():
    first = Document(id="big.txt", target=FRENCH, target_lang="")
    second = Document(id="big.txt", target="Short English part.", target_lang="")
    other = Document(id="other.txt", target=GERMAN, target_lang="")
    declared = Document(id="po", target=FRENCH, target_lang="en")
    settled = list(settle([first, second, other, declared]))
    assert [d.target_lang for d in settled] == ["fr", "fr", "de", "en"]
    assert [d.metadata.get(FOUND) for d in settled] == ["fr", "fr", "de", None]


def test_a_document_given_to_the_engine_keeps_its_language():
    config = AuditConfig.create(default_glossaries=False)
    english = audit_document(Document(id="a", target=FRENCH, target_lang="en"), config)
    french = audit_document(Document(id="a", target=FRENCH, target_lang="fr"), config)
    assert codes(english)["S001"] == 1 and codes(french)["S001"] == 0
    assert audit_document(Document(id="a", target=FRENCH), config) == english  # default: en


def test_an_html_page_declares_its_language_with_html_lang():
    short = "<p>Séisme en Indonésie : des centaines de morts.</p>"  # too short to guess
    assert codes(audit.check_text(short, filename="a.html"))["S001"] == 1  # English
    declared = f'<html lang="fr-FR"><body>{short}</body></html>'
    assert codes(audit.check_text(declared, filename="a.html"))["S001"] == 0
    # the caller still decides
    assert codes(audit.check_text(declared, filename="a.html", target_lang="en"))["S001"] == 1
