"""What a format is: one :class:`Format` value per format module, describing everything
the rest of audit needs from it.

A format module (``text.py``, ``jsonl.py``, ``xliff.py``...) reads its files into
:class:`~audit.document.Document` values and declares ``FORMAT`` (or, for a module
holding two related formats, one value each); :mod:`audit.formats.registry` lists
them. Reading, streaming large files, ``--source`` and ``audit fix --write`` all look
a file's format up there, so adding a format is one module (and its tests) plus one
line in the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.document import Document
    from audit.fix.plan import DocumentFix
    from audit.segments import Origin

#: (decoded text, path shown in findings, reader options) -> documents
Reader = Callable[..., Iterator["Document"]]
#: (path of a large file, errors, reader options) -> its documents, a piece at a time
Streamer = Callable[..., Iterator["Document"]]
#: (replacement text, the file's text, the origin of the edited text) -> what to write
Encoder = Callable[[str, str, "Origin"], str]
#: (the file's text of the replaced span, replacement, encoder, the file's text, origin)
Splicer = Callable[[str, str, Encoder, str, "Origin"], str]
#: (the file's decoded text, fixes of its documents) -> the file's new text
Writer = Callable[[str, Sequence["DocumentFix"]], str]
#: (path, documents) -> warnings: writes documents as a file of this format
Dumper = Callable[[str | Path, Iterable["Document"]], list[str]]


@dataclass(frozen=True)
class Format:
    """One input format.

    - ``name``: as users and messages call it; ``suffixes``: file name endings, lower case.
    - ``read``: the reader of a whole decoded file.
    - ``stream``: reads a large UTF-8 file piece by piece (None: read whole; see
      :mod:`audit.formats.stream`).
    - write-back for ``audit fix --write``: ``encode`` (how the format stores a
      replacement text where a text sits, through the texts' origins; ``splice``
      when it keeps structure inside strings), or ``write`` (a writer of the whole
      file, for a format whose texts are not stored string by string). Neither: not fixed.
    - ``source_file``: the source text comes from a separate file (``--source``).
    - ``inline_markup``: the file's texts hold inline codes that a fix must not touch.
    - ``dump``: writes documents as a file of this format (None: audit does not write it).
    """

    name: str
    suffixes: tuple[str, ...]
    read: Reader
    stream: Streamer | None = None
    encode: Encoder | None = None
    splice: Splicer | None = None
    write: Writer | None = None
    source_file: bool = False
    inline_markup: bool = False
    dump: Dumper | None = None

    @property
    def fixable(self) -> bool:
        """True when ``audit fix --write`` can write fixes back into its files."""
        return self.encode is not None or self.write is not None


def as_is(replacement: str, raw: str, origin: Origin) -> str:
    """The encoder of formats that store text as it reads (text, Markdown, SRT, TSV)."""
    return replacement
