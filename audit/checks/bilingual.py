"""Source–target checks: what only a comparison with the source shows.

Each check walks ``ctx.pairs`` (file units, or aligned sentences of a whole-article
pair; see :mod:`audit.pairs`) and stays silent for documents without a source.
In aligned articles, what a source sentence holds is looked for in its aligned
target and that target's neighbours (translators move a number or a name across a
sentence boundary), and links whose alignment is unsure are skipped by the checks
that judge lengths or missing sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from audit.document import Document, Span
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lazypattern import LazyPattern

if TYPE_CHECKING:
    from audit.engine.context import CheckContext
    from audit.lang.numbers import Number, Reading
    from audit.pairs import Pair

# audit.pairs (alignment), audit.lang.numbers and audit.lang.identify are imported
# inside the checks: a target-only run (a pre-publish hook) never needs them.

MIN_CONFIDENCE = 0.5  # aligned links below this are not judged by length or omission


def _bilingual(doc: Document) -> bool:
    return bool(doc.source and doc.source.strip())


# --- B001 key terms ---------------------------------------------------------------


@check(
    code="B001",
    name="bilingual.key-term-mismatch",
    severity=Severity.MAJOR,
    category=Category.TERMINOLOGY,
    bad="source: التقى خليفة حفتر بالمبعوث. / target: Khalifa Hifter met the envoy.",
    good="source: التقى خليفة حفتر بالمبعوث. / target: Khalifa Haftar met the envoy.",
)
def key_term_mismatch(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A glossary term in the source segment whose accepted form is missing from the translation.

    The glossary's ``source`` forms are looked up in the source (Arabic normalized:
    hamza and alef forms, ta marbuta, alef maqsura, diacritics, tatweel, the article
    and proclitics); the canonical or a short form must then appear in the aligned
    target. The finding sits on the source term; a variant spelling found instead is
    named in the message (names.non-canonical-variant reports it in the target too).
    """
    if not _bilingual(doc) or not ctx.source_matches:
        return
    from audit.pairs import inside

    targets = ctx.glossary_matches
    for pair in ctx.pairs:
        window = (
            pair.window
            if pair.confidence >= MIN_CONFIDENCE or not pair.aligned
            else Span(0, len(doc.target))
        )
        found = inside(targets, window)
        accepted = {m.entry.id for m in found if m.form.accepted}
        for sm in inside(ctx.source_matches, pair.source):
            if sm.entry.id in accepted:
                continue
            variants = [doc.target[m.start : m.end] for m in found if m.entry.id == sm.entry.id]
            forms = " / ".join(f'"{f}"' for f in sm.entry.accepted)
            instead = f'; it has "{variants[0]}" instead' if variants else ""
            yield Hit(
                sm.start,
                sm.end,
                f'"{doc.source[sm.start : sm.end]}" ({sm.entry.canonical}) is in the source, '  # type: ignore[index]
                f"but the translation lacks {forms}{instead}",
                side="source",
                segment=pair.id,
                entity=sm.entry.id,
            )


# --- B002 numbers -----------------------------------------------------------------


@check(
    code="B002",
    name="bilingual.number-mismatch",
    severity=Severity.MAJOR,
    category=Category.ACCURACY,
    bad="source: قتل ١٥ شخصا / target: 16 people were killed",
    good="source: قتل ١٥ شخصا / target: 15 people were killed",
)
def number_mismatch(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A number in the source that the translation lacks, or one in the translation that the source lacks.

    Numbers compare by value across digit systems (Western, Arabic-Indic, Persian),
    thousands separators and decimal commas (``1,500`` = ``١٬٥٠٠`` = ``1.500`` in German);
    ``5 million`` matches ``5,000,000``; small numbers spelled out (three, ثلاثة) match
    digits. A changed number is reported once, on the target, with the source value.
    """
    if not _bilingual(doc):
        return
    from audit.lang.numbers import Reading

    source, target = doc.source or "", doc.target
    # Number words are looked up only in the pairs that hold a number in digits: only
    # such a number is ever required, the words only match one. An aligned article
    # has its words read at once (the windows around its links overlap).
    aligned = ctx.alignment is not None
    src_read = Reading(source, words_at_once=aligned)
    tgt_read = Reading(target, words_at_once=aligned)
    if not src_read.any_figures and not tgt_read.any_figures:
        return
    for pair in ctx.pairs:
        if not src_read.has_figures(pair.source) and not tgt_read.has_figures(pair.target):
            continue  # most units hold no number: nothing is missing, nothing extra
        if not any(_mismatched(pair, src_read, tgt_read, words=False)[2:]):
            # All match without the number words, so with them too (see _mismatched):
            # the words are not looked up (most pairs with numbers).
            continue
        src, tgt, missing, extra = _mismatched(pair, src_read, tgt_read)
        for s, t in zip(missing, extra):
            yield Hit(
                t.start,
                t.end,
                f'"{target[t.start : t.end]}" does not match the source, which has '
                f'"{source[s.start : s.end]}"',
                side="target",
                segment=pair.id,
            )
        for t in extra[len(missing) :]:
            if _counted(target, t) or _repeated(t, tgt):
                continue
            yield Hit(
                t.start,
                t.end,
                f'"{target[t.start : t.end]}" is not in the source',
                side="target",
                segment=pair.id,
            )
        for s in missing[len(extra) :]:
            if _counted(source, s) or _repeated(s, src):
                continue
            yield Hit(
                s.start,
                s.end,
                f'"{source[s.start : s.end]}" from the source is missing in the translation',
                side="source",
                segment=pair.id,
            )


def _mismatched(
    pair: Pair, src_read: Reading, tgt_read: Reading, *, words: bool = True
) -> tuple[list[Number], list[Number], list[Number], list[Number]]:
    """The pair's numbers (source, target) and those unmatched: missing from the
    target, extra in it; a number moved across a sentence boundary of an aligned pair
    matches in the window around it. ``words=False`` leaves the number words out.

    Each number of ``wanted`` takes the first free one of ``pool`` it matches
    (:func:`_unmatched`). Adding numbers to the pool never leaves a number unmatched
    that was matched without them: the first free match it had is still free, as
    every pool number taken by the numbers before it with the additions was taken by
    one of them without (by induction over ``wanted``). Taking numbers out of
    ``wanted`` likewise frees pool numbers, and the words only take out (an imperial
    quantity restated in words, :func:`_required`). So what is unmatched with the
    words is part of what is unmatched without them: a pair with nothing unmatched
    without the words has nothing unmatched with them."""
    src = src_read.within(pair.source, words=words)
    tgt = tgt_read.within(pair.target, words=words)
    missing = _unmatched(_required(src), tgt)
    extra = _unmatched(_required(tgt), src)
    if pair.aligned:  # moved across a sentence boundary?
        if missing:
            missing = _unmatched(missing, tgt_read.within(pair.window, words=words))
        if extra:
            extra = _unmatched(extra, src_read.within(pair.source_window, words=words))
    return src, tgt, missing, extra


# Chinese, Japanese and Korean count things with a number and a counter (もう1台 "another
# one", 2つに割れる "divided", 3年生 "a junior", 1名 "a person"), where English says it
# with an article or a word.
_COUNTER = re.compile(r"\s?[つ台人年回個名件位番次个种項项条條本枚匹头頭번개명년회가권장위등부]")


def _repeated(n: Number, numbers: list[Number]) -> bool:
    """The same number said again in the same segment ("the 12th district ... the 12th
    overlaps"): a translation that says it once, or refers back to it, lost nothing."""
    return any(m is not n and not m.spelled and m.values == n.values for m in numbers)


def _counted(text: str, n: Number) -> bool:
    """A lone 1, 2 or 3 with a CJK counter after it: the other text says it in words."""
    return n.values <= {"1", "2", "3"} and _COUNTER.match(text, n.end) is not None


def _required(numbers: list[Number]) -> list[Number]:
    """The numbers a translation must carry: not spelled-out ones, and not an imperial
    quantity the same text restates in metric (``45 miles (72 kilometers)``), which a
    translator rightly gives once."""
    return [
        n
        for n in numbers
        if not n.spelled
        and not (n.metric and any(m is not n and not m.metric and n.matches(m) for m in numbers))
    ]


def _unmatched(wanted: list[Number], pool: list[Number]) -> list[Number]:
    """The numbers of ``wanted`` left over when each takes the first number of ``pool``
    still free that it matches (:meth:`Number.matches`).

    Pool numbers are indexed by value, with a pointer per value that only moves
    forward, so the cost is linear in the numbers (a scan of the whole pool per number
    was quadratic on a segment of thousands of numbers). Only quantities in units,
    which may match by conversion, are compared one by one; they are few."""
    if not wanted:
        return []
    used = [False] * len(pool)
    by_value: dict[str, list[int]] = {}
    for i, m in enumerate(pool):
        for v in m.values:
            by_value.setdefault(v, []).append(i)
    heads = dict.fromkeys(by_value, 0)
    converted = [i for i, m in enumerate(pool) if m.metric]  # may match by conversion
    out = []
    for n in wanted:
        best: int | None = None
        for v in n.values:
            ids = by_value.get(v)
            if not ids:
                continue
            h = heads[v]
            while h < len(ids) and used[ids[h]]:
                h += 1
            heads[v] = h
            if h < len(ids) and (best is None or ids[h] < best):
                best = ids[h]
        candidates = converted if not n.metric else range(len(pool))
        for i in candidates:
            if best is not None and i >= best:
                break
            if not used[i] and n.matches(pool[i]):
                best = i
                break
        if best is None:
            out.append(n)
        else:
            used[best] = True
    return out


# --- B003 untranslated ------------------------------------------------------------

_WORDS = re.compile(r"[^\W\d_]{2,}")


@check(
    code="B003",
    name="bilingual.untranslated",
    severity=Severity.MAJOR,
    category=Category.ACCURACY,
    bad="source: Talks resume in Geneva on Monday. / target: Talks resume in Geneva on Monday.",
    good="source: Talks resume in Geneva on Monday. / target: Les pourparlers reprennent lundi à Genève.",
)
def untranslated(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A segment whose translation is the source itself, or is written in the source language.

    Identical text counts from two different words up (a lone name or code, or "No, no,
    no." may rightly stay).
    The language is told by script when the two languages' scripts differ (Arabic
    left in an English target) and otherwise by py3langid, on segments of 40
    characters or more, when it is at least 95% sure.
    """
    if not _bilingual(doc):
        return
    from audit.lang.identify import primary, script_of_language

    source = _SourceLanguage(doc.source or "", primary(doc.source_lang))
    target_lang = primary(doc.target_lang)
    target_script = script_of_language(target_lang)
    for pair in ctx.pairs:
        if pair.source is None or pair.target is None or not len(pair.target):
            continue
        src, tgt = (
            (doc.source or "")[pair.source.start : pair.source.end],
            doc.target[pair.target.start : pair.target.end],
        )
        if _same_text(src, tgt):
            if len({w.casefold() for w in _WORDS.findall(tgt)}) >= 2:  # not "No, no, no."
                span = _trimmed(doc.target, pair.target)
                yield Hit(
                    span.start,
                    span.end,
                    "the translation is identical to the source",
                    segment=pair.id,
                )
            continue
        if target_lang and _in_source_language(tgt, src, source, target_lang, target_script):
            span = _trimmed(doc.target, pair.target)
            yield Hit(
                span.start,
                span.end,
                f"this translation is in the source language ({source.lang}), not {target_lang}",
                segment=pair.id,
            )


def _same_text(source: str, target: str) -> bool:
    """The two texts are one, but for case and spacing.

    No character folds to whitespace and case-folding reads one character at a time,
    so the joined and folded texts are equal exactly when their whitespace-separated
    parts are as many and equal one by one once folded: the first parts are compared
    first (most translations differ there), then the counts, and only texts alike in
    both are joined and case-folded."""
    src_first, tgt_first = source.split(None, 1), target.split(None, 1)
    if src_first[:1] != tgt_first[:1] and (
        not src_first or not tgt_first or src_first[0].casefold() != tgt_first[0].casefold()
    ):
        return False
    src, tgt = source.split(), target.split()
    return len(src) == len(tgt) and " ".join(src).casefold() == " ".join(tgt).casefold()


class _SourceLanguage:
    """The source language as the file or --source-lang says, else guessed from the
    source text, but only when a segment needs it: guessing may mean loading the
    language model, while the source's script, which most segments need alone, is a
    count of letters."""

    def __init__(self, text: str, known: str):
        self._text = text
        self._known = known

    @cached_property
    def lang(self) -> str:
        from audit.lang.identify import guess_language, primary

        return self._known or primary(guess_language(self._text) or "")

    @cached_property
    def script(self) -> str | None:
        from audit.lang.identify import main_script, script_of_language

        if self._known:
            return script_of_language(self._known)
        script = main_script(self._text)
        # A script no known language is written in: the guessed language's says which.
        return script_of_language(self.lang) if script == "Other" else script


def _in_source_language(
    text: str, source_text: str, source: _SourceLanguage, target_lang: str, target_script: str
) -> bool:
    """True when ``text`` (the translation of ``source_text``) is written in the source
    language; ``target_script`` is that of ``target_lang`` (found once per document)."""
    from audit.lang.identify import identify, script_shares

    if source.script is None:
        return False
    if source.script != target_script:
        if not _letter_of(source.script).search(text):
            return False  # no letter of the source's script (most translations): share 0
        letters, shares = script_shares(text)
        if letters < 8 or shares.get(source.script, 0.0) < 0.6:
            return False
        return bool(source.lang) and source.lang != target_lang
    if (
        len(text.strip()) < 40
        or not _shares_words(text, source_text)
        or script_shares(text)[0] < 30
    ):
        return False
    if not source.lang or source.lang == target_lang:
        return False
    found, prob = identify(text, (source.lang, target_lang))
    return found == source.lang and prob >= 0.95


@lru_cache(maxsize=64)
def _letter_of(script: str) -> re.Pattern[str]:
    """One letter of ``script``, by the code-point ranges :func:`script_of_char` reads:
    a text this never matches has no letter :func:`script_shares` counts for it."""
    from audit.lang.profiles import letters_of

    return re.compile(letters_of((script,)))


_QUICK_SOURCE_CHARS = 1000  # sources up to this long get the quick count (_shares_words)


def _shares_words(text: str, source: str) -> bool:
    """At least half of the words of ``text`` occur in ``source``: the most a text left in
    the source language can differ from it (a translation into a language of the same
    script shares far fewer), so the language model is asked only about such texts."""
    words = _WORDS.findall(text)
    if not words:
        return False
    folded = list(map(str.casefold, words))  # map and sum: no Python loop
    # A quick count first: a word of the source, folded, is part of the folded source
    # (case folding reads one character at a time, free of context), so the words
    # found in it are at least those the source has. Most translations fall short of
    # half even so (114 of 5,981 /tmp/po1 segments in a same-script pair pass), and
    # the source's words are not listed. Each test reads the source, so only a
    # segment's source is read so (a whole article would make it quadratic).
    if len(source) <= _QUICK_SOURCE_CHARS:
        whole = source.casefold()
        if 2 * sum(map(whole.__contains__, folded)) < len(words):
            return False
    known = set(map(str.casefold, _WORDS.findall(source)))
    return 2 * sum(map(known.__contains__, folded)) >= len(words)


def _trimmed(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


# --- B004 omission ----------------------------------------------------------------


@check(
    code="B004",
    name="bilingual.omission",
    severity=Severity.MAJOR,
    category=Category.ACCURACY,
    bad="source: Talks resume on Monday. Both delegations will attend. / target: Les pourparlers reprennent lundi.",
    good="source: Talks resume on Monday. Both delegations will attend. / "
    "target: Les pourparlers reprennent lundi. Les deux délégations y assisteront.",
)
def omission(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A source segment or sentence with no translation.

    In a bilingual file, a unit whose target is empty or missing (in XLIFF whatever its
    ``state``; in PO an empty ``msgstr``, which gettext's convention calls untranslated,
    is said so); a whole article whose translation is empty; in a whole-article pair, a
    source sentence of three words or more that the alignment leaves without a
    counterpart, when the alignment is sure of it. The finding sits on the source.
    """
    if not _bilingual(doc):
        return
    if not doc.segments and not doc.target.strip():  # a JSON Lines "target": "", an empty file
        span = _trimmed(doc.source or "", Span(0, len(doc.source or "")))
        yield Hit(span.start, span.end, "the translation is empty", side="source")
        return
    if ctx.alignment is not None and not ctx.alignment.reliable:
        return
    po = doc.path.lower().endswith((".po", ".pot"))
    for pair in ctx.pairs:
        if pair.source is None or not doc.source[pair.source.start : pair.source.end].strip():  # type: ignore[index]
            continue
        if pair.target is not None and doc.target[pair.target.start : pair.target.end].strip():
            continue  # translated (most pairs): the source's span is not needed
        span = _trimmed(doc.source or "", pair.source)
        if pair.aligned and (
            pair.confidence < MIN_CONFIDENCE
            or len(_WORDS.findall((doc.source or "")[span.start : span.end])) < 3
        ):
            continue
        yield Hit(
            span.start,
            span.end,
            "this source sentence has no translation"
            if pair.aligned
            else "untranslated entry: its msgstr is empty (gettext shows the msgid)"
            if po
            else "this segment has no translation",
            side="source",
            segment=pair.id,
        )
    yield from _merged_omissions(doc, ctx)


def _merged_omissions(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A source sentence hidden in a 2-1 link: the target fits the other sentence alone.

    Length-based alignment pairs a dropped sentence with its neighbour when that is
    cheaper than leaving it alone. If the target's length (at the document's median
    ratio over one-to-one links, or the language pair's in a short document) fits the link's source without one sentence far
    better than with it, and none of that sentence's numbers is in the target, that
    sentence is reported, as minor.
    """
    from audit.align import length_fit
    from audit.lang.numbers import find_numbers
    from audit.lang.sentences import unpunctuated

    alignment = ctx.alignment
    if alignment is None:
        return
    source = doc.source or ""
    one_to_one = sorted(
        len(x.target) / len(x.source)  # type: ignore[arg-type]
        for x in alignment.links
        if x.source_sentences == 1 and x.target_sentences == 1 and len(x.source or ()) >= 20
    )
    ratio = (
        one_to_one[len(one_to_one) // 2]
        if len(one_to_one) >= 3
        else _pair_ratio(doc) or alignment.ratio
    )
    for link in alignment.links:
        if (
            len(link.source_parts) < 2
            or link.target is None
            or link.target_sentences >= link.source_sentences
        ):
            continue
        if unpunctuated(doc.target[link.target.start : link.target.end]):
            continue  # Thai: the target's sentences are unknown, so is what fits them
        lt = len(link.target)
        total = sum(len(p) for p in link.source_parts)
        fit_all = length_fit(total, lt, ratio)
        target_numbers = find_numbers(doc.target, link.target.start, link.target.end)
        for part in link.source_parts:
            fit_rest = length_fit(total - len(part), lt, ratio)
            if (
                fit_rest < 0.3
                or fit_rest < 2.5 * fit_all
                or len(_WORDS.findall(source[part.start : part.end])) < 5
            ):
                continue
            numbers = [n for n in find_numbers(source, part.start, part.end) if not n.spelled]
            if _unmatched(numbers, target_numbers) != numbers:
                continue
            yield Hit(
                part.start,
                part.end,
                "this source sentence seems to have no translation (the aligned "
                "translation fits the rest of the passage)",
                side="source",
                segment=str(link.index),
                severity=Severity.MINOR,
            )


# --- B005 length ratio ------------------------------------------------------------


@check(
    code="B005",
    name="bilingual.length-ratio",
    severity=Severity.MINOR,
    category=Category.ACCURACY,
    bad="source: The talks, which had been suspended since February, resume in Geneva on Monday. / target: Talks resume.",
    good="source: The talks, which had been suspended since February, resume in Geneva on Monday. / "
    "target: Les pourparlers, suspendus depuis février, reprennent lundi à Genève.",
    options={"min": 0.5, "max": 2.0, "min-length": 40, "margin": 1.1},
)
def length_ratio(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A translation far shorter or longer than professional translation of its language pair ever is.

    English written from Chinese has about three times as many characters as its
    source, Chinese from English a third: what is normal depends on the pair. The
    expected ratios come from professional news translation (NTREX-128, 18 languages,
    every pair; see :mod:`audit.lang.length_ratios`), per band of source length. A
    segment is reported when its ratio is outside its band's 0.5th–99.5th percentile
    widened by ``margin`` and also under ``min`` or over ``max`` times the band's
    median, and the longer side has at least ``min-length`` characters. A pair with no
    data is said once (info), never judged segment by segment. Target sentences that
    the alignment leaves without a source are not reported: on real news they were
    alignment slips far more often than additions.
    """
    if not _bilingual(doc) or (ctx.alignment is not None and not ctx.alignment.reliable):
        return
    from audit.lang.length_ratios import pair_ratios

    source_lang = _source_lang(doc)
    table = pair_ratios(source_lang, doc.target_lang)
    if table is None:
        first = next((p.target for p in ctx.pairs if p.target is not None), None)
        at = first.start if first is not None else 0
        yield Hit(
            at,
            at,
            f"no length-ratio data for {source_lang or 'an unknown source language'} → "
            f"{doc.target_lang}: segment lengths are not judged",
            severity=Severity.INFO,
        )
        return
    low, high = ctx.option("B005", "min", 0.5), ctx.option("B005", "max", 2.0)
    margin = ctx.option("B005", "margin", 1.1)
    min_length = ctx.option("B005", "min-length", 40)
    source = doc.source or ""
    for pair in ctx.pairs:
        if pair.target is None:
            continue
        # lengths without the spaces around (str.strip strips what _trimmed does)
        lt = len(doc.target[pair.target.start : pair.target.end].strip())
        if not lt:
            continue
        if pair.aligned and pair.confidence < MIN_CONFIDENCE:
            continue
        if pair.source is None:
            continue  # an unaligned target sentence is more often an alignment slip than an addition
        ls = len(source[pair.source.start : pair.source.end].strip())
        if max(ls, lt) < min_length or not ls:
            continue
        band = table.band(ls)
        ratio = lt / ls
        relative = ratio / band.median
        if band.low / margin <= ratio <= band.high * margin or low <= relative <= high:
            continue
        what = "shorter" if relative < 1 else "longer"
        span = _trimmed(doc.target, pair.target)
        yield Hit(
            span.start,
            span.end,
            f"the translation is {relative if relative >= 1 else 1 / relative:.1f}× {what} "
            f"than {table.source_lang}→{table.target_lang} translation usually is for a "
            "source of this length",
            segment=pair.id,
            extra={"ratio": round(relative, 2)},
        )


def _source_lang(doc: Document) -> str | None:
    """The source language as the file says, else guessed from the source text among
    the languages the length table knows (a PO file does not say): by script where
    that decides it, else from the text's first 300 characters, which tell these
    languages apart and cost a fraction of a whole-text guess on every document."""
    if doc.source_lang:
        return doc.source_lang
    from audit.lang.identify import identify, main_script

    source = doc.source or ""
    script = main_script(source[:2000])
    same = _table_languages_written_in(script)
    if len(same) <= 1:
        return same[0] if same else None
    if script == "Arabic":  # told apart by letters, as audit.lang.identify does
        from audit.lang.identify import guess_language

        return guess_language(source[:2000])
    return identify(source[:300], same)[0]


@lru_cache(maxsize=64)
def _table_languages_written_in(script: str | None) -> tuple[str, ...]:
    """The languages of the length table written in ``script``, sorted: the same for
    every document of a script, so found once (not once per document)."""
    from audit.lang.identify import script_of_language
    from audit.lang.length_ratios import known_languages

    return tuple(sorted(x for x in known_languages() if script_of_language(x) == script))


def _pair_ratio(doc: Document) -> float | None:
    from audit.align import expected_ratio

    return expected_ratio(doc.source_lang, doc.target_lang)


# --- B006 parity of non-translatable items ----------------------------------------


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    kind: str
    key: str


# URLs, addresses and handles are ASCII here: in Chinese or Japanese text they are
# written straight against the words around them (发邮件给jo@samaritans.org，).
_PLACEHOLDER_ALTERNATIVE = (
    r"\{\{[^{}]+\}\}|\{[\w.:-]*\}|\$\{\w+\}|%\d+\$[sd@]"
    r"|%(?:\(\w+\))?[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]"
    r"|\{\w+,\s*\w+(?:,(?:[^{}]|\{[^{}]*\})*)?\}"  # ICU: {n, number}, {n, plural, one {#} other {#}}
)
_PARITY = re.compile(
    r"(?P<url>\b(?:https?://|www\.)[!#-;=?-~]+[A-Za-z0-9/#=_~-])"
    r"|(?P<email>(?<![A-Za-z0-9.+_-])[A-Za-z0-9.+_-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
    r"|(?P<tag></?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>)"
    rf"|(?P<placeholder>{_PLACEHOLDER_ALTERNATIVE})"
    r"|(?P<handle>(?<![A-Za-z0-9_.@])@[A-Za-z0-9_]{1,30})"
    r"|(?P<hashtag>(?<![\w&#])#[^\W\d_]\w*)"
)
_TAG_PARTS = re.compile(r"<(/?)([\w:.-]+)(?:[^<>]*?\bid=\"([^\"]*)\")?")
_KIND_NAMES = {
    "url": "URL",
    "email": "e-mail address",
    "tag": "tag",
    "placeholder": "placeholder",
    "handle": "@handle",
    "hashtag": "hashtag",
}


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Where the placeholders (printf, Python, .NET, ICU, templates) are in ``text``."""
    if not any(mark in text for mark in _PLACEHOLDER_MARKS):
        return []  # a text with a URL, a tag or a handle but no placeholder is not scanned
    if not _PLACEHOLDER.search(text):
        return []  # "50 %", "$5": a mark but no placeholder (most texts that have one)
    return [m.span() for m in _PARITY.finditer(text) if m.lastgroup == "placeholder"]


# Every placeholder of _PARITY starts with one of these.
_PLACEHOLDER_MARKS = ("{", "$", "%")
# _PARITY's placeholder alternative alone: where _PARITY finds a placeholder, this
# matches (the alternatives before it failed there), so a text where it finds nothing
# holds no placeholder; searched from its marks, it costs a fraction of the whole
# alternation, which is tried at every character.
_PLACEHOLDER = LazyPattern(_PLACEHOLDER_ALTERNATIVE)  # compiled when a text has a mark


# Every item above holds one of these: most segments hold none and are not scanned.
_ITEM_MARKS = ("@", "<", "{", "%", "#", "$", "://", "www.")


def _may_hold_items(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds one of :data:`_ITEM_MARKS`: substring tests,
    which cost a fifth of one alternation that the regular expression engine tries at
    every character."""
    part = text if start == 0 and end == len(text) else text[start:end]
    return any(mark in part for mark in _ITEM_MARKS)


def _items(text: str, span: Span | None) -> list[_Item]:
    if span is None or not _may_hold_items(text, span.start, span.end):
        return []
    out = []
    for m in _PARITY.finditer(text, span.start, span.end):
        kind = m.lastgroup or ""
        value = m.group()
        if kind == "tag":
            parts = _TAG_PARTS.match(value)
            key = (
                f"<{parts.group(1)}{parts.group(2).lower()} {parts.group(3) or ''}>"
                if parts
                else value
            )
        elif kind in ("url", "email", "handle"):
            key = value.lower().rstrip("/")
        elif kind == "placeholder" and "," in value:  # ICU: the argument and its type
            key = "{" + ",".join(p.strip() for p in value[1:].split(",")[:2]) + "}"
        else:
            key = value
        out.append(_Item(m.start(), m.end(), kind, key))
    return out


@check(
    code="B006",
    name="bilingual.parity",
    severity=Severity.MAJOR,
    category=Category.MARKUP,
    bad="source: Hello {name}, see https://example.org / target: Bonjour, voir https://example.org",
    good="source: Hello {name}, see https://example.org / target: Bonjour {name}, voir https://example.org",
)
def parity(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A placeholder, tag, URL, e-mail address, hashtag or @handle on one side only.

    Placeholders (``{name}``, ``%s``, ``%(n)d``, ``{{x}}``) and tags (compared by name
    and ``id``) break software when lost; URLs, addresses and handles must survive
    translation unchanged. Hashtags are often translated, so they are reported as minor.
    """
    if not _bilingual(doc):
        return
    source = doc.source or ""
    if not _may_hold_items(source, 0, len(source)) and not _may_hold_items(
        doc.target, 0, len(doc.target)
    ):
        return  # no item on either side (most texts): nothing can be one-sided
    for pair in ctx.pairs:
        src, tgt = _items(doc.source or "", pair.source), _items(doc.target, pair.target)
        if not src and not tgt:
            continue  # only the items of the pair itself are reported
        src_window = _items(doc.source or "", pair.source_window) if pair.aligned else src
        tgt_window = _items(doc.target, pair.window) if pair.aligned else tgt
        src_keys = Counter((i.kind, i.key) for i in src_window)
        tgt_keys = Counter((i.kind, i.key) for i in tgt_window)
        yield from _one_sided(tgt, src_keys, "target", pair.id, doc.target)
        yield from _one_sided(src, tgt_keys, "source", pair.id, doc.source or "")


def _one_sided(
    items: list[_Item], other: Counter[tuple[str, str]], side: str, segment: str, text: str
) -> Iterator[Hit]:
    seen: Counter[tuple[str, str]] = Counter()
    for item in items:
        key = (item.kind, item.key)
        seen[key] += 1
        if seen[key] <= other[key]:
            continue
        where = "the source" if side == "target" else "the translation"
        minor = item.kind == "hashtag"
        yield Hit(
            item.start,
            item.end,
            f'{_KIND_NAMES[item.kind]} "{text[item.start : item.end]}" is not in {where}',
            side=side,
            segment=segment,
            severity=Severity.MINOR if minor else None,
        )
