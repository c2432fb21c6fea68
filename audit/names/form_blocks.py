"""The blocks of a large glossary's forms, held in two arrays instead of a dict of lists.

:class:`~audit.names.blocking.BlockIndex` keeps a list per block and remembers each
spelling's blocks as a frozenset; a glossary of 100,000 entries has 200,000 forms in
about 5 million block memberships, which took 17 s and 1.5 GB to build that way. Here
each membership is a 64-bit hash of the block and the form's id, sorted once by hash
(numpy, imported only for a glossary this large): a query looks each of its blocks up
by binary search. The neighbours are the same as :class:`BlockIndex` gives: the same
blocks (:func:`~audit.names.blocking.block_keys`), compared by hash, where a collision
of two blocks' 64-bit hashes (about one chance in 10^12 per query for such a
glossary) could only add a form to be scored, never take one away.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any

from audit.names.blocking import _blocks_of, block_keys
from audit.names.similarity import Spelling

#: From this many forms a glossary's blocks go into arrays (below it, the dict of
#: lists builds as fast and spares the numpy import in a hook's run).
ARRAY_FORMS = 5000


class FormBlockIndex:
    """Block -> ids of a fixed list of spellings; :meth:`neighbours` as in BlockIndex."""

    def __init__(self, spellings: Iterable[Spelling]):
        import numpy as np

        hashes = array("q")
        ids = array("i")
        for i, spelling in enumerate(spellings):
            blocks = set(block_keys(spelling))  # not remembered: each form is indexed once
            hashes.extend(map(hash, blocks))
            ids.extend([i] * len(blocks))
        keys = np.frombuffer(hashes, dtype=np.int64) if hashes else np.zeros(0, np.int64)
        order = np.argsort(keys, kind="stable")  # ids ascending within a block
        self._hashes: Any = keys[order]
        self._ids: Any = (np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, np.int32))[
            order
        ]

    def neighbours(self, spelling: Spelling) -> set[int]:
        """Ids of the indexed spellings that share a block with ``spelling``."""
        import numpy as np

        wanted = np.fromiter((hash(b) for b in _blocks_of(spelling)), dtype=np.int64)
        starts = np.searchsorted(self._hashes, wanted, side="left")
        ends = np.searchsorted(self._hashes, wanted, side="right")
        out: set[int] = set()
        for start, end in zip(starts.tolist(), ends.tolist()):
            if end > start:
                out.update(self._ids[start:end].tolist())
        return out
