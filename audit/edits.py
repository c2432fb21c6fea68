"""Applying suggested replacements to text.

Only findings that carry a suggestion are applied; spans that overlap an earlier
applied span are skipped (the first finding in document order wins; of two that start
together, the wider one, since deleting a repeated passage or a debris line settles
every smaller edit inside it), so applying the same findings twice never corrupts
text. Text outside the flagged spans is never touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audit.findings import Finding


def applicable(findings: Iterable[Finding], side: str = "target") -> list[Finding]:
    """The findings whose suggestions can be applied together, in document order."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end, f.code)):
        if f.side != side or f.suggestion is None or f.suggestion == f.text:
            continue
        if f.start < last_end or (f.start == last_end and f.start == f.end):
            continue
        chosen.append(f)
        last_end = f.end
    return chosen


def apply_suggestions(text: str, findings: Iterable[Finding], side: str = "target") -> str:
    """Return ``text`` with every applicable suggestion applied."""
    out: list[str] = []
    pos = 0
    for f in applicable(findings, side):
        if text[f.start : f.end] != f.text:
            raise ValueError(
                f"{f.code} at {f.start}:{f.end} does not match the text it was made for"
            )
        out.append(text[pos : f.start])
        out.append(f.suggestion or "")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (offsets into the original text)."""

    start: int
    end: int
    replacement: str


def edits_for(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Edit]:
    """The edits ``audit fix`` makes for these findings: the safe ones (``fixable``),
    plus every other suggestion when ``unsafe``; first finding wins on overlap."""
    chosen = [f for f in findings if f.fixable or (unsafe and f.suggestion is not None)]
    return [Edit(f.start, f.end, f.suggestion or "") for f in applicable(chosen)]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, non-overlapping edits."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def compose(original: str, passes: Iterable[Sequence[Edit]]) -> list[Edit]:
    """Express several rounds of edits as one set of edits on the original text.

    Round ``k`` is in the coordinates of the text after round ``k-1``. An edit that
    touches text written by an earlier round absorbs that earlier edit, so the result
    never covers original text that no round edited: writers that map offsets into
    a file (an escaped JSON string, a PO entry) can apply it directly.

    Each round is merged into the pieces in one sweep, so the cost is linear in the
    number of pieces and edits (applying edit by edit cost edits x pieces).
    """
    pieces: list[_Piece] = [_Piece(0, len(original), None)] if original else []
    for edits in passes:
        pieces = _apply_round(pieces, edits)
    out: list[Edit] = []
    for p in pieces:
        if p.text is None:
            continue
        if out and out[-1].end == p.start:
            out[-1] = Edit(out[-1].start, p.end, out[-1].replacement + p.text)
        else:
            out.append(Edit(p.start, p.end, p.text))
    return [e for e in out if original[e.start : e.end] != e.replacement]


@dataclass(frozen=True)
class _Piece:
    """A run of the current text: original ``[start, end)`` unchanged (``text`` None),
    or ``text`` written in place of original ``[start, end)``."""

    start: int
    end: int
    text: str | None

    @property
    def length(self) -> int:
        return self.end - self.start if self.text is None else len(self.text)


def _apply_round(pieces: list[_Piece], edits: Iterable[Edit]) -> list[_Piece]:
    """Apply one round of non-overlapping edits (in the coordinates of the text the
    pieces make) in one sweep, in order.

    An edit replaces the pieces it overlaps by one written piece: an unchanged piece
    is cut at the edit's ends, a written piece is absorbed whole (its text before and
    after the edit kept). The written piece of the previous edit of the round can be
    absorbed in turn, when both edits reach into the same written piece; positions in
    it past the previous edit are where they were, counted from its end.
    """
    out: list[_Piece] = []
    rest = iter(pieces)
    head = next(rest, None)
    ps = 0  # where head starts, in the round's coordinates
    last_start = last_end = -1  # the span of the round's last written piece (out[-1])
    for edit in sorted(edits):
        s, e = edit.start, edit.end
        prefix = suffix = ""
        orig_start: int | None = None
        orig_end = 0
        covered_start, covered_end = s, e
        if last_end >= 0 and ((last_end > s) if s < e else (last_start < s < last_end)):
            written = out.pop()
            text = written.text or ""
            shift = len(text) - last_end  # position x past the last edit is text[x + shift]
            prefix = text[: s + shift]
            if last_end > e:
                suffix = text[e + shift :]
            orig_start, orig_end = written.start, written.end
            covered_start, covered_end = last_start, max(e, last_end)
        while head is not None:
            pe = ps + head.length
            if not ((ps < e and pe > s) if s < e else ps < s < pe):
                if pe > s:
                    break  # after the edit
                out.append(head)
                head, ps = next(rest, None), pe
                continue
            covered_start = min(covered_start, ps)
            if head.text is None:
                if ps < s:
                    out.append(_Piece(head.start, head.start + (s - ps), None))
                here_start = head.start + max(0, s - ps)
                here_end = head.start + min(head.length, e - ps)
                if orig_start is None:
                    orig_start = here_start
                orig_end = here_end
                if pe > e:
                    head, ps = _Piece(here_end, head.end, None), e
                    break
            else:
                if ps < s:
                    prefix = head.text[: s - ps]
                if pe > e:
                    suffix = head.text[e - ps :]
                if orig_start is None:
                    orig_start = head.start
                orig_end = head.end
                covered_end = max(covered_end, pe)
            head, ps = next(rest, None), pe
        if orig_start is None:  # an insertion between two pieces
            orig_start = orig_end = out[-1].end if out else (head.start if head else 0)
        out.append(_Piece(orig_start, orig_end, prefix + edit.replacement + suffix))
        last_start, last_end = covered_start, covered_end
    if head is not None:
        out.append(head)
        out.extend(rest)
    return out
