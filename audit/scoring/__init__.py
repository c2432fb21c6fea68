"""Round-trip scoring and back-translation.

Scores (:mod:`audit.scoring.scores`) compare a source with its back-translation using
sacrebleu; back-translations are produced with a local transformers model
(:mod:`audit.scoring.backtranslate`) and cached (:mod:`audit.scoring.translation_store`).
Importing this package imports neither sacrebleu nor torch: each is loaded where first
needed.
"""

from __future__ import annotations

from audit.scoring.metrics import DEFAULT_METRIC, METRICS, Score
from audit.scoring.omissions import missing_words
from audit.scoring.pairing import SegmentPair, document_pairs, pair_segments
from audit.scoring.scores import (
    DocumentScores,
    Scoreboard,
    SegmentScores,
    score_document,
    score_documents,
)

__all__ = [
    "DEFAULT_METRIC",
    "METRICS",
    "DocumentScores",
    "Score",
    "Scoreboard",
    "SegmentPair",
    "SegmentScores",
    "document_pairs",
    "missing_words",
    "pair_segments",
    "score_document",
    "score_documents",
]
