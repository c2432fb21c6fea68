"""Language data for the artifact, spacing, repetition and segmentation checks.

Word lists are one whitespace-separated string each; labels are lists because they may
hold spaces. Lists are matched case-insensitively. `all` is merged into every language
(lists are joined). A Python module rather than a data file, so that `audit check`
reads it without a parser.

Keys
  name            the language's name in English, for messages
  scripts         scripts whose letters belong in this language's text, its own script
                  first (names as audit/lang/identify.py gives them); letters of any
                  other script are foreign (A008). A lone Greek letter is a symbol
                  (μ, π, Δ) in any language.
  function_words  words written in lower case inside a sentence: articles,
                  prepositions, conjunctions, pronouns. A capitalized one after a
                  lower-case word betrays a broken segment (S009, S011)
  abbreviations   words (without their full stop) after which a full stop does not end
                  a sentence, so a lower-case word may follow (S010)
  labels          page chrome that is debris when it stands alone on a line (A003)
  contact_words   words that make a line a contact line, whose long digit runs are
                  phone numbers, not identifiers (A002)
  reference_words words before a number that make it a reference number (A002)
  doubled_ok      words that may rightly appear twice in a row ("that that") (S006)
  reduplication   true where doubling a word is grammar (Persian "کم کم", Hebrew
                  "לאט לאט"): only doubled function words are reported (S006)
  space_before    punctuation marks that take a space before them (S001)
  quotes          quotation mark pairs, opening then closing (S005); default “”
  capitalizes_nouns true where every noun takes a capital (German): a capital says
                  nothing about names there (C002)
  straight_quotes false where the straight quote " is not only a quotation mark (S005)
"""

from __future__ import annotations

from typing import Any

LANGUAGES: dict[str, dict[str, Any]] = {
    "all": {
        "labels": [
            "video",
            "videos",
            "watch",
            "watch video",
            "watch the video",
            "photo",
            "photos",
            "photo gallery",
            "gallery",
            "image",
            "images",
            "picture",
            "pictures",
            "infographic",
            "audio",
            "listen",
            "read also",
            "read more",
            "also read",
            "see also",
            "related",
            "related articles",
            "related news",
            "related stories",
            "more on this story",
            "share",
            "share this",
            "share this article",
            "share on facebook",
            "share on twitter",
            "tweet",
            "advertisement",
            "sponsored",
            "click here",
            "subscribe",
            "follow us",
            "comments",
            "print",
            "loading",
            "loading...",
            "skip ad",
            "embed",
        ],
        "contact_words": "tel tel. phone telephone fax mobile cell hotline whatsapp call isbn issn",
        "reference_words": "no no. nr nr. n° nº № # number ref ref. id",
        "abbreviations": "e.g i.e etc vs cf ca approx",
        # Particles that follow a capitalized word inside names (De la Cruz, Van der Berg):
        # a capitalized function word followed by one of these is taken for part of a name.
        "name_particles": "de la le del della di da du van von der den ter y e of the and",
        # "Canada plus plus" (Canada++), "bye bye", "blah blah", "ha ha"
        "doubled_ok": "plus bye blah bla ha hey tut chop knock",
    },
    "en": {
        "name": "English",
        "scripts": ["Latin"],
        "function_words": (
            "a an the and or but nor of to in on at for with by from into onto upon "
            "about over under after before during without within between through as "
            "than that which who whom whose this these those it its he she they we "
            "you his her their our your them him is are was were be been has have had "
            "will would can could should may might must shall"
        ),
        "abbreviations": (
            "mr mrs ms dr prof gen maj col lt capt sgt cmdr adm gov sen rep rev st sr "
            "jr jan feb mar apr jun jul aug sep sept oct nov dec no nos vol pp p "
            "approx dept est fig inc ltd co corp bros ft mt ave blvd rd a.m p.m u.s "
            "u.k u.n e.g i.e al"
        ),
        "labels": [],
        "contact_words": "call contact",
        "doubled_ok": "that had is do",
    },
    "es": {
        "name": "Spanish",
        "scripts": ["Latin"],
        "function_words": (
            "el la los las un una unos unas y e o u ni pero de del al a en con por "
            "para sin sobre entre hasta desde hacia que se su sus lo le les como "
            "cuando donde este esta estos estas ese esa"
        ),
        "abbreviations": (
            "sr sra srta dr dra lic ing d dña ud uds aprox núm pág págs p ej etc art "
            "cap vol ed avda av a.c d.c a.m p.m ee.uu tel"
        ),
        "labels": [
            "vídeo",
            "vídeos",
            "foto",
            "fotos",
            "fotografía",
            "imagen",
            "imágenes",
            "galería",
            "lee también",
            "lea también",
            "leer más",
            "lee más",
            "relacionado",
            "relacionados",
            "noticias relacionadas",
            "artículos relacionados",
            "compartir",
            "comparte",
            "publicidad",
            "anuncio",
            "haz clic aquí",
            "haga clic aquí",
            "pulse aquí",
            "suscríbete",
            "síguenos",
            "comentarios",
            "cargando",
        ],
        "contact_words": "teléfono llame llamar contacto",
        "doubled_ok": "",
        "quotes": ["“”", "«»"],
    },
    "fr": {
        "name": "French",
        "scripts": ["Latin"],
        "function_words": (
            "le la les un une des de du au aux et ou mais ni en dans pour par avec "
            "sans sur sous entre vers chez que qui dont où ce cet cette ces il elle "
            "ils elles on se sa son ses leur leurs"
        ),
        "abbreviations": (
            "m mm mme mmes mlle dr pr me st ste env etc cf p ex av apr j.-c n° no vol "
            "éd art chap fig tél hab min max"
        ),
        "labels": [
            "vidéo",
            "vidéos",
            "photo",
            "photos",
            "image",
            "images",
            "galerie",
            "diaporama",
            "lire aussi",
            "à lire aussi",
            "a lire aussi",
            "voir aussi",
            "lire la suite",
            "en savoir plus",
            "articles liés",
            "sur le même sujet",
            "partager",
            "publicité",
            "cliquez ici",
            "abonnez-vous",
            "suivez-nous",
            "commentaires",
            "chargement",
        ],
        "contact_words": "tél téléphone appelez contact",
        "doubled_ok": "nous vous",
        "space_before": ";:!?",
        "quotes": ["«»", "“”"],
    },
    "de": {
        "name": "German",
        "scripts": ["Latin"],
        "capitalizes_nouns": True,
        # The polite Sie, Ihr, Ihnen are capitalized inside sentences and are left out.
        "function_words": (
            "der die das den dem des ein eine einen einem einer eines und oder aber "
            "sondern zu zum zur um mit von vom für auf in im an am bei beim nach aus "
            "über unter vor als wie dass ob es er wir sich"
        ),
        "abbreviations": (
            "z b bzw ca d h u a v usw etc nr mio mrd std jh geb gest inkl evtl ggf "
            "sog bspw vgl allg bzgl einschl abs art hr fr dr prof st str tel"
        ),
        "labels": [
            "foto",
            "fotos",
            "bild",
            "bilder",
            "bildergalerie",
            "fotostrecke",
            "lesen sie auch",
            "lesen sie mehr",
            "mehr zum thema",
            "auch interessant",
            "das könnte sie auch interessieren",
            "teilen",
            "anzeige",
            "werbung",
            "hier klicken",
            "klicken sie hier",
            "abonnieren",
            "folgen sie uns",
            "kommentare",
        ],
        "contact_words": "telefon tel rufen kontakt",
        "doubled_ok": "der die das den dem des sie",
        "quotes": ["„“", "»«"],
    },
    "ru": {
        "name": "Russian",
        "scripts": ["Cyrillic", "Latin"],
        "function_words": (
            "в во на с со по к ко о об от до из за для при без над под про через и а "
            "но или что чтобы как это его ее её их он она они мы вы"
        ),
        "abbreviations": (
            "г гг т е д п др пр ул им руб долл тыс млн млрд ст см чел ок св стр рис "
            "табл англ лат т.е т.д т.п н.э"
        ),
        "labels": [
            "видео",
            "фото",
            "фотография",
            "фотографии",
            "изображение",
            "фотогалерея",
            "галерея",
            "читайте также",
            "смотрите также",
            "читать далее",
            "подробнее",
            "похожие статьи",
            "по теме",
            "поделиться",
            "реклама",
            "нажмите здесь",
            "подписаться",
            "подписывайтесь",
            "комментарии",
        ],
        "contact_words": "телефон тел звоните",
        "doubled_ok": "так да нет",
        # Nested quotations are written „ “ or “ ”, so only guillemets are paired.
        "quotes": ["«»"],
    },
    "ar": {
        "name": "Arabic",
        "scripts": ["Arabic", "Latin"],
        "function_words": "في من إلى على عن مع و أو ثم أن إن لا ما هذا هذه التي الذي",
        "labels": [
            "فيديو",
            "الفيديو",
            "شاهد",
            "شاهد الفيديو",
            "صورة",
            "صور",
            "الصور",
            "معرض الصور",
            "انفوجراف",
            "اقرأ أيضا",
            "اقرأ أيضاً",
            "إقرأ أيضا",
            "إقرأ أيضاً",
            "اقرأ المزيد",
            "ذات صلة",
            "مواضيع ذات صلة",
            "أخبار ذات صلة",
            "شارك",
            "مشاركة",
            "إعلان",
            "اعلان",
            "اضغط هنا",
            "انقر هنا",
            "تابعنا",
            "تعليقات",
        ],
        "contact_words": "هاتف الهاتف اتصل رقم",
        "reduplication": True,
        # إن is also the letter N in spelled-out acronyms: سي إن إن (CNN).
        "doubled_ok": "إن",
        # Curly quotes face either way in right-to-left text; only guillemets are paired.
        "quotes": ["«»"],
    },
    "fa": {
        "name": "Persian",
        "scripts": ["Arabic", "Latin"],
        "function_words": "از به در با که را و یا تا برای این آن بر",
        "labels": [
            "ویدیو",
            "ویدئو",
            "فیلم",
            "عکس",
            "تصویر",
            "تصاویر",
            "گالری",
            "بیشتر بخوانید",
            "بخوانید",
            "مطالب مرتبط",
            "اخبار مرتبط",
            "اشتراک گذاری",
            "اشتراک‌گذاری",
            "آگهی",
            "تبلیغات",
            "اینجا کلیک کنید",
            "نظرات",
        ],
        "contact_words": "تلفن شماره تماس",
        "reduplication": True,
        "quotes": ["«»"],
    },
    "he": {
        "name": "Hebrew",
        "scripts": ["Hebrew", "Latin"],
        "function_words": "של את על עם אל מן כי או גם אבל זה זו הוא היא הם",
        "labels": [
            "וידאו",
            "וידיאו",
            "סרטון",
            "תמונה",
            "תמונות",
            "גלריה",
            "קראו עוד",
            "קרא עוד",
            "קראו גם",
            "קרא גם",
            "כתבות נוספות",
            "שתפו",
            "שתף",
            "פרסומת",
            "לחצו כאן",
            "לחץ כאן",
            "תגובות",
        ],
        "contact_words": "טלפון טל חייגו",
        "reduplication": True,
        # Hebrew closes „ with “, ” or a straight quote, and writes gershayim (צה"ל) with the
        # straight quote too: quotation marks are not paired.
        "quotes": [],
        "straight_quotes": False,
    },
}

# Invisible characters that belong in a language's text (hex code points): the
# zero-width non-joiner of Persian, directional marks and isolates of right-to-left text.
# Languages without an entry above where doubling a word is grammar (Turkish "yavaş
# yavaş", Vietnamese "khăng khăng", Urdu "بار بار", Indonesian "kadang kadang"): as for
# "reduplication" above, only doubled function words are reported (S006), and their
# function words are their most frequent words (Zipf >= FREQUENT_FUNCTION_ZIPF in
# audit/lang/frequent_words.py: Turkish "ve", "bir"; Vietnamese "của", "còn").
REDUPLICATING = frozenset({"tr", "vi", "ur", "id", "ms", "fil"})
FREQUENT_FUNCTION_ZIPF = 6.0

INVISIBLE_OK: dict[str, str] = {
    "ar": "200C 200D 200E 200F 061C 202A 202B 202C 2066 2067 2068 2069",
    "fa": "200C 200D 200E 200F 061C 202A 202B 202C 2066 2067 2068 2069",
    "he": "200E 200F 202A 202B 202C 2066 2067 2068 2069",
}

# Letters that look alike across scripts, as pairs (letter, its Latin look-alike);
# used to suggest the fix for a word typed in two scripts (A009).
HOMOGLYPHS: dict[str, str] = {
    "Cyrillic": "аa еe оo рp сc хx уy іi јj ѕs ԁd ӏl һh АA ВB ЕE КK МM НH ОO РP СC ТT ХX ІI ЈJ ЅS",
    "Greek": "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX οo",
}
