"""The engine: what a check is, which checks run, and running them on a document.

- :mod:`audit.engine.check`: ``Check``, ``Hit`` and the ``@check`` decorator, option keys
  (imports no check: the registry of checks is :mod:`audit.checks`);
- :mod:`audit.engine.selection`: ``select`` / ``ignore`` selectors;
- :mod:`audit.engine.context`: ``CheckContext``, the per-document state checks share,
  the one place that knows both the document and the configuration;
- :mod:`audit.engine.document_audit`: ``audit_document`` / ``audit_document_full``
  returning a ``DocumentAudit`` (findings, glossary matches, scores, word count).

Importing this package loads no check.
"""

from __future__ import annotations

from audit.engine.check import Check, Hit, check
from audit.engine.context import CheckContext
from audit.engine.document_audit import (
    DocumentAudit,
    audit_document,
    audit_document_full,
    fingerprint_context,
)

__all__ = [
    "Check",
    "CheckContext",
    "DocumentAudit",
    "Hit",
    "audit_document",
    "audit_document_full",
    "check",
    "fingerprint_context",
]
