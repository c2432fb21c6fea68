"""Which language a text is in: by script where scripts differ, else by a model.

Most language pairs audited here differ in script (Arabic, Hebrew, Cyrillic against
Latin), and counting letters by script is exact and instant. Only when both
languages share a script is the offline identifier py3langid consulted (its model
ships in the wheel); it is imported on first use, restricted to the two candidate
languages, and trusted only on text long enough for it.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

SCRIPT_OF_LANGUAGE = {
    "ar": "Arabic",
    "fa": "Arabic",
    "ur": "Arabic",
    "ps": "Arabic",
    "ku": "Arabic",
    "ckb": "Arabic",
    "he": "Hebrew",
    "ru": "Cyrillic",
    "uk": "Cyrillic",
    "bg": "Cyrillic",
    "mk": "Cyrillic",
    "be": "Cyrillic",
    "kk": "Cyrillic",
    "el": "Greek",
    "hy": "Armenian",
    "ka": "Georgian",
    "hi": "Devanagari",
    "mr": "Devanagari",
    "ne": "Devanagari",
    "bn": "Bengali",
    "th": "Thai",
    "zh": "Han",
    "ja": "Japanese",
    "ko": "Hangul",
    "am": "Ethiopic",
}
_RANGES = (
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1200, 0x137F, "Ethiopic"),
    (0x3040, 0x30FF, "Japanese"),
    (0x4E00, 0x9FFF, "Han"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFEFF, "Arabic"),
)


def script_ranges() -> dict[str, tuple[tuple[int, int], ...]]:
    """Code-point ranges of every script :func:`script_of_char` names, Latin included.

    Like :func:`script_of_char`, the ranges hold letters and other characters; callers
    that want letters test for them too."""
    ranges: dict[str, list[tuple[int, int]]] = {"Latin": [(0x0000, 0x024F), (0x1E00, 0x1EFF)]}
    for lo, hi, name in _RANGES:
        ranges.setdefault(name, []).append((lo, hi))
    return {name: tuple(spans) for name, spans in ranges.items()}


def primary(lang: str | None) -> str:
    """``en-GB`` -> ``en``; ``pt_BR`` -> ``pt``."""
    return (lang or "").replace("_", "-").split("-")[0].lower()


def script_of_language(lang: str | None) -> str:
    return SCRIPT_OF_LANGUAGE.get(primary(lang), "Latin")


def script_of_char(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    cp = ord(ch)
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return "Latin"
    for lo, hi, name in _RANGES:
        if lo <= cp <= hi:
            return name
    return "Other"


_SCRIPT_SEEN: dict[str, str | None] = {}  # script_of_char, remembered per character


def script_shares(text: str) -> tuple[int, dict[str, float]]:
    """Number of letters and the share of each script among them."""
    counts: Counter[str] = Counter()
    seen = _SCRIPT_SEEN
    for ch, n in Counter(text).items():  # each distinct character once
        try:
            script = seen[ch]
        except KeyError:
            script = seen[ch] = script_of_char(ch)
        if script:
            counts[script] += n
    total = sum(counts.values())
    return total, {k: v / total for k, v in counts.items()} if total else {}


@lru_cache(maxsize=1)
def _model() -> Any:
    """py3langid's model, read once per process: from the uncompressed copy in the
    user's cache (a few milliseconds; decompressing it took about half a second)."""
    from audit.lang.langid_cache import load_identifier

    return load_identifier(norm_probs=True)


@lru_cache(maxsize=32)
def _identifier(languages: tuple[str, ...]) -> Any:
    import copy

    identifier = copy.copy(_model())  # restricting languages replaces arrays, never changes them
    known = [lang for lang in languages if lang in identifier.labels]
    identifier.set_languages(known or None)
    return identifier


def identify(text: str, candidates: tuple[str, ...] = ()) -> tuple[str, float]:
    """The likeliest language of ``text`` among ``candidates`` (all known ones if empty), with its probability."""
    languages = tuple(sorted({primary(c) for c in candidates}))
    if len(text) > _REMEMBERED_CHARS:
        return _classify.__wrapped__(text, languages)
    return _classify(text, languages)


# Texts up to this long have their answers remembered (256 of them: well under 1 MB).
_REMEMBERED_CHARS = 2000


@lru_cache(maxsize=256)
def _classify(text: str, languages: tuple[str, ...]) -> tuple[str, float]:
    """The model's answer, remembered: a corpus translated into many languages asks
    about the same source text once per translation (17 times in NTREX), and the
    model's answer for a text never changes."""
    lang, prob = _identifier(languages).classify(text)
    return str(lang), float(prob)


GUESS_CHARS = (
    1000  # enough for a sure guess (252 of 252 NTREX articles); the time grows with the text
)


def main_script(text: str) -> str | None:
    """The script of most letters of ``text`` (its first 5,000 characters); None without letters."""
    return _main_script(text[:5000])


@lru_cache(maxsize=128)
def _main_script(head: str) -> str | None:
    """:func:`main_script` of a text's first 5,000 characters, remembered: each
    translation of a source asks about the same source text again."""
    letters, shares = script_shares(head)
    return max(shares, key=shares.__getitem__) if letters else None


def guess_language(text: str) -> str | None:
    """A best guess at the language of a whole text (for a source given without --source-lang)."""
    script = main_script(text)
    if script is None:
        return None
    if script == "Arabic":  # told apart by letters, without loading a model
        persian = sum(text.count(c) for c in "پچژگکی")
        urdu = sum(text.count(c) for c in "ٹڈڑںےھ")
        return "ur" if urdu > persian and urdu > 2 else "fa" if persian > 2 else "ar"
    same = tuple(lang for lang, s in SCRIPT_OF_LANGUAGE.items() if s == script)
    if len(same) == 1:
        return same[0]
    return identify(text[:GUESS_CHARS], same)[0]
