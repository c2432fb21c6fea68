"""Issue 14, item 11: PO files are read and written as gettext defines them."""

from __future__ import annotations

import pytest

from audit.formats import read_path

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def test_c_escapes_do_not_block_fixes(cli, tmp_path):
    path = tmp_path / "a.po"
    path.write_text(
        HEADER + 'msgid "Bell"\nmsgstr "Salamah rang \\a the bell \\v\\f\\b\\101 for Hifter."\n',
        encoding="utf-8",
    )
    (doc,) = read_path(str(path))
    assert doc.target == "Salamah rang \a the bell \v\f\bA for Hifter."  # decoded as gettext does
    result = cli("fix", str(path), "--write")
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8").endswith(
        'msgstr "Salameh rang \\a the bell \\v\\f\\b\\101 for Haftar."\n'
    )


def test_a_word_split_over_continuation_lines_keeps_its_lines(cli, tmp_path):
    path = tmp_path / "a.po"
    path.write_text(
        HEADER + 'msgid "Split"\nmsgstr ""\n"Salamah met Hif"\n"ter in Geneva."\n', encoding="utf-8"
    )
    assert cli("fix", str(path), "--write").exit_code == 0
    assert path.read_text(encoding="utf-8").endswith(
        'msgstr ""\n"Salameh met Haf"\n"tar in Geneva."\n'
    )
    assert cli("fix", str(path)).exit_code == 0  # nothing left to fix


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('msgid "a"\nmsgstr "x\\qy"\n', 7, "invalid escape \\q in a string"),
        ('msgid "a"\nmsgstr "xy\n', 7, "unterminated string"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 6, "msgid without msgstr"),
        ('msgid "a"\n', 6, "msgid without msgstr"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[5] "y"\n', 9,
         "msgstr[5] beyond the header's nplurals=2"),
        ('msgid "a"\nmsgstr "b"\n"c\n', 8, "unterminated string"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 8, "unexpected msgstr"),
        ('msgid "a"\nmsgstr "b"\nHifter\n', 8, "unexpected text 'Hifter'"),
    ],
)  # fmt: skip
def test_syntax_errors_are_refused_with_their_line(cli, tmp_path, body, line, message):
    path = tmp_path / "a.po"
    path.write_text(HEADER + body, encoding="utf-8")
    result = cli("check", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"audit: error: {path}:{line}: malformed PO: {message}")


def test_valid_po_constructs_are_accepted(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(
        HEADER
        + '# translator comment\n#, fuzzy\n#| msgid "old"\n'
        + 'msgctxt "menu"\nmsgid "File"\nmsgstr "Fichier \\"x\\" \\\\q \\x41"\n\n'
        + 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] ""\n"des"\n\n'
        + '#~ msgid "gone"\n#~ msgstr "parti"\n',
        encoding="utf-8",
    )
    (doc,) = read_path(str(path))
    assert [doc.target[s.target.start : s.target.end] for s in doc.segments] == [
        'Fichier "x" \\q A',
        "un",
        "des",
    ]


def test_unknown_field_names_are_refused(cli, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "body": "Salama met Hifter."}\n', encoding="utf-8")
    result = cli("check", str(path), "--field", "targte=body")
    assert result.exit_code == 2
    assert "unknown field 'targte'; did you mean 'target'?" in result.stderr
    assert cli("check", str(path), "--field", "target=body").exit_code == 1
