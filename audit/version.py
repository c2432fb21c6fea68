"""The package's version, in a module of its own: modules that print or store it
(the glossary cache, SARIF, the report, the server) read it without importing the
package's public API and, through it, the run pipeline."""

from __future__ import annotations

__version__ = "0.1.0"
