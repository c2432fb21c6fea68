"""Errors that reach the user as one line and exit code 2."""

from __future__ import annotations


class AuditError(Exception):
    """A problem with the user's input or settings; never a bug in audit.

    The CLI prints ``str(error)`` on one line and exits with status 2. Messages name
    the file and, where known, the position (``path:line: ...`` or a byte offset).
    """

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        location = ""
        if path is not None:
            location = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{location}{message}")


class InputError(AuditError):
    """An input document could not be read or parsed."""


class BinaryInputError(InputError):
    """An input file is not text (NUL bytes): commands that audit many files skip it."""


class GlossaryError(AuditError):
    """A glossary file is malformed or contradicts itself or another glossary."""


class ConfigError(AuditError):
    """A setting or a command-line selection is invalid."""
