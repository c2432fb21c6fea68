"""Text as a reader will see it once encoding damage, markup and invisible characters
are dealt with.

Some checks judge what the words are (is this word repeated?), and another check may
repair the characters under them (``Ã©`` is ``é``; ``&quot;`` is ``"``). Judging the
repaired reading makes the verdict the same before and after those repairs, so that
applying every suggestion once leaves nothing for a second run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.document import Document
    from audit.engine.context import CheckContext

# A lead byte of a UTF-8 sequence read as Latin-1/cp1252 (Â..ô), followed by a
# continuation byte read the same way.
_C1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_C1252}]")
# A run of characters that UTF-8 bytes become when read as Latin-1 or Windows-1252:
# the unit ftfy is asked to repair, so that a repair never depends on the words around.
_LEAD = re.compile("[\u00c2-\u00f4]")
_MAX_LAYERS = 4
_SPECIAL_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
MOJIBAKE_RUN = re.compile(f"[\u0080-\u00ff{_C1252}]+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_INVISIBLE = frozenset({"Cc", "Cf"})


def repairs(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, repaired)`` for each run of ``text`` that ftfy repairs.

    A run is repaired until nothing more changes (damage can be layered: text decoded
    wrongly twice), so the repaired text shows no damage to a second look."""
    if not MOJIBAKE_HINT.search(text):
        return []
    out = []
    for m in MOJIBAKE_RUN.finditer(text):
        if MOJIBAKE_HINT.search(m.group()) is None:
            continue
        fixed = m.group()
        for _ in range(_MAX_LAYERS):
            again = _repair_once(fixed)
            if again == fixed:
                break
            fixed = again
        fixed = _tidy_edges(text, m.start(), m.end(), fixed)
        if fixed != m.group():
            out.append(_trimmed(text, m.start(), m.end(), fixed))
    return out


def _trimmed(text: str, start: int, end: int, fixed: str) -> tuple[int, int, str]:
    """The repair without the characters it leaves as they were at either end, so the
    span covers only what changes (``Ðµ\xa0`` -> ``е\xa0`` is a repair of ``Ðµ``)."""
    while start < end and fixed and text[end - 1] == fixed[-1]:
        end, fixed = end - 1, fixed[:-1]
    while start < end and fixed and text[start] == fixed[0]:
        start, fixed = start + 1, fixed[1:]
    return start, end, fixed


def _tidy_edges(text: str, start: int, end: int, fixed: str) -> str:
    """Drop the special spaces a repair leaves at the start or end of a line or beside
    a space (``Â\xa0`` at a line end is a non-breaking space nobody wants there)."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before.isspace():
        fixed = fixed.lstrip(_SPECIAL_SPACES)
    if after.isspace():
        fixed = fixed.rstrip(_SPECIAL_SPACES)
    return fixed


def _repair_once(text: str) -> str:
    import ftfy  # imported here: most text never needs it

    pieces, pos = [], 0
    for m in MOJIBAKE_RUN.finditer(text):
        if MOJIBAKE_HINT.search(m.group()) is None:
            continue
        lead = _LEAD.search(m.group())
        start = m.start() + (lead.start() if lead else 0)  # a sequence starts at a lead byte
        pieces += [text[pos:start], str(ftfy.fix_encoding(text[start : m.end()]))]
        pos = m.end()
    return "".join(pieces) + text[pos:]


def repaired(text: str) -> str:
    """``text`` with its encoding damage repaired (unchanged when it shows none)."""
    pieces, pos = [], 0
    for start, end, fixed in repairs(text):
        pieces += [text[pos:start], fixed]
        pos = end
    return "".join(pieces) + text[pos:]


def _unescape(text: str) -> str:
    """``html.unescape``, its module (and its 2,000-entity table) imported only for a text
    holding "&": a hook on an article without one does not pay for it (issue 18)."""
    import html

    return html.unescape(text)


def needs_reading(text: str, characters: Iterable[str] | None = None) -> bool:
    """False when :func:`reading` leaves every token of ``text`` as it is (no encoding
    damage, entity, tag or invisible character), so callers can skip it.
    ``characters``: the distinct characters of ``text``, when known (see
    :func:`distinct_characters`): those are asked for an unprintable one."""
    return (
        bool(MOJIBAKE_HINT.search(text))
        or ("&" in text and _unescape(text) != text)  # AT&T and Q&A hold no entity
        or ("<" in text and _TAG.search(text) is not None)
        # Spaces set aside (a no-break space is not printable but is in no token):
        # joining the split text costs a third of translating the line breaks away.
        or (
            not "".join(text.split()).isprintable()
            if characters is None
            else any(not c.isprintable() and not c.isspace() for c in characters)
        )
    )


def distinct_characters(doc: Document, ctx: CheckContext) -> frozenset[str]:
    """The distinct characters of the target text, worked out once per document for
    the checks that ask whether any character of a kind is there at all."""
    return ctx.shared(("artifacts.distinct-characters",), lambda: frozenset(doc.target))


def invisibles_removed(text: str) -> str | None:
    """``text`` without the invisible characters inside its tokens, when they are all
    :func:`reading` would change in them; None when ``text`` holds encoding damage, an
    entity or a tag.

    A token of ``text`` minus these characters reads as the same token of the result,
    so a cheap test on whole words (is any word repeated?) can run on the result
    instead of reading each token (Persian text holds a zero-width non-joiner in many
    words)."""
    if (
        MOJIBAKE_HINT.search(text)
        or ("&" in text and _unescape(text) != text)
        or ("<" in text and _TAG.search(text) is not None)
    ):
        return None
    invisible = [
        ord(c)
        for c in set("".join(text.split()))
        if not c.isprintable() and unicodedata.category(c) in _INVISIBLE
    ]
    return text.translate(dict.fromkeys(invisible)) if invisible else text


def reading(token: str) -> str:
    """``token`` repaired (ftfy), unescaped, without tags or invisible characters."""
    token = repaired(token)
    if "&" in token:
        token = _unescape(token)
    if "<" in token:
        token = _TAG.sub("", token)
    if not token.isprintable():
        token = "".join(c for c in token if unicodedata.category(c) not in _INVISIBLE)
    return token


# Checks judge a word by its first or last few characters; a "word" longer than this
# (a run of 50,000 full stops) is read only this far from the point asked about, so
# that asking at every mark of such a run stays linear in the text.
WORD_LIMIT = 64


def word_before(text: str, at: int, limit: int = WORD_LIMIT) -> str:
    """The word that ends at ``at`` (back to the last space, at most ``limit``
    characters), as it will read."""
    start = at
    stop = max(0, at - limit)
    while start > stop and not text[start - 1].isspace():
        start -= 1
    return repaired(text[start:at])


def word_after(text: str, at: int, limit: int = WORD_LIMIT) -> str:
    """The word that starts at ``at`` (up to the next space, at most ``limit``
    characters), as it will read."""
    end = at
    stop = min(len(text), at + limit)
    while end < stop and not text[end].isspace():
        end += 1
    return repaired(text[at:end])
