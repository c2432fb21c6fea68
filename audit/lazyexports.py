"""A package's public names imported on first use (PEP 562).

``import audit`` and ``import audit.names`` must stay cheap: the command line imports
submodules of these packages, and a hook running ``audit check`` should not pay for
the library API or the key tables it does not use (benchmarks/hook_startup.py). Each
package lists its public names with the module defining each and takes the module
functions made here. Only :mod:`sys` is imported.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any


def lazy_exports(
    package: str, where: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose globals are
    ``namespace``: a name of ``where`` (name -> defining module) is imported when first
    asked for and kept in ``namespace``, so later lookups do not come back here."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        __import__(module)  # not importlib: `python -X importtime` shows what it imports
        value = getattr(sys.modules[module], name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *where})

    return __getattr__, __dir__
