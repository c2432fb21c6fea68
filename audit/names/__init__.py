"""Names without a glossary: finding them, keying them by transliteration, clustering
their spellings and matching them to glossary entries.

- :mod:`~audit.names.extract`: proper-name spans in text (no model);
- :mod:`~audit.names.keys`: transliteration keys, one data table per source script;
- :mod:`~audit.names.similarity`: the pair score (raw letters and keys) and thresholds;
- :mod:`~audit.names.blocking`: which spellings are worth comparing;
- :mod:`~audit.names.cluster`: spellings -> clusters of one name;
- :mod:`~audit.names.match`: spelling -> closest glossary entry;
- :mod:`~audit.names.analysis`: the names of one document, for checks N004 and N005;
- :mod:`~audit.names.suggest`: glossary entries proposed from a corpus;
- :mod:`~audit.names.entities`: people and their mentions in one document;
- :mod:`~audit.names.ordinary`: ordinary words of a language (wordfreq);
- :mod:`~audit.names.anchoring`: whether a glossary match stands for its entry;
- :mod:`~audit.names.source_names`: target spellings of one source name.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Loaded on first use, so that a light submodule (extract, anchoring) does not bring
# in rapidfuzz and the key tables: ``audit check`` start-up (docs/hooks.md).
_EXPORTS = {
    "Cluster": "cluster",
    "cluster_spellings": "cluster",
    "parse_spelling_counts": "cluster",
    "NameSpan": "extract",
    "NameWord": "extract",
    "find_names": "extract",
    "KeyTable": "keys",
    "key_tables": "keys",
    "tables_for_language": "keys",
    "NameIndex": "match",
    "NameMatch": "match",
    "DEFAULT_THRESHOLDS": "similarity",
    "Comparer": "similarity",
    "Spelling": "similarity",
    "Thresholds": "similarity",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'audit.names' has no attribute {name!r}")
    return getattr(import_module(f"audit.names.{module}"), name)


__all__ = [
    "DEFAULT_THRESHOLDS",
    "Cluster",
    "Comparer",
    "KeyTable",
    "NameIndex",
    "NameMatch",
    "NameSpan",
    "NameWord",
    "Spelling",
    "Thresholds",
    "cluster_spellings",
    "find_names",
    "key_tables",
    "parse_spelling_counts",
    "tables_for_language",
]
