"""TMX translation memories: one document per file, one segment per ``<tu>``.

The source language is the header's ``srclang`` (unless ``*all*``), else
``--source-lang``; the target language is ``--target-lang`` when some ``<tuv>`` is
written in it, else the first other language found. Languages compare by their
primary subtag (``en-GB`` is ``en``). Segments are named by ``tuid``, else by the
1-based position of the ``<tu>``.
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

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _primary(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


def read_tmx(
    text: str,
    path: str,
    *,
    target_lang: str = "en",
    source_lang: str | None = None,
    part_chars: int | None = None,
    **_: Any,
) -> Iterator[Document]:
    """The file's one document, read in two streams of parse events: the first finds
    the languages (the target language depends on all of them), the second reads each
    ``<tu>`` at its end and deletes it from the tree, so memory holds the segments,
    never the whole tree.

    ``part_chars``: the document comes in parts of whole ``<tu>`` of about that many
    characters of text (:class:`audit.formats.parts.UnitParts`), each a document of
    its own, so that no document holds all of a large memory's units."""
    header_src, languages = _languages(text, path)
    src = source_lang or (header_src if header_src and header_src != "*all*" else None)
    if src is None:
        raise InputError("TMX without srclang in its header; give --source-lang", path=path)
    tgt = (
        _primary(target_lang)
        if _primary(target_lang) in languages and _primary(target_lang) != _primary(src)
        else next((lang for lang in languages if lang != _primary(src)), _primary(target_lang))
    )
    locator = ElementLocator(text, path)
    builder = SegmentBuilder()
    fields: dict[str, str] = {}  # one field name per language, not a copy per unit
    n = 0
    fed = [0]
    cutter = UnitParts(part_chars) if part_chars is not None else None
    metadata = {"format": "tmx"}
    if cutter is not None:
        locator.new_part()
    for event, tu in iter_xml(text, path, "tmx", fed):
        if event == "start":
            locator.started(tu)
            continue
        if local(tu.tag) != "tu":
            continue
        n += 1
        texts: dict[str, str] = {}
        origins: dict[str, Any] = {}
        for tuv in tu:
            if local(tuv.tag) != "tuv":
                continue
            lang = _primary(tuv.get(XML_LANG) or tuv.get("lang"))
            side = "source" if lang == _primary(src) else "target" if lang == tgt else None
            seg = next((c for c in tuv if local(c.tag) == "seg"), None)
            if side is None or seg is None or side in texts:
                continue
            texts[side] = inner_text(seg)
            field = fields.setdefault(lang, f"seg[{lang}]")
            origins[side] = locator.origin(seg, texts[side], field)
        notes = tuple(inner_text(c) for c in tu if local(c.tag) == "note")
        builder.add(
            tu.get("tuid") or str(n),
            texts.get("target", ""),
            texts.get("source"),
            line=tu.sourceline,
            target_origin=origins.get("target"),
            source_origin=origins.get("source"),
            notes=notes,
        )
        locator.forget()
        release(tu)
        if cutter is not None and cutter.full(builder):
            yield cutter.document(
                builder, locator, fed[0], path, path, tgt, _primary(src), metadata
            )
            builder = SegmentBuilder()
            locator.new_part()
    if cutter is None:
        yield builder.document(path, path, tgt, source_lang=_primary(src), metadata=metadata)
    elif builder.segments or not cutter.index:
        yield cutter.document(builder, locator, fed[0], path, path, tgt, _primary(src), metadata)


def stream_tmx(path: str, errors: str, **options: Any) -> Iterator[Document]:
    """A large TMX file in parts of whole ``<tu>`` (:data:`parts.TEXT_PART_CHARS`
    characters of text or so), each a document whose positions are the file's."""
    text = parts.read_whole(path, errors)
    yield from read_tmx(text, path, part_chars=parts.TEXT_PART_CHARS, **options)


def _languages(text: str, path: str) -> tuple[str | None, dict[str, None]]:
    """The header's ``srclang`` and the languages of the ``<tuv>`` elements, in the
    order found (the first pass; each ``<tu>`` deleted once read)."""
    root: Any = None
    header_src: str | None = None
    languages: dict[str, None] = {}
    for event, el in iter_xml(text, path, "tmx"):
        if event == "start":
            if root is None:
                root = el
            continue
        name = local(el.tag)
        if name == "header" and el.getparent() is root and header_src is None:
            header_src = el.get("srclang")
            header_src = header_src if header_src is not None else ""
        elif name == "tu":
            for tuv in el:
                if local(tuv.tag) == "tuv":
                    languages.setdefault(_primary(tuv.get(XML_LANG) or tuv.get("lang")))
            release(el)
    return header_src or None, languages


FORMAT = Format(
    name="tmx",
    suffixes=(".tmx",),
    read=read_tmx,
    stream=stream_tmx,
    encode=xml_text,
    inline_markup=True,
)
