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

from audit.lazyexports import lazy_exports
from audit.version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from audit.api import check_paths, check_text
    from audit.config import AuditConfig
    from audit.document import Document, LineIndex, Span
    from audit.engine import audit_document
    from audit.errors import AuditError, ConfigError, GlossaryError, InputError
    from audit.findings import Category, Finding, Severity

# Each public name and the module defining it, imported on first use (PEP 562): the
# command line (``audit.cli``) imports submodules of this package, and a hook running
# ``audit check`` should not pay for the library API it does not call.
_LAZY = {
    "AuditConfig": "audit.config",
    "AuditError": "audit.errors",
    "Category": "audit.findings",
    "ConfigError": "audit.errors",
    "Document": "audit.document",
    "Finding": "audit.findings",
    "GlossaryError": "audit.errors",
    "InputError": "audit.errors",
    "LineIndex": "audit.document",
    "Severity": "audit.findings",
    "Span": "audit.document",
    "audit_document": "audit.engine",
    "check_paths": "audit.api",
    "check_text": "audit.api",
}


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())


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
