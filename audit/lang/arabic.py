"""Arabic orthographic normalization: spelling differences that carry no meaning in news text.

Arabic writes the same word several ways: with or without short-vowel marks, with
tatweel (kashida) stretching, with hamza on or under alef or without, with alef
maqsura or dotless final ya. Two texts that differ only this way should compare as
equal, so scoring and matching normalize both sides first. Each step is a separate
function so that callers (and signatures) can say exactly which were applied.
"""

from __future__ import annotations

import re

# Harakat (fathatan .. sukun), superscript alef, and the maddah/hamza combining marks.
_DIACRITICS = dict.fromkeys([*range(0x064B, 0x0653), 0x0653, 0x0654, 0x0655, 0x0670])
_TATWEEL = {0x0640: None}
# alef with madda, hamza above, hamza below, wasla -> bare alef
_ALEF = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627"})
_ALEF_MAQSURA = str.maketrans({"\u0649": "\u064a"})  # ى -> ي
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_ANY_LETTER = re.compile(r"[^\W\d_]")

#: The steps :func:`normalize` applies, as named in score signatures.
STEPS = ("diacritics", "tatweel", "alef", "maqsura")


def remove_diacritics(text: str) -> str:
    """Drop short-vowel marks (harakat), tanween, shadda, sukun and superscript alef."""
    return text.translate(_DIACRITICS)


def remove_tatweel(text: str) -> str:
    """Drop tatweel (ـ), which only stretches a word for layout."""
    return text.translate(_TATWEEL)


def normalize_alef(text: str) -> str:
    """Write أ إ آ ٱ as bare alef ا (hamza and madda on alef are often omitted)."""
    return text.translate(_ALEF)


def normalize_alef_maqsura(text: str) -> str:
    """Write final alef maqsura ى as ya ي (the two are used interchangeably in print)."""
    return text.translate(_ALEF_MAQSURA)


def normalize(text: str) -> str:
    """All of :data:`STEPS`, in that order."""
    return normalize_alef_maqsura(normalize_alef(remove_tatweel(remove_diacritics(text))))


def is_mostly_arabic(text: str) -> bool:
    """True when at least half the letters in ``text`` are Arabic script."""
    letters = len(_ANY_LETTER.findall(text))
    return letters > 0 and len(_ARABIC_LETTER.findall(text)) * 2 >= letters
