"""Documents, spans, segmentation and offset-to-position mapping.

Offsets are always character offsets into the text exactly as read (after decoding,
with the byte-order mark removed and line endings left alone), so a finding's
``text`` is ``document.target[start:end]``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from audit.lang.sentences import CLOSERS, TERMINALS, UNSPACED_TERMINALS

if TYPE_CHECKING:
    from audit.segments import Origin, Segment

#: A line break as every part of audit counts lines: ``\r\n`` is one, a lone ``\r`` is one
#: (old Mac files), as is ``\n``. The one definition: positions, suppressions, checks,
#: file offsets and large-file parts must agree on what a line is.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A word, for counting words (per-1,000-words scores): a run of letters and digits.
WORD = re.compile(r"\w+")
# \r\n is one break, never two. A match starts only where spaces start (a match from
# inside a run of spaces would also match from its first one): without the lookbehind
# a long run of spaces with no line break was scanned again from each of its spaces.
_BLANK_LINES = re.compile(r"(?<![ \t])(?:[ \t]*(?:\r\n|\r(?!\n)|\n)){2,}")

# Abbreviations after which a full stop does not end a sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen maj col lt capt sgt cmdr adm gov sen rep rev st sr jr
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs v approx dept est fig
    inc ltd co corp e.g i.e u.s u.k u.n a.m p.m mt ft
    """.split()
)

# Sentence marks of every supported script (see audit.lang.sentences: ।, ۔, ؟, 。...).
_SENTENCE_END = re.compile(f"[{re.escape(TERMINALS)}]+[{re.escape(CLOSERS)}]*")
# A match starts only where a run of marks starts (likewise: linear on a long run).
_ENDS_SENTENCE = re.compile(
    f"(?<![{re.escape(TERMINALS)}])[{re.escape(TERMINALS)}]+[{re.escape(CLOSERS)}]*$"
)


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)``."""

    __slots__ = ("start", "end")  # two or three per unit of a bilingual file
    start: int
    end: int

    def __reduce__(self) -> tuple[object, ...]:  # frozen with slots: pickled by value
        return (Span, (self.start, self.end))

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class LineIndex:
    """Maps character offsets to 1-based line and column numbers.

    ``\\r\\n``, lone ``\\r`` and ``\\n`` each end a line. The column counts characters
    from the start of the line, starting at 1.
    """

    def __init__(self, text: str):
        starts = [0]
        starts.extend(m.end() for m in LINE_BREAK.finditer(text))
        self._starts = starts
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Return ``(line, column)`` for a character offset (``0 <= offset <= len``)."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._starts[line - 1]


@dataclass(frozen=True)
class Document:
    """One article (or one bilingual file) to audit.

    ``target`` is the text under audit. ``source`` and ``back_translation`` are
    optional companions. ``metadata`` holds anything else the reader found (URL,
    free-form fields); ``date``, ``desk`` and ``translator`` are first-class because
    reports group by them.

    A bilingual file's units are ``segments`` (see :mod:`audit.segments`): the
    target and source texts are then the units' texts joined by blank lines, and
    each segment knows its spans there and where its text sits in the file.
    ``target_origin``/``source_origin`` say where a whole-article text sits in its file
    (a JSON Lines field, a separate source file); ``source_path`` names the file the
    source came from when it is not ``path``.
    """

    id: str
    target: str
    path: str = ""
    target_lang: str = "en"
    source: str | None = None
    source_lang: str | None = None
    back_translation: str | None = None
    date: str | None = None
    desk: str | None = None
    translator: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)
    segments: tuple[Segment, ...] = ()
    source_path: str | None = None
    target_origin: Origin | None = field(default=None, compare=False)
    source_origin: Origin | None = field(default=None, compare=False)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.target)

    @cached_property
    def source_lines(self) -> LineIndex:
        return LineIndex(self.source or "")

    def side_text(self, side: str) -> str:
        """The text a finding on ``side`` (``target`` or ``source``) indexes."""
        return (self.source or "") if side == "source" else self.target

    @cached_property
    def _segment_index(self) -> dict[str, tuple[list[int], list[Segment]]]:
        index: dict[str, tuple[list[int], list[Segment]]] = {}
        for side in ("target", "source"):
            having = [s for s in self.segments if s.span(side) is not None]
            index[side] = ([s.span(side).start for s in having], having)  # type: ignore[union-attr]
        return index

    def segment_at(self, side: str, offset: int) -> Segment | None:
        """The file segment whose text on ``side`` holds ``offset`` (its end included)."""
        if not self.segments:
            return None
        starts, having = self._segment_index[side]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0:
            span = having[i].span(side)
            if span is not None and span.start <= offset <= span.end:
                return having[i]
        return None

    def file_position(
        self, side: str, offset: int, segment: Segment | None = None
    ) -> tuple[str, int, int]:
        """``(path, line, column)`` in the original file of ``offset`` in the side's text.

        Segments map through their origins (escapes and markup accounted for); a
        whole-article text through the document's origin; otherwise the text is the
        file itself.
        """
        segment = segment or self.segment_at(side, offset)
        if segment is not None:
            origin, span = segment.origin(side), segment.span(side)
            if origin is not None and span is not None:
                return (origin.path, *origin.position(offset - span.start))
        origin = self.source_origin if side == "source" else self.target_origin
        if origin is not None:
            return (origin.path, *origin.position(offset))
        if side == "source":
            return (self.source_path or self.path, *self.source_lines.position(offset))
        return (self.path, *self.lines.position(offset))

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        return split_paragraphs(self.target)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        return tuple(s for p in self.paragraphs for s in split_sentences(self.target, p))

    @cached_property
    def _sentence_starts(self) -> frozenset[int]:
        return frozenset(s.start for s in self.sentences)

    def is_sentence_start(self, offset: int) -> bool:
        """True when ``offset`` is the first character of a sentence or heading.

        Opening quotes and brackets before it are allowed: ``"Haftar`` starts a sentence.
        """
        i = offset
        while i > 0 and self.target[i - 1] in "\"'“‘«([":
            i -= 1
        return i in self._sentence_starts

    @cached_property
    def _sentence_start_list(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Span | None:
        # The starts are listed once per document: listing them at every call made a
        # check that asks at every word quadratic (S009 on a long article).
        i = bisect.bisect_right(self._sentence_start_list, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, offset + 1):
            return self.sentences[i]
        return None


def split_paragraphs(text: str) -> tuple[Span, ...]:
    """Blocks of text separated by one or more blank lines, trimmed of outer whitespace."""
    spans: list[Span] = []
    pos = 0
    for m in _blank_lines(text):
        _append_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _append_trimmed(text, pos, len(text), spans)
    return tuple(spans)


_BREAK_CHAR = re.compile(r"[\r\n]")


def _blank_lines(text: str) -> list[re.Match[str]]:
    """The matches of ``_BLANK_LINES`` in ``text``, tried only where one can start: at
    a line break or the spaces before it. A text has a few dozen line breaks in
    thousands of characters, and the pattern's look-behind made the regular
    expression engine stop at every character (four times the time)."""
    found = []
    pos = 0  # where the last match ended: the search goes on from here
    for brk in _BREAK_CHAR.finditer(text):
        start = brk.start()
        if start < pos:
            continue
        while start > pos and text[start - 1] in " \t":
            start -= 1  # a match starts where the spaces before the break start
        m = _BLANK_LINES.match(text, start)
        if m is not None:
            found.append(m)
            pos = m.end()
    return found


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Span(start, end))


def split_sentences(text: str, within: Span | None = None) -> list[Span]:
    """Split a paragraph into sentences and headings.

    A sentence ends at terminal punctuation followed by whitespace and a character that
    can start a sentence (not a lower-case letter), unless the word before the full stop
    is a known abbreviation or a single-letter initial. A line break also ends a sentence
    when the line ends with terminal punctuation or when the line carries no terminal
    punctuation at all and the next line starts with a capital (a heading or a label
    such as ``Persuade Hifter`` above its paragraph).
    """
    span = within or Span(0, len(text))
    out: list[Span] = []
    start = span.start
    for line in _lines_in(text, span):
        boundaries = _boundaries_in_line(text, line)
        for b in boundaries:
            _append_trimmed(text, start, b, out)
            start = b
        line_text = text[line.start : line.end].rstrip()
        if line.end >= span.end:
            continue
        nxt = _first_visible(text, line.end, span.end)
        ends_terminal = _ENDS_SENTENCE.search(line_text) is not None
        heading_like = (
            not ends_terminal
            and nxt is not None
            and _can_start_sentence(text[nxt])
            and _SENTENCE_END.search(text[start : line.end]) is None
        )
        if ends_terminal or heading_like:
            _append_trimmed(text, start, line.end, out)
            start = line.end
    _append_trimmed(text, start, span.end, out)
    return out


def _lines_in(text: str, span: Span) -> list[Span]:
    lines = []
    pos = span.start
    for m in LINE_BREAK.finditer(text, span.start, span.end):
        lines.append(Span(pos, m.start()))
        pos = m.end()
    lines.append(Span(pos, span.end))
    return lines


def _boundaries_in_line(text: str, line: Span) -> list[int]:
    out = []
    for m in _SENTENCE_END.finditer(text, line.start, line.end):
        after = m.end()
        if after >= line.end:
            continue
        if not text[after].isspace():
            if text[m.start()] in UNSPACED_TERMINALS:  # 。 needs no space after it
                out.append(after)
            continue
        nxt = _first_visible(text, after, line.end)
        if nxt is None or not _can_start_sentence(text[nxt]):
            continue
        if (
            text[m.start()] == "."
            and m.end() - m.start() == 1
            and _is_abbreviation(text, m.start())
        ):
            continue
        out.append(after)
    return out


def _first_visible(text: str, start: int, end: int) -> int | None:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i if i < end else None


def _can_start_sentence(ch: str) -> bool:
    return not ch.islower()


def _is_abbreviation(text: str, dot: int) -> bool:
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if not word:
        return False
    if len(word) == 1 and text[i].isupper():
        return True  # an initial: "J. Smith"
    return word in ABBREVIATIONS
