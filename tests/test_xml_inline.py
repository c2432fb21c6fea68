"""XLIFF and TMX positions and inline codes (issue 14, item 8).

A start tag split over lines and an ``<alt-trans><target>`` before the unit's own
target must not move positions; native code inside ``<ph>``/``<bpt>`` is neither
audited as text nor rewritten by ``audit fix``.
"""

from __future__ import annotations

from pathlib import Path

from audit import AuditConfig
from audit.edits import Edit
from audit.fix import fix_file
from audit.fix.plan import DocumentFix
from audit.formats import load_file

HEAD_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="ar" target-language="en" datatype="plaintext">
<body>
"""
TAIL_12 = "</body>\n</file>\n</xliff>\n"

SPLIT = (
    HEAD_12
    + """<trans-unit id="1">
<source>حفتر في جنيف</source>
<target
  state="translated">Hifter met the envoy in Geneva.</target>
</trans-unit>
"""
    + TAIL_12
)

ALT_TRANS = (
    HEAD_12
    + """<trans-unit id="1">
<source>حفتر في جنيف</source>
<alt-trans><target>An older Hifter.</target></alt-trans><target>They met Hifter.</target>
</trans-unit>
"""
    + TAIL_12
)

CODES_12 = (
    HEAD_12
    + """<trans-unit id="1">
<source>حفتر <ph id="2">&lt;br class="x7"/&gt;</ph>في جنيف</source>
<target>Hifter met <bpt id="3">{\\b Hifter 1.5}</bpt>the envoy<ept id="3">}</ept> in Geneva.</target>
</trans-unit>
"""
    + TAIL_12
)

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="x"/>
<body>
<tu tuid="1">
<tuv xml:lang="ar"><seg>حفتر <ph x="1">{\\b حفتر}</ph> في جنيف</seg></tuv>
<tuv xml:lang="en"><seg>Hifter <ph x="1">{\\b Hifter 1.5}</ph> met in Geneva.</seg></tuv>
</tu>
</body></tmx>
"""

XLIFF_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en">
<file id="f1"><unit id="1"><segment>
<source>حفتر <sm id="m1"/>في<em startRef="m1"/> جنيف</source>
<target>Hifter met <sm id="m1"/>the envoy<em startRef="m1"/> in Geneva.</target>
</segment></unit></file>
</xliff>
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _n001(path: str) -> tuple[int, int]:
    from audit.engine import audit_document

    config = AuditConfig.create()
    (doc,) = load_file(path).documents
    (f,) = [f for f in audit_document(doc, config) if f.code == "N001"]
    return f.line, f.column


def test_split_start_tag_keeps_positions_and_fix(tmp_path: Path) -> None:
    path = _write(tmp_path, "split.xlf", SPLIT)
    assert _n001(path) == (8, 22)  # the line and column of Hifter in the file
    fixed = fix_file(load_file(path), AuditConfig.create())
    assert fixed.after == SPLIT.replace('translated">Hifter', 'translated">Haftar')


def test_alt_trans_target_does_not_capture_positions(tmp_path: Path) -> None:
    path = _write(tmp_path, "alt.xlf", ALT_TRANS)
    line, column = _n001(path)
    row = ALT_TRANS.splitlines()[line - 1]
    assert row[column - 1 :].startswith("Hifter.</target>")
    assert row.index("They met Hifter") + len("They met ") == column - 1
    fixed = fix_file(load_file(path), AuditConfig.create())
    assert fixed.after == ALT_TRANS.replace("They met Hifter", "They met Haftar")


def test_inline_code_content_is_not_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "codes.xlf", CODES_12)
    (doc,) = load_file(path).documents
    assert doc.target == 'Hifter met <bpt id="3"/>the envoy<ept id="3"/> in Geneva.'
    assert doc.source == 'حفتر <ph id="2"/>في جنيف'
    from audit.engine import audit_document

    findings = audit_document(doc, AuditConfig.create())
    assert not [f for f in findings if "1.5" in f.text or "x7" in f.text or "br" in f.text]
    assert [(f.code, f.column) for f in findings if f.code == "N001"] == [("N001", 9)]
    fixed = fix_file(load_file(path), AuditConfig.create())
    assert fixed.after == CODES_12.replace("<target>Hifter met", "<target>Haftar met")


def test_tmx_fix_leaves_native_code_alone(tmp_path: Path) -> None:
    path = _write(tmp_path, "memory.tmx", TMX)
    (doc,) = load_file(path).documents
    assert doc.target == 'Hifter <ph x="1"/> met in Geneva.'
    fixed = fix_file(load_file(path), AuditConfig.create())
    assert fixed.after == TMX.replace("<seg>Hifter <ph", "<seg>Haftar <ph")
    assert "{\\b Hifter 1.5}" in fixed.after


def test_xliff_2_markers_are_not_html(tmp_path: Path) -> None:
    path = _write(tmp_path, "two.xlf", XLIFF_2)
    from audit.engine import audit_document

    (doc,) = load_file(path).documents
    assert not [f for f in audit_document(doc, AuditConfig.create()) if f.code == "A004"]
    fixed = fix_file(load_file(path), AuditConfig.create())
    assert fixed.after == XLIFF_2.replace("<target>Hifter", "<target>Haftar")


def test_a_fix_never_edits_an_inline_code(tmp_path: Path) -> None:
    path = _write(tmp_path, "codes.xlf", CODES_12)
    source = load_file(path)
    (doc,) = source.documents
    tag = doc.target.index("<bpt")
    edits = (Edit(0, 6, "Haftar"), Edit(tag, tag + len('<bpt id="3"/>'), ""))
    fix = DocumentFix(doc, edits, "", applied=2, left=0)
    from audit.fix.plan import _leave_markup

    (kept,) = _leave_markup(source.text, (fix,))
    assert kept.edits == (Edit(0, 6, "Haftar"),)
    assert kept.fixed == "Haftar" + doc.target[6:]
    assert (kept.applied, kept.left) == (1, 1)
