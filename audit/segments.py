"""Segments of bilingual documents and where their text lives in the original file.

A bilingual file (XLIFF, PO, TMX, CSV, SRT...) holds units, each with a source and a
target text. A reader joins the units' target texts into ``Document.target`` (and
their source texts into ``Document.source``), separated by a blank line, so checks
that read ``doc.target`` keep working unchanged, and records one :class:`Segment` per
unit: its id, its spans in the joined texts, and an :class:`Origin` per side that says
where that text is stored in the file.

An :class:`Origin` maps an offset in the segment's text to a line and column in the
file, escapes included: ``anchors`` are ``(text offset, line, column)`` points at which
the text and the file come back into step (the start, each line break, each escape
such as ``&amp;`` or ``\\n``). Between two anchors text and file advance one character
at a time. A writer that wants to edit the file in place uses ``Origin.offset`` (the
character offset in the decoded file where the text starts) and ``Origin.field`` (the
format's name for the element or column holding it); ``Origin.verbatim`` says whether
the file stores the text character for character, so a splice at
``offset + k`` is safe, or with escapes, so the unit must be re-encoded.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from audit.document import LINE_BREAK, Document, Span

SEGMENT_SEPARATOR = "\n\n"

Anchors = tuple[tuple[int, int, int], ...]
_Walk = Callable[[], "tuple[Anchors, bool]"]


class Origin:
    """Where one side of a segment (or of a whole document) is stored in a file.

    ``path``, ``offset`` (the character offset of the text's first character in the
    decoded file) and ``field`` are known when a reader makes it; ``anchors`` and
    ``verbatim`` come from walking the text against the file, which costs time in
    proportion to the text, so a reader may give a ``walk`` that is run the first time
    they are asked for (in practice: only for units where a finding is reported, or
    that ``audit fix`` writes back). An Origin is a value: equal when its fields are.
    """

    __slots__ = ("path", "offset", "field", "_anchors", "_verbatim", "_walk", "_text", "_span")

    def __init__(
        self,
        path: str,
        offset: int,
        anchors: Sequence[tuple[int, int, int]] = (),
        verbatim: bool = True,
        field: str = "",
        *,
        walk: _Walk | None = None,
        walker: TextWalker | None = None,
        text: str = "",
    ):
        self.path = path
        self.offset = offset
        self.field = field  # e.g. "target", "msgstr", "seg", a CSV column or a JSON key
        # Lazy: a closure (``walk``), or the file's shared walker and this origin's
        # text (two references per unit rather than a closure of five cells per unit).
        self._walk: _Walk | TextWalker | None = walker if walker is not None else walk
        self._text: str | _Joined | None = text if walker is not None else None
        self._span: Span | None = None  # where the text is in ``_text`` when that is joined
        lazy = self._walk is not None
        self._anchors: tuple[tuple[int, int, int], ...] | None = None if lazy else tuple(anchors)
        self._verbatim: bool | None = None if lazy else verbatim

    def _unit_text(self) -> str:
        """The text still to be walked (read from the builder's joined text once the
        unit's own copy has been let go of)."""
        text = self._text
        if isinstance(text, _Joined):
            assert self._span is not None
            return text.get()[self._span.start : self._span.end]
        return text or ""

    def _resolve(self) -> None:
        w = self._walk
        if w is None:
            return
        if isinstance(w, TextWalker):
            self._anchors, self._verbatim = w(self.offset, self._unit_text())
            self._text = self._span = None
        else:
            self._anchors, self._verbatim = w()
        self._walk = None  # and let go of the file text it held

    @property
    def anchors(self) -> tuple[tuple[int, int, int], ...]:
        """``(text offset, line, column)`` points where text and file are in step, sorted."""
        self._resolve()
        assert self._anchors is not None
        return self._anchors

    @property
    def verbatim(self) -> bool:
        """Whether the file stores the text character for character (no escapes)."""
        self._resolve()
        return bool(self._verbatim)

    @property
    def line(self) -> int:
        return self.anchors[0][1]

    @property
    def column(self) -> int:
        return self.anchors[0][2]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` in the file of the character at ``offset`` in the text."""
        i = bisect.bisect_right(self.anchors, (offset, 1 << 62, 0)) - 1
        text_offset, line, column = self.anchors[max(i, 0)]
        return line, column + max(offset - text_offset, 0)

    def moved(self, lines: int, chars: int) -> Origin:
        """The same text found ``lines`` lines and ``chars`` characters further into a
        file (a JSON line located on its own, put back in its file)."""

        def walk() -> tuple[tuple[tuple[int, int, int], ...], bool]:
            return tuple((t, line + lines, c) for t, line, c in self.anchors), self.verbatim

        return Origin(self.path, self.offset + chars, field=self.field, walk=walk)

    def _key(self) -> tuple[object, ...]:
        return (self.path, self.offset, self.field, self.anchors, self.verbatim)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Origin) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.path, self.offset, self.field))

    def __repr__(self) -> str:
        return f"Origin(path={self.path!r}, offset={self.offset}, field={self.field!r}, anchors={self.anchors!r})"

    def __reduce__(self) -> tuple[object, ...]:
        if isinstance(self._walk, TextWalker):  # still lazy: the walker is pickled once
            return (
                _lazy_origin,
                (self.path, self.offset, self.field, self._walk, self._unit_text()),
            )
        return (Origin, (self.path, self.offset, self.anchors, self.verbatim, self.field))


def _lazy_origin(path: str, offset: int, field: str, walker: TextWalker, text: str) -> Origin:
    return Origin(path, offset, field=field, walker=walker, text=text)


class TextWalker:
    """What the walks of one file's origins share: the file's text, its line starts and
    the format's escapes. A reader makes one per file and gives it to :func:`locate`,
    so that each origin holds only its own text until it is walked (a file of 200,000
    units held 200,000 closures of five cells each)."""

    __slots__ = ("raw", "_starts", "escape")

    def __init__(self, raw: str, starts: Sequence[int] | None = None, escape: Step | None = None):
        self.raw = raw
        self._starts = starts
        self.escape = escape

    @property
    def starts(self) -> Sequence[int]:
        if self._starts is None:
            self._starts = line_starts(self.raw)
        return self._starts

    def __call__(self, start: int, text: str) -> tuple[Anchors, bool]:
        return walk(self.raw, start, text, starts=self.starts, escape=self.escape)

    def __reduce__(self) -> tuple[object, ...]:
        return (TextWalker, (self.raw, self._starts, self.escape))


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of a bilingual file: ids, spans in the joined texts, file origins.

    ``target`` is the span of the unit's target text in ``Document.target``;
    ``source`` and ``back_translation`` the spans in ``Document.source`` and
    ``Document.back_translation`` (``None`` when the unit has none). ``line`` is the
    1-based line where the unit begins in the file (the XLIFF ``<trans-unit>``, the PO
    entry, the CSV row, the SRT cue).
    """

    id: str
    target: Span
    source: Span | None = None
    back_translation: Span | None = None
    line: int | None = None
    target_origin: Origin | None = None
    source_origin: Origin | None = None
    notes: tuple[str, ...] = ()  # the unit's comments (PO translator comments, XLIFF/TMX notes)

    # Slots: a file of 200,000 units holds 200,000 of these. Pickled by value (a frozen
    # class with slots does not unpickle on Python 3.10 otherwise).
    def __reduce__(self) -> tuple[object, ...]:
        return (
            Segment,
            (
                self.id,
                self.target,
                self.source,
                self.back_translation,
                self.line,
                self.target_origin,
                self.source_origin,
                self.notes,
            ),
        )

    def span(self, side: str) -> Span | None:
        return (
            self.target
            if side == "target"
            else self.source
            if side == "source"
            else self.back_translation
        )

    def origin(self, side: str) -> Origin | None:
        return (
            self.target_origin
            if side == "target"
            else self.source_origin
            if side == "source"
            else None
        )


class _Joined:
    """One side's joined text of a :class:`SegmentBuilder`, from which its units' lazy
    origins read their text when they are walked, instead of each keeping a copy (two
    strings per unit of a 200,000-unit file)."""

    __slots__ = ("parts", "text")

    def __init__(self, parts: list[str]):
        self.parts: list[str] | None = parts
        self.text: str | None = None

    def get(self) -> str:
        if self.text is not None:
            return self.text
        assert self.parts is not None
        return "".join(self.parts)  # asked before the document was made: rare

    def finish(self, text: str) -> None:
        self.text, self.parts = text, None


@dataclass
class SegmentBuilder:
    """Joins unit texts into document texts and records the segments, in file order."""

    targets: list[str]
    sources: list[str]
    back: list[str]
    segments: list[Segment]

    def __init__(self) -> None:
        self.targets, self.sources, self.back, self.segments = [], [], [], []
        self._lengths = {"target": 0, "source": 0, "back": 0}
        self._joined = {"target": _Joined(self.targets), "source": _Joined(self.sources)}

    def _share(self, origin: Origin | None, text: str | None, span: Span | None, side: str) -> None:
        """Let ``origin`` read its unit's text from the joined text of ``side``."""
        joined = self._joined[side]
        if (
            origin is not None
            and span is not None
            and text
            and origin._text is text
            and joined.parts is not None  # (not once the joined text is made)
        ):
            origin._text, origin._span = joined, span

    def _append(self, parts: list[str], key: str, text: str | None) -> Span | None:
        if text is None:
            return None
        if parts:
            parts.append(SEGMENT_SEPARATOR)
            self._lengths[key] += len(SEGMENT_SEPARATOR)
        start = self._lengths[key]
        parts.append(text)
        self._lengths[key] += len(text)
        return Span(start, start + len(text))

    def add(
        self,
        id: str,
        target: str,
        source: str | None = None,
        *,
        back_translation: str | None = None,
        line: int | None = None,
        target_origin: Origin | None = None,
        source_origin: Origin | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        target_span = self._append(self.targets, "target", target)
        assert target_span is not None  # (an empty Span is falsy: test for None, never truth)
        source_span = self._append(self.sources, "source", source)
        self._share(target_origin, target, target_span, "target")
        self._share(source_origin, source, source_span, "source")
        self.segments.append(
            Segment(
                id=id,
                target=target_span,
                source=source_span,
                back_translation=self._append(self.back, "back", back_translation),
                line=line,
                target_origin=target_origin,
                source_origin=source_origin,
                notes=notes,
            )
        )

    @property
    def target(self) -> str:
        text = "".join(self.targets)
        self._joined["target"].finish(text)
        return text

    @property
    def source(self) -> str | None:
        if not any(s.source is not None for s in self.segments):
            return None
        text = "".join(self.sources)
        self._joined["source"].finish(text)
        return text

    @property
    def back_translation(self) -> str | None:
        return (
            "".join(self.back)
            if any(s.back_translation is not None for s in self.segments)
            else None
        )

    def document(self, id: str, path: str, target_lang: str, **fields: Any) -> Document:
        """The document of the units added: its joined texts (source and back-translation
        only when a unit has one) and segments, with ``fields`` (``source_lang``,
        ``metadata``, ...) as given: what every reader of a unit format makes."""
        return Document(
            id=id,
            path=path,
            target=self.target,
            target_lang=target_lang,
            source=self.source,
            back_translation=self.back_translation,
            segments=tuple(self.segments),
            **fields,
        )


# --- mapping a decoded text back onto the file ------------------------------------

Step = Callable[[str, int, str, int], "tuple[int, int] | None"]
# Characters with which no escape of any format begins (backslash: JSON and PO;
# quote: PO continuations and CSV; & < ]: XML), line breaks excluded.
_PLAIN = re.compile(r'[^\\"&<\]\r\n]+')


def line_column(raw: str, offset: int, line_starts: Sequence[int]) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``raw``, given its line starts."""
    line = bisect.bisect_right(line_starts, offset) - 1
    return line + 1, offset - line_starts[line] + 1


def line_starts(raw: str) -> list[int]:
    """The offset at which each line of ``raw`` starts (CR LF, a lone CR and LF end a
    line)."""
    if "\r" in raw:
        return [0, *(m.end() for m in LINE_BREAK.finditer(raw))]
    # Only \n: the running sum of the lines' lengths, summed in C rather than a match
    # object per line (every reader asks this of its file; 0.033 s -> 0.009 s CPU over
    # the 882 NTREX PO files).
    starts = list(itertools.accumulate([len(line) + 1 for line in raw.split("\n")], initial=0))
    starts.pop()  # where a line after the last would start
    return starts


def locate(
    raw: str,
    start: int,
    text: str,
    path: str,
    *,
    starts: Sequence[int] | None = None,
    escape: Step | None = None,
    field: str = "",
    walker: TextWalker | None = None,
) -> Origin:
    """The origin of ``text`` (as decoded), stored in ``raw`` (the file) from ``start``.

    The walk that maps it (see :func:`walk`) runs when a position is first asked for.
    ``walker``: the file's shared :class:`TextWalker` (then ``raw``, ``starts`` and
    ``escape`` are its own), which a reader of many units should give.
    """
    if walker is None:
        walker = TextWalker(raw, starts, escape)
    return Origin(path, start, field=field, walker=walker, text=text)


def walk(
    raw: str,
    start: int,
    text: str,
    *,
    starts: Sequence[int] | None = None,
    escape: Step | None = None,
) -> tuple[tuple[tuple[int, int, int], ...], bool]:
    """Walk ``text`` (as decoded) against ``raw`` (the file) from ``start``; return the
    anchors and whether the file stores the text verbatim.

    Equal characters advance both; ``escape(raw, i, text, j)`` recognises an escape
    at ``raw[i]`` and returns how many file and text characters it spans (``&amp;`` is
    5 and 1, a PO line continuation is several and 0). Line breaks and escapes record
    anchors. Should the walk lose step (a reader normalised something unforeseen),
    positions after that point are counted on from the last anchor.
    """
    starts = starts if starts is not None else line_starts(raw)
    line, column = line_column(raw, start, starts)
    anchors = [(0, line, column)]
    i, j = start, 0
    verbatim = True
    while j < len(text) and i < len(raw):
        # Fast path: a run of characters that no format escapes and that are no line
        # break is compared in one slice (escapes begin with one of the excluded marks).
        m = _PLAIN.match(raw, i)
        if m:
            k = min(m.end() - i, len(text) - j)
            if raw[i : i + k] == text[j : j + k]:
                i, j = i + k, j + k
                continue
        step = escape(raw, i, text, j) if escape else None
        if step is None and raw.startswith("\r\n", i) and text[j] == "\n":
            step = (2, 1)  # the reader normalised the line break
        if step is None:
            if raw[i] != text[j]:
                break
            m = LINE_BREAK.match(raw, i)
            if m and text.startswith(m.group(), j):
                i, j = m.end(), j + len(m.group())
                anchors.append((j, *line_column(raw, i, starts)))
                continue
            i, j = i + 1, j + 1
            continue
        di, dj = step
        verbatim = False
        i, j = i + di, j + dj
        anchors.append((j, *line_column(raw, min(i, len(raw)), starts)))
    return tuple(anchors), verbatim and j >= len(text)
