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
from audit.formats.format import Format
from audit.formats.xml import ElementLocator, inner_text, local, parse_xml, xml_text
from audit.segments import SegmentBuilder

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _primary(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


def read_tmx(
    text: str, path: str, *, target_lang: str = "en", source_lang: str | None = None, **_: Any
) -> Iterator[Document]:
    root = parse_xml(text, path)
    if local(root.tag) != "tmx":
        raise InputError(
            f"not TMX: the root element is <{local(root.tag)}>", path=path, line=root.sourceline
        )
    header = next((c for c in root if local(c.tag) == "header"), None)
    header_src = header.get("srclang") if header is not None else None
    src = source_lang or (header_src if header_src and header_src != "*all*" else None)
    units = list(root.iter("{*}tu"))
    languages = [
        _primary(tuv.get(XML_LANG) or tuv.get("lang"))
        for tu in units
        for tuv in tu
        if local(tuv.tag) == "tuv"
    ]
    if src is None:
        raise InputError("TMX without srclang in its header; give --source-lang", path=path)
    tgt = (
        _primary(target_lang)
        if _primary(target_lang) in languages and _primary(target_lang) != _primary(src)
        else next((lang for lang in languages if lang != _primary(src)), _primary(target_lang))
    )
    locator = ElementLocator(text, path, root)
    builder = SegmentBuilder()
    for n, tu in enumerate(units, start=1):
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
            origins[side] = locator.origin(seg, texts[side], f"seg[{lang}]")
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
    yield Document(
        id=path,
        path=path,
        target=builder.target,
        target_lang=tgt,
        source=builder.source,
        source_lang=_primary(src),
        metadata={"format": "tmx"},
        segments=tuple(builder.segments),
    )


FORMAT = Format(
    name="tmx",
    suffixes=(".tmx",),
    read=read_tmx,
    encode=xml_text,
    inline_markup=True,
)
