"""XLIFF 1.2 and 2.x: one document per ``<file>``, one segment per unit.

XLIFF 1.2: ``<file original source-language target-language>`` holding
``<trans-unit id>`` elements (inside ``<body>`` and any ``<group>``), each with a
``<source>`` and an optional ``<target>``. Units marked ``translate="no"`` are skipped.

XLIFF 2.x: ``<xliff srcLang trgLang>``, ``<file id original>``, ``<unit id>`` holding
``<segment>`` elements with ``<source>`` and optional ``<target>``. A unit with one
segment is named by the unit id, otherwise ``unit-id/segment-id`` (or
``unit-id/n``, 1-based, for segments without an id).

The document id is the file's ``original`` attribute (its ``id`` in 2.x when there
is none), else the path; segment origins carry ``field`` ``source`` or ``target``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from audit.document import Document
from audit.errors import InputError
from audit.formats import parts
from audit.formats.format import Format
from audit.formats.parts import UnitParts
from audit.formats.xml import ElementLocator, inner_text, iter_xml, local, release, xml_text
from audit.segments import SegmentBuilder


def read_xliff(
    text: str,
    path: str,
    *,
    target_lang: str = "en",
    source_lang: str | None = None,
    part_chars: int | None = None,
    **_: Any,
) -> Iterator[Document]:
    """The documents of ``text``, read as a stream of parse events: each unit is read
    at its end and then deleted from the tree, so memory holds the segments, not the
    tree (200,000 units: 215 MB of tree before).

    ``part_chars``: each ``<file>`` comes in parts of whole units of about that many
    characters of text (:class:`audit.formats.parts.UnitParts`), each a document of
    its own, so that no document holds all of a large file's units."""
    locator = ElementLocator(text, path)
    fed = [0]
    root: Any = None
    two = False
    files = 0
    file_el: Any = None
    builder = SegmentBuilder()
    units = 0  # units of the current file, translate="no" included (they number the rest)
    seen: dict[str, int] = {}
    doc_id, src, tgt = path, source_lang, target_lang
    metadata: dict[str, Any] = {}
    cutter: UnitParts | None = None
    for event, el in iter_xml(text, path, "xliff", fed):
        if event == "start":
            locator.started(el)
            if root is None:
                root = el
                two = root.get("version", "").startswith("2") or "document:2" in root.tag
            elif file_el is None and el.getparent() is root and local(el.tag) == "file":
                file_el, builder, units = el, SegmentBuilder(), 0
                files += 1
                doc_id, src, tgt = _file_names(root, el, two, path, source_lang, target_lang)
                seen[doc_id] = seen.get(doc_id, 0) + 1
                if seen[doc_id] > 1:
                    doc_id = f"{doc_id}#{files}"
                metadata = {"format": f"xliff-{'2' if two else '1.2'}", "line": el.sourceline}
                if part_chars is not None:
                    cutter = UnitParts(part_chars)
                    locator.new_part()
            continue
        if file_el is None:
            continue
        name = local(el.tag)
        if name == ("unit" if two else "trans-unit"):
            units += 1
            if el.get("translate") != "no":
                if two:
                    _unit_2(builder, el, units, locator)
                else:
                    notes = _notes(el)
                    _add(builder, el.get("id") or str(units), el, el.sourceline, locator, notes)
            locator.forget()
            release(el)
            if cutter is not None and cutter.full(builder):
                yield cutter.document(builder, locator, fed[0], doc_id, path, tgt, src, metadata)
                builder = SegmentBuilder()
                locator.new_part()
        elif el is file_el:
            locator.forget()
            release(el)
            file_el = None
            if cutter is None:
                yield builder.document(doc_id, path, tgt, source_lang=src, metadata=metadata)
            elif builder.segments or not cutter.index:
                yield cutter.document(builder, locator, fed[0], doc_id, path, tgt, src, metadata)
    if not files:
        raise InputError(
            "XLIFF without a <file> element",
            path=path,
            line=root.sourceline if root is not None else None,
        )


def stream_xliff(path: str, errors: str, **options: Any) -> Iterator[Document]:
    """A large XLIFF file in parts of whole units (:data:`parts.TEXT_PART_CHARS`
    characters of text or so), each a document whose positions are the file's."""
    text = parts.read_whole(path, errors)
    yield from read_xliff(text, path, part_chars=parts.TEXT_PART_CHARS, **options)


def _file_names(
    root: Any, el: Any, two: bool, path: str, source_lang: str | None, target_lang: str
) -> tuple[str, str | None, str]:
    """The document id and the source and target languages of the ``<file>`` ``el``."""
    if two:
        return (
            el.get("original") or el.get("id") or path,
            root.get("srcLang") or source_lang,
            root.get("trgLang") or target_lang,
        )
    return (
        el.get("original") or path,
        el.get("source-language") or source_lang,
        el.get("target-language") or target_lang,
    )


def _notes(el: Any) -> tuple[str, ...]:
    """The text of the ``<note>`` elements of a unit (XLIFF 1.2) or its ``<notes>`` (2.x)."""
    notes = [c for c in el if local(c.tag) == "note"]
    for group in (c for c in el if local(c.tag) == "notes"):
        notes.extend(c for c in group if local(c.tag) == "note")
    return tuple(inner_text(n) for n in notes)


# The field names of origins, one string each (not a copy per unit).
_SIDES = {"source": "source", "target": "target"}


def _add(
    builder: SegmentBuilder,
    seg_id: str,
    holder: Any,
    line: int | None,
    locator: ElementLocator,
    notes: tuple[str, ...] = (),
) -> None:
    origins: dict[str, Any] = {}
    texts: dict[str, str | None] = {"source": None, "target": None}
    for child in holder:
        name = _SIDES.get(local(child.tag))
        if name is not None and texts[name] is None:
            texts[name] = inner_text(child)
            origins[name] = locator.origin(child, texts[name] or "", name)
    builder.add(
        seg_id,
        texts["target"] or "",
        texts["source"],
        line=line,
        target_origin=origins.get("target"),
        source_origin=origins.get("source"),
        notes=notes,
    )


def _unit_2(builder: SegmentBuilder, unit: Any, n: int, locator: ElementLocator) -> None:
    unit_id = unit.get("id") or str(n)
    segments = [c for c in unit if local(c.tag) == "segment"]
    notes = _notes(unit)
    for k, seg in enumerate(segments, start=1):
        seg_id = unit_id if len(segments) == 1 else f"{unit_id}/{seg.get('id') or k}"
        _add(builder, seg_id, seg, seg.sourceline, locator, notes)


FORMAT = Format(
    name="xliff",
    suffixes=(".xlf", ".xliff", ".xlf2"),
    read=read_xliff,
    stream=stream_xliff,
    encode=xml_text,
    inline_markup=True,
)
