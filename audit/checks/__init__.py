"""The check registry: every check audit runs, listed explicitly.

To add a check, write it as one small function in the module of its family (or a new
module), decorate it with :func:`audit.checks.base.check`, add it to ``ALL_CHECKS``
below and give it case files in ``tests/fixtures/checks/<CODE>.yaml``. Codes are
stable: never reuse or renumber one.

Code prefixes: N names and glossary terms, C consistency within a document,
B bilingual (source against target), R round trip (back-translation against source).
"""

from __future__ import annotations

from audit.checks import bilingual, consistency, name_variants, names, roundtrip
from audit.checks.base import Check, CheckContext, Hit, check

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
    roundtrip.low_round_trip_score,
)

__all__ = ["ALL_CHECKS", "Check", "CheckContext", "Hit", "check", "get_check"]


def get_check(code_or_name: str) -> Check:
    """Look a check up by its code (``N001``) or dotted name."""
    for c in ALL_CHECKS:
        if code_or_name in (c.code, c.name):
            return c
    raise KeyError(code_or_name)
