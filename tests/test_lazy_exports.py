"""`audit` and `audit.names` import their public names on first use (audit/lazyexports.py)."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import pytest

import audit
import audit.names


@pytest.mark.parametrize(
    ("package", "name", "module"),
    [(audit, "check_text", "audit.api"), (audit.names, "Comparer", "audit.names.similarity")],
)
def test_a_public_name_comes_from_its_module_and_is_kept(
    package: ModuleType, name: str, module: str
) -> None:
    value = getattr(package, name)
    assert value is getattr(sys.modules[module], name)
    assert vars(package)[name] is value  # later lookups do not go through __getattr__
    assert name in dir(package) and name in package.__all__


@pytest.mark.parametrize("package", [audit, audit.names])
def test_an_unknown_name_is_an_attribute_error(package: ModuleType) -> None:
    with pytest.raises(
        AttributeError, match=f"module '{package.__name__}' has no attribute 'nope'"
    ):
        package.nope  # noqa: B018


def test_importing_the_packages_imports_none_of_their_exports() -> None:
    code = (
        "import sys, audit, audit.names\n"
        "print(sorted(m for m in ('audit.api', 'audit.engine', 'audit.names.similarity',"
        " 'audit.names.cluster', 'rapidfuzz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
