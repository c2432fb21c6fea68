"""Bases for small value classes written out instead of made by ``@dataclass``.

Every ``@dataclass`` runs generated source through ``exec`` when its module is
imported: about half a millisecond each, paid by every process, a pre-publish hook
included (issue 18). A class deriving from :class:`Frozen` or :class:`Record` lists
its fields in ``__slots__``, writes its own ``__init__`` and gets what the dataclass
gave: comparison field by field (only with an instance of the same class), a
``Name(field=value, ...)`` repr, and for :class:`Frozen` a hash, no assignment
(:class:`dataclasses.FrozenInstanceError`) and pickling through ``__init__``; and
positional ``case Name(a, b)`` patterns.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeVar

    _F = TypeVar("_F", bound="Frozen")


class Record:
    """A mutable value: compared and shown by its fields (``__slots__``), unhashable,
    as a dataclass with ``eq=True`` is."""

    __slots__: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        type.__setattr__(cls, "__match_args__", cls.__slots__)  # `case Name(a, b)`, as a dataclass

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"


class Frozen(Record):
    """An immutable value: a :class:`Record` that is hashed by its fields and refuses
    assignment. ``__init__`` sets fields with ``object.__setattr__``; pickling calls
    ``__init__`` with the fields in ``__slots__`` order, so that order must be the
    order of ``__init__``'s parameters."""

    __slots__: tuple[str, ...] = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, self._values())

    def replace(self: _F, **changes: Any) -> _F:
        """A copy with ``changes``, as :func:`dataclasses.replace` makes: through
        ``__init__`` (a field it does not know is a :class:`TypeError`)."""
        values: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return self.__class__(**values)
