"""Writers: put fixed documents back into their file, one writer per reader.

A writer takes the file's decoded text and the :class:`~audit.fix.plan.DocumentFix`
of each changed document (edits on the document's original target text) and returns
the file's new text. It changes nothing but the edited spans: a text file is its own
target; a JSON Lines record is edited inside its ``target`` string, escaped as the
line already escapes, so keys, spacing and other fields stay as they were. A format
whose reader has no writer here is not fixed (``audit fix`` says so).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from audit.edits import apply_edits
from audit.errors import InputError
from audit.fix import jsonl
from audit.fix.plan import DocumentFix
from audit.formats.jsonl import read_jsonl
from audit.formats.text import read_text

Writer = Callable[[str, Sequence[DocumentFix]], str]


def write_text(text: str, fixes: Sequence[DocumentFix]) -> str:
    """Text and Markdown: the file is the document."""
    (fix,) = fixes
    if fix.document.target != text:
        raise InputError("the document is not the whole file; not written", path=fix.document.path)
    return apply_edits(text, fix.edits)


WRITERS: dict[Callable[..., object], Writer] = {
    read_text: write_text,
    read_jsonl: jsonl.write_jsonl,
}


def writer_for(reader: Callable[..., object]) -> Writer | None:
    return WRITERS.get(reader)
