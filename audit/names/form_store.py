"""A large cached glossary's prepared forms and blocks, as arrays mapped from disk.

A 100,000-entry glossary has 200,000 name forms in about 5 million block
memberships. Built in each process, the packed spellings and the block arrays took
about 120 MiB and four seconds, with 130 MiB more while the arrays were sorted. Stored
once in the cache as ``.npy`` files (never pickle: ``allow_pickle=False``) and mapped
read-only, a later process reads the pages its lookups touch and nothing else; every
process with the glossary shares them.

The arrays: ``blob`` (the packed spellings of :mod:`audit.names.prepared_forms`, UTF-8,
one after the other), ``offsets`` (where each starts; one more than the forms) and
``blocks``: one 64-bit number per block membership, the block's hash in the high
:data:`HASH_BITS` bits and the form's id in the low :data:`ID_BITS`, sorted. One array
sorted in place is what keeps building cheap: a hash array, an id array and the
permutation that sorts them took three times its memory at the peak. Unlike
:class:`~audit.names.form_blocks.FormBlockIndex`, whose ``hash()`` changes with each
process, a block's hash here is the first 5 bytes of its BLAKE2b digest, the same in
every process. The neighbours are those of :class:`~audit.names.blocking.BlockIndex`:
the same blocks, compared by hash, where a collision could only add a form to be
scored, never change a score (about one chance in 10^5 per query of one extra form).
"""

from __future__ import annotations

import contextlib
import hashlib
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from audit.names.blocking import _blocks_of, block_keys
from audit.names.prepared_forms import unpack
from audit.names.similarity import Spelling

_PARTS = ("blob", "offsets", "blocks")
#: Bits of a block membership that hold the form's id (so at most 2**23 forms stored).
ID_BITS = 23
#: Bits that hold the block's hash: 40 + 23 bits keep every number positive in int64.
HASH_BITS = 40
MAX_FORMS = 1 << ID_BITS
_ID_MASK = MAX_FORMS - 1


def block_hash(block: tuple[int, str]) -> int:
    """A block's hash, the same in every process (:data:`HASH_BITS` bits)."""
    table, key = block
    digest = hashlib.blake2b(f"{table}\x00{key}".encode(), digest_size=HASH_BITS // 8).digest()
    return int.from_bytes(digest, "little")


class FormStore:
    """Packed spellings by form, and the forms that share a block with a spelling."""

    def __init__(self, blob: Any, offsets: Any, blocks: Any):
        self._blob = blob
        self._offsets = offsets
        self._blocks = blocks
        self._forms = len(offsets) - 1

    def __len__(self) -> int:
        return self._forms

    def __getitem__(self, i: int) -> str:
        """The packed spelling of form ``i``."""
        start, end = int(self._offsets[i]), int(self._offsets[i + 1])
        return bytes(self._blob[start:end]).decode("utf-8", "replace")

    def neighbours(self, spelling: Spelling) -> set[int]:
        """Ids of the stored forms that share a block with ``spelling``."""
        import numpy as np

        wanted = np.fromiter(map(block_hash, _blocks_of(spelling)), dtype=np.int64) << ID_BITS
        starts = np.searchsorted(self._blocks, wanted, side="left")
        ends = np.searchsorted(self._blocks, wanted | _ID_MASK, side="right")
        out: set[int] = set()
        for start, end in zip(starts.tolist(), ends.tolist()):
            if end > start:
                out.update((self._blocks[start:end] & _ID_MASK).tolist())
        out.difference_update([i for i in out if not 0 <= i < self._forms])  # a bad file
        return out


def build(packed: list[str], texts: Sequence[str], tables: int) -> FormStore:
    """The store of the ``packed`` spellings of ``texts`` (under ``tables`` key tables;
    at most :data:`MAX_FORMS` of them).

    ``packed`` is emptied on the way, so that its strings are freed before the block
    array is sorted, in place."""
    import numpy as np

    if len(texts) > MAX_FORMS:
        raise ValueError(f"at most {MAX_FORMS} forms can be stored, not {len(texts)}")
    offsets = np.zeros(len(packed) + 1, dtype=np.int64)
    np.cumsum([len(p.encode("utf-8")) for p in packed], out=offsets[1:])
    blob = np.frombuffer("".join(packed).encode("utf-8"), dtype=np.uint8)
    members = array("q")
    for i, (text, p) in enumerate(zip(texts, packed)):
        blocks = set(block_keys(unpack(text, p, tables)))  # not remembered: stored once
        members.extend([block_hash(b) << ID_BITS | i for b in blocks])
    packed.clear()
    blocks_array = np.frombuffer(members, dtype=np.int64) if members else np.zeros(0, np.int64)
    blocks_array.sort()  # in place: ids ascending within a block
    return FormStore(blob, offsets, blocks_array)


def save(stem: Path, store: FormStore) -> None:
    """Write the store's arrays next to ``stem``, each atomically
    (:mod:`audit.atomicfile`); errors are ignored: a cache only saves time."""
    import io

    import numpy as np

    from audit.atomicfile import write_atomic
    from audit.errors import AuditError

    arrays = (store._blob, store._offsets, store._blocks)
    with contextlib.suppress(OSError, ValueError, AuditError):
        stem.parent.mkdir(parents=True, exist_ok=True)
        for part, values in zip(_PARTS, arrays):
            values = np.ascontiguousarray(values)
            header = io.BytesIO()
            np.lib.format.write_array_header_1_0(
                header, np.lib.format.header_data_from_array_1_0(values)
            )
            # The header, then the array's own memory: no copy of the largest array.
            write_atomic(f"{stem}.{part}.npy", [header.getvalue(), values.data.cast("B")])


def load(stem: Path, forms: int) -> FormStore | None:
    """The store saved at ``stem`` mapped from disk, when it holds ``forms`` forms and
    its arrays fit together; None otherwise."""
    import numpy as np

    kinds = {"blob": np.uint8, "offsets": np.int64, "blocks": np.int64}
    loaded: dict[str, Any] = {}
    try:
        for part in _PARTS:
            values = np.load(f"{stem}.{part}.npy", mmap_mode="r", allow_pickle=False)
            if values.dtype != kinds[part] or values.ndim != 1:
                return None
            loaded[part] = values
    except (OSError, ValueError, EOFError):
        return None
    offsets = loaded["offsets"]
    if len(offsets) != forms + 1 or int(offsets[0]) != 0 or int(offsets[-1]) != len(loaded["blob"]):
        return None
    return FormStore(loaded["blob"], offsets, loaded["blocks"])
