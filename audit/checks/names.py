"""Glossary checks: names and terms written other than the glossary says.

All three checks read the same glossary matches (computed once per document by the
context), so the glossary is scanned once however many checks use it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.document import Document
from audit.engine.check import Hit, check
from audit.findings import Category, Severity
from audit.glossary.fold import fold_key
from audit.glossary.matcher import Match
from audit.names.anchoring import ANCHORED, OTHER, UNANCHORED

if TYPE_CHECKING:
    from audit.engine.context import CheckContext

_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(r"[\W_]+")


@check(
    code="N001",
    name="names.non-canonical-variant",
    severity=Severity.MAJOR,
    category=Category.TERMINOLOGY,
    bad="Salama had visited Khalifa Hifter in Benghazi.",
    good="Salameh had visited Khalifa Haftar in Benghazi.",
    fixable=True,
)
def non_canonical_variant(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A spelling that the glossary lists as a variant of one of its entries.

    Machine translation renders the same person in several transliterations; a
    newsroom publishes one. The suggestion is the glossary's form, with the
    surrounding capitalization kept; a possessive ('s) stays outside the span.
    """
    for m, reading in zip(ctx.glossary_matches, ctx.glossary_readings):
        if m.form.accepted or m.form.replacement is None or reading == OTHER:
            continue
        found = doc.target[m.start : m.end]
        start, end, replacement = _minimal_edit(found, m.form.replacement)
        start += m.start
        end += m.start
        replacement = _match_case(doc.target[start:end], replacement, doc.is_sentence_start(start))
        message = (
            f'"{doc.target[start:end]}" is a variant of {m.entry.canonical}; use "{replacement}"'
        )
        if m.form.note:
            message += f" ({m.form.note})"
        if reading == UNANCHORED:
            # Also someone else's name, and nothing else in the document names the
            # entry: a hint for a person, never a fix applied without one.
            yield Hit(
                start,
                end,
                f'"{doc.target[start:end]}" may be a variant of {m.entry.canonical}, whom the '
                f'document does not otherwise name; if so, use "{replacement}"',
                suggestion=replacement,
                entity=m.entry.id,
                severity=Severity.MINOR,
                fixable=False,
            )
            continue
        yield Hit(start, end, message, suggestion=replacement, entity=m.entry.id)


@check(
    code="N002",
    name="names.inconsistent-rendering",
    severity=Severity.MAJOR,
    category=Category.TERMINOLOGY,
    bad="Ghassan Salameh arrived on Monday. Salama met both delegations.",
    good="Ghassan Salameh arrived on Monday. Salameh met both delegations.",
)
def inconsistent_rendering(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """One entity written more than one way in the same document.

    Readers take two spellings for two people. The finding sits where the document
    first departs from its first rendering and lists every form with its count; the
    per-occurrence findings of names.non-canonical-variant say what to change.
    """
    by_entry: dict[str, list[Match]] = defaultdict(list)
    for m, reading in zip(ctx.glossary_matches, ctx.glossary_readings):
        if reading == ANCHORED:
            by_entry[m.entry.id].append(m)
    for entry_id, matches in by_entry.items():
        groups = _rendering_groups(doc, matches)
        if len(set(groups.values())) < 2:
            continue
        first_group = groups[_key(doc, matches[0])]
        anchor = next(m for m in matches if groups[_key(doc, m)] != first_group)
        counts: dict[str, int] = {}
        group_of: dict[str, str] = {}
        for m in matches:
            surface = " ".join(doc.target[m.start : m.end].split())
            counts[surface] = counts.get(surface, 0) + 1
            group_of[surface] = groups[_key(doc, m)]
        ordered = sorted(counts.items(), key=lambda kv: -kv[1])
        entry = matches[0].entry
        yield Hit(
            anchor.start,
            anchor.end,
            f"{entry.canonical} is written {len(set(groups.values()))} ways in this document: "
            + _ways(ordered, group_of),
            entity=entry_id,
            extra={"forms": dict(ordered), "canonical": entry.canonical},
        )


@check(
    code="N003",
    name="names.form-mismatch",
    severity=Severity.MINOR,
    category=Category.TERMINOLOGY,
    bad="the outputs of the Berlin conference held two weeks ago",
    good="the outputs of the Berlin Conference held two weeks ago",
    fixable=True,
)
def form_mismatch(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A glossary form written with other capitalization, accents, hyphens or article.

    ``Berlin conference`` for the event ``Berlin Conference``, ``el-Sarraj`` for
    ``al-Sarraj``. Capitals at the start of a sentence and text in all capitals
    (headlines) are not reported.
    """
    for m, reading in zip(ctx.glossary_matches, ctx.glossary_readings):
        if not m.form.accepted or reading == OTHER:
            continue
        found = doc.target[m.start : m.end]
        expected = m.form.text
        if _same_form(found, expected):
            continue
        if found.isupper() or (
            found[:1].lower() == expected[:1].lower()
            and found[1:] == expected[1:]
            and doc.is_sentence_start(m.start)
        ):
            continue
        expected = _match_case(found, expected, doc.is_sentence_start(m.start))
        if _same_form(found, expected):
            continue
        yield Hit(
            m.start,
            m.end,
            f'"{found}" is written "{expected}" in the glossary ({m.entry.canonical})',
            suggestion=expected,
            entity=m.entry.id,
        )


def _ways(ordered: list[tuple[str, int]], group_of: dict[str, str]) -> str:
    """The forms of each rendering, the most used rendering first, numbered so that the
    reader sees the ways the count speaks of: ``1) "Haftar" ×5, "Khalifa Haftar" ×1;
    2) "Hifter" ×2`` (a full name and its short form are one way of writing it)."""
    by_group: dict[str, list[tuple[str, int]]] = {}
    for form, n in ordered:
        by_group.setdefault(group_of[form], []).append((form, n))
    ways = sorted(by_group.values(), key=lambda forms: -sum(n for _, n in forms))
    return "; ".join(
        f"{i}) " + ", ".join(f'"{form}" ×{n}' for form, n in forms)
        for i, forms in enumerate(ways, 1)
    )


def _same_form(found: str, expected: str) -> bool:
    """Equal up to whitespace kind and apostrophe style."""
    return " ".join(found.replace("’", "'").split()) == " ".join(expected.replace("’", "'").split())


def _key(doc: Document, m: Match) -> str:
    return fold_key(doc.target[m.start : m.end])


def _rendering_groups(doc: Document, matches: list[Match]) -> dict[str, str]:
    """Map each distinct folded surface form to a rendering group.

    Accepted forms (canonical, short) are one rendering, and so is a variant that
    differs from its replacement only in punctuation (``U.N.`` for ``UN``: no reader
    takes them for two bodies). Any other variant is its own rendering, merged with
    any longer variant containing it word for word (``Hifter`` and ``Khalifa Hifter``
    are one rendering).
    """
    groups: dict[str, str] = {}
    variants: set[str] = set()
    for m in matches:
        key = _key(doc, m)
        if m.form.accepted or _same_letters(key, m.form.replacement):
            groups[key] = "\x00accepted"
        else:
            variants.add(key)
    longest_first = sorted(variants, key=lambda k: (-len(k.split()), k))
    for key in longest_first:
        container = next((g for g in longest_first if _contains_words(g, key)), None)
        groups[key] = groups[container] if container else key
    return groups


def _same_letters(key: str, replacement: str | None) -> bool:
    """True when a folded variant and its replacement have the same letters and digits."""
    return replacement is not None and _LETTERS.sub("", key) == _LETTERS.sub(
        "", fold_key(replacement)
    )


def _contains_words(longer: str, shorter: str) -> bool:
    lw, sw = longer.split(), shorter.split()
    return len(sw) < len(lw) and any(
        lw[i : i + len(sw)] == sw for i in range(len(lw) - len(sw) + 1)
    )


def _minimal_edit(found: str, replacement: str) -> tuple[int, int, str]:
    """Trim words shared at both ends: ``Khalifa Hifter`` -> ``Khalifa Haftar`` edits
    only ``Hifter``. Returns the span within ``found`` and the text to put there."""
    ft = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(found)]
    rt = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(replacement)]
    i = 0
    while i < min(len(ft), len(rt)) - 1 and ft[i][2] == rt[i][2]:
        i += 1
    j = 0
    while j < min(len(ft), len(rt)) - 1 - i and ft[-1 - j][2] == rt[-1 - j][2]:
        j += 1
    if not ft or not rt:
        return 0, len(found), replacement
    f_first, f_last = ft[i], ft[len(ft) - 1 - j]
    r_first, r_last = rt[i], rt[len(rt) - 1 - j]
    return f_first[0], f_last[1], replacement[r_first[0] : r_last[1]]


def _match_case(found: str, replacement: str, sentence_start: bool) -> str:
    """Carry the case of the text into the replacement: all capitals stay capitals,
    and a capital at the start of a sentence stays."""
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if sentence_start and found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
