"""The check registry: every check audit runs, listed explicitly.

To add a check, write it as one small function in the module of its family (named
for the family: ``punctuation.*`` checks in ``punctuation.py``, ``artifacts.*`` in
``artifacts/``; or a new module), decorate it with :func:`audit.engine.check.check`, add it to ``ALL_CHECKS``
below and give it case files in ``tests/fixtures/checks/<CODE>.yaml``. Codes are
stable: never reuse or renumber one.

Code prefixes: N names and glossary terms, C consistency within a document,
B bilingual (source against target), R round trip (back-translation against source),
M meta (reports on inline suppressions), A artifacts (debris, markup, encoding,
characters, scripts), S spacing, punctuation, repetition and segmentation.
"""

from __future__ import annotations

from audit.checks import (
    bilingual,
    consistency,
    meta,
    name_variants,
    names,
    punctuation,
    repetition,
    roundtrip,
    segmentation,
    spacing,
)
from audit.checks.artifacts import characters, debris, markup
from audit.engine.check import Check, Hit, check

ALL_CHECKS: tuple[Check, ...] = (
    names.non_canonical_variant,
    names.inconsistent_rendering,
    names.form_mismatch,
    name_variants.likely_variant_pair,
    name_variants.near_glossary_match,
    consistency.hyphenation,
    consistency.capitalization,
    bilingual.key_term_mismatch,
    bilingual.number_mismatch,
    bilingual.untranslated,
    bilingual.omission,
    bilingual.length_ratio,
    bilingual.parity,
    debris.debris_line,
    debris.inline_identifier,
    debris.orphan_label,
    markup.markup,
    characters.mojibake,
    characters.invisible_character,
    characters.odd_space,
    characters.foreign_script,
    characters.mixed_script_word,
    spacing.space_before_punctuation,
    spacing.missing_space_after,
    spacing.double_space,
    punctuation.doubled_punctuation,
    punctuation.unbalanced,
    repetition.repeated_words,
    repetition.repeated_sentence,
    repetition.repeated_paragraph,
    segmentation.capitalized_function_word,
    segmentation.lowercase_sentence_start,
    segmentation.glued_heading,
    roundtrip.low_round_trip_score,
    meta.unused_suppression,
    meta.invalid_suppression,
)

__all__ = ["ALL_CHECKS", "Check", "Hit", "check", "get_check"]


def get_check(code_or_name: str) -> Check:
    """Look a check up by its code (``N001``) or dotted name."""
    for c in ALL_CHECKS:
        if code_or_name in (c.code, c.name):
            return c
    raise KeyError(code_or_name)
