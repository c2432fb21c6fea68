"""The MQM score of the corpus report; the code lives in :mod:`audit.mqm`.

Kept so that ``from audit.corpus.mqm import Weights`` goes on working: the weights
moved below the run pipelines (the one worker-settings type carries them).
"""

from __future__ import annotations

from audit.mqm import Weights, per_thousand, word_count

__all__ = ["Weights", "per_thousand", "word_count"]
