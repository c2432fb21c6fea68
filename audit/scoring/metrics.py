"""Metrics, as sacrebleu computes them, with signatures that say how each score was made.

A round-trip score compares the source with its back-translation, so both texts are
in the source language and that language decides the preparation:

- Arabic is normalized first (:func:`audit.lang.arabic.normalize`: diacritics and
  tatweel dropped; alef, hamza-seat, ya/alef maqsura, ta marbuta and kaf forms
  unified), and the signature says so (``arnorm:...``);
- BLEU is sentence-level with effective order, tokenized with ``intl`` for Arabic
  (``13a``, sacrebleu's default, elsewhere, and ``zh`` for Chinese).

Scores are sacrebleu's own numbers, unrounded. sacrebleu is imported on first use, so
importing this module costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError
from audit.lang import arabic
from audit.lang.codes import base_language

if TYPE_CHECKING:
    from sacrebleu.metrics.base import Metric as SacrebleuMetric

#: Metric names accepted on the command line and in check options.
METRICS = ("chrf", "chrf++", "bleu", "ter")
DEFAULT_METRIC = "chrf"
_LOWER_IS_BETTER = frozenset({"ter"})
_ARABIC = "ar"


@dataclass(frozen=True)
class Score:
    """One number, with the sacrebleu signature that reproduces it.

    ``label`` is sacrebleu's metric name (``chrF2``, ``chrF2++``, ``BLEU``, ``TER``);
    ``signature`` is ``label|<sacrebleu signature>`` plus audit's own fields:
    ``lang`` (language of the compared texts), ``arnorm`` (the Arabic normalization
    steps applied) and, for back-translations produced by ``audit backtranslate``,
    ``bt`` (the model identity) and ``dec`` (decoding settings).
    """

    metric: str
    label: str
    value: float
    signature: str

    @property
    def higher_is_better(self) -> bool:
        return self.metric not in _LOWER_IS_BETTER

    def formatted(self) -> str:
        """Two decimals, as sacrebleu prints scores."""
        return f"{self.value:.2f}"

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.label, "score": self.value, "signature": self.signature}


def check_metric(name: str) -> str:
    """Validate a metric name (case-insensitive); return it lower-cased."""
    key = name.strip().lower()
    if key not in METRICS:
        raise ConfigError(f"unknown metric {name!r} (expected one of: {', '.join(METRICS)})")
    return key


def scoring_language(code: str | None) -> str:
    """The base language code scores are computed for (``""`` when unknown)."""
    return base_language(code) if code else ""


def prepare(text: str, language: str) -> str:
    """The text as it is scored: Arabic normalized, anything else unchanged."""
    return arabic.normalize(text) if language == _ARABIC else text


def tokenizer_for(language: str) -> str:
    """sacrebleu's BLEU tokenizer for a language."""
    if language == _ARABIC:
        return "intl"
    if language == "zh":
        return "zh"
    return "13a"


@lru_cache(maxsize=64)
def sacrebleu_metric(name: str, language: str) -> SacrebleuMetric:
    """The sacrebleu metric object for ``name`` and ``language``, built once and reused."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    name = check_metric(name)
    if name == "chrf":
        return CHRF()
    if name == "chrf++":
        return CHRF(word_order=2)
    if name == "bleu":
        return BLEU(effective_order=True, tokenize=tokenizer_for(language))
    return TER()


def signature(
    metric: SacrebleuMetric, label: str, language: str, extra: tuple[str, ...] = ()
) -> str:
    """``label|<sacrebleu signature>|lang:..|arnorm:..`` plus ``extra`` fields.

    sacrebleu only knows its signature after a metric has scored something.
    """
    parts = [label, metric.get_signature().format()]
    if language:
        parts.append(f"lang:{language}")
    if language == _ARABIC:
        parts.append("arnorm:" + "+".join(arabic.STEPS))
    parts.extend(extra)
    return "|".join(parts)
