"""Glossaries: entries with accepted forms and variants, loading, and fast matching."""

from __future__ import annotations

from audit.glossary.load import bundled_glossary_paths, load_glossaries, load_glossary_file
from audit.glossary.matcher import CANONICAL, SHORT, VARIANT, Form, GlossaryMatcher, Match
from audit.glossary.model import KINDS, Entry, Glossary, Variant

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
