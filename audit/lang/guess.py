"""The target language of a text nobody declared, found from the text itself.

Why: a French or German article audited without ``--target-lang`` used to get the
English rules (a space before ":" reported 118 times in 123 French news articles,
German nouns taken for names). When neither the command line, the configuration, the
API caller nor the file says the language, :func:`guess_target_lang` looks at the
text: its script first (exact and instant), then, among the languages of that script,
the most frequent words (``frequent_words.py``, generated offline from wordfreq); a
script that only one language is written in (Greek, Thai, Korean) says it alone, and
so do Chinese characters with kana (Japanese) or without (Chinese). Every
language of the tables may win, with or without rules of its own
(``audit/lang/languages.py``): a Portuguese text is Portuguese, not Spanish, and a
Turkish or Ukrainian one is checked with the shared defaults rather than the English
rules (far fewer false alarms).

It answers only when the evidence is clear: enough letters in one script, enough
words, a winner well ahead of the runner-up, and no long stretch of the text won by
another language (a mixed text). Otherwise None, and the caller keeps English, as
before. Bounded: only the first :data:`HEAD_CHARS` characters are read. No model is
loaded; the word table of one script is built on first use (about a millisecond).
"""

from __future__ import annotations

import math
import re
from functools import cache

from audit.lang.identify import script_shares

#: What a reader is given, and puts in ``Document.target_lang``, when nobody declared
#: the target language; :func:`audit.formats.found_languages` replaces it.
UNDECLARED = ""
#: The language used when the text does not say clearly.
DEFAULT = "en"
#: A long document decides on its first few thousand words.
HEAD_CHARS = 20_000
#: The main script must hold this share of the letters (else the text is mixed).
MIN_SCRIPT_SHARE = 0.7
#: Fewer words than this: too short to tell.
MIN_WORDS = 12
#: Share of the letters in kana that makes a text of Chinese characters and kana
#: Japanese (news is mostly kanji; Chinese has no kana at all).
MIN_KANA_SHARE = 0.15
#: Different frequent words of the winner the text must hold: a language shows in
#: many of its common words, not in one repeated.
MIN_DISTINCT = 5
#: ... and fewer letters than this in a script that only one language is written in
#: (Thai and Japanese put no spaces between words).
MIN_LETTERS = 40
#: The winner's log-likelihood lead over the runner-up, in nats, over the whole head.
MIN_LEAD = 12.0
#: ... and per word: a lead spread thin over many words is no clear evidence.
MIN_LEAD_PER_WORD = 0.25
#: Share of the words found among the winner's frequent words, by script (a language
#: none of the tables knows has few). Arabic and Hebrew attach articles, prepositions
#: and conjunctions to the word (وال, ו, ה): fewer of their words are in the table.
MIN_COVERAGE = {"Latin": 0.25, "Cyrillic": 0.15}
MIN_COVERAGE_OTHER = 0.08
#: Words per stretch when looking for a mixed text, and the share of the words that
#: may lie in stretches another language wins clearly.
STRETCH_WORDS = 60
MAX_OTHER_WORDS = 0.1
#: Zipf frequency given to a word missing from a language's table (below every entry).
FLOOR_ZIPF = 3.5

_WORD = re.compile(r"[^\W\d_]+")
_LN10 = math.log(10)


def guess_target_lang(text: str) -> str | None:
    """The language of ``text``, or None when the text does not say clearly (too
    short, mixed, a language none of the tables knows)."""
    return _guess(text[:HEAD_CHARS])


def _guess(head: str) -> str | None:
    letters, shares = script_shares(head)
    if not letters:
        return None
    script = max(shares, key=shares.__getitem__)
    kana, han = shares.get("Japanese", 0.0), shares.get("Han", 0.0)
    if kana >= MIN_KANA_SHARE and kana + han >= MIN_SCRIPT_SHARE:
        return "ja" if letters >= MIN_LETTERS else None  # kanji and kana: Japanese
    if shares[script] < MIN_SCRIPT_SHARE:
        return None
    if script == "Han" and not kana:
        return "zh" if letters >= MIN_LETTERS else None  # Chinese characters alone
    if script in SCRIPT_LANGUAGE:  # Greek, Thai, Korean...: the script says it
        return SCRIPT_LANGUAGE[script] if letters >= MIN_LETTERS else None
    words = _WORD.findall(head.lower())
    if len(words) < MIN_WORDS:
        return None
    if script == "Latin" and _plainly_english(words):
        return DEFAULT
    table = _table(script)
    if table is None:
        return None
    langs, weights = table
    n = len(langs)
    total = [0.0] * n
    hits = [0] * n
    stretches: list[list[float]] = []
    stretch = [0.0] * n
    for i, word in enumerate(words, start=1):
        entry = weights.get(word)
        if entry is not None:
            for k in range(0, len(entry), 2):  # (language index, Zipf frequency x 10) pairs
                index = entry[k]
                # how much likelier the word is in this language than in one whose
                # frequent words lack it, in nats
                stretch[index] += (entry[k + 1] * 0.1 - FLOOR_ZIPF) * _LN10
                hits[index] += 1
        if i % STRETCH_WORDS == 0:
            stretches.append(stretch)
            stretch = [0.0] * n
    if len(words) % STRETCH_WORDS:
        stretches.append(stretch)
    for s in stretches:
        for index in range(n):
            total[index] += s[index]
    order = sorted(range(n), key=total.__getitem__, reverse=True)
    best, second = order[0], order[1] if n > 1 else None
    lead = total[best] - (total[second] if second is not None else 0.0)
    winner = langs[best]
    if lead < MIN_LEAD or lead < MIN_LEAD_PER_WORD * len(words):
        return None
    if hits[best] < MIN_COVERAGE.get(script, MIN_COVERAGE_OTHER) * len(words):
        return None
    if len({w for w in words if _in_language(weights.get(w), best)}) < MIN_DISTINCT:
        return None  # "Salamah met Hifter." a hundred times: one Dutch word, no Dutch
    # A mixed text: stretches that another language wins clearly hold too many words
    # (counted in words: the last stretch is shorter).
    others = 0
    for number, s in enumerate(stretches):
        top = max(range(n), key=s.__getitem__)
        if top != best and s[top] - s[best] >= MIN_LEAD:
            others += min(STRETCH_WORDS, len(words) - number * STRETCH_WORDS)
    if others > MAX_OTHER_WORDS * len(words):
        return None
    return winner


def _in_language(entry: bytes | None, index: int) -> bool:
    """Whether a word's table entry lists the language at ``index``."""
    return entry is not None and index in entry[::2]


def _plainly_english(words: list[str]) -> bool:
    """True when English function words (audit/lang/languages.py) are a large share of
    ``words`` and those of the other Latin-script languages with rules rare: the text
    is English (or, at worst, undecided, which also means English), and the frequent
    words are not read at all (the usual case of a hook on English copy, kept a few
    milliseconds quicker)."""
    from audit.lang.profiles import language

    english = language(DEFAULT).function_words
    others = [language(code).function_words - english for code in _QUICK_OTHERS]
    en = sum(1 for w in words if w in english)
    other = max(sum(1 for w in words if w in own) for own in others)
    return en >= QUICK_ENGLISH * len(words) and en >= QUICK_RATIO * max(other, 1)


#: The Latin-script languages with rules, besides English (see _plainly_english).
_QUICK_OTHERS = ("fr", "de", "es")
#: English function words must make this share of the words, and outnumber each other
#: language's own (those that are not English words too) this many times.
QUICK_ENGLISH = 0.2
QUICK_RATIO = 8


#: Scripts that only one language is written in, where the script alone says it.
SCRIPT_LANGUAGE = {
    "Greek": "el",
    "Armenian": "hy",
    "Georgian": "ka",
    "Thai": "th",
    "Hangul": "ko",
    "Japanese": "ja",
}


@cache
def _table(script: str) -> tuple[tuple[str, ...], dict[str, bytes]] | None:
    """The languages of ``script`` and, for each frequent word, the languages (by
    index) that use it with its Zipf frequency times ten (as bytes: index, frequency,
    index, frequency...); None for a script of several languages without frequent
    words here (Devanagari, Han).

    Any language of the table may win, with or without rules of its own in
    ``audit/lang/languages.py``: a Turkish or Ukrainian text checked with the shared
    defaults gets far fewer false alarms than with the English rules (63 Turkish NTREX
    articles: 12 findings against 68)."""
    from audit.lang.frequent_words import FREQUENT_WORDS

    return FREQUENT_WORDS.get(script)


#: English names of the languages a guess may give that audit/lang/languages.py does
#: not name, for the note that says which language a document was audited in.
NAMES = {
    "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "el": "Greek",
    "fi": "Finnish", "fil": "Filipino", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ms": "Malay", "nb": "Norwegian Bokmål", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "sh": "Serbo-Croatian", "sk": "Slovak",
    "sl": "Slovenian", "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip
