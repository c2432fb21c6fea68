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
from audit.formats.format import Format
from audit.formats.xml import ElementLocator, inner_text, local, parse_xml, xml_text
from audit.segments import SegmentBuilder


def read_xliff(
    text: str, path: str, *, target_lang: str = "en", source_lang: str | None = None, **_: Any
) -> Iterator[Document]:
    root = parse_xml(text, path)
    if local(root.tag) != "xliff":
        raise InputError(
            f"not XLIFF: the root element is <{local(root.tag)}>", path=path, line=root.sourceline
        )
    version = root.get("version", "")
    locator = ElementLocator(text, path, root)
    two = version.startswith("2") or "document:2" in (root.tag or "")
    files = [el for el in root if local(el.tag) == "file"]
    if not files:
        raise InputError("XLIFF without a <file> element", path=path, line=root.sourceline)
    seen: dict[str, int] = {}
    for number, file_el in enumerate(files, start=1):
        if two:
            src = root.get("srcLang") or source_lang
            tgt = root.get("trgLang") or target_lang
            doc_id = file_el.get("original") or file_el.get("id") or path
            builder = _units_2(file_el, locator)
        else:
            src = file_el.get("source-language") or source_lang
            tgt = file_el.get("target-language") or target_lang
            doc_id = file_el.get("original") or path
            builder = _units_12(file_el, locator)
        seen[doc_id] = seen.get(doc_id, 0) + 1
        if seen[doc_id] > 1:
            doc_id = f"{doc_id}#{number}"
        yield Document(
            id=doc_id,
            path=path,
            target=builder.target,
            target_lang=tgt,
            source=builder.source,
            source_lang=src,
            metadata={"format": f"xliff-{'2' if two else '1.2'}", "line": file_el.sourceline},
            segments=tuple(builder.segments),
        )


def _notes(el: Any) -> tuple[str, ...]:
    """The text of the ``<note>`` elements of a unit (XLIFF 1.2) or its ``<notes>`` (2.x)."""
    notes = [c for c in el if local(c.tag) == "note"]
    for group in (c for c in el if local(c.tag) == "notes"):
        notes.extend(c for c in group if local(c.tag) == "note")
    return tuple(inner_text(n) for n in notes)


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
        name = local(child.tag)
        if name in texts and texts[name] is None:
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


def _units_12(file_el: Any, locator: ElementLocator) -> SegmentBuilder:
    builder = SegmentBuilder()
    for n, unit in enumerate(file_el.iter("{*}trans-unit"), start=1):
        if unit.get("translate") == "no":
            continue
        _add(builder, unit.get("id") or str(n), unit, unit.sourceline, locator, _notes(unit))
    return builder


def _units_2(file_el: Any, locator: ElementLocator) -> SegmentBuilder:
    builder = SegmentBuilder()
    for n, unit in enumerate(file_el.iter("{*}unit"), start=1):
        if unit.get("translate") == "no":
            continue
        unit_id = unit.get("id") or str(n)
        segments = [c for c in unit if local(c.tag) == "segment"]
        for k, seg in enumerate(segments, start=1):
            seg_id = unit_id if len(segments) == 1 else f"{unit_id}/{seg.get('id') or k}"
            _add(builder, seg_id, seg, seg.sourceline, locator, _notes(unit))
    return builder


FORMAT = Format(
    name="xliff",
    suffixes=(".xlf", ".xliff", ".xlf2"),
    read=read_xliff,
    encode=xml_text,
    inline_markup=True,
)
