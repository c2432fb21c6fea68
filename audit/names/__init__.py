"""Names without a glossary: finding them, keying them by transliteration, clustering
their spellings and matching them to glossary entries.

- :mod:`~audit.names.extract`: proper-name spans in text (no model);
- :mod:`~audit.names.keys`: transliteration keys, one data table per source script;
- :mod:`~audit.names.similarity`: the pair score (raw letters and keys) and thresholds;
- :mod:`~audit.names.blocking`: which spellings are worth comparing;
- :mod:`~audit.names.cluster`: spellings -> clusters of one name;
- :mod:`~audit.names.match`: spelling -> closest glossary entry;
- :mod:`~audit.names.analysis`: the names of one document, for checks N004 and N005;
- :mod:`~audit.names.suggest`: glossary entries proposed from a corpus.
"""

from __future__ import annotations

from audit.names.cluster import Cluster, cluster_spellings, parse_spelling_counts
from audit.names.extract import NameSpan, NameWord, find_names
from audit.names.keys import KeyTable, key_tables, tables_for_language
from audit.names.match import NameIndex, NameMatch
from audit.names.similarity import DEFAULT_THRESHOLDS, Comparer, Spelling, Thresholds

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
