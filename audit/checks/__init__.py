"""The check registry: every check audit runs, listed explicitly.

To add a check, write it as one small function in the module of its family (named
for the family: ``punctuation.*`` checks in ``punctuation.py``, ``artifacts.*`` in
``artifacts/``; or a new module), decorate it with :func:`audit.engine.check.check`, add
a line for it to ``REGISTERED`` below and give it case files in
``tests/fixtures/checks/<CODE>.yaml``. Codes are stable: never reuse or renumber one.

Code prefixes: N names and glossary terms, C consistency within a document,
B bilingual (source against target), R round trip (back-translation against source),
M meta (reports on inline suppressions), A artifacts (debris, markup, encoding,
characters, scripts), S spacing, punctuation, repetition and segmentation.

The list names each check's code, name and module without importing the module, so
that choosing checks (``--select``, configuration files, suppressions) imports none,
and a run imports the module of a check when the check first runs on a document it
applies to: a check that ``needs`` a source text (the bilingual checks), a
back-translation (R001) or suppression directives (the meta checks) is not imported
for documents without them. Each listed value is a :class:`LazyCheck`, a
:class:`~audit.engine.check.Check` whose other attributes (severity, options,
documentation...) come from the module when first read. ``ALL_CHECKS`` (imported on
first use) holds the checks themselves; ``tests/test_check_registry.py`` holds the list
to what the modules declare.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from audit.engine.check import Check, Hit, check

if TYPE_CHECKING:
    from audit.document import Document
    from audit.engine.context import CheckContext

#: What a check needs in a document before it can report anything.
NEEDS = ("source", "back-translation", "directives")


class LazyCheck(Check):
    """A registered check known by its code, name and module; the module is imported
    when the check first runs, or when anything else about it is read.

    One value per check (``REGISTERED``), compared and hashed by identity and pickled
    by code, so configurations holding them pickle small and come back holding the
    same values."""

    code: str
    name: str
    meta: bool

    def __init__(
        self, code: str, name: str, module: str, attribute: str, needs: str | None, meta: bool
    ) -> None:  # fields set as the frozen dataclass does
        if needs is not None and needs not in NEEDS:
            raise ValueError(f"{code}: needs is one of {NEEDS}")
        for key, value in (
            ("code", code),
            ("name", name),
            ("meta", meta),
            ("module", f"audit.checks.{module}"),
            ("attribute", attribute),
            ("needs", needs),
        ):
            object.__setattr__(self, key, value)

    def load(self) -> Check:
        """The check itself (importing its module on first use)."""
        loaded: Check | None = self.__dict__.get("_loaded")
        if loaded is None:
            found = getattr(_import(self.__dict__["module"]), self.__dict__["attribute"])
            if not isinstance(found, Check) or (found.code, found.name, found.meta) != (
                self.code,
                self.name,
                self.meta,
            ):
                raise TypeError(f"the registry's {self.code} is not what its module declares")
            object.__setattr__(self, "_loaded", found)
            loaded = found
        return loaded

    def applies(self, doc: Document, ctx: CheckContext) -> bool:
        """False when the document lacks what the check needs: it would report nothing."""
        needs = self.__dict__["needs"]
        if needs == "source":
            return bool(doc.source and doc.source.strip())
        if needs == "back-translation":
            return bool(doc.source and doc.back_translation)
        if needs == "directives":
            return ctx.suppression_outcome is not None
        return True

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Hit]:
        if not self.applies(doc, ctx):
            return ()
        return self.load().run(doc, ctx)

    # Everything else comes from the check itself.
    severity = property(lambda self: self.load().severity)  # type: ignore[assignment]
    category = property(lambda self: self.load().category)  # type: ignore[assignment]
    function = property(lambda self: self.load().function)  # type: ignore[assignment]
    bad = property(lambda self: self.load().bad)  # type: ignore[assignment]
    good = property(lambda self: self.load().good)  # type: ignore[assignment]
    fixable = property(lambda self: self.load().fixable)  # type: ignore[assignment]
    options = property(lambda self: self.load().options)  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"LazyCheck({self.code!r}, {self.name!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_registered, (self.code,))


def _import(module: str) -> Any:
    # __import__ rather than importlib.import_module: `python -X importtime` reports
    # what it imports, so the start-up cost of each check module stays visible.
    __import__(module)
    return sys.modules[module]


def _entry(
    code: str, name: str, module: str, attribute: str, needs: str | None = None, meta: bool = False
) -> LazyCheck:
    return LazyCheck(code, name, module, attribute, needs, meta)


REGISTERED: tuple[LazyCheck, ...] = (
    _entry("N001", "names.non-canonical-variant", "names", "non_canonical_variant"),
    _entry("N002", "names.inconsistent-rendering", "names", "inconsistent_rendering"),
    _entry("N003", "names.form-mismatch", "names", "form_mismatch"),
    _entry("N004", "names.likely-variant-pair", "name_variants", "likely_variant_pair"),
    _entry("N005", "names.near-glossary-match", "name_variants", "near_glossary_match"),
    _entry("C001", "consistency.hyphenation", "consistency", "hyphenation"),
    _entry("C002", "consistency.capitalization", "consistency", "capitalization"),
    _entry("B001", "bilingual.key-term-mismatch", "bilingual", "key_term_mismatch", needs="source"),
    _entry("B002", "bilingual.number-mismatch", "bilingual", "number_mismatch", needs="source"),
    _entry("B003", "bilingual.untranslated", "bilingual", "untranslated", needs="source"),
    _entry("B004", "bilingual.omission", "bilingual", "omission", needs="source"),
    _entry("B005", "bilingual.length-ratio", "bilingual", "length_ratio", needs="source"),
    _entry("B006", "bilingual.parity", "bilingual", "parity", needs="source"),
    _entry("A001", "artifacts.debris-line", "artifacts.debris", "debris_line"),
    _entry("A002", "artifacts.identifier", "artifacts.debris", "inline_identifier"),
    _entry("A003", "artifacts.orphan-label", "artifacts.debris", "orphan_label"),
    _entry("A004", "artifacts.markup", "artifacts.markup", "markup"),
    _entry("A005", "artifacts.mojibake", "artifacts.characters", "mojibake"),
    _entry("A006", "artifacts.invisible-character", "artifacts.characters", "invisible_character"),
    _entry("A007", "artifacts.odd-space", "artifacts.characters", "odd_space"),
    _entry("A008", "artifacts.foreign-script", "artifacts.characters", "foreign_script"),
    _entry("A009", "artifacts.mixed-script-word", "artifacts.characters", "mixed_script_word"),
    _entry("S001", "spacing.space-before-punctuation", "spacing", "space_before_punctuation"),
    _entry("S002", "spacing.missing-space-after-punctuation", "spacing", "missing_space_after"),
    _entry("S003", "spacing.double-space", "spacing", "double_space"),
    _entry("S004", "punctuation.doubled", "punctuation", "doubled_punctuation"),
    _entry("S005", "punctuation.unbalanced", "punctuation", "unbalanced"),
    _entry("S006", "repetition.repeated-words", "repetition", "repeated_words"),
    _entry("S007", "repetition.repeated-sentence", "repetition", "repeated_sentence"),
    _entry("S008", "repetition.repeated-paragraph", "repetition", "repeated_paragraph"),
    _entry(
        "S009",
        "segmentation.capitalized-function-word",
        "segmentation",
        "capitalized_function_word",
    ),
    _entry(
        "S010", "segmentation.lowercase-sentence-start", "segmentation", "lowercase_sentence_start"
    ),
    _entry("S011", "segmentation.glued-heading", "segmentation", "glued_heading"),
    _entry(
        "R001",
        "backtranslation.low-score",
        "roundtrip",
        "low_round_trip_score",
        needs="back-translation",
    ),
    _entry(
        "M001",
        "meta.unused-suppression",
        "meta",
        "unused_suppression",
        needs="directives",
        meta=True,
    ),
    _entry(
        "M002",
        "meta.invalid-suppression",
        "meta",
        "invalid_suppression",
        needs="directives",
        meta=True,
    ),
)

_BY_CODE = {c.code: c for c in REGISTERED}


def _registered(code: str) -> LazyCheck:
    """The registered value of a code (how a pickled :class:`LazyCheck` comes back)."""
    return _BY_CODE[code]


def selected_checks(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[Check, ...]:
    """The registered checks that ``select`` and ``ignore`` choose, importing none."""
    from audit.engine.selection import select_checks

    return select_checks(REGISTERED, select, ignore)


def find_check(code_or_name: str) -> LazyCheck:
    """The registered value of a code (``N001``) or dotted name, importing nothing."""
    for c in REGISTERED:
        if code_or_name in (c.code, c.name):
            return c
    raise KeyError(code_or_name)


def get_check(code_or_name: str) -> Check:
    """Look a check up by its code (``N001``) or dotted name (importing its module only)."""
    return find_check(code_or_name).load()


def __getattr__(name: str) -> Any:
    if name == "ALL_CHECKS":  # every check itself: imports every check module
        return tuple(c.load() for c in REGISTERED)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALL_CHECKS",
    "REGISTERED",
    "Check",
    "Hit",
    "LazyCheck",
    "check",
    "find_check",
    "get_check",
    "selected_checks",
]
