"""Transliteration keys: one data table per source script, one small engine.

A name written in Arabic, Cyrillic or Hebrew script reaches English (or French, or
German) text in many Latin spellings: Qaddafi, Gadhafi, Kadhafi; Zelensky, Zelenskyy.
A *key* rewrites a spelling so that the usual alternations of one script's
romanizations meet (q/k/g, dh/d/z, kh/h, ou/u, doubled letters, final -a/-ah/-eh...).
Keys block candidate pairs and feed the similarity score; they never decide alone,
because different names share keys too (Hassan and Husain do not, Jamal and Gamal do).

The tables live in ``audit/names/keys/<script>.yaml`` so that a new script is a new
file. Each table has ``chars`` (replaced before folding), ordered ``rules`` (regular
expressions over the folded spelling) and ``vowels`` (each run of vowels becomes the
first class whose letters it contains; a lone vowel letter becomes the ``short``
class where the script leaves short vowels unwritten). ``ending`` names the class of
a final ending (the Arabic ta marbuta) whose presence in one key only marks two
different names (Salem, Salameh). Capital letters in a key are classes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from audit.cachefiles import load_yaml_data
from audit.errors import ConfigError
from audit.glossary.fold import APOSTROPHES, HYPHENS, SPACES, fold
from audit.names.lexicon import lexicon

_NOT_LETTER = re.compile(r"[^\w\s]|[\d_]")
_VOWEL_RUN = re.compile(r"[aeiou]+")
_WORD_BREAK = re.compile(f"[{re.escape(HYPHENS + SPACES)}]+")
_NO_APOSTROPHES = {ord(c): None for c in APOSTROPHES}
_WORD_CACHE = 500_000  # words whose keys a table remembers


class Rule(NamedTuple):
    """One rewrite of a key table: ``pattern`` (a regular expression) to ``replacement``.

    A NamedTuple, not a frozen dataclass: about 0.4 ms less to create in every process
    that compares names (hook start-up, issue 18)."""

    pattern: re.Pattern[str]
    replacement: str
    why: str = ""


@dataclass(frozen=True)
class KeyTable:
    """The romanization alternations of one source script, as data."""

    script: str
    name: str
    languages: tuple[str, ...]
    chars: dict[str, str]
    articles: frozenset[str]  # words dropped before another word (al-, el-, as-...)
    rules: tuple[Rule, ...]
    vowels: tuple[tuple[str, frozenset[str]], ...]  # (class, letters), first match wins
    short: str | None = None  # class of a lone vowel letter, where vowels are unwritten
    ending: str | None = None  # class that marks a final ending (ta marbuta)
    _words: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def key(self, spelling: str) -> str:
        """The key of one spelling: the keys of its words, articles dropped, joined.

        Joining makes ``Abdel Aziz`` and ``Abdelaziz`` one key. Word keys are cached,
        since a corpus repeats its words far more than its names.
        """
        return self.key_of_words(words_of(spelling))

    def key_of_words(self, words: list[str]) -> str:
        """:meth:`key` for a spelling already split by :func:`words_of`."""
        kept = [w for i, w in enumerate(words) if not (i + 1 < len(words) and w in self.articles)]
        return "".join(self._word_key(w) for w in kept)

    def skeleton(self, key: str) -> str:
        """A key without its vowel classes: the consonant frame of the name."""
        return key.translate(self._vowel_deletions)

    def has_ending(self, key: str) -> bool:
        return bool(self.ending) and key.endswith(self.ending)  # type: ignore[arg-type]

    def _word_key(self, word: str) -> str:
        cached = self._words.get(word)
        if cached is not None:
            return cached
        if self._replaced.isdisjoint(word):  # the usual case: the letters of every table
            text = _letters(word)
        else:
            text = _letters("".join(self.chars.get(c, c) for c in word), remember=False)
        for sub, replacement in self._steps:
            text = sub(replacement, text)
        text = _VOWEL_RUN.sub(self._vowel_class, text)
        if len(self._words) < _WORD_CACHE:
            self._words[word] = text
        return text

    @cached_property
    def _steps(self) -> tuple[tuple[Callable[..., str], str | Callable[[re.Match[str]], str]], ...]:
        """Each rule as (its pattern's ``sub``, its replacement). A replacement that is
        one group (``\\1``, doubled letters) becomes a function of the match: a template
        is parsed again, in Python, at each ``sub`` call even where nothing matches
        (about 2.7 µs of a word's 10 µs in a table)."""
        steps = []
        for rule in self.rules:
            one_group = _ONE_GROUP.fullmatch(rule.replacement)
            replacement: str | Callable[[re.Match[str]], str] = (
                _group(int(one_group.group(1))) if one_group else rule.replacement
            )
            steps.append((rule.pattern.sub, replacement))
        return tuple(steps)

    @cached_property
    def _replaced(self) -> frozenset[str]:
        return frozenset(self.chars)

    @cached_property
    def _vowel_deletions(self) -> dict[int, None]:
        names = {name for name, _ in self.vowels}
        names.update(c for c in (self.short, self.ending) if c)
        return {ord(c): None for c in names}

    def _vowel_class(self, m: re.Match[str]) -> str:
        if self.short and len(m.group()) == 1:
            return self.short
        run = set(m.group())
        for name, letters in self.vowels:
            if run & letters:
                return name
        return self.short or m.group()


_ONE_GROUP = re.compile(r"\\([1-9])")


def _group(n: int) -> Callable[[re.Match[str]], str]:
    """What the template ``\\n`` expands to: group ``n``, empty when it took no part."""

    def expand(m: re.Match[str]) -> str:
        return m.group(n) or ""

    return expand


_LETTERS: dict[str, str] = {}  # word -> its folded letters, shared by the tables


def _letters(word: str, remember: bool = True) -> str:
    """Folded letters of a word, without marks or other characters: the start of its
    key in each table that replaces none of its characters (all four, for most words),
    so worked out once per word rather than once per table."""
    found = _LETTERS.get(word)
    if found is None:
        found = _NOT_LETTER.sub("", strip_marks(fold(word)))
        if remember:
            if len(_LETTERS) >= _WORD_CACHE:
                _LETTERS.clear()
            _LETTERS[word] = found
    return found


def words_of(spelling: str) -> list[str]:
    """Lower-case words of a spelling, Cyrillic and Greek in Latin letters; hyphens,
    dashes and spaces separate words."""
    text = lexicon().romanize(spelling.lower().translate(_NO_APOSTROPHES))
    return [w for w in _WORD_BREAK.split(text) if w]


def strip_marks(text: str) -> str:
    """Remove the combining marks that :func:`audit.glossary.fold.fold` leaves (ḥ, ṣ, ẓ)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def key_tables(scripts: Iterable[str] | None = None) -> tuple[KeyTable, ...]:
    """The bundled tables: all, or those of ``scripts`` (a script such as ``arabic``, or
    one table's name such as ``arabic-colloquial``)."""
    tables = _bundled_tables()
    if scripts is None:
        return tables
    wanted = set(scripts)
    known = {t.script for t in tables} | {t.name for t in tables}
    unknown = sorted(wanted - known)
    if unknown:
        raise ConfigError(f"unknown script {unknown[0]!r} (known: {', '.join(sorted(known))})")
    return tuple(t for t in tables if t.script in wanted or t.name in wanted)


def tables_for_language(source_lang: str | None) -> tuple[KeyTable, ...]:
    """The tables for a document's source language; every table when it is unknown."""
    tables = _bundled_tables()
    if source_lang:
        lang = source_lang.split("-")[0].lower()
        chosen = tuple(t for t in tables if lang in t.languages)
        if chosen:
            return chosen
    return tables


@lru_cache(maxsize=1)
def _bundled_tables() -> tuple[KeyTable, ...]:
    # The package's folder, not importlib.resources, whose import (zipfile, tempfile,
    # shutil...) would cost every run that compares names (benchmarks/hook_startup.py).
    folder = Path(__file__).parent / "keys"
    paths = sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    return tuple(load_table(p.read_text(encoding="utf-8"), p.name) for p in paths)


def load_table(text: str, name: str | Path) -> KeyTable:
    """Parse and compile one key table; a malformed table names its file and rule."""
    data: Any = load_yaml_data(text)  # through the JSON cache: no PyYAML on a warm start
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{name}: a key table needs 'script' and a list of 'rules'")
    rules = []
    for i, item in enumerate(data["rules"], 1):
        if not isinstance(item, list) or len(item) not in (2, 3):
            raise ConfigError(f"{name}: rule {i} must be [pattern, replacement, why]")
        try:
            rules.append(Rule(re.compile(item[0]), item[1], item[2] if len(item) == 3 else ""))
        except re.error as exc:
            raise ConfigError(f"{name}: rule {i}: bad pattern {item[0]!r}: {exc}") from None
    vowels = tuple((str(k), frozenset(str(v))) for k, v in (data.get("vowels") or {}).items())
    return KeyTable(
        script=str(data.get("script") or Path(str(name)).stem),
        name=Path(str(name)).stem,
        articles=frozenset(str(a).lower() for a in data.get("articles") or ()),
        languages=tuple(str(x) for x in data.get("languages") or ()),
        chars={str(k): str(v) for k, v in (data.get("chars") or {}).items()},
        rules=tuple(rules),
        vowels=vowels,
        short=str(data["short"]) if data.get("short") else None,
        ending=str(data["ending"]) if data.get("ending") else None,
    )
