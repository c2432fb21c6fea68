"""How sentences end in the languages audit reads.

Latin, Cyrillic and Greek scripts end a sentence with ``.``, ``!`` or ``?`` and a space
(Greek asks with ``;``, which is left out: it is also the semicolon everywhere else).
Arabic and Persian ask with ``؟``; Urdu ends with ``۔``; Hindi and other Devanagari
text with the danda ``।`` (``॥`` for verse); Chinese and Japanese with the full-width
``。！？``, written with no space after; Armenian with ``։``; Ethiopic with ``።``. Thai
and Lao write no sentence mark at all: a space separates sentences and also
clauses, so a Thai paragraph cannot be cut into sentences by punctuation, and the
aligner compares it as a whole (see :mod:`audit.align`).
"""

from __future__ import annotations

import re

# Marks that end a sentence when whitespace follows.
TERMINALS = ".!?…؟。！？।॥۔։።"
# Marks that end a sentence with no space after them (Chinese, Japanese).
UNSPACED_TERMINALS = "。！？"
# Closing quotes and brackets that may follow the mark and belong to the sentence.
CLOSERS = "\"'”’»)\\]」』）】"

_UNPUNCTUATED = re.compile(r"[\u0e00-\u0e7f\u0e80-\u0eff]")  # Thai, Lao


def unpunctuated(text: str) -> bool:
    """True for text in a script that marks no sentence end (Thai, Lao): a full stop or
    question mark in it (a number, a quoted English title) is no guide to its sentences."""
    return bool(_UNPUNCTUATED.search(text))
