"""What a worker needs to audit a document, besides the document: one type for
``audit check`` (:func:`audit.run.stream_paths`) and ``audit report``
(:func:`audit.corpus.analyse.analyse_batch`).

Both pipelines resolve settings per file the same way (:meth:`audit.run.Runner.plan`:
the file's ``.audit.toml`` or ``[tool.audit]``, then the command line) and build one
:class:`~audit.config.AuditConfig` per distinct set of settings before any worker
starts. Those configurations travel to each worker once, in a :class:`WorkerSettings`;
each document then names its configuration by a short key, so a compiled glossary is
never pickled with every batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from audit.config import AuditConfig
from audit.document import Document
from audit.mqm import Weights

#: Metadata key of a document's configuration key in :attr:`WorkerSettings.configs`
#: (for documents that travel alone, as the corpus report's do).
CONFIG_KEY = "audit_config"
#: Characters of context kept either side of a finding, for excerpts in the report.
CONTEXT_CHARS = 80
#: The key of a run's first configuration (keys are short: they travel with documents).
FIRST_KEY = "0"


@dataclass(frozen=True)
class WorkerSettings:
    """The configurations of a run by key, and what the workers keep of each document.

    ``keep_text`` and ``scores`` are what ``audit check`` asks for (target texts for
    views that quote them; round-trip scores); ``weights`` and ``context_chars`` what the
    corpus report's rows need (error points; excerpt length).
    """

    configs: Mapping[str, AuditConfig]
    keep_text: bool = False
    scores: bool = False
    weights: Weights = Weights()
    context_chars: int = CONTEXT_CHARS

    @classmethod
    def single(
        cls,
        config: AuditConfig,
        *,
        weights: Weights | None = None,
        context_chars: int = CONTEXT_CHARS,
    ) -> WorkerSettings:
        """Settings of a run whose documents all share ``config``."""
        return cls({FIRST_KEY: config}, weights=weights or Weights(), context_chars=context_chars)

    def config(self, key: str | None = None) -> AuditConfig:
        """The configuration named ``key`` (None: the run's first, for documents that
        name none)."""
        if key is None:
            return next(iter(self.configs.values()))
        return self.configs[key]

    def config_for(self, doc: Document) -> AuditConfig:
        """The configuration that ``doc`` names in its metadata (:data:`CONFIG_KEY`)."""
        return self.config(doc.metadata.get(CONFIG_KEY))
