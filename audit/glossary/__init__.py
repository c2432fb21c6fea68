"""Glossaries: entries with accepted forms and variants, loading, and fast matching."""

from __future__ import annotations

from typing import Any

from audit.glossary.bundled import bundled_glossary_paths
from audit.glossary.matcher import CANONICAL, SHORT, VARIANT, Form, GlossaryMatcher, Match
from audit.glossary.model import KINDS, Entry, Glossary, Variant


def __getattr__(name: str) -> Any:
    # The loaders import PyYAML, which costs a hook more start-up time than anything
    # else; they are imported when a glossary is parsed, not when audit is.
    if name in ("load_glossaries", "load_glossary_file"):
        from audit.glossary import load

        return getattr(load, name)
    raise AttributeError(f"module 'audit.glossary' has no attribute {name!r}")


__all__ = [
    "CANONICAL",
    "KINDS",
    "SHORT",
    "VARIANT",
    "Entry",
    "Form",
    "Glossary",
    "GlossaryMatcher",
    "Match",
    "Variant",
    "bundled_glossary_paths",
    "load_glossaries",
    "load_glossary_file",
]
