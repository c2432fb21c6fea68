"""A PO file's text is decoded before polib reads it (audit/formats/decode.py), so the
charset its header declares changes nothing polib gives: the reader tells polib the
text's encoding instead of letting it search the text for one."""

from __future__ import annotations

import pytest

from audit.formats.po import read_po

BODY = '\nmsgid "Café"\nmsgstr "Le café est fermé."\n\nmsgid "Tea"\nmsgstr "Thé"\n'


@pytest.mark.parametrize(
    "header",
    [
        "",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n',
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n"Language: fr\\n"\n',
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=no-such-charset\\n"\n"Language: fr\\n"\n',
    ],
)
def test_the_declared_charset_changes_nothing_read(header: str) -> None:
    (doc,) = read_po(header + BODY, "f.po", target_lang="fr")
    targets = [doc.target[s.target.start : s.target.end] for s in doc.segments]
    sources = [doc.source[s.source.start : s.source.end] for s in doc.segments if s.source]
    assert targets == ["Le café est fermé.", "Thé"]
    assert sources == ["Café", "Tea"]
    assert doc.target_lang == "fr"
    first = doc.segments[0]
    assert first.target_origin is not None
    offset = first.target_origin.offset
    assert (header + BODY)[offset - len('msgstr "') : offset + 4] == 'msgstr "Le c'
