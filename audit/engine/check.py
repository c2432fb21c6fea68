"""What a check is: metadata plus a function from a document to hits.

This module imports no check and no analysis: a check module, a test or a tool that
needs ``Hit`` or ``Check`` loads only this (the registry is :mod:`audit.checks`).

A check function takes ``(doc, ctx)`` and yields :class:`Hit` values (a span, a
message, maybe a suggestion). The engine turns hits into :class:`~audit.findings.Finding`
values, adding the code, severity, category, positions and fingerprint, so checks
stay small and cannot get those wrong.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import FrozenInstanceError
from typing import TYPE_CHECKING, Any

from audit.findings import Category, Severity
from audit.values import Frozen

if TYPE_CHECKING:
    from audit.document import Document
    from audit.engine.context import CheckContext


_HIT_FIELDS = (
    "start",
    "end",
    "message",
    "suggestion",
    "entity",
    "severity",
    "side",
    "segment",
    "extra",
    "fixable",
)


class Hit(Frozen):
    """A check's report of one problem; the engine adds everything else.

    Immutable, compared, hashed, shown and pickled field by field, as a frozen
    dataclass would be, but a :class:`~audit.values.Frozen` value: defining a dataclass
    costs every process about a millisecond before it reads a word (hook start-up,
    issue 18), and a slotted instance is cheaper to build. ``fixable`` is False when this suggestion needs a person even though the
    check's fixes are normally safe (``audit fix`` then applies it only with
    --unsafe-fixes); ``severity`` is set only to deviate from the check's default.
    """

    __slots__ = _HIT_FIELDS

    start: int
    end: int
    message: str
    suggestion: str | None
    entity: str | None
    severity: Severity | None
    side: str
    segment: str | None
    extra: dict[str, Any]
    fixable: bool

    def __init__(
        self,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        entity: str | None = None,
        severity: Severity | None = None,
        side: str = "target",
        segment: str | None = None,
        extra: dict[str, Any] | None = None,
        fixable: bool = True,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "message", message)
        set_(self, "suggestion", suggestion)
        set_(self, "entity", entity)
        set_(self, "severity", severity)
        set_(self, "side", side)
        set_(self, "segment", segment)
        set_(self, "extra", {} if extra is None else extra)
        set_(self, "fixable", fixable)


CheckFunction = Callable[["Document", "CheckContext"], Iterable[Hit]]


_CHECK_FIELDS = (
    "code",
    "name",
    "severity",
    "category",
    "function",
    "bad",
    "good",
    "fixable",
    "options",
    "meta",
)
_CHECK_COMPARED = tuple(f for f in _CHECK_FIELDS if f != "options")


class Check:
    """A registered check: a stable code, a dotted name and its defaults.

    ``fixable`` means its suggestions are safe to apply without a person looking
    (``audit fix`` applies them); other suggestions are applied only on request.
    ``options`` declares the check's settings with their defaults: configuration
    files may set exactly these keys. ``meta`` checks run after the others and after
    inline suppressions are applied (they report on the suppressions themselves).

    Immutable and compared (``options`` aside) as the frozen dataclass it was; written
    out, as :class:`Hit` is, to spare every process the dataclass's definition.
    """

    __slots__ = _CHECK_FIELDS

    code: str
    name: str
    severity: Severity
    category: Category
    function: CheckFunction
    bad: str
    good: str
    fixable: bool
    options: Mapping[str, Any]
    meta: bool

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        category: Category,
        function: CheckFunction,
        bad: str,
        good: str,
        fixable: bool = False,
        options: Mapping[str, Any] | None = None,
        meta: bool = False,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "code", code)
        set_(self, "name", name)
        set_(self, "severity", severity)
        set_(self, "category", category)
        set_(self, "function", function)
        set_(self, "bad", bad)
        set_(self, "good", good)
        set_(self, "fixable", fixable)
        set_(self, "options", {} if options is None else options)
        set_(self, "meta", meta)

    def _compared(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _CHECK_COMPARED)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _CHECK_FIELDS)
        return f"Check({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    @property
    def summary(self) -> str:
        return self.description.splitlines()[0] if self.description else ""

    @property
    def description(self) -> str:
        return inspect.getdoc(self.function) or ""

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Hit]:
        return self.function(doc, ctx)

    def __reduce__(self) -> tuple[Any, ...]:
        # The decorated function's module attribute is the Check itself, so pickle
        # by reference to it (process pools, cluster workers), as pickle does for a
        # function: by module and name, without this module knowing the registry.
        return (_by_reference, (self.function.__module__, self.function.__name__))


def option_key(key: str) -> str:
    """The one spelling of a check option's key: words joined by hyphens, as every
    configuration key is (``min-length``, ``min-score``). The older spelling with
    underscores (``min_score``) is still accepted everywhere, and ``audit config show``
    notes it as deprecated."""
    return key.replace("_", "-")


def check(
    *,
    code: str,
    name: str,
    severity: Severity,
    category: Category,
    bad: str,
    good: str,
    fixable: bool = False,
    options: Mapping[str, Any] | None = None,
    meta: bool = False,
) -> Callable[[CheckFunction], Check]:
    """Declare a check. The function's docstring is its documentation: the first line
    is the summary shown by ``audit rules``; the rest says why it matters."""

    def wrap(function: CheckFunction) -> Check:
        if not inspect.getdoc(function):
            raise TypeError(f"check {code} needs a docstring")
        declared = {option_key(k): v for k, v in (options or {}).items()}
        return Check(code, name, severity, category, function, bad, good, fixable, declared, meta)

    return wrap


def _by_reference(module: str, name: str) -> Check:
    """The check a module defines under ``name`` (how a pickled check comes back)."""
    found = getattr(importlib.import_module(module), name)
    if not isinstance(found, Check):
        raise TypeError(f"{module}.{name} is not a check")
    return found
