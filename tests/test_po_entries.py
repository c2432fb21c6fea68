"""The PO reader's own reading of entries (audit/formats/po_entries.py) against
polib's, on files with each construct the reader meets; and the files it leaves to
polib, so that polib's reading and errors stay as they were."""

from __future__ import annotations

import polib
import pytest

from audit.formats import po as po_format
from audit.formats.po_entries import parse_entries

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: pt_BR\\n"\n\n'
)

READ_HERE = {
    "contexts, references, comments, flags": HEADER
    + "#: news.1:1\n# a translator's note\n#  two spaces\n#\n#. extracted\n#, fuzzy, c-format\n"
    'msgctxt "news.1:1"\nmsgid "One %d"\nmsgstr "Um %d"\n\n#: news.1:2\nmsgctxt "news.1:2"\n'
    'msgid ""\n"Two "\n"lines"\nmsgstr ""\n"Duas "\n"linhas"\n',
    "plural forms with continuations": HEADER.replace(
        '"Language', '"Plural-Forms: nplurals=3; plural=n>1;\\n"\n"Language'
    )
    + 'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "arquivo"\nmsgstr[1] ""\n"arqui"\n"vos"\n'
    'msgstr[2] "x"\n\nmsgid "b"\nmsgstr "c"\n',
    "no header": 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n',
    "header comments": "# Translation of a project\n# Copyright\n#\n"
    + HEADER
    + 'msgid "a"\nmsgstr "b"\n',
    "comment between msgid and msgstr": HEADER + 'msgid "a"\n# between\nmsgstr "b"\n',
    "trailing comment": HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n# the end\n',
    "bare markers": HEADER + '#.\n#,\n#:\nmsgid "a"\nmsgstr "b"\n#:\n',
    "escapes": HEADER
    + 'msgid "tab\\tnl\\nq\\"bs\\\\"\nmsgstr "bell\\a vt\\v hex\\x41 oct\\101 r\\r b\\b f\\f"\n',
    "metadata over several lines": 'msgid ""\nmsgstr ""\n"Project-Id-Version: demo\\n"\n'
    '"Language-Team: a\\n"\n"b c\\n"\n"Language: de\\n"\n\nmsgid "a"\nmsgstr "b"\n',
    "windows line breaks": HEADER.replace("\n", "\r\n") + 'msgid "a"\r\nmsgstr "b"\r\n',
}

LEFT_TO_POLIB = {
    "obsolete entry": HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "old"\n#~ msgstr "alt"\n',
    "previous string": HEADER + '#| msgid "old"\nmsgid "a"\nmsgstr "b"\n',
    "byte order mark": "\ufeff" + HEADER + 'msgid "a"\nmsgstr "b"\n',
    "comment polib refuses": HEADER + '#foo\nmsgid "a"\nmsgstr "b"\n',
    "two header entries": HEADER + 'msgctxt "x"\nmsgid ""\nmsgstr "y"\n',
    "continuation after a header comment": '# c\n"x"\nmsgid "a"\nmsgstr "b"\n',
}


def _rows(catalog: object) -> list[tuple[object, ...]]:
    return [
        (
            e.linenum,
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            dict(e.msgstr_plural),
            e.tcomment,
            bool(e.obsolete),
        )
        for e in catalog  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("name", READ_HERE)
def test_entries_read_here_are_polibs(name: str) -> None:
    text = READ_HERE[name]
    ours = parse_entries(text)
    assert ours is not None, "this file should not need polib"
    theirs = polib.pofile(text, wrapwidth=0)
    assert _rows(ours) == _rows(theirs)
    assert ours.metadata == dict(theirs.metadata)


@pytest.mark.parametrize("name", LEFT_TO_POLIB)
def test_unusual_files_are_left_to_polib(name: str) -> None:
    assert parse_entries(LEFT_TO_POLIB[name]) is None


@pytest.mark.parametrize("name", READ_HERE)
def test_documents_are_the_same_either_way(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = READ_HERE[name]
    fast = list(po_format.read_po(text, "x.po"))
    monkeypatch.setattr(po_format, "parse_entries", lambda _text: None)
    slow = list(po_format.read_po(text, "x.po"))
    assert fast == slow
    # something was read (polib drops an entry that trailing comment lines follow)
    assert fast[0].segments or name == "bare markers"
