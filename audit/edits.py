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
    """
    pieces: list[_Piece] = [_Piece(0, len(original), None)] if original else []
    for edits in passes:
        for edit in sorted(edits, reverse=True):
            pieces = _apply_piece_edit(pieces, edit)
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


def _apply_piece_edit(pieces: list[_Piece], edit: Edit) -> list[_Piece]:
    """Apply one edit (current coordinates) to the piece list."""
    s, e = edit.start, edit.end
    before: list[_Piece] = []
    after: list[_Piece] = []
    prefix = suffix = ""
    orig_start: int | None = None
    orig_end = 0
    pos = 0
    for p in pieces:
        ps, pe = pos, pos + p.length
        pos = pe
        overlaps = (ps < e and pe > s) if s < e else ps < s < pe
        if not overlaps:
            (before if pe <= s else after).append(p)
            continue
        if p.text is None:
            if ps < s:
                before.append(_Piece(p.start, p.start + (s - ps), None))
            here_start, here_end = p.start + max(0, s - ps), p.start + min(p.length, e - ps)
            if pe > e:
                after.append(_Piece(here_end, p.end, None))
        else:
            here_start, here_end = p.start, p.end
            if ps < s:
                prefix = p.text[: s - ps]
            if pe > e:
                suffix = p.text[e - ps :]
        if orig_start is None:
            orig_start = here_start
        orig_end = here_end
    if orig_start is None:  # an insertion between two pieces
        orig_start = orig_end = before[-1].end if before else (after[0].start if after else 0)
    return [*before, _Piece(orig_start, orig_end, prefix + edit.replacement + suffix), *after]
