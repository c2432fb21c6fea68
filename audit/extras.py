"""How to install an optional extra, said in a way that works.

audit is not published on a package index, so installing ``audit`` with an extra by
name cannot work; from a checkout the extra is installed in editable mode, or by ``make
install-test`` (which installs every extra the tests need).
"""

from __future__ import annotations


def install_hint(extra: str) -> str:
    """The command that installs ``extra`` from a checkout of audit."""
    return f"in the audit checkout, pip install -e '.[{extra}]' (or make install-test)"
