"""Configuration, in one package: what a run is set to, and where each setting comes from.

- :mod:`audit.config.audit_config`: ``AuditConfig``, the picklable value the engine
  runs with (selected checks, compiled glossary, fail level, overrides, check options);
- :mod:`audit.config.settings`: ``Settings`` (effective values with their origins),
  ``Overrides`` (the command line), ``find_config``, ``settings_for``;
- :mod:`audit.config.file`: the configuration file format (``.audit.toml`` or
  ``pyproject.toml`` ``[tool.audit]``): keys, validation with file and line, per-path
  entries (imported only when a file is found);
- :mod:`audit.config.tomlkeys`: the line of every key in a TOML document.

Importing this package loads ``AuditConfig`` alone.
"""

from __future__ import annotations

from audit.config.audit_config import DEFAULT_FAIL_ON, AuditConfig

__all__ = ["DEFAULT_FAIL_ON", "AuditConfig"]
