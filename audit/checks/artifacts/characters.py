"""Characters that do not belong: encoding damage, invisible controls, odd spaces, foreign scripts.

These are the errors no reader can fix by reading: ``dÃ³lares`` is ``dólares`` run
twice through the wrong code page, a zero-width space splits a word for search engines
without showing, an Arabic word in an English article was never translated. Each check
knows which characters the target language itself uses (``audit/lang/languages.py``),
so Persian's zero-width non-joiner and Hebrew's directional marks are left alone.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from audit.checks.lines import text_lines
from audit.checks.reading import MOJIBAKE_RUN, distinct_characters, repaired, repairs
from audit.document import Document
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.identify import script_of_char
from audit.lang.profiles import homoglyphs, invisible_ok, known_scripts, language, letters_of

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

_REPLACEMENT = "\ufffd"
_BIDI_OVERRIDES = frozenset("\u202d\u202e")
# Space separators (Unicode category Zs): the ordinary space and the special ones.
_SPECIAL_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPECIAL_SPACE = re.compile(f"[{_SPECIAL_SPACES}]")
_SPACE_RUN = re.compile(f"[ {_SPECIAL_SPACES}]*[{_SPECIAL_SPACES}][ {_SPECIAL_SPACES}]*")
_SPACED_MARKS = ".,;:!?؟،؛"
_MARKS = "\u0300-\u036f\u0483-\u0489\u05b0-\u05c7\u064b-\u065f\u0670\u06d6-\u06ed\u200c"


@check(
    code="A005",
    name="artifacts.mojibake",
    severity=Severity.MAJOR,
    category=Category.FLUENCY,
    bad="Le dijeron que costaría 200 dÃ³lares.",
    good="Le dijeron que costaría 200 dólares.",
    fixable=True,
)
def mojibake(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Text damaged by decoding with the wrong character set (dÃ³lares, â€™).

    ftfy finds the damage and proposes the repaired text as the suggestion; only runs
    of Latin-1 and Windows-1252 characters that show the tell-tale byte pairs are handed
    to it, so clean text costs nothing and a repair never depends on the words around.
    A replacement character (U+FFFD) marks text already lost and gets no suggestion;
    so does damage inside a word that artifacts.mixed-script-word repairs whole.
    """
    text = doc.target
    # Words that artifacts.mixed-script-word fixes as a whole (repair and look-alikes).
    fixed_whole = [
        (s, e)
        for s, e in _damaged(doc, ctx)
        if any(h.suggestion is not None for h in _mixed_hit(text[s:e], s, e, repaired(text[s:e])))
    ]
    for start, end, fixed in _repairs(doc, ctx):
        if _REPLACEMENT in text[start:end]:
            continue
        head = len(os.path.commonprefix([text[start:end], fixed]))
        tail = len(os.path.commonprefix([text[start + head : end][::-1], fixed[head:][::-1]]))
        found, fix = text[start + head : end - tail], fixed[head : len(fixed) - tail]
        whole = any(s <= start < e for s, e in fixed_whole)
        yield Hit(
            start + head,
            end - tail,
            f'encoding damage: "{found}" should read "{fix}"',
            suggestion=None if whole else fix,
        )
    if _REPLACEMENT not in text:
        return
    for m in re.finditer(f"{_REPLACEMENT}+", text):
        yield Hit(
            m.start(),
            m.end(),
            "replacement character: text lost in decoding; restore it from the source",
        )


@check(
    code="A006",
    name="artifacts.invisible-character",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="The talks\u200b\u200b began in Geneva.   (two zero-width spaces after talks)",
    good="The talks began in Geneva.",
    fixable=True,
)
def invisible_character(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Control, zero-width or bidirectional characters that the language does not use.

    Invisible characters break search, spell-checking and copy-and-paste without
    showing. Persian keeps its zero-width non-joiner and right-to-left languages their
    directional marks. A directional override, which reorders what is shown, is major.
    Zero-width spaces, word joiners, soft hyphens and stray byte-order marks are deleted
    by `audit fix` where deleting cannot join two words: beside a space or a mark, or
    (soft hyphen, word joiner) inside a word they never split. A zero-width space
    between two letters or digits may stand for a lost space, and other controls for
    anything: those get no suggestion, since only a person can tell what they replaced.
    """
    text = doc.target
    allowed = invisible_ok(doc.target_lang)
    if not any(_is_invisible(c, allowed) for c in _unprintable(doc, ctx) - _LINE_BREAKS):
        return  # the text's distinct characters, once: most texts hold no invisible one
    for start, end in _invisible_runs(text, allowed):
        run = text[start:end]
        names = ", ".join(dict.fromkeys(_char_name(c) for c in run))
        severity = Severity.MAJOR if set(run) & _BIDI_OVERRIDES else None
        message = f"invisible character{'s' if len(run) > 1 else ''} ({names}); delete"
        if not set(run) <= _ZERO_WIDTH:
            yield Hit(start, end, message, severity=severity)
            continue
        joins_nothing = set(run) <= _NO_BREAK or not (
            start > 0 and text[start - 1].isalnum() and end < len(text) and text[end].isalnum()
        )
        yield Hit(start, end, message, severity=severity, suggestion="" if joins_nothing else None)


_LINE_BREAKS = frozenset("\r\n")  # in no line's text: lines end before them


def _distinct(doc: Document, ctx: CheckContext) -> frozenset[str]:
    """The distinct characters of the target text, once per document (shared with
    repetition.repeated-words: see audit.checks.reading.distinct_characters)."""
    return distinct_characters(doc, ctx)


def _unprintable(doc: Document, ctx: CheckContext) -> frozenset[str]:
    return frozenset(c for c in _distinct(doc, ctx) if not c.isprintable())


# Invisible characters whose deletion loses nothing a reader sees; the last two never
# mark a break between words, so deleting them inside a word restores the word.
_ZERO_WIDTH = frozenset("\u200b\ufeff\u2060\u00ad")
_NO_BREAK = frozenset("\u2060\u00ad")


# Format characters that print as visible signs (Arabic number and end-of-ayah signs).
_VISIBLE_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _invisible_runs(text: str, allowed: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Spans of runs of control, format and line/paragraph separator characters."""
    for line in text_lines(text):
        line_text = text[line.start : line.end]
        if line_text.isprintable():
            continue  # the common case, decided in C: nothing invisible on this line
        if not any(_is_invisible(c, allowed) for c in set(line_text)):
            continue  # each character once: a no-break space, a Persian non-joiner
        run_start = None
        for i in range(line.start, line.end):
            if _is_invisible(text[i], allowed) and not _joins_here(text, i):
                run_start = i if run_start is None else run_start
            elif run_start is not None:
                yield run_start, i
                run_start = None
        if run_start is not None:
            yield run_start, line.end


def _is_invisible(ch: str, allowed: frozenset[str]) -> bool:
    return (
        ch not in "\t"
        and ch not in allowed
        and ch not in _VISIBLE_FORMAT
        and unicodedata.category(ch) in _INVISIBLE_CATEGORIES
    )


_JOINERS = frozenset("\u200c\u200d")
# What may sit between an emoji and the joiner of an emoji sequence: variation
# selector 16, skin tones, the combining keycap.
_EMOJI_TRAILERS = re.compile("[\ufe0f\U0001f3fb-\U0001f3ff\u20e3]*$")
_EMOJI_LEADERS = re.compile("^[\ufe0f]*")
# Scripts whose spelling uses the (non-)joiner between letters: Persian and other
# Arabic-script languages, and the Indic scripts (conjuncts, half forms); "Other" is
# what audit.lang.identify calls the scripts it has no name for (Tamil, Malayalam,
# Sinhala, Syriac...), most of which use joiners too.
_JOINING_SCRIPTS = frozenset({"Arabic", "Devanagari", "Bengali", "Other"})


def _joins_here(text: str, i: int) -> bool:
    """A zero-width (non-)joiner that is spelling, not debris, whatever the document's
    language: inside an emoji sequence (family, rainbow flag, profession), or between
    two letters of a script that writes words with it (a Persian word quoted in English)."""
    ch = text[i]
    if ch not in _JOINERS or i == 0 or i + 1 >= len(text):
        return False
    before = text[max(0, i - 8) : i]
    before = before[: _EMOJI_TRAILERS.search(before).start()]  # type: ignore[union-attr]
    after = text[i + 1 : i + 3]
    after = after[_EMOJI_LEADERS.match(after).end() :]  # type: ignore[union-attr]
    if not before or not after:
        return False
    prev, nxt = before[-1], after[0]
    if ch == "\u200d" and _is_emoji(prev) and _is_emoji(nxt):
        return True
    while before and unicodedata.category(before[-1]).startswith("M"):
        before = before[:-1]  # a vowel sign or diacritic on the letter before
    if not before:
        return False
    scripts = {_letter_script(before[-1]), _letter_script(nxt)}
    return len(scripts) == 1 and scripts <= _JOINING_SCRIPTS


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" and ord(ch) >= 0x2190


def _letter_script(ch: str) -> str | None:
    """The script of a letter, or of the letter a combining mark sits on (None)."""
    return script_of_char(ch) if ch.isalpha() else None


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control').lower()}"


@check(
    code="A007",
    name="artifacts.odd-space",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="The talks began\u00a0 in Geneva.   (a non-breaking space beside a space after began)",
    good="The talks began in Geneva.",
    fixable=True,
)
def odd_space(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A non-breaking or other special space where no space belongs, or beside another space.

    A non-breaking space between two words or before French ``:`` is typography and
    is left alone; at the start or end of a line, next to an ordinary space, or an
    em, en or ideographic space inside a sentence, it is debris from the source page.
    """
    if not _SPECIAL_SPACE.search("".join(_distinct(doc, ctx))):
        return  # no special space among the text's distinct characters (most texts)
    lang = language(doc.target_lang)
    damaged = [(s, e) for s, e, _ in _repairs(doc, ctx)]  # artifacts.mojibake repairs these
    for line in text_lines(doc.target):
        text = line.text(doc)
        for m in _SPACE_RUN.finditer(text):
            run = m.group()
            if any(s < line.start + m.end() and line.start + m.start() < e for s, e in damaged):
                continue
            at_edge = m.start() == 0 or m.end() == len(text)
            if (
                not at_edge
                and text[m.end()] in _SPACED_MARKS
                and text[m.end()] not in lang.space_before
            ):
                continue  # a space before punctuation: spacing.space-before-punctuation
            if at_edge:
                suggestion = ""
            elif len(run) > 1:
                suggestion = _one_space(run, text[m.end()], lang.space_before)
            elif run in "\u00a0\u202f\u2009\u2007\u200a":
                continue  # one typographic space between two characters
            else:
                suggestion = " "
            yield Hit(
                line.start + m.start(),
                line.start + m.end(),
                f"{'odd space' if at_edge or len(run) == 1 else 'mixed spaces'} ({_space_names(run)})",
                suggestion=suggestion,
            )


def _one_space(run: str, after: str, space_before: str) -> str:
    """Keep the non-breaking space before French ``: ; ? !``, otherwise one ordinary space."""
    keep = next((c for c in run if c in "\u00a0\u202f"), None)
    return keep if keep and after in space_before + "»" else " "


def _space_names(run: str) -> str:
    return ", ".join(
        dict.fromkeys("space" if c == " " else unicodedata.name(c, "space").lower() for c in run)
    )


@check(
    code="A008",
    name="artifacts.foreign-script",
    severity=Severity.MAJOR,
    category=Category.ACCURACY,
    bad="Salameh said that خليفة حفتر had agreed.",
    good="Salameh said that Khalifa Haftar had agreed.",
    options={"allow": []},
)
def foreign_script(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Text in a script the target language does not use: Arabic in English, Cyrillic in Spanish.

    Usually a name or phrase the translation left in the source script. Latin letters
    are allowed in Arabic, Persian, Hebrew and Russian text (brands, acronyms), and a
    lone Greek letter is a symbol (μ, π). Strings listed in the ``allow`` option
    (``[tool.audit.options.A008] allow = ["..."]``) are not reported. Letters glued to the
    language's own letters in one word are artifacts.mixed-script-word's business.
    A document whose letters are mostly in another script (a Russian article checked
    as English) gets one finding that asks whether its target language is right,
    instead of one per run.
    """
    lang = language(doc.target_lang)
    if not lang.scripts:
        return
    allowed = set(ctx.option("A008", "allow"))
    pattern, own = _foreign_pattern(lang.scripts)
    text = doc.target
    if pattern.search("".join(_distinct(doc, ctx))) is None:
        # A foreign letter alone is a run: none among the text's distinct characters
        # means no run in the text, decided in half the time of scanning it.
        return
    hits: list[Hit] = []
    foreign_letters = 0
    foreign_scripts: dict[str, None] = {}  # in order of first use
    for m in pattern.finditer(text):
        start, end = m.span()
        if (start > 0 and own.match(text, start - 1)) or (end < len(text) and own.match(text, end)):
            continue
        run = m.group()
        scripts = _scripts_of(run)
        if scripts == ["Greek"] and max(len(w) for w in re.findall(r"\w+", run)) < 2:
            continue
        if run in allowed:
            continue
        foreign_letters += len(run) - sum(map(run.count, " -'’"))  # letters and marks
        foreign_scripts.update(dict.fromkeys(scripts))
        hits.append(
            Hit(
                start,
                end,
                f"{' and '.join(scripts)} text in this {lang.name} document: "
                f'"{run}"; translate or transliterate it',
            )
        )
    # The text's own letters counted as what removing them takes off (one string the
    # size of the text; a list of matches would hold an object per letter).
    if hits and foreign_letters > len(text) - len(own.sub("", text)):
        yield _mostly_foreign(hits, list(foreign_scripts), lang.name)
        return
    yield from hits


def _mostly_foreign(hits: list[Hit], foreign_scripts: list[str], language_name: str) -> Hit:
    """One finding for a document written mostly in another script (a Russian article
    checked as English, or one left untranslated) instead of one per run: the
    language the document is checked in is what to look at first."""
    first = hits[0]
    scripts = " and ".join(foreign_scripts)
    runs = f"{len(hits)} runs, the first marked here" if len(hits) > 1 else "marked here"
    return Hit(
        first.start,
        first.end,
        f"most of this {language_name} document is {scripts} text ({runs}): is its target "
        "language right (--target-lang)? If it is, translate the text",
    )


@cache
def _foreign_pattern(own_scripts: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of words in scripts other than ``own_scripts``, and a letter of those.

    A run is ``word(?:[ \\-'’]+word)*`` with ``word = letter(?:letter|mark)*``; it is
    written with the foreign letter once, as "no separator first, then pieces of separators,
    a letter and marks", because compiling that letter (every code point of a dozen scripts)
    is what made this check's set-up cost milliseconds per process: four copies took
    about 8 ms, one takes a quarter. Separators, letters and marks are disjoint, so both
    forms match the same language and, being greedy, the same (longest) run from the same
    start; ``tests/test_foreign_pattern.py`` compares them on every code point and on text.
    """
    foreign = letters_of(tuple(name for name in known_scripts() if name not in own_scripts))
    separators = "[ \\-'’]"
    run = f"(?!{separators})(?:{separators}*{foreign}[{_MARKS}]*)+"
    return re.compile(run), re.compile(letters_of(own_scripts))


def _scripts_of(run: str) -> list[str]:
    return list(dict.fromkeys(s for s in map(script_of_char, run) if s))


@check(
    code="A009",
    name="artifacts.mixed-script-word",
    severity=Severity.MINOR,
    category=Category.FLUENCY,
    bad="The talks in Gеneva (with a Cyrillic е) began.",
    good="The talks in Geneva began.",
    fixable=True,
)
def mixed_script_word(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A word typed in two alphabets: a Cyrillic е inside Latin Geneva, or the reverse.

    Look-alike letters pass a proofreader's eye but break search, sorting and
    spell-checking. When every stray letter has a look-alike in the word's main
    script, the suggestion is the word in that script alone. A word with encoding
    damage is judged as it reads once repaired, and the suggestion repairs it too.
    """
    text = doc.target
    damaged = _damaged(doc, ctx)
    for start, end in _mixed_words(text, "".join(_distinct(doc, ctx))):
        if not any(s <= start < e for s, e in damaged):
            yield from _mixed_hit(text[start:end], start, end)
    for start, end in damaged:  # judged as they read once the encoding is repaired
        yield from _mixed_hit(text[start:end], start, end, repaired(text[start:end]))


def _mixed_hit(word: str, start: int, end: int, reading: str | None = None) -> Iterator[Hit]:
    classes = _cased_script_classes()
    reading = word if reading is None else reading
    fixed, mixed = [], []
    pos = 0
    for s, e in _mixed_words(reading):
        part = reading[s:e]
        by_script = {name: sum(1 for c in part if rx.match(c)) for name, rx in classes.items()}
        present = [name for name, n in by_script.items() if n]
        main = max(present, key=lambda name: by_script[name])
        if (
            "Greek" in present
            and main != "Greek"
            and not all(c in homoglyphs("Greek") for c in part if classes["Greek"].match(c))
        ):
            continue  # a Greek symbol inside a Latin word (ΔT, μg), not a look-alike
        mixed.append((part, present))
        fixed += [reading[pos:s], _in_one_script(part, main, classes)]
        pos = e
    if not mixed:
        return
    part, present = mixed[0]
    suggestion = None if None in fixed else "".join(fixed) + reading[pos:]  # type: ignore[arg-type]
    yield Hit(start, end, f'"{part}" mixes {" and ".join(present)} letters', suggestion=suggestion)


def _repairs(doc: Document, ctx: CheckContext) -> list[tuple[int, int, str]]:
    """``repairs(doc.target)``, worked out once per document for the checks that
    repair encoding damage or leave it to the one that does (A005, A007, A009): each
    looked for it in the whole text on its own. Never changed by a caller."""
    return ctx.shared(("artifacts.repairs",), lambda: repairs(doc.target))


def _damaged(doc: Document, ctx: CheckContext) -> list[tuple[int, int]]:
    """``_damaged_words(doc.target)``, worked out once per document (A005, A009)."""
    return ctx.shared(
        ("artifacts.damaged-words",), lambda: _damaged_words(doc.target, _repairs(doc, ctx))
    )


def _damaged_words(
    text: str, found: list[tuple[int, int, str]] | None = None
) -> list[tuple[int, int]]:
    """Spans of the words that hold encoding damage: the damaged run and the letters
    around it (a mark such as ``;`` ends the word, as it ends a word for the reader).
    ``found``: ``repairs(text)``, when known."""
    spans: list[tuple[int, int]] = []
    for start, end, _ in repairs(text) if found is None else found:
        while start > 0 and _in_word(text[start - 1]):
            start -= 1
        while end < len(text) and _in_word(text[end]):
            end += 1
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _in_word(ch: str) -> bool:
    # A space (a no-break space too) ends the word even where damage could hold one.
    return ch.isalnum() or (not ch.isspace() and bool(MOJIBAKE_RUN.match(ch)))


_CASED = ("Latin", "Cyrillic", "Greek")


@cache
def _cased_script_classes() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(letters_of((name,))) for name in _CASED}


@cache
def _mixed_word_pattern() -> re.Pattern[str]:
    """A word with two letters of different cased scripts side by side (so any mixed word)."""
    pairs = [(a, b) for a in _CASED for b in _CASED if a != b]
    return re.compile("|".join(letters_of((a,)) + letters_of((b,)) for a, b in pairs))


def _mixed_words(text: str, letters: str | None = None) -> Iterator[tuple[int, int]]:
    """Spans of the words of ``text`` that hold letters of two cased scripts.

    ``letters``: the distinct characters of ``text`` (in any order), when known: the
    test for the scripts present reads them instead of the whole text."""
    sample = text if letters is None else letters
    if sum(1 for rx in _cased_script_classes().values() if rx.search(sample)) < 2:
        return  # one cased script in the whole text (or none): no word can mix two
    last_end = -1
    for m in _mixed_word_pattern().finditer(text):
        if m.start() < last_end:
            continue
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        last_end = end
        yield start, end


def _in_one_script(word: str, main: str, classes: dict[str, re.Pattern[str]]) -> str | None:
    out = []
    for c in word:
        if classes[main].match(c) or not any(rx.match(c) for rx in classes.values()):
            out.append(c)
            continue
        replacement = _look_alike(c, main)
        if replacement is None:
            return None
        out.append(replacement)
    return "".join(out)


def _look_alike(ch: str, script: str) -> str | None:
    for other in ("Cyrillic", "Greek"):
        table = homoglyphs(other)
        if script == "Latin" and ch in table:
            return table[ch]
        if script == other:
            inverse = {latin: foreign for foreign, latin in table.items()}
            if ch in inverse:
                return inverse[ch]
    return None
