"""Debris from scraped pages: embed identifiers and page chrome left in the text.

Machine translation of a web page carries along what the page showed around the
article: a video player's ID, UUIDs of embeds, file names, "Video" or "Read also"
labels. Readers see them at once; spell-checkers never do. A line made only of such
debris is reported once, with a suggestion that deletes the whole line; an identifier
inside prose is reported on its own.

Numbers that mean something are left alone: quantities (``150,000``), years, dates,
figures with units, ISBNs, phone numbers in contact lines and reference numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from audit.checks.lines import Line, removal_spans, text_lines
from audit.document import Document, Span
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang import arabic
from audit.lang.profiles import Language, language
from audit.lazypattern import LazyPattern

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_HASH = re.compile(r"[0-9a-f]{16,}|[0-9A-F]{16,}")
_MEDIA_EXTENSIONS = (
    r"(?:mp4|m4v|mov|avi|wmv|flv|webm|mkv|mp3|m4a|wav|ogg|m3u8|jpe?g|png|gif|webp|svg|bmp|tiff?)"
)
_MEDIA_FILE = re.compile(r"[\w%+-][\w.%+-]*\." + _MEDIA_EXTENSIONS, re.IGNORECASE)
_TRACKING_NAMES = (
    r"(?:utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|ref_src)"
)
_TRACKING_PARAMETER = re.compile(_TRACKING_NAMES + "=", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
# Something that may be an identifier: a quick test before a line is looked at closely
# (compiled only when used: _may_hold_identifier answers it from _CANDIDATE_PARTS).
_CANDIDATE = LazyPattern(
    r"\d{12}|[0-9a-fA-F]{16}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-|\."
    + _MEDIA_EXTENSIONS
    + r"\b|[?&]"
    + _TRACKING_NAMES,
    re.IGNORECASE,
)
# _CANDIDATE's alternatives as separate patterns, each of which the regex engine scans
# fast (from a literal or a character class, without trying five alternatives at every
# character); a text holds a match of one of them exactly when it holds one of _CANDIDATE.
# The UUID head is found from its hyphen, with the eight digits before it looked behind.
# A run is written as one character and the rest (\d\d{11}, not \d{12}): a pattern that
# starts with a class, not a repeat, lets the engine skip to the class's characters.
_CANDIDATE_PARTS = (
    re.compile(r"\d\d{11}"),
    re.compile(r"[0-9a-fA-F][0-9a-fA-F]{15}"),
    re.compile(r"-(?<=[0-9a-fA-F]{8}-)[0-9a-fA-F]{4}-"),
    re.compile(r"\." + _MEDIA_EXTENSIONS + r"\b", re.IGNORECASE),
    re.compile(r"[?&]" + _TRACKING_NAMES, re.IGNORECASE),
)
# The two costliest parts in one scan from a digit (digits are rare in prose): an ID of
# twelve ASCII digits, or sixteen hex digits around a digit, the digit k-th among them
# (a hash identifier_kind accepts holds a digit). Together with the three cheap parts
# it is true of every text holding an identifier A002 reports, and of fewer texts than
# _CANDIDATE (not of a hash without a digit, nor of Arabic-Indic digits).
_HEX = "[0-9a-fA-F]"
_IDENTIFIER_DIGITS = LazyPattern(
    "[0-9](?:[0-9]{11}|"
    + "|".join(f"(?<={_HEX}{{{k + 1}}}){_HEX}{{{15 - k}}}" for k in range(15))
    + f"|(?<={_HEX}{{16}}))"
)


def _may_hold_identifier(text: str) -> bool:
    """Whether ``text`` may hold an identifier A002 reports: a quick test before a text
    or a line is looked at closely (see _IDENTIFIER_DIGITS)."""
    return _IDENTIFIER_DIGITS.search(text) is not None or any(
        p.search(text) for p in _CANDIDATE_PARTS[2:]
    )


_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>,;:.!?"
_PUNCTUATION_ONLY = re.compile(r"[\W_]+")
# A digit run is an identifier from ten digits beside other identifiers on a debris
# line; alone on a line or inside a sentence, from twelve (phone numbers have up to 11).
_ID_DIGITS = 10
_LONE_ID_DIGITS = 12


# A NamedTuple, not a frozen dataclass: about 0.4 ms less to create in every process.
class _Token(NamedTuple):
    start: int
    end: int
    text: str


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    """Whitespace-separated tokens with surrounding punctuation stripped."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        left = len(word) - len(word.lstrip(_EDGE_PUNCTUATION))
        stripped = word.strip(_EDGE_PUNCTUATION)
        if stripped:
            start = offset + m.start() + left
            out.append(_Token(start, start + len(stripped), stripped))
    return out


def identifier_kind(token: str, min_digits: int = _ID_DIGITS) -> str | None:
    """What kind of identifier ``token`` is (``"UUID"``, ``"hash"``...), or None.

    URLs are not identifiers; their tracking parameters are reported on their own.

    A digit run counts only from ``min_digits`` digits, never with a leading zero or a
    plus sign (phone numbers) and never when it is a valid ISBN.
    """
    if token[:1] not in _HEX_DIGITS and "." not in token:
        return None  # most words: only a media file name starts with no hex digit
    return _kind(token, min_digits)


# The first character of a UUID, a hash and an ID number (and "" for an empty token).
_HEX_DIGITS = "0123456789abcdefABCDEF"


def _kind(token: str, min_digits: int) -> str | None:
    """:func:`identifier_kind` without its quick test."""
    if _UUID.fullmatch(token):
        return "UUID"
    if (
        _HASH.fullmatch(token)
        and any(c.isdigit() for c in token)
        and any(c.isalpha() for c in token)
    ):
        return "hash"
    if (
        token.isdigit()
        and token.isascii()
        and len(token) >= min_digits
        and token[0] != "0"
        and not is_isbn(token)
    ):
        return f"{len(token)}-digit ID"
    if _MEDIA_FILE.fullmatch(token):
        return "media file name"
    return None  # a URL, even with tracking parameters, may be a link the reader needs


def _without_tracking(url: str) -> tuple[int, int, str] | None:
    """``(start, end, replacement)`` that drops tracking parameters from a URL's query
    string, or None when it has none."""
    q = url.find("?")
    if q < 0:
        return None
    end = url.find("#", q)
    end = len(url) if end < 0 else end
    params = url[q + 1 : end].split("&")
    kept = [p for p in params if not _TRACKING_PARAMETER.match(p)]
    if len(kept) == len(params):
        return None
    return q, end, ("?" + "&".join(kept)) if kept else ""


def is_isbn(digits: str) -> bool:
    """True for a valid ISBN-10 (digits only) or ISBN-13 (978/979)."""
    if len(digits) == 13 and digits.startswith(("978", "979")):
        return sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    if len(digits) == 10:
        return sum(int(d) * (10 - i) for i, d in enumerate(digits)) % 11 == 0
    return False


def debris_line_kinds(line: str) -> list[str] | None:
    """The identifier kinds on a line made of nothing else, or None for any other line."""
    kinds = []
    for m in _TOKEN.finditer(line):  # most lines fail on their first word: stop there
        token = m.group().strip(_EDGE_PUNCTUATION)
        if not token or _PUNCTUATION_ONLY.fullmatch(token):
            continue
        kind = identifier_kind(token)
        if kind is None:
            return None
        kinds.append((token, kind))
    if len(kinds) == 1 and kinds[0][0].isdigit() and len(kinds[0][0]) < _LONE_ID_DIGITS:
        return None  # a lone ten- or eleven-digit number may be a phone number
    return [kind for _, kind in kinds] or None


def normalize_label(line: str) -> str:
    """A line reduced to the label it may be: case, bullets, trailing colons, counts
    and Arabic-script spelling variants (hamza forms, harakat, tatweel) ignored; the
    zero-width non-joiner of Persian counts as a space."""
    text = arabic.normalize(unicodedata.normalize("NFC", line).casefold().replace("\u200c", " "))
    text = re.sub(r"\s*(?:\(\d+\)|\d+\s*/\s*\d+|\d{1,2}:\d{2}(?::\d{2})?)$", "", text.strip())
    text = re.sub(r"^[\W_]+|[\s:：|»›>\-–—.…]+$", "", text)
    return " ".join(text.split())


def is_label_line(line: str, lang: Language) -> bool:
    return bool(line) and len(line) < 60 and normalize_label(line) in _normalized(lang.labels)


@cache
def _normalized(labels: frozenset[str]) -> frozenset[str]:
    return frozenset(normalize_label(label) for label in labels)


def _removable(lang: Language) -> Callable[[str], bool]:
    """Lines either debris check deletes: both must agree, so that their spans fit together."""
    return lambda line: debris_line_kinds(line) is not None or is_label_line(line, lang)


def _removal_spans(doc: Document, ctx: CheckContext, lang: Language) -> dict[Line, Span]:
    """The spans that delete the debris and label lines, worked out once per document
    for both checks (each line's test normalizes it: most of both checks' time)."""
    return ctx.shared(
        ("artifacts.removal-spans", lang.code), lambda: removal_spans(doc, _removable(lang))
    )


@check(
    code="A001",
    name="artifacts.debris-line",
    severity=Severity.MAJOR,
    category=Category.MARKUP,
    bad="6126630991001 bf9801bd-5cd0-414d-80b4-03d65c28c170   (a line of its own between paragraphs)",
    good="(the line deleted, paragraphs still one blank line apart)",
    fixable=True,
)
def debris_line(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A line made only of embed identifiers: player IDs, UUIDs, hashes, media file names.

    Such a line is the trace of a video or image embed on the source page; it means
    nothing to a reader. The whole line is one finding, and the suggestion deletes it
    without leaving an extra blank line. Long numbers that are quantities, years,
    ISBNs or phone numbers (leading zero or plus sign) are not identifiers.
    """
    lang = language(doc.target_lang)
    for line, span in _removal_spans(doc, ctx, lang).items():
        kinds = debris_line_kinds(line.text(doc).strip())
        if kinds:
            yield Hit(
                span.start,
                span.end,
                f"line of page debris ({_describe(kinds)}); delete the line",
                suggestion="",
            )


@check(
    code="A002",
    name="artifacts.identifier",
    severity=Severity.MAJOR,
    category=Category.MARKUP,
    bad="The talks began bf9801bd-5cd0-414d-80b4-03d65c28c170 on Monday.",
    good="The talks began on Monday.",
    fixable=True,
)
def inline_identifier(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """An embed identifier inside prose: a UUID, a long hash, an ID number, a media file name.

    Digit runs count from twelve digits (figures that long are written with separators),
    and not in contact lines (phone numbers) or after "No." or "ISBN". Tracking
    parameters (``?utm_source=...``) in a URL are reported with a suggestion that
    removes them; other identifiers need a person to decide what the sentence lost.
    """
    lang = language(doc.target_lang)
    if not _may_hold_identifier(doc.target):
        return
    for line in text_lines(doc.target):
        text = line.text(doc)
        if not _may_hold_identifier(text) or debris_line_kinds(text.strip()) is not None:
            continue  # artifacts.debris-line reports the whole line
        words = {w.strip(".:").casefold() for w in text.split()}
        contact_line = bool(words & lang.contact_words)
        tokens = _tokens(text, line.start)
        for i, token in enumerate(tokens):
            tracking = _without_tracking(token.text) if _URL.match(token.text) else None
            if tracking:
                q, end, replacement = tracking
                yield Hit(
                    token.start + q,
                    token.start + end,
                    "tracking parameters in a URL; delete them",
                    suggestion=replacement,
                )
                continue
            kind = identifier_kind(token.text, _LONE_ID_DIGITS)
            if kind is None:
                continue
            if token.text.isdigit() and _is_meaningful_number(tokens, i, contact_line, lang):
                continue
            yield Hit(token.start, token.end, f"{kind} in the text: debris from the source page?")


def _is_meaningful_number(tokens: list[_Token], i: int, contact_line: bool, lang: Language) -> bool:
    """A phone number in a contact line, or a reference number after "No." or "ISBN"."""
    before = tokens[i - 1].text.casefold() if i > 0 else ""
    return contact_line or before in lang.reference_words or before in lang.contact_words


@check(
    code="A003",
    name="artifacts.orphan-label",
    severity=Severity.MAJOR,
    category=Category.MARKUP,
    bad="video   (a line of its own after a paragraph)",
    good="(the line deleted)",
    fixable=True,
)
def orphan_label(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A page label alone on a line: video, photo, read also, share, advertisement...

    Labels come from the target language's list and English (page chrome often stays
    untranslated) in ``audit/lang/languages.py``. Only a line holding nothing but the
    label (a bullet, a trailing colon or a count allowed) is reported, and the
    suggestion deletes the line; the same word inside a sentence is prose.
    """
    lang = language(doc.target_lang)
    for line, span in _removal_spans(doc, ctx, lang).items():
        text = line.text(doc).strip()
        if debris_line_kinds(text) is None and is_label_line(text, lang):
            message = f'orphan page label "{text}" on its own line; delete the line'
            yield Hit(span.start, span.end, message, suggestion="")


def _describe(kinds: list[str]) -> str:
    counts: dict[str, int] = {}
    for k in kinds:
        counts[k] = counts.get(k, 0) + 1
    return ", ".join(k if n == 1 else f"{n} {k}s" for k, n in counts.items())
