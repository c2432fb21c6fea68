"""XLIFF memory per unit (issue 14, item 11: 200,000 units took 906 MB).

The reader keeps one piece of the lxml tree at a time (the whole tree of 200,000
units was 215 MB), and each unit's segment costs well under a kilobyte and a half of
Python objects (about two before: a closure of five cells per origin, a dict per
span and per segment, a copy of the field name per origin). Measured in bytes
allocated, not in seconds.
"""

from __future__ import annotations

import pickle
import tracemalloc
from typing import Any

import pytest

from audit.formats import xliff
from audit.formats.xliff import read_xliff


def _xliff(units: int, files: int = 1) -> str:
    body = "".join(
        f'<trans-unit id="{i}"><source>Hifter met the envoy in Geneva .</source>'
        f"<target>Hifter met the envoy in Geneva .</target></trans-unit>\n"
        for i in range(units)
    )
    one = (
        '<file original="g{n}.txt" source-language="ar" target-language="en" '
        f'datatype="plaintext"><body>\n{body}</body></file>\n'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        + "".join(one.replace("{n}", str(k)) for k in range(files))
        + "</xliff>\n"
    )


def test_the_tree_holds_one_piece_of_the_file_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from audit.formats import xml

    monkeypatch.setattr(xml, "FEED_CHARS", 2048, raising=False)  # about 20 units a piece
    sizes: list[int] = []
    add = xliff._add

    def counting(builder: Any, seg_id: str, holder: Any, *args: Any, **kwargs: Any) -> None:
        sizes.append(sum(1 for _ in holder.getroottree().getroot().iter()))
        add(builder, seg_id, holder, *args, **kwargs)

    monkeypatch.setattr(xliff, "_add", counting)
    docs = list(read_xliff(_xliff(1000), "g.xlf"))
    assert len(docs[0].segments) == 1000
    assert len(sizes) == 1000
    # xliff, file, body and the units of a piece with their sources and targets (about
    # 60 elements, not 3,000).
    assert max(sizes) <= 100, max(sizes)


def _python_bytes_per_unit(units: int) -> float:
    text = _xliff(units)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        docs = list(read_xliff(text, "g.xlf"))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(docs[0].segments) == units
    return held / units


def test_python_objects_per_unit_stay_small() -> None:
    # The same per unit at 2,000 and 4,000 units (nothing grows faster than the units),
    # and small: about 2,050 bytes before, under 1,000 now (texts joined included).
    small, large = _python_bytes_per_unit(2000), _python_bytes_per_unit(4000)
    assert large < 1200, large
    assert large < small * 1.15, (small, large)


def test_a_document_crosses_to_a_worker_with_its_positions_unwalked() -> None:
    doc = next(read_xliff(_xliff(3), "g.xlf"))
    copy = pickle.loads(pickle.dumps(doc))
    origin = copy.segments[2].target_origin
    assert origin is not None
    assert origin._walk is not None  # still lazy: the file's text went once, not walked per unit
    assert origin.position(0) == doc.segments[2].target_origin.position(0)  # type: ignore[union-attr]
    assert origin.position(0)[0] == 6  # the third unit's line


def test_files_are_documents_in_order_and_units_number_per_file() -> None:
    docs = list(read_xliff(_xliff(2, files=3), "g.xlf"))
    assert [d.id for d in docs] == ["g0.txt", "g1.txt", "g2.txt"]
    assert [s.id for s in docs[2].segments] == ["0", "1"]
    line = docs[2].segments[1].target_origin.position(0)[0]  # type: ignore[union-attr]
    assert line == 2 + 4 * 2 + 3  # two lines of head, two files of four before it


def _tmx(units: int, last_lang: str = "fr") -> str:
    tus = "".join(
        f'<tu tuid="t{i}"><tuv xml:lang="en"><seg>Hifter met the envoy .</seg></tuv>'
        f'<tuv xml:lang="{last_lang if i == units - 1 else "de"}"><seg>Hifter traf den Gesandten .</seg>'
        "</tuv></tu>\n"
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
        '<header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"'
        ' creationtool="t" creationtoolversion="1" o-tmf="t"/>\n'
        f"<body>\n{tus}</body></tmx>\n"
    )


def test_tmx_tree_holds_one_piece_and_languages_come_from_every_unit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from audit.formats import tmx, xml

    monkeypatch.setattr(xml, "FEED_CHARS", 2048, raising=False)
    sizes: list[int] = []
    inner = tmx.inner_text

    def counting(el: Any) -> str:
        sizes.append(sum(1 for _ in el.getroottree().getroot().iter()))
        return inner(el)

    monkeypatch.setattr(tmx, "inner_text", counting)
    # French only in the last unit: asked for French, the target is French there.
    text = _tmx(600)
    doc = next(tmx.read_tmx(text, "m.tmx", target_lang="fr"))
    assert doc.target_lang == "fr"
    assert [s.id for s in doc.segments if s.target_origin is not None] == ["t599"]
    at = text.index("Hifter traf", text.index('tuid="t599"'))
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    assert line == 603
    assert doc.segments[599].target_origin.position(0) == (line, column)  # type: ignore[union-attr]
    assert max(sizes) <= 150, max(sizes)  # 600 units of 7 elements: 4,200 before


def test_an_origin_reads_its_text_from_the_joined_document_text() -> None:
    # Each unit's own copy of its text is let go of once the document's text is
    # joined; positions are still found by walking that text against the file.
    doc = next(
        read_xliff(_xliff(3).replace("Geneva .</target>", "Genève &amp; co</target>"), "g.xlf")
    )
    origin = doc.segments[1].target_origin
    assert origin is not None
    assert origin._text is not None and not isinstance(origin._text, str)
    span = doc.segments[1].target
    assert doc.target[span.start : span.end] == "Hifter met the envoy in Genève & co"
    assert origin.position(len("Hifter met the envoy in Genève & c"))[1] == origin.position(0)[
        1
    ] + len("Hifter met the envoy in Genève &amp; c")
    assert not origin.verbatim  # the walk ran on the right text


@pytest.mark.parametrize(("suffix", "kind"), [(".xlf", "XLIFF"), (".tmx", "TMX")])
def test_a_file_whose_root_is_not_the_format_is_one_line_exit_2(cli, tmp_path, suffix, kind):
    path = tmp_path / f"a{suffix}"
    path.write_text('<?xml version="1.0"?>\n<html><body>Hifter</body></html>\n', encoding="utf-8")
    result = cli("check", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"audit: error: {path}:2: not {kind}: the root element is <html>\n"
