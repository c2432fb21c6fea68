"""audit: a multilingual translation-quality auditor.

Library use, in one call (see audit/api.py and the README's "Python API")::

    import audit

    for finding in audit.check_text("Salama visited Hifter."):
        print(finding.code, finding.text, finding.suggestion)
    findings = audit.check_paths(["articles/"])    # settings from .audit.toml, as `audit check`

or step by step::

    from audit import AuditConfig, Document, audit_document

    config = AuditConfig.create()                      # bundled glossaries, all checks
    doc = Document(id="a1", target="Salama visited Hifter.")
    for finding in audit_document(doc, config):
        print(finding.code, finding.text, finding.suggestion)
"""

from __future__ import annotations

from audit.api import check_paths, check_text
from audit.config import AuditConfig
from audit.document import Document, LineIndex, Span
from audit.engine import audit_document
from audit.errors import AuditError, ConfigError, GlossaryError, InputError
from audit.findings import Category, Finding, Severity
from audit.version import __version__

__all__ = [
    "AuditConfig",
    "AuditError",
    "Category",
    "ConfigError",
    "Document",
    "Finding",
    "GlossaryError",
    "InputError",
    "LineIndex",
    "Severity",
    "Span",
    "__version__",
    "audit_document",
    "check_paths",
    "check_text",
]
