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


class UnexpectedError(AuditError):
    """An exception audit did not foresee (a bug, not the user's fault), turned into the
    same one line and exit status 2 as bad input: CI reads exit 1 as "findings", so a
    crash must never look like one. The message names the file being processed."""

    @classmethod
    def wrap(cls, exc: BaseException, path: str | None) -> UnexpectedError:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return cls(
            f"unexpected error ({detail}); this is a bug in audit, please report it "
            "(with the file, if you can share it)",
            path=path,
        )

    def __reduce__(self) -> tuple[object, ...]:  # crosses process pools in one piece
        return (_rebuild, (type(self), str(self)))


def _rebuild(cls: type[AuditError], message: str) -> AuditError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.path = error.line = None
    return error


#: The file being read or audited, named by the top-level guard when something breaks.
_current_file: list[str | None] = [None]


def set_current_file(path: str | None) -> None:
    _current_file[0] = path


def current_file() -> str | None:
    return _current_file[0]


def warn_renamed(old: str, new: str, *, stacklevel: int = 4) -> None:
    """A Python name a user may have written, renamed to the one the setting has
    everywhere (configuration key, option, API keyword): still accepted, with a
    :class:`DeprecationWarning` at the user's line (``stacklevel`` 4: through a
    dataclass's ``__post_init__`` and ``__init__``; 3 from a property)."""
    import warnings

    warnings.warn(f"{old} is spelled {new} now", DeprecationWarning, stacklevel=stacklevel)
