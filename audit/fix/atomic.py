"""Atomic file replacement for ``audit fix``: see :mod:`audit.atomicfile`.

The implementation is shared by everything audit writes (fixed files, glossary
proposals, back-translations, cache files) and lives in :mod:`audit.atomicfile`, which
imports only the standard library; this module keeps the name ``audit fix`` uses.
"""

from __future__ import annotations

from audit.atomicfile import TMP_SUFFIX, check_writable, remove_leftovers, write_atomic

__all__ = ["TMP_SUFFIX", "check_writable", "remove_leftovers", "write_atomic"]
