"""Consistency within a document, without a glossary: one word, one spelling.

Words and phrases covered by a glossary match are left to the glossary checks, which
know the right form; these checks only compare the document with itself and
suggest the form it uses most (the first one used, on a tie).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import compress, repeat
from operator import add, itemgetter
from typing import TYPE_CHECKING, NamedTuple

from audit.document import Document
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.profiles import language
from audit.stretches import stretches

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

STRETCH_CHARS = 1 << 16  # characters of whole lines whose words are listed at a time
_LINE_BREAK = re.compile("\n")
_WORD = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)*")
_HYPHENS = "-‐‑"
_HYPHEN_CHARS = re.compile(f"[{_HYPHENS}]")
# A word with hyphens; the look-behind keeps the search from restarting inside words.
_HYPHENATED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:[-‐‑][^\W\d_]+)+")


def _closed(word: str) -> str:
    """A word with its hyphens taken out: the key its spellings share."""
    return _HYPHEN_CHARS.sub("", word)


# A NamedTuple, not a frozen dataclass: about 0.4 ms less to create in every process.
class _Occurrence(NamedTuple):
    start: int
    end: int
    form: str  # the grouping-relevant spelling of this occurrence


@check(
    code="C001",
    name="consistency.hyphenation",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="a permanent ceasefire ... a mechanism to observe a cease-fire ... the ceasefire held",
    good="a permanent ceasefire ... a mechanism to observe a ceasefire ... the ceasefire held",
    options={"min-length": 4},
)
def hyphenation(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """The same word written both closed and hyphenated (ceasefire / cease-fire).

    Only closed and hyphenated forms are compared: an open form (``long term``) is
    often a different part of speech from the hyphenated one (``long-term``). The
    minority spelling is reported with the majority one as suggestion; `audit fix`
    applies it only with --unsafe-fixes, since a hyphen can change the word
    (resign / re-sign). Option ``min-length``: words shorter than this many letters
    (hyphens not counted) are not compared.
    """
    covered = _covered(ctx)
    min_length = ctx.option("C001", "min-length")
    # Only words that some hyphenated word closes up to can be in a group: find those
    # first, so the other words of the text cost one set lookup each.
    text = doc.target
    found = _hyphenated_words(text)
    keys = {_closed(m.group().lower()) for m in found}
    keys = {k for k in keys if len(k) >= min_length}
    if not keys or not _may_be_closed(text, keys):
        return
    closed = re.compile(
        r"(?<![^\W\d_])(?<![^\W\d_][-‐‑])(?:"
        + "|".join(map(re.escape, sorted(keys, key=len, reverse=True)))
        + r")(?![^\W\d_])(?![-‐‑][^\W\d_])",
        re.IGNORECASE,
    )
    groups: dict[str, list[_Occurrence]] = {}
    for m in sorted([*found, *closed.finditer(text)], key=lambda m: m.start()):
        word = m.group().lower()
        key = _closed(word)
        if key in keys and not _overlaps(covered, m.start(), m.end()):
            groups.setdefault(key, []).append(
                _Occurrence(m.start(), m.end(), _HYPHEN_CHARS.sub("-", word))
            )
    for occurrences in groups.values():
        forms = {o.form for o in occurrences}
        if (
            len(forms) < 2
            or not any("-" in f for f in forms)
            or not any("-" not in f for f in forms)
        ):
            continue
        yield from _minority_hits(doc, occurrences, "spelling")


def _may_be_closed(text: str, keys: set[str]) -> bool:
    """Whether one of ``keys`` (hyphenated words closed up, lower case) may be written
    closed in ``text``: it is a substring of the case-folded text. A closed form the
    check reports is a run of letters whose lower case is a key; case-folding (free of
    context, unlike Greek final sigma in lower case) gives the same of a word and of
    its lower case (a test checks every code point), so that run folds to the key
    folded. Most documents have none (532 of 539 NTREX PO targets with hyphenated
    words), and their text is not scanned for closed forms."""
    folded = text.casefold()
    return any(k.casefold() in folded for k in keys)


def _hyphenated_words(text: str) -> list[re.Match[str]]:
    """The matches of ``_HYPHENATED`` in ``text``, found from its hyphens.

    A hyphenated word holds no space, so each is found by scanning only the
    space-delimited stretch around a hyphen (a look-behind sees the text before the
    stretch): a few hundred characters of a text instead of all of it, since most
    words hold no hyphen."""
    found: list[re.Match[str]] = []
    done = 0  # the text before this is scanned
    for hyphen in _HYPHEN_CHARS.finditer(text):
        at = hyphen.start()
        if at < done:
            continue
        start = max(done, text.rfind(" ", 0, at) + 1)
        done = text.find(" ", at)
        if done < 0:
            done = len(text)
        found += _HYPHENATED.finditer(text, start, done)
    return found


@check(
    code="C002",
    name="consistency.capitalization",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="the Berlin Conference ... the Berlin conference ... the Berlin Conference",
    good="the Berlin Conference ... the Berlin Conference ... the Berlin Conference",
)
def capitalization(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A name-like phrase capitalized two ways (Berlin Conference / Berlin conference).

    Looks at a capitalized word and the word after it, away from the start of a
    sentence. A title before a name (``Prime Minister Johnson`` beside ``the prime
    minister``) is not a phrase and is skipped. In languages that capitalize every
    noun (German: ``Kavanaugh Glauben schenken`` beside ``Kavanaugh glauben``) the
    capital is grammar, so the check does not run. The majority form is suggested, but
    `audit fix` applies it only with --unsafe-fixes: the majority may be the error.
    """
    if language(doc.target_lang).capitalizes_nouns:
        return
    if (doc.target + "a").islower():
        return  # no upper-case letter (Arabic, Hebrew, Persian), so no pair; decided in C
    if not _pairs_differ_in_case(doc.target):
        return
    groups = _capitalization_groups(doc, _covered(ctx))
    for occurrences in groups.values():
        if len({o.form for o in occurrences}) > 1:
            yield from _minority_hits(doc, occurrences, "capitalization")


def _pairs_differ_in_case(text: str) -> bool:
    """Whether two pairs of a capitalized word and the word after it differ only in
    case: a phrase capitalized two ways needs such pairs.

    The pairs are compared as strings, lower-cased (a space between the words keeps
    the lower case of each word its own), with maps and sets that keep the work on
    every word in C; about one document in fifteen passes, and only those are looked
    at word by word. A pair across a line break is never one (the words of a phrase
    are one space apart), so the words are listed a stretch of lines at a time."""
    pairs: set[str] = set()
    for pos, end in _line_stretches(text):
        words = _WORD.findall(text, pos, end)
        capitalized = list(map(str.isupper, map(itemgetter(0), words)))
        pairs.update(
            map(
                add,
                map(add, compress(words, capitalized), repeat(" ")),
                compress(words[1:], capitalized),
            )
        )
    return len(pairs) != len(set(map(str.lower, pairs)))


def _line_stretches(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of stretches of whole lines of about STRETCH_CHARS characters:
    a long text's words are listed a stretch at a time (all of a 4 MB article's words
    and their matches at once took 150 MB)."""
    return stretches(text, STRETCH_CHARS, _LINE_BREAK, after=1)


def _capitalization_groups(
    doc: Document, covered: list[tuple[int, int]]
) -> dict[tuple[str, str], list[_Occurrence]]:
    """Each capitalized word with the word after it (outside ``covered``, away from a
    sentence start and from longer names), grouped by the pair's letters. A pair is
    one space apart, so never across a line break: a stretch of lines at a time."""
    text = doc.target
    groups: dict[tuple[str, str], list[_Occurrence]] = {}
    for pos, end in _line_stretches(text):
        matches = list(_WORD.finditer(text, pos, end))
        words = list(map(re.Match.group, matches))
        # The test of case first: it is the cheapest and passes the fewest pairs. Words
        # are never empty, so the first letter is word[0]; the maps keep the loop over
        # every word out of Python.
        capitalized = compress(range(len(words) - 1), map(str.isupper, map(itemgetter(0), words)))
        for i in capitalized:
            w1, w2 = words[i], words[i + 1]
            if w1.isupper() or w2.isupper():
                continue
            (s1, e1), (s2, e2) = matches[i].span(), matches[i + 1].span()
            if text[e1:s2] != " " or _overlaps(covered, s1, e2) or doc.is_sentence_start(s1):
                continue
            if w2[0].isupper() and i + 2 < len(words):
                if text[e2 : matches[i + 2].start()] == " " and words[i + 2][0].isupper():
                    continue  # part of a longer name or a title before a name
            groups.setdefault((w1, w2.lower()), []).append(_Occurrence(s1, e2, w2))
    return groups


def _minority_hits(doc: Document, occurrences: list[_Occurrence], what: str) -> Iterator[Hit]:
    counts: dict[str, int] = {}
    for o in occurrences:
        counts[o.form] = counts.get(o.form, 0) + 1
    # Most frequent first; ties go to the form used first.
    majority = max(
        counts,
        key=lambda f: (counts[f], -next(i for i, o in enumerate(occurrences) if o.form == f)),
    )
    majority_text = next(doc.target[o.start : o.end] for o in occurrences if o.form == majority)
    tally = ", ".join(
        f'"{_surface(doc, occurrences, f)}" ×{n}'
        for f, n in sorted(counts.items(), key=lambda kv: -kv[1])
    )
    for o in occurrences:
        if o.form == majority:
            continue
        found = doc.target[o.start : o.end]
        suggestion = _adapt_case(found, majority_text) if what == "spelling" else majority_text
        yield Hit(
            o.start,
            o.end,
            f'inconsistent {what}: "{found}" here, "{majority_text}" elsewhere in this document ({tally})',
            suggestion=suggestion,
        )


def _surface(doc: Document, occurrences: list[_Occurrence], form: str) -> str:
    return next(doc.target[o.start : o.end] for o in occurrences if o.form == form)


def _adapt_case(found: str, majority: str) -> str:
    if found.isupper():
        return majority.upper()
    if found[:1].isupper():
        return majority[:1].upper() + majority[1:]
    return (
        majority[:1].lower() + majority[1:]
        if majority[:1].isupper() and not found[:1].isupper()
        else majority
    )


def _covered(ctx: CheckContext) -> list[tuple[int, int]]:
    """Spans of glossary matches: sorted and non-overlapping, as the matcher returns them."""
    return [(m.start, m.end) for m in ctx.glossary_matches]


def _overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(covered, (end, end)) - 1
    return i >= 0 and covered[i][1] > start
