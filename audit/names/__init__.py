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

from audit.lazyexports import lazy_exports

# Loaded on first use, so that a light submodule (extract, anchoring) does not bring
# in rapidfuzz and the key tables: ``audit check`` start-up (docs/hooks.md).
_EXPORTS = {
    "Cluster": "audit.names.cluster",
    "cluster_spellings": "audit.names.cluster",
    "parse_spelling_counts": "audit.names.cluster",
    "NameSpan": "audit.names.extract",
    "NameWord": "audit.names.extract",
    "find_names": "audit.names.extract",
    "KeyTable": "audit.names.keys",
    "key_tables": "audit.names.keys",
    "tables_for_language": "audit.names.keys",
    "NameIndex": "audit.names.match",
    "NameMatch": "audit.names.match",
    "DEFAULT_THRESHOLDS": "audit.names.similarity",
    "Comparer": "audit.names.similarity",
    "Spelling": "audit.names.similarity",
    "Thresholds": "audit.names.similarity",
}


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

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
