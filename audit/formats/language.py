"""The target language of documents whose file, settings and caller all left it open.

Readers are given :data:`audit.lang.guess.UNDECLARED` as ``target_lang`` when nobody
declared one (``Settings.declared_target_lang``); a file that says its language (PO
``Language``, XLIFF and TMX attributes, JSON Lines and CSV/TSV fields) still sets it.
A document that comes out of its reader still undeclared gets, here, the language
found from its text (:func:`audit.lang.guess.guess_target_lang`) or English, as before
this existed. Done once, where documents leave the readers (:func:`audit.formats.iter_path`,
``load_file``, ``stream_path``), so that every later step (checks, fixes, reports,
back-translation) sees a real language code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from audit.document import Document

#: Metadata key of a document whose target language was found from its text (and is
#: not English, the language it would have had anyway): the language's code. Kept out
#: of documents written back (JSON Lines).
FOUND = "target_lang_found"


def settle(docs: Iterable[Document]) -> Iterator[Document]:
    """``docs``, each with a target language: an undeclared one is found from the text.

    Consecutive documents with one id (the parts of a large file read piece by piece)
    take the language of the first, which decided on its first few thousand words."""
    last: tuple[str, str] | None = None
    for doc in docs:
        if doc.target_lang:
            yield doc
            continue
        if last is not None and last[0] == doc.id:
            lang = last[1]
        else:
            from audit.lang.guess import DEFAULT, guess_target_lang

            lang = guess_target_lang(doc.target) or DEFAULT
        last = (doc.id, lang)
        yield _with_language(doc, lang)


def _with_language(doc: Document, lang: str) -> Document:
    from audit.lang.guess import DEFAULT

    if lang == DEFAULT:
        return replace(doc, target_lang=lang)
    return replace(doc, target_lang=lang, metadata={**doc.metadata, FOUND: lang})


def found_language(doc: Document) -> str | None:
    """The target language found from ``doc``'s text, when it is not English."""
    found = doc.metadata.get(FOUND)
    return found if isinstance(found, str) else None


#: Files named in a note before "and N more".
NOTE_FILES = 3


def found_note(lang: str, documents: int, files: list[str]) -> str:
    """The line that tells the user which documents were audited in ``lang``, found from
    their text, and how to choose the language instead."""
    from audit.lang.guess import NAMES
    from audit.lang.profiles import language

    name = NAMES.get(lang) or language(lang).name
    named = ", ".join(files[:NOTE_FILES])
    if len(files) > NOTE_FILES:
        named += f" and {len(files) - NOTE_FILES} more"
    docs = f"{documents} document{'s' if documents != 1 else ''}"
    return (
        f"Audited as {name} ({lang}), the language of their text, as none "
        f"was declared (--target-lang sets it): {docs} in {named}"
    )
