"""Safe XML parsing for XLIFF and TMX, and mapping element text back onto the file.

Parsing uses lxml with entity resolution, DTD loading and network access off, so an
external entity is never fetched and no entity is ever expanded. A document that
declares entities at all (the shape of "billion laughs" and of external-entity
attacks; XLIFF and TMX never need one) is refused with a one-line error, exit 2.

An element's text is its character data with inline elements (XLIFF ``<g>``,
``<x/>``, ``<ph>``, ``<pc>``, TMX ``<bpt>``, ``<ph>``...) written back as tags, without
namespace prefixes: ``Click <g id="1">here</g>``. So tag parity can compare them
and the text stays readable. :func:`element_origin` maps that text onto the file,
counting entity references, CDATA markers and the tags themselves.
"""

from __future__ import annotations

import re
from typing import Any

from audit.errors import InputError
from audit.segments import Origin, locate

_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);")
_TAG = re.compile(r"<[^<>]*>")


def parse_xml(text: str, path: str) -> Any:
    """Parse ``text`` read from ``path``; return the lxml root element."""
    from lxml import etree

    head = text[: text.find("]>") + 2] if "<!DOCTYPE" in text[:4096] else ""
    if _ENTITY_DECLARATION.search(head):
        line = text.count("\n", 0, _ENTITY_DECLARATION.search(head).start()) + 1  # type: ignore[union-attr]
        raise InputError(
            "XML entity declarations are refused (entity expansion or external entities)",
            path=path,
            line=line,
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        at: int | None = exc.position[0] if exc.position else None
        message = str(exc.msg or exc).split(", line ")[0]
        if "XML_PARSE_HUGE" in message:  # libxml's limit, in libxml's words
            message = "nested too deeply (more than 256 levels of elements)"
        raise InputError(f"malformed XML: {message}", path=path, line=at) from None
    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(
            "XML entity declarations are refused (entity expansion or external entities)", path=path
        )
    return root


def local(tag: Any) -> str:
    """``{urn:...}target`` -> ``target``; comments and other nodes give ``""``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inner_text(el: Any) -> str:
    """Character data with inline elements written as tags (see the module docstring)."""
    parts = [el.text or ""]
    for child in el:
        name = local(child.tag)
        if name:
            attrs = "".join(f' {local(k)}="{_attr(v)}"' for k, v in child.attrib.items())
            inner = inner_text(child)
            parts.append(
                f"<{name}{attrs}>{inner}</{name}>" if inner or len(child) else f"<{name}{attrs}/>"
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
        return (m.end() - i, t.end() - j) if t else None
    if ch == "]" and raw.startswith("]]>", i) and not text.startswith("]]>", j):
        return (3, 0)
    return None


class ElementLocator:
    """Finds where elements' text starts in the file, in document order.

    lxml knows the line where an element starts; the locator searches forward from
    there (and never behind the previous element found) for the end of its start tag.
    """

    def __init__(self, raw: str, path: str):
        from audit.segments import line_starts

        self.raw = raw
        self.path = path
        self.starts = line_starts(raw)
        self.cursor = 0

    def origin(self, el: Any, text: str, field: str) -> Origin | None:
        line = getattr(el, "sourceline", None)
        if not line or line > len(self.starts):
            return None
        start = max(self.starts[line - 1], self.cursor)
        name = re.escape(local(el.tag))
        m = re.compile(rf"<(?:[\w.-]+:)?{name}(?:\s[^>]*)?(/?)>").search(self.raw, start)
        if m is None:
            return None
        self.cursor = m.end()
        return locate(
            self.raw, m.end(), text, self.path, starts=self.starts, escape=_step, field=field
        )
