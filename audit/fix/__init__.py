"""``audit fix``: apply suggestions back to the files they came from.

Three steps, each its own module:

- :mod:`audit.fix.plan` audits a document, takes the findings whose fixes are safe
  (``Finding.fixable``: the check says so and the finding did not opt out; other
  suggestions only when asked), applies them and repeats until nothing changes. The
  result is a set of edits on the original target text, each inside a flagged span.
- :mod:`audit.fix.writers` puts a document's new target text back into its file
  format: one writer per reader (text and Markdown; JSON Lines, editing only inside
  the ``target`` string). A file whose format has no writer is not fixed.
- :mod:`audit.fix.atomic` writes the result (:mod:`audit.atomicfile`, shared by all
  of audit's writes): a temporary file in the same directory, flushed and synced,
  then renamed over the original with its permissions and owner; read-only files are
  refused, and the file is compared again just before the rename and left alone if
  it changed meanwhile. ``audit fix`` reads, fixes and encodes every file before it
  writes any.

Suppressed findings never reach step one, and fixes that would touch a suppression
comment are not safe, so suppressed regions are never edited.
"""

from __future__ import annotations

from audit.fix.atomic import write_atomic
from audit.fix.plan import DocumentFix, FileFix, fix_document, fix_file
from audit.fix.writers import writer_for

__all__ = [
    "DocumentFix",
    "FileFix",
    "fix_document",
    "fix_file",
    "write_atomic",
    "writer_for",
]
