"""HTML articles: what a CMS holds (a WordPress ``post_content``, an exported page).

The visible text is audited: paragraphs, headings, list items, captions, table cells,
and the ``alt`` and ``title`` attributes (text a reader sees or hears); not scripts,
styles, templates, the head, comments, or other attribute values. Each block of text
(a paragraph, a heading, a line after ``<br>``, an attribute value) is a segment, so
checks never join two paragraphs; whitespace runs are collapsed as a browser shows
them (except inside ``<pre>``), and character references are decoded. Markup that was
escaped into the text (``&lt;p&gt;``) or a stray ``</div>`` printed as text is text, so
the markup check reports it as an artifact.

Tokens come from :class:`html.parser.HTMLParser`, Python's maintained HTML tokenizer,
which reports where each tag, text run and character reference starts; from that,
every character of the extracted text knows its span in the file (:class:`Block`), so
findings point at the file's line and column and ``audit fix`` writes replacements
inside text nodes (and ``alt``/``title`` values) only, leaving markup byte for byte
(:func:`write_html`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from audit.document import Document
from audit.errors import InputError
from audit.formats.format import Format
from audit.formats.language import found_language
from audit.segments import Origin, SegmentBuilder, line_column, line_starts

if TYPE_CHECKING:
    from audit.fix.plan import DocumentFix

# Elements whose content is not shown as text.
HIDDEN = frozenset(
    "head script style template noscript svg math iframe object canvas textarea select".split()
)
# Elements that start and end a block of text (a segment).
BLOCKS = frozenset(
    """address article aside blockquote body br caption dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li
    main nav ol p pre section summary table tbody td tfoot th thead title tr ul""".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
TEXT_ATTRIBUTES = ("alt", "title")  # attribute values a reader sees or hears
_COLLAPSIBLE = " \t\n\r\f"
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?")
_ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.DOTALL
)


@dataclass
class Block:
    """One block of visible text and, per character, its span in the file.

    ``spans[i]`` is the ``(start, end)`` of character ``i`` in the file: one character
    for most, a whole character reference for a decoded one, a whole whitespace run for
    a collapsed space. ``runs[i]`` numbers the stretch of file text without markup the
    character belongs to: a fix may only change characters of one run.
    """

    kind: str  # "text", or the attribute name ("alt", "title")
    chars: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    runs: list[int] = field(default_factory=list)
    quote: str = ""  # for an attribute value: its quote character ("" unquoted)
    native: bool = (
        False  # some of its words are in the page's language (not all in a lang="..." other)
    )

    @property
    def text(self) -> str:
        return "".join(self.chars)


class _Extractor(HTMLParser):
    def __init__(self, raw: str, language: str | None):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.language = _primary(language)
        self.declared: str | None = None  # the page's <html lang>
        self.langs: list[tuple[str, str]] = []  # open elements with a lang attribute: (tag, lang)
        # The tokenizer counts lines at "\n" only (a lone "\r" is no break for it).
        self.starts = [0, *(m.end() for m in re.finditer("\n", raw))]
        self.blocks: list[Block] = []
        self.current = Block("text")
        self.attributes: list[Block] = []  # alt/title values, kept until their block ends
        self.hidden: list[str] = []
        self.pre = 0
        self.run = 0

    # -- positions --------------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def _flush(self) -> None:
        block = _collapse(self.current) if not self.pre else self.current
        if block.text.strip():
            self.blocks.append(block)
        self.blocks.extend(self.attributes)
        self.attributes = []
        self.current = Block("text")

    def _add(self, text: str, start: int, end: int | None = None) -> None:
        """Characters of visible text: one per file character, or all of ``text`` for
        the span ``[start, end)`` (a character reference)."""
        if self.hidden:
            return
        b = self.current
        if not b.native and not self._foreign() and text.strip():
            b.native = True
        if end is None:
            b.chars.extend(text)
            b.spans.extend((start + i, start + i + 1) for i in range(len(text)))
        else:
            b.chars.extend(text)
            b.spans.extend((start, end) for _ in text)
        b.runs.extend(self.run for _ in text)

    # -- events -----------------------------------------------------------------------

    def _foreign(self) -> bool:
        """Inside an element marked as another language than the page's."""
        return bool(self.langs) and self._other(self.langs[-1][1])

    def _other(self, lang: str | None) -> bool:
        return lang is not None and self.language is not None and lang != self.language

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, start=True)
        lang = next((_primary(v) for k, v in attrs if k == "lang" and v), None)
        if tag == "html" and lang and not self.langs:
            self.language = self.declared = lang  # the page says its language
        elif lang and tag not in VOID:
            self.langs.append((tag, lang))
        if not self.hidden:
            self._attributes(foreign=self._foreign() or self._other(lang))
        if tag in HIDDEN and tag not in VOID:
            self.hidden.append(tag)
        if tag == "body" and "head" in self.hidden:  # no </head>: the body ends it
            del self.hidden[self.hidden.index("head") :]
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, start=True)
        lang = next((_primary(v) for k, v in attrs if k == "lang" and v), None)
        if not self.hidden:
            self._attributes(foreign=self._foreign() or self._other(lang))

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag, start=False)
        if tag in self.hidden:
            del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag) :]
        tags = [t for t, _ in self.langs]
        if tag in tags:
            del self.langs[len(tags) - 1 - tags[::-1].index(tag) :]
        if tag == "pre" and self.pre:
            self.pre -= 1

    def _tag(self, tag: str, *, start: bool) -> None:
        self.run += 1
        if tag in BLOCKS:
            self._flush()

    def _attributes(self, *, foreign: bool) -> None:
        tag_text = self.get_starttag_text() or ""
        base = self._offset()
        name_end = re.match(r"<[^\s/>]*", tag_text)
        pos = name_end.end() if name_end else 1
        for m in _ATTRIBUTE.finditer(tag_text, pos):
            name = m.group(1).lower()
            if name not in TEXT_ATTRIBUTES:
                continue
            group = next((g for g in (2, 3, 4) if m.group(g) is not None), None)
            if group is None or not m.group(group).strip():
                continue
            quote = '"' if group == 2 else "'" if group == 3 else ""
            self.run += 1
            block = _decode(self.raw, base + m.start(group), base + m.end(group), name, self.run)
            block.quote = quote
            block.native = not foreign
            block = _collapse(block)
            if block.text.strip():
                self.attributes.append(block)
        self.run += 1

    def handle_data(self, data: str) -> None:
        self._add(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _reference(self) -> None:
        start = self._offset()
        m = _ENTITY.match(self.raw, start)
        if m is None:  # cannot happen for what the parser calls a reference
            self._add("&", start)
            return
        decoded = html.unescape(m.group())
        if decoded == m.group():  # not a reference after all ("AT&T"): plain text
            self._add(decoded, start)
        else:
            self._add(decoded, start, m.end())

    def handle_comment(self, data: str) -> None:
        self.run += 1

    def handle_decl(self, decl: str) -> None:
        self.run += 1

    def handle_pi(self, data: str) -> None:
        self.run += 1

    def unknown_decl(self, data: str) -> None:
        self.run += 1

    def close(self) -> None:
        super().close()
        self._flush()


def _decode(raw: str, start: int, end: int, kind: str, run: int) -> Block:
    """An attribute value's characters, references decoded, with their spans."""
    block = Block(kind)
    i = start
    while i < end:
        m = _ENTITY.match(raw, i, end) if raw[i] == "&" else None
        if m and html.unescape(m.group()) != m.group():
            text = html.unescape(m.group())
            block.chars.extend(text)
            block.spans.extend((i, m.end()) for _ in text)
            block.runs.extend(run for _ in text)
            i = m.end()
        else:
            block.chars.append(raw[i])
            block.spans.append((i, i + 1))
            block.runs.append(run)
            i += 1
    return block


def _collapse(block: Block) -> Block:
    """Whitespace as a browser shows it: each run one space, none at the ends."""
    out = Block(block.kind, quote=block.quote, native=block.native)
    pending: tuple[int, int, int] | None = None  # a whitespace run: start, end, run
    for ch, span, run in zip(block.chars, block.spans, block.runs):
        if ch in _COLLAPSIBLE:
            pending = (pending[0], span[1], pending[2]) if pending else (span[0], span[1], run)
            continue
        if pending is not None:
            if out.chars:  # leading whitespace is dropped
                out.chars.append(" ")
                out.spans.append((pending[0], pending[1]))
                out.runs.append(pending[2])
            pending = None
        out.chars.append(ch)
        out.spans.append(span)
        out.runs.append(run)
    return out


def extract(raw: str, language: str | None = None) -> list[Block]:
    """The blocks of visible text of an HTML file, in file order.

    A block wholly inside an element marked as another language (``<blockquote
    lang="ar">`` in an English page; the page's language is its ``<html lang>``, else
    ``language``) is a deliberate quotation, not untranslated text, and is left out,
    unless the whole file is such blocks.
    """
    return _extract(raw, language)[0]


def _extract(raw: str, language: str | None) -> tuple[list[Block], str | None]:
    """:func:`extract`'s blocks, and the language the page declares (its ``<html
    lang>``; None without one)."""
    parser = _Extractor(raw, language)
    try:
        parser.feed(raw)
        parser.close()
    except (AssertionError, ValueError) as exc:  # the tokenizer's own complaints
        raise InputError(f"malformed HTML: {exc}") from None
    native = [b for b in parser.blocks if b.native]
    return native or parser.blocks, parser.declared


def _primary(lang: str | None) -> str | None:
    """``en`` for ``en-GB``, ``EN``, ``en_US``."""
    return lang.strip().lower().replace("_", "-").split("-")[0] if lang and lang.strip() else None


def origin(block: Block, raw: str, path: str, starts: list[int]) -> Origin:
    """Where the block's characters are in the file: an anchor wherever the file does
    not advance one character per text character (references, collapsed whitespace,
    markup between runs, line breaks)."""
    anchors: list[tuple[int, int, int]] = []
    verbatim = True

    def anchor(i: int, offset: int) -> None:
        # Origin.position counts on from the last anchor, one column per character.
        line, column = line_column(raw, offset, starts)
        if not anchors or (anchors[-1][1], anchors[-1][2] + i - anchors[-1][0]) != (line, column):
            anchors.append((i, line, column))

    for i, (start, end) in enumerate(block.spans):
        if i and block.chars[i].isspace() and block.runs[i] != block.runs[i - 1]:
            # A space after markup (`Hifter</b> met`): a span ending at the word ends
            # at the markup, not after it. (Only its reported position; writes go by
            # the character spans.)
            start = block.spans[i - 1][1]
        anchor(i, start)
        if end - start != 1 or raw[start] != block.chars[i]:
            verbatim = False
        if i and block.spans[i - 1][1] != start:
            verbatim = False
    if block.spans:
        anchor(len(block.spans), block.spans[-1][1])
    field_name = "text" if block.kind == "text" else f"@{block.kind}"
    return Origin(path, block.spans[0][0], anchors, verbatim, field_name)


def read_html(text: str, path: str, *, target_lang: str = "en", **_: Any) -> Iterator[Document]:
    """One document per file; a segment per block of visible text (ids 1, 2, ...)."""
    # Undeclared: the page's <html lang> says the language; without one, English
    # decides which blocks are quotations, as before, and the language itself is then
    # found from the text (audit/formats/language.py).
    blocks, page_lang = _extract(text, target_lang or "en")
    target_lang = target_lang or page_lang or ""
    if not blocks:
        raise InputError("no visible text in this HTML file", path=path)
    starts = line_starts(text)
    builder = SegmentBuilder()
    for number, block in enumerate(blocks, start=1):
        o = origin(block, text, path, starts)
        builder.add(str(number), block.text, line=o.line, target_origin=o)
    yield builder.document(path, path, target_lang, metadata={"format": "html"})


# Writing fixes back into an HTML file: inside text nodes and alt/title values only.
#
# The file is read again with :func:`audit.formats.html.extract`, which knows for every
# character of the visible text its span in the file and the stretch of markup-free text
# (run) it belongs to. An edit is written over the file span of the characters it
# replaces, escaped as HTML text (``&``, ``<``, ``>``; in an attribute value also its
# quote). An edit whose characters are not all in one run would change or remove markup
# (a fix across ``<b>`` and ``</b>``), and is refused: the file is not written.


def _escape(text: str, block: Block) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if block.kind != "text":
        out = out.replace('"', "&quot;").replace("'", "&#39;")
    return out


def write_html(text: str, fixes: Sequence[DocumentFix]) -> str:
    """``text`` (an HTML file) with each document's edits written into its text nodes."""
    splices: list[tuple[int, int, str]] = []
    for fix in fixes:
        doc = fix.document
        blocks = extract(text, "en" if found_language(doc) else doc.target_lang)
        if len(doc.segments) != len(blocks):
            raise InputError("the file changed since it was read; not written", path=doc.path)
        for e in fix.edits:
            seg = doc.segment_at("target", e.start)
            if seg is None or not (seg.target.start <= e.start and e.end <= seg.target.end):
                raise InputError("a fix would cross from one block into the next", path=doc.path)
            block = blocks[doc.segments.index(seg)]
            start, end = e.start - seg.target.start, e.end - seg.target.start
            if start < end:
                runs = set(block.runs[start:end])
                if len(runs) != 1:
                    line = doc.file_position("target", e.start, seg)[1]
                    raise InputError(
                        "a fix would change markup inside the text; fix it by hand",
                        path=doc.path,
                        line=line,
                    )
                raw_start, raw_end = block.spans[start][0], block.spans[end - 1][1]
            else:  # an insertion: before the character at start, or after the last
                raw_start = raw_end = (
                    block.spans[start][0] if start < len(block.spans) else block.spans[-1][1]
                )
            splices.append((raw_start, raw_end, _escape(e.replacement, block)))
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(splices):
        if start < pos:
            raise InputError("two fixes overlap in the file; not written")
        out += [text[pos:start], replacement]
        pos = end
    out.append(text[pos:])
    return "".join(out)


FORMAT = Format(name="html", suffixes=(".html", ".htm"), read=read_html, write=write_html)
