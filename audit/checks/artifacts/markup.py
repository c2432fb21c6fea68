"""Markup left in prose: HTML tags and entities, Markdown and wiki syntax, placeholders.

Text pulled from a CMS or a translation memory brings its formatting codes along;
published as plain text they show as ``&quot;`` or ``<br>`` or ``{{name}}``. Only
well-formed markup is reported: known HTML tag names, entities that HTML defines, link
and emphasis syntax with both halves present, so a ``<`` in ``<100 people`` or an
asterisk before a footnote stays prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from audit.checks.lines import tidy_deletion
from audit.document import Document
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.lang.profiles import language
from audit.lazypattern import LazyPattern

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

_TAG_NAMES = (  # one string, split, so the list reads as a list of tag names
    "a abbr article aside audio b blockquote br button caption center cite code dd div dl dt em embed "
    "figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hr i iframe img input label li mark "
    "nav noscript object ol p param picture pre q s script section small source span strike strong "
    "style sub sup table tbody td th thead time tr u ul video"
).split()


# A NamedTuple, not a frozen dataclass: about 0.4 ms less to create in every process.
class _Pattern(NamedTuple):
    kind: str
    regex: LazyPattern  # compiled when a text holds `needs`: most prose never does
    # The replacement that removes the markup and keeps the text, or None when the
    # markup stands for content that is missing (a placeholder) and a person must decide.
    fix: Callable[[re.Match[str]], str] | None
    # A string every match holds: a text without it is not scanned (most prose holds
    # none of these marks, and a substring test is far cheaper than a regex scan).
    needs: str


def _drop(_: re.Match[str]) -> str:
    return ""


def _inner(group: int) -> Callable[[re.Match[str]], str]:
    return lambda m: m.group(group)


def _unescape(m: re.Match[str]) -> str:
    import html

    return html.unescape(m.group())


_PATTERNS = (
    _Pattern("HTML comment", LazyPattern(r"<!--.*?-->", re.DOTALL), _drop, "<!--"),
    _Pattern(
        "HTML tag",
        LazyPattern(r"</?(?:" + "|".join(_TAG_NAMES) + r")(?:\s[^<>\n]*)?/?>", re.IGNORECASE),
        _drop,
        "<",
    ),
    _Pattern(
        "HTML entity",
        LazyPattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"),
        _unescape,
        "&",
    ),
    _Pattern("Markdown image", LazyPattern(r"!\[[^\]\n]*\]\([^)\s]+\)"), _drop, "!["),
    _Pattern(
        "Markdown link",
        LazyPattern(r"\[([^\]\n]+)\]\((?:https?://|www\.|/)[^)\s]*\)"),
        _inner(1),
        "](",
    ),
    _Pattern("wiki link", LazyPattern(r"\[\[(?:[^\]|\n]+\|)?([^\]|\n]+)\]\]"), _inner(1), "[["),
    _Pattern("template", LazyPattern(r"\{\{[^{}\n]*\}\}"), None, "{{"),
    _Pattern(
        "shortcode",
        LazyPattern(
            r"\[/?(?:caption|embed|video|audio|gallery|playlist|youtube)(?:\s[^\]\n]*)?\]",
            re.IGNORECASE,
        ),
        _drop,
        "[",
    ),
    _Pattern(
        "Markdown bold",
        LazyPattern(r"(?<![*\w])\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*(?![*\w])"),
        _inner(1),
        "**",
    ),
    _Pattern(
        "Markdown bold",
        LazyPattern(r"(?<![_\w])__(?=\S)([^_\n]+?)(?<=\S)__(?![_\w])"),
        _inner(1),
        "__",
    ),
    _Pattern("wiki bold", LazyPattern(r"'''(?=\S)([^'\n]+?)(?<=\S)'''"), _inner(1), "'''"),
    _Pattern(
        "Markdown heading", LazyPattern(r"^[ \t]*#{1,6}[ \t]+(?=\S)", re.MULTILINE), _drop, "#"
    ),
    _Pattern(
        "wiki heading",
        LazyPattern(r"^[ \t]*(={2,6})[ \t]*([^=\n]+?)[ \t]*\1[ \t]*$", re.MULTILINE),
        _inner(2),
        "==",
    ),
    _Pattern("placeholder", LazyPattern(r"(?<![\w%])%(?:\([A-Za-z_]\w*\))?[sd](?!\w)"), None, "%"),
    _Pattern(
        "placeholder",
        LazyPattern(r"\$\{[^{}\s]+\}|(?<![\w{])\{(?:\d{1,2}|[A-Za-z_]\w*)\}(?![\w}])"),
        None,
        "{",
    ),
)


@check(
    code="A004",
    name="artifacts.markup",
    severity=Severity.MAJOR,
    category=Category.MARKUP,
    bad="He called it &quot;a breakthrough&quot;.<br>",
    good='He called it "a breakthrough".',
    fixable=True,
)
def markup(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """HTML tags or entities, Markdown or wiki syntax, or a template placeholder in prose.

    Tags, entities and formatting syntax get a suggestion that keeps the text and drops
    the code (``&quot;`` becomes ``"``, ``[text](url)`` becomes ``text``); a tag between
    two words becomes a space. Placeholders (``{{name}}``, ``%s``, ``{0}``) stand for
    content that never arrived and get no suggestion; but in the units of a bilingual
    file (a PO ``msgstr``, an XLIFF target) they are the software's and belong there:
    bilingual.parity (B006) compares them with the source instead.
    """
    lang = language(doc.target_lang)
    text = doc.target
    taken: list[tuple[int, int]] = [
        (c.start, c.end) for c in ctx.comment_spans
    ] + _compared_placeholders(doc)  # audit: directives; placeholders B006 compares
    hits = []
    xml_inline = str(doc.metadata.get("format", "")).startswith(("xliff", "tmx"))
    for pattern in _PATTERNS:
        if pattern.needs not in text:
            continue
        earlier = _Taken(taken)
        for m in pattern.regex.finditer(text):
            start, end = m.span()
            if start == end or earlier.overlaps(start, end):
                continue
            if pattern.kind == "HTML entity" and not _is_entity(m.group()):
                continue
            if pattern.kind == "HTML tag" and xml_inline and _tag_name(m.group()) in _XML_INLINE:
                continue  # an XLIFF 2 <em/> end marker or a <sub> is the file's inline code
            taken.append((start, end))
            suggestion = None if pattern.fix is None else pattern.fix(m)
            if suggestion == "" and pattern.kind == "HTML tag" and _between_words(text, start, end):
                suggestion = " "
            elif suggestion == "":
                start, end = tidy_deletion(text, start, end, lang.space_before)
            hits.append(
                Hit(
                    start,
                    end,
                    f"{pattern.kind} in the text: {_show(m.group())}",
                    suggestion=suggestion,
                )
            )
    yield from sorted(hits, key=lambda h: h.start)


def _compared_placeholders(doc: Document) -> list[tuple[int, int]]:
    """Placeholders in the targets of a bilingual file's units, which B006 compares."""
    if not doc.segments or not doc.source:
        return []
    from audit.checks.bilingual import placeholder_spans

    return placeholder_spans(doc.target)


class _Taken:
    """The spans taken before a pattern runs, asked about in increasing order (a
    pattern's matches come in order), so a pointer moves forward once over them: the
    cost is linear, where testing each match against every span taken was quadratic
    (``&amp;`` written 10,000 times)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.i = 0

    def overlaps(self, start: int, end: int) -> bool:
        spans, i = self.spans, self.i
        while i < len(spans) and spans[i][1] <= start:
            i += 1  # ends before this match, so before every later one
        self.i = i
        # spans[i] is the first that ends after ``start``: it overlaps when it starts
        # before ``end`` (a later one starting before ``end`` starts after it).
        return i < len(spans) and spans[i][0] < end


# Inline elements of XLIFF 1.2/2.x and TMX, which their readers keep in the text as
# tags; two share a name with HTML (em, sub) and are not markup left in prose.
_XML_INLINE = frozenset("g x bx ex bpt ept ph it mrk sub pc sc ec sm em cp hi ut".split())


def _tag_name(tag: str) -> str:
    return tag.strip("</>").split()[0].lower() if tag.strip("</>") else ""


def _is_entity(entity: str) -> bool:
    # html.entities imported here, when a text holds an entity-like "&...;": most texts
    # hold none, and a hook should not pay for the 2,000-entry table (issue 18).
    from html.entities import html5

    return entity.startswith("&#") or entity[1:] in html5


def _between_words(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()


def _show(found: str) -> str:
    found = " ".join(found.split())
    return found if len(found) <= 40 else found[:37] + "..."
