"""Issue 15: an empty translation is an omission in every format, and the units of a
segment format stay units (PO entries are not one running text; placeholders are
compared with the source, not reported as markup debris)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SOURCE = "Talks resume in Geneva on Monday."


def _findings(cli, *args: str) -> tuple[int, list[dict]]:  # type: ignore[no-untyped-def]
    result = cli("check", *args, "--no-default-glossaries", "--format", "json")
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_an_empty_json_lines_target_is_an_omission(cli, tmp_path: Path):
    path = tmp_path / "a.jsonl"
    record = {"id": "a", "source": SOURCE, "target": "", "source_lang": "en", "target_lang": "fr"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, found = _findings(cli, str(path))
    assert code == 1
    assert [(f["code"], f["side"], f["text"]) for f in found] == [("B004", "source", SOURCE)]


@pytest.mark.parametrize("content", ["", "\n\n"])
def test_an_empty_target_file_with_a_source_is_an_omission_not_a_usage_error(
    cli, tmp_path: Path, content: str
):
    target, source = tmp_path / "t.txt", tmp_path / "s.txt"
    target.write_text(content, encoding="utf-8")
    source.write_text(SOURCE + "\n", encoding="utf-8")
    code, found = _findings(cli, str(target), "--source", str(source), "--source-lang", "en")
    assert code == 1
    assert [(f["code"], f["path"], f["text"]) for f in found] == [("B004", str(source), SOURCE)]


def test_an_empty_target_file_without_a_source_is_still_refused(cli, tmp_path: Path):
    target = tmp_path / "t.txt"
    target.write_text("", encoding="utf-8")
    result = cli("check", str(target))
    assert result.exit_code == 2 and "empty file" in result.stderr


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu tuid="1"><tuv xml:lang="en"><seg>Talks resume in Geneva on Monday.</seg></tuv><tuv xml:lang="fr"><seg></seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Both delegations attend.</seg></tuv><tuv xml:lang="fr"><seg>Les deux délégations y assistent.</seg></tuv></tu>
</body></tmx>
"""


def test_an_empty_tmx_segment_is_an_omission_when_the_source_is_english(cli, tmp_path: Path):
    # The target language defaults to English; a memory whose source is English has its
    # translation in the other language, which is the one to read as the target.
    path = tmp_path / "a.tmx"
    path.write_text(TMX, encoding="utf-8")
    code, found = _findings(cli, str(path))
    assert [(f["code"], f["segment"], f["text"]) for f in found] == [("B004", "1", SOURCE)]


PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: fr\n"

msgid "Open the file."
msgstr "Ouvrez le fichier."

msgid "cancel"
msgstr "annuler"

msgid "Save the file now."
msgstr ""

#, c-format
msgid "%d files deleted"
msgstr "%d fichiers supprimés"

#, python-format
msgid "%(count)d messages from %(name)s"
msgstr "%(count)d messages"
"""


def test_po_entries_are_units_and_placeholders_are_compared(cli, tmp_path: Path):
    path = tmp_path / "messages.po"
    path.write_text(PO, encoding="utf-8")
    code, found = _findings(cli, str(path))
    got = [(f["code"], f["text"], f["message"]) for f in found]
    # "annuler" begins its own entry: no S010 after the previous entry's "fichier."
    assert not [g for g in got if g[0] == "S010"], got
    # %d and %(count)d are the software's: not A004 debris in a msgstr
    assert not [g for g in got if g[0] == "A004"], got
    # the empty msgstr is PO's "untranslated", said so
    assert ("B004", "Save the file now.") in [g[:2] for g in got]
    assert any("msgstr is empty" in g[2] for g in got if g[0] == "B004")
    # a placeholder lost in translation is a parity finding on the source
    assert ("B006", "%(name)s") in [g[:2] for g in got]
    assert len(got) == 2, got


def test_a_placeholder_in_prose_is_still_markup_debris(cli, tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("The agency said %s people were moved.\n", encoding="utf-8")
    _, found = _findings(cli, str(path))
    assert [f["code"] for f in found] == ["A004"]
