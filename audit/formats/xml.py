"""Safe XML parsing for XLIFF and TMX, and mapping element text back onto the file.

Parsing uses lxml with entity resolution, DTD loading and network access off, so an
external entity is never fetched and no entity is ever expanded. A document that
declares entities at all (the shape of "billion laughs" and of external-entity
attacks; XLIFF and TMX never need one) is refused with a one-line error, exit 2.

An element's text is its character data with inline elements (XLIFF ``<g>``,
``<x/>``, ``<ph>``, ``<pc>``, TMX ``<bpt>``, ``<ph>``...) written back as tags, without
namespace prefixes: ``Click <g id="1">here</g>``. So tag parity can compare them
and the text stays readable. Inline codes that hold native code rather than text
(``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``: ``<ph id="1">&lt;br/&gt;</ph>``)
are opaque: they appear as an empty tag (``<ph id="1"/>``), so no check reads their
content as text and no fix can reach it. :class:`ElementLocator` maps that text onto
the file, counting entity references, CDATA markers and the tags themselves (an
opaque code's whole element in the file stands for its one tag in the text).

Where an element's text starts is found by pairing the elements, in document order,
with the start tags of the file, read in order: a start tag split over lines
(``<target\n state="translated">``) or an ``<alt-trans><target>`` before the unit's
own target cannot mislead it.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator
from typing import Any

from audit.document import LINE_BREAK
from audit.errors import InputError
from audit.segments import Origin, TextWalker, locate, walk

_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);")
_TAG = re.compile(r"<[^<>]*>")


_PARSER_OPTIONS: dict[str, Any] = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    encoding="utf-8",
)
_REFUSED = "XML entity declarations are refused (entity expansion or external entities)"
#: Characters of the text given to the streaming parser at a time: the tree holds the
#: units of about one such piece (a few hundred) besides the one being read.
FEED_CHARS = 64 * 1024


def _refuse_declared_entities(text: str, path: str) -> None:
    head = text[: text.find("]>") + 2] if "<!DOCTYPE" in text[:4096] else ""
    found = _ENTITY_DECLARATION.search(head)
    if found:
        raise InputError(_REFUSED, path=path, line=text.count("\n", 0, found.start()) + 1)


def _syntax_error(exc: Any, path: str) -> InputError:
    at: int | None = exc.position[0] if exc.position else None
    message = str(exc.msg or exc).split(", line ")[0]
    if "XML_PARSE_HUGE" in message:  # libxml's limit, in libxml's words
        message = "nested too deeply (more than 256 levels of elements)"
    return InputError(f"malformed XML: {message}", path=path, line=at)


def _refuse_internal_entities(root: Any, path: str) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(_REFUSED, path=path)


def parse_xml(text: str, path: str) -> Any:
    """Parse ``text`` read from ``path``; return the lxml root element."""
    from lxml import etree

    _refuse_declared_entities(text, path)
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    _refuse_internal_entities(root, path)
    return root


def iter_xml(
    text: str, path: str, root: str, fed: list[int] | None = None
) -> Iterator[tuple[str, Any]]:
    """``("start", element)`` and ``("end", element)`` events of ``text`` read from
    ``path``, in document order, parsed as safely as :func:`parse_xml`; a root element
    other than ``root`` (``xliff``, ``tmx``) is a one-line error naming it.

    The text is given to the parser in pieces (:data:`FEED_CHARS`), never encoded
    whole, and a reader that deletes each unit once it is read (:func:`release`) keeps
    only the units of one piece in the tree: a whole tree of 200,000 XLIFF units took
    215 MB. An element's
    children and text are complete at its ``end`` event, not at its ``start``.
    ``fed``: its one item is set to the characters given to the parser so far, so a
    reader knows that an element ended by now lies within ``text[:fed[0]]``.
    """
    from lxml import etree

    _refuse_declared_entities(text, path)
    parser = etree.XMLPullParser(events=("start", "end"), **_PARSER_OPTIONS)
    checked = False
    try:
        for i in range(0, len(text), FEED_CHARS):
            parser.feed(text[i : i + FEED_CHARS].encode("utf-8", "surrogatepass"))
            if fed is not None:
                fed[0] = min(i + FEED_CHARS, len(text))
            for event, el in parser.read_events():
                if not checked:  # the internal DTD is read before the root element
                    _refuse_internal_entities(el, path)
                    if local(el.tag) != root:
                        raise InputError(
                            f"not {root.upper()}: the root element is <{local(el.tag)}>",
                            path=path,
                            line=el.sourceline,
                        )
                    checked = True
                yield event, el
        parser.close()
        if fed is not None:
            fed[0] = len(text)
        yield from parser.read_events()
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None


def release(el: Any) -> None:
    """Drop a read element's content and the siblings read before it, so that the
    tree an :func:`iter_xml` reader builds holds one unit at a time."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def local(tag: Any) -> str:
    """``{urn:...}target`` -> ``target``; comments and other nodes give ``""``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# Inline elements whose content is native code (formatting codes of the original
# file), not text: XLIFF 1.2 and TMX begin/end/isolated/placeholder codes, TMX ``ut``.
OPAQUE = frozenset({"bpt", "ept", "ph", "it", "ut"})


def inner_text(el: Any) -> str:
    """Character data with inline elements written as tags (see the module docstring)."""
    parts = [el.text or ""]
    for child in el:
        name = local(child.tag)
        if name:
            attrs = "".join(f' {local(k)}="{_attr(v)}"' for k, v in child.attrib.items())
            inner = "" if name in OPAQUE else inner_text(child)
            parts.append(
                f"<{name}{attrs}>{inner}</{name}>"
                if inner or (len(child) and name not in OPAQUE)
                else f"<{name}{attrs}/>"
            )
        parts.append(child.tail or "")
    return "".join(parts)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _step(raw: str, i: int, text: str, j: int) -> tuple[int, int] | None:
    ch = raw[i]
    if ch == "&":
        m = _REFERENCE.match(raw, i)
        return (m.end() - i, 1) if m else None
    if ch == "<":
        if raw.startswith("<![CDATA[", i):
            return (9, 0)
        m = _TAG.match(raw, i)
        if m is None:
            return None
        t = _TAG.match(text, j) if text[j] == "<" else None
        if t is None:
            return None
        end = _opaque_end(raw, m) if t.group().endswith("/>") else None
        return ((end if end is not None else m.end()) - i, t.end() - j)
    if ch == "]" and raw.startswith("]]>", i) and not text.startswith("]]>", j):
        return (3, 0)
    return None


_START_NAME = re.compile(r"<([\w.:-]+)")


def _opaque_end(raw: str, tag: re.Match[str]) -> int | None:
    """Where the element of an opaque code that starts with ``tag`` (not an empty-
    element tag) ends in the file: after its end tag, same-name elements inside
    counted. None for any other tag."""
    if tag.group().endswith("/>") or tag.group().startswith("</"):
        return None
    m = _START_NAME.match(tag.group())
    if m is None or m.group(1).rsplit(":", 1)[-1] not in OPAQUE:
        return None
    name = re.escape(m.group(1))
    inner = re.compile(rf"<(/?){name}(?:\s[^<>]*?)?(/?)>")
    depth, pos = 1, tag.end()
    while depth:
        found = inner.search(raw, pos)
        if found is None:
            return None
        if found.group(1):
            depth -= 1
        elif not found.group(2):
            depth += 1
        pos = found.end()
    return pos


# Markup of an XML file in order: comments, processing instructions, CDATA sections,
# the DOCTYPE, end tags, and start tags (group 1: the name; attribute values may hold
# ``>``), so start tags pair with elements in document order.
_MARKUP = re.compile(
    r"<(?:!--.*?-->|\?.*?\?>|!\[CDATA\[.*?\]\]>|!DOCTYPE(?:[^\[>]|\[.*?\])*>|/[^>]*>"
    r"|([^\s/>!?][^\s/>]*)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>)",
    re.DOTALL,
)


class ElementLocator:
    """Finds where elements' text starts in the file, asked in document order.

    Elements (in document order) are paired with the file's start tags (in order):
    exact, whatever the lines. A streaming reader (:func:`iter_xml`) calls
    :meth:`started` at each element's start event and :meth:`forget` once a unit is
    read; given the parsed ``root`` instead, the locator pairs the tree's elements as
    far as the element asked about. Should the pairing fail (the file and the tree
    disagree), lxml's line for the element (the line where its start tag ends) is
    searched from its start, never behind the previous element found.
    """

    def __init__(self, raw: str, path: str, root: Any = None):
        self.raw = raw
        self.path = path
        # 8 bytes a line, not a list's 36: a file of 200,000 units has as many lines or more
        self.starts = array("q", [0])
        self.starts.extend(m.end() for m in LINE_BREAK.finditer(raw))
        self.walker = TextWalker(raw, self.starts, _step)  # shared by the file's origins
        self.cursor = 0
        self._elements: Iterator[Any] | None = (
            (e for e in root.iter() if isinstance(e.tag, str)) if root is not None else None
        )
        self._tags = _MARKUP.finditer(raw)
        self._pairing = True
        self._started: dict[Any, int] = {}  # element -> end of its start tag, this unit's
        self._parts = False  # origins are walked against their part of the file
        self._low: int | None = None  # the first file offset of an origin of this part

    def started(self, el: Any) -> None:
        """Pair ``el``, whose start event this is, with the file's next start tag."""
        if not self._pairing or not isinstance(el.tag, str):
            return
        tag = next((m for m in self._tags if m.group(1)), None)
        if tag is None or tag.group(1).rsplit(":", 1)[-1] != local(el.tag):
            self._pairing = False  # the file and the tree disagree: search instead
            return
        self._started[el] = tag.end()

    def forget(self) -> None:
        """Let go of the elements started so far (their unit is read)."""
        self._started.clear()

    def origin(self, el: Any, text: str, field: str) -> Origin | None:
        start = self._started.get(el) if self._elements is None else self._paired(el)
        if start is None:
            start = self._searched(el)
        if start is None:
            return None
        self.cursor = start
        if self._parts and (self._low is None or start < self._low):
            self._low = start
        return locate(self.raw, start, text, self.path, field=field, walker=self.walker)

    def new_part(self) -> None:
        """Origins made from now on belong to a new part of the file (a document of
        consecutive units): they are walked against that part's text alone, so that a
        part sent to a worker process carries its own piece of the file, not all of it."""
        self._parts = True
        self._low = None
        self.walker = PartWalker("", escape=_step)

    def close_part(self, end: int) -> None:
        """The part's units are read and all lie before ``end`` (see :func:`iter_xml`'s
        ``fed``): keep the lines of the file that hold them."""
        walker = self.walker
        if not isinstance(walker, PartWalker) or self._low is None:
            return
        line = bisect.bisect_right(self.starts, self._low) - 1
        base = self.starts[line]
        walker.raw, walker.base, walker.line_base = self.raw[base : max(end, self._low)], base, line

    def _paired(self, el: Any) -> int | None:
        """The end of ``el``'s start tag, pairing elements and start tags up to it."""
        if self._elements is None:
            return None
        for element in self._elements:
            tag = next((m for m in self._tags if m.group(1)), None)
            if tag is None or tag.group(1).rsplit(":", 1)[-1] != local(element.tag):
                self._elements = iter(())  # the file and the tree disagree: search instead
                return None
            if element is el:
                return tag.end()
        self._elements = iter(())
        return None

    def _searched(self, el: Any) -> int | None:
        line = getattr(el, "sourceline", None)
        if not line or line > len(self.starts):
            return None
        # lxml gives the line where the start tag ends: look from the line before
        # it begins (a tag split over many lines is found by pairing instead).
        start = max(self.starts[max(line - 2, 0)], self.cursor)
        name = re.escape(local(el.tag))
        m = re.compile(rf"<(?:[\w.-]+:)?{name}(?:\s[^>]*)?(/?)>").search(self.raw, start)
        if m is None:
            return None
        return m.end()


class PartWalker(TextWalker):
    """The walker of one part's origins: ``raw`` is the file from ``base`` (the start
    of line ``line_base + 1``) to past the part's last unit, so offsets are the file's
    less ``base`` and lines the file's less ``line_base``; columns are the file's, as
    the piece starts a line."""

    __slots__ = ("base", "line_base")

    def __init__(
        self,
        raw: str,
        base: int = 0,
        line_base: int = 0,
        escape: Any = None,
        starts: list[int] | None = None,
    ):
        super().__init__(raw, starts, escape)
        self.base = base
        self.line_base = line_base

    def __call__(self, start: int, text: str) -> tuple[tuple[tuple[int, int, int], ...], bool]:
        anchors, verbatim = walk(
            self.raw, start - self.base, text, starts=self.starts, escape=self.escape
        )
        if self.line_base:
            anchors = tuple((j, line + self.line_base, col) for j, line, col in anchors)
        return anchors, verbatim

    def __reduce__(self) -> tuple[object, ...]:
        return (PartWalker, (self.raw, self.base, self.line_base, self.escape, self._starts))


def xml_text(replacement: str, raw: str, origin: Origin) -> str:
    """Escaped as XML text stores it (``&``, ``<``, ``>``)."""
    return replacement.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
