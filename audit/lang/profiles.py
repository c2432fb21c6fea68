"""What the checks need to know about a target language, read from ``languages.py``.

The data lives in one table so that supporting a language means adding words, not
code. :func:`language` accepts what :func:`audit.lang.codes.base_language` does
(``en-GB``, ``ara``, ``fas``); a language without an entry gets the shared defaults
and no script rules, so the script check stays silent rather than guess. Script ranges come from
:mod:`audit.lang.identify`, which tells languages apart by script.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from audit.lang.codes import base_language
from audit.lang.identify import script_ranges
from audit.lang.languages import (
    FREQUENT_FUNCTION_ZIPF,
    HOMOGLYPHS,
    INVISIBLE_OK,
    LANGUAGES,
    REDUPLICATING,
)

CASED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian"})
_WORD_LIST_KEYS = (
    "function_words",
    "abbreviations",
    "contact_words",
    "doubled_ok",
    "name_particles",
    "reference_words",
)


@dataclass(frozen=True)
class Language:
    """One target language's data; every word set is lower case."""

    code: str
    name: str
    known: bool
    scripts: tuple[str, ...]
    function_words: frozenset[str]
    abbreviations: frozenset[str]
    labels: frozenset[str]
    contact_words: frozenset[str]
    reference_words: frozenset[str]
    doubled_ok: frozenset[str]
    name_particles: frozenset[str]
    reduplication: bool
    space_before: str
    quotes: tuple[str, ...]
    straight_quotes: bool
    capitalizes_nouns: bool

    @property
    def cased(self) -> bool:
        """True when the language's own script (the first listed) has capital letters;
        the segmentation checks need them."""
        return self.known and bool(self.scripts) and self.scripts[0] in CASED_SCRIPTS


@cache
def language(code: str) -> Language:
    """The data for a target language (cached; the table is read once per process)."""
    table = _table()
    code = base_language(code)
    shared: dict[str, Any] = table["all"]
    own: dict[str, Any] = table.get(code) or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in f"{shared.get(key, '')} {own.get(key, '')}".split())

    reduplicating = not own and code in REDUPLICATING

    return Language(
        code=code,
        known=code in table and code != "all",
        name=str(own.get("name", code)),
        scripts=tuple(own.get("scripts", ())),
        function_words=_most_frequent(code) if reduplicating else words("function_words"),
        abbreviations=words("abbreviations"),
        labels=frozenset(
            label.lower() for label in [*shared.get("labels", []), *own.get("labels", [])]
        ),
        contact_words=words("contact_words"),
        reference_words=words("reference_words"),
        doubled_ok=words("doubled_ok"),
        name_particles=words("name_particles"),
        reduplication=bool(own.get("reduplication", reduplicating)),
        space_before=str(own.get("space_before", "")),
        quotes=tuple(own.get("quotes", ["“”"])),
        straight_quotes=bool(own.get("straight_quotes", True)),
        capitalizes_nouns=bool(own.get("capitalizes_nouns", False)),
    )


def _most_frequent(code: str) -> frozenset[str]:
    """The words of ``code`` at least FREQUENT_FUNCTION_ZIPF frequent in the tables of
    :mod:`audit.lang.frequent_words`: a language's most frequent words are its function
    words (for a language without an entry of its own)."""
    from audit.lang.frequent_words import FREQUENT_WORDS

    least = round(FREQUENT_FUNCTION_ZIPF * 10)
    for langs, weights in FREQUENT_WORDS.values():
        if code in langs:
            index = langs.index(code)
            return frozenset(
                word
                for word, entry in weights.items()
                if any(entry[k] == index and entry[k + 1] >= least for k in range(0, len(entry), 2))
            )
    return frozenset()


@cache
def letters_of(scripts: tuple[str, ...]) -> str:
    """A regular expression for one letter of any of ``scripts`` (``"Latin"``, ``"Arabic"``...)."""
    ranges = script_ranges()
    spans = "".join(
        f"\\U{lo:08x}-\\U{hi:08x}" for name in scripts for lo, hi in ranges.get(name, ())
    )
    # The range first, then the test that it is a letter, looking back at it: the
    # regex engine can then skip to the next character in range, where a look-ahead
    # first was tried at every character (the same single characters match).
    return f"(?:[{spans}](?<=[^\\W\\d_]))" if spans else "(?!)"


def known_scripts() -> tuple[str, ...]:
    """Every script name :func:`letters_of` knows."""
    return tuple(script_ranges())


@cache
def invisible_ok(code: str) -> frozenset[str]:
    """Invisible characters (zero-width non-joiner, directional marks) a language uses."""
    points = INVISIBLE_OK.get(base_language(code), "")
    return frozenset(chr(int(p, 16)) for p in points.split())


@cache
def homoglyphs(script: str) -> dict[str, str]:
    """Letters of ``script`` that look like Latin ones, mapped to the Latin letter."""
    pairs = HOMOGLYPHS.get(script, "").split()
    return {pair[0]: pair[1] for pair in pairs}


@cache
def _table() -> dict[str, Any]:
    """The language table, with its word lists checked once."""
    for name, entry in LANGUAGES.items():
        for key in _WORD_LIST_KEYS:
            if not isinstance(entry.get(key, ""), str):
                raise ValueError(
                    f"languages.py: {name}.{key} must be one whitespace-separated string"
                )
    return LANGUAGES
