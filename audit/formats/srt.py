"""SubRip subtitles: a target ``.srt`` with its source ``.srt`` (``--source``).

Each cue is a segment named by its number. Cues pair in order when both files hold
as many, else by number; a source cue the target lacks becomes a segment with an
empty target (appended after the target's cues). Parsing uses the ``srt`` library; cue text keeps
its line breaks and any markup (``<i>``), so tag parity can compare it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from audit.document import Document
from audit.errors import InputError
from audit.formats.format import Format, as_is
from audit.segments import Origin, SegmentBuilder, line_column, line_starts, locate


def _cues(text: str, path: str) -> list[tuple[str, str, Origin | None, int | None]]:
    """``(number, text, origin, line)`` per cue, in file order."""
    import srt

    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        # The library's words ("contiguous start of match at char 52") say nothing to a
        # subtitler: name the line and show what could not be read as a cue.
        start = getattr(exc, "expected_start", None)
        line = text.count("\n", 0, start) + 1 if start is not None else None
        unmatched = (getattr(exc, "unmatched_content", "") or "").strip().splitlines()
        shown = f": {' / '.join(unmatched[:2])[:80]!r}" if unmatched else ""
        raise InputError(
            "malformed SRT: expected a cue (its number, a line "
            f'"00:00:01,000 --> 00:00:02,500", then its text){shown}',
            path=path,
            line=line,
        ) from None
    starts = line_starts(text)
    matches = list(srt.SRT_REGEX.finditer(text))
    out = []
    for k, sub in enumerate(subtitles):
        origin, line = None, None
        if len(matches) == len(subtitles):
            m = matches[k]
            origin = locate(text, m.start(5), sub.content, path, starts=starts, field="cue")
            line = line_column(text, m.start(1) if m.group(1) else m.start(2), starts)[0]
        out.append((str(sub.index), sub.content, origin, line))
    return out


def read_srt(
    text: str,
    path: str,
    *,
    target_lang: str = "en",
    source: str | None = None,
    source_lang: str | None = None,
    source_path: str | None = None,
    **_: Any,
) -> Iterator[Document]:
    target_cues = _cues(text, path)
    source_cues = _cues(source, source_path or path) if source is not None else []
    same_order = len(source_cues) == len(target_cues)
    by_number = {c[0]: c for c in source_cues}
    target_numbers = {c[0] for c in target_cues}
    builder = SegmentBuilder()
    for k, (number, content, origin, line) in enumerate(target_cues):
        src = by_number.get(number) if not same_order else source_cues[k]
        builder.add(
            number,
            content,
            src[1] if src else ("" if source is not None else None),
            line=line,
            target_origin=origin,
            source_origin=src[2] if src else None,
        )
    if not same_order:  # cues of the source that the target lacks: empty targets
        for number, content, origin, _line in source_cues:
            if number not in target_numbers:
                builder.add(number, "", content, source_origin=origin)
    yield builder.document(
        path,
        path,
        target_lang,
        source_lang=source_lang,
        source_path=source_path,
        metadata={"format": "srt"},
    )


FORMAT = Format(name="srt", suffixes=(".srt",), read=read_srt, encode=as_is, source_file=True)
