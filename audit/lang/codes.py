"""Language codes: the forms users write and the forms translation models expect.

Documents carry codes as users write them (``ar``, ``ara``, ``arb``, ``ar-EG``,
``arb_Arab``). Scoring needs one base code per language (ISO 639-1 where it exists);
translation models need their own conventions: MarianMT multilingual models take a
``>>ara<<`` token (ISO 639-3, sometimes 639-1), NLLB-200 takes FLORES-200 codes
(``arb_Arab``), M2M100 takes ISO 639-1. The table covers the languages news desks
translate most; any other code passes through unchanged.
"""

from __future__ import annotations

from audit.lang.identify import primary

# base code: (ISO 639-3 codes a model may use, FLORES-200 code)
_LANGUAGES: dict[str, tuple[tuple[str, ...], str]] = {
    "am": (("amh",), "amh_Ethi"),
    "ar": (("ara", "arb"), "arb_Arab"),
    "bn": (("ben",), "ben_Beng"),
    "de": (("deu", "ger"), "deu_Latn"),
    "el": (("ell", "gre"), "ell_Grek"),
    "en": (("eng",), "eng_Latn"),
    "es": (("spa",), "spa_Latn"),
    "fa": (("fas", "pes", "per"), "pes_Arab"),
    "fr": (("fra", "fre"), "fra_Latn"),
    "he": (("heb",), "heb_Hebr"),
    "hi": (("hin",), "hin_Deva"),
    "id": (("ind",), "ind_Latn"),
    "it": (("ita",), "ita_Latn"),
    "ja": (("jpn",), "jpn_Jpan"),
    "ko": (("kor",), "kor_Hang"),
    "nl": (("nld", "dut"), "nld_Latn"),
    "pl": (("pol",), "pol_Latn"),
    "ps": (("pus", "pbt"), "pbt_Arab"),
    "pt": (("por",), "por_Latn"),
    "ru": (("rus",), "rus_Cyrl"),
    "so": (("som",), "som_Latn"),
    "sw": (("swa", "swh"), "swh_Latn"),
    "tr": (("tur",), "tur_Latn"),
    "uk": (("ukr",), "ukr_Cyrl"),
    "ur": (("urd",), "urd_Arab"),
    "zh": (("zho", "chi", "cmn"), "zho_Hans"),
}
_FROM_ISO3 = {code: base for base, (codes, _) in _LANGUAGES.items() for code in codes}


def base_language(code: str) -> str:
    """``ar``, ``ara``, ``arb``, ``AR-eg`` and ``arb_Arab`` all give ``ar``.

    Unknown codes come back lower-cased with any region or script removed.
    """
    head = primary(code.strip())
    return _FROM_ISO3.get(head, head)


def is_known_language(code: str) -> bool:
    """True when ``code`` names a language in the table (so comparing base codes is meaningful)."""
    return base_language(code) in _LANGUAGES


def iso639_3_codes(code: str) -> tuple[str, ...]:
    """Every code a model might use for this language, most likely first (``ara``, ``arb``, ``ar``)."""
    base = base_language(code)
    codes = _LANGUAGES.get(base, ((), ""))[0]
    given = code.strip().lower()
    return tuple(dict.fromkeys((given, *codes, base)))


def flores200_code(code: str) -> str | None:
    """The FLORES-200 code NLLB-200 expects (``arb_Arab``); a code already in that form passes."""
    if "_" in code and len(code.split("_")[-1]) == 4:
        return code
    return _LANGUAGES.get(base_language(code), ((), None))[1]
