"""Round-trip checks: what a back-translation says about the meaning that survived.

A back-translation (the target translated back into the source language) lets a
reader who does not know the target language see whether the meaning came through.
Scores come from :mod:`audit.scoring` (sacrebleu); this module only decides which
segments deserve a look.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.document import Document
from audit.engine.check import Hit, check
from audit.errors import ConfigError
from audit.findings import Category, Severity

if TYPE_CHECKING:
    from audit.engine.context import CheckContext
    from audit.scoring.metrics import Score

#: Default thresholds per metric: chrF below 40 is flagged. TER thresholds are maxima.
DEFAULT_THRESHOLDS: dict[str, float] = {"chrf": 40.0}
DEFAULT_MIN_WORDS = 3


@check(
    code="R001",
    name="backtranslation.low-score",
    severity=Severity.MINOR,
    category=Category.ACCURACY,
    bad='source "Trump met Kim in Singapore in June." back-translated as "Trump met in June."',
    good='source "Trump met Kim in Singapore in June." back-translated as "Trump met Kim in Singapore in June."',
    options={"thresholds": DEFAULT_THRESHOLDS, "min_words": DEFAULT_MIN_WORDS},
)
def low_round_trip_score(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A source segment whose back-translation scores under the threshold: meaning may be lost.

    The finding spans the source segment and lists the source words that did not come
    back (omission hints). A round-trip score is a weak signal: a wrong translation can
    come back right, and a good one can come back paraphrased, so this is minor and a
    prompt to read the segment, not a verdict. Options: ``thresholds`` (metric to
    minimum, TER to maximum; default ``{chrf: 40}``) and ``min_words`` (shorter source
    segments are not scored; default 3).
    """
    if not (doc.source and doc.back_translation):
        return
    from audit.scoring import missing_words
    from audit.scoring.metrics import check_metric

    thresholds = _thresholds(ctx.option("R001", "thresholds", DEFAULT_THRESHOLDS), check_metric)
    min_words = int(ctx.option("R001", "min_words", DEFAULT_MIN_WORDS))
    scored = ctx.round_trip(tuple(thresholds))  # shared with callers of the engine
    if scored is None:
        return
    for seg in scored.segments:
        if len(seg.pair.source.split()) < min_words:
            continue
        low = [
            (seg.scores[name], limit)
            for name, limit in thresholds.items()
            if _fails(seg.scores[name], limit)
        ]
        if not low:
            continue
        missing = missing_words(seg.pair.source, seg.pair.back_translation, scored.language)
        described = ", ".join(
            f"{s.label} {s.formatted()} {'under' if s.higher_is_better else 'over'} {limit:g}"
            for s, limit in low
        )
        hint = f"; not in the back-translation: {', '.join(missing)}" if missing else ""
        yield Hit(
            seg.pair.span.start,
            seg.pair.span.end,
            f"round-trip {described}{hint}",
            side="source",
            segment=seg.pair.id,
            extra={
                "back_translation": seg.pair.back_translation,
                "missing": missing,
                "scores": {
                    s.metric: {"score": s.value, "threshold": limit, "signature": s.signature}
                    for s, limit in low
                },
            },
        )


def _fails(score: Score, limit: float) -> bool:
    return score.value < limit if score.higher_is_better else score.value > limit


def _thresholds(value: Any, check_metric: Any) -> dict[str, float]:
    if not isinstance(value, dict) or not value:
        raise ConfigError(f"R001 thresholds must map metric names to numbers, got {value!r}")
    try:
        return {check_metric(str(name)): float(limit) for name, limit in value.items()}
    except (TypeError, ValueError):
        raise ConfigError(f"R001 thresholds must be numbers, got {value!r}") from None
