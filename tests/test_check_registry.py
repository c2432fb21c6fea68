"""The registry lists every check without importing its module (audit/checks/__init__.py):
the list must be what the modules declare, and a check it lets a document skip must
be one that would have reported nothing there."""

from __future__ import annotations

import importlib
import pickle
import pkgutil

import pytest

import audit.checks
from audit.checks import ALL_CHECKS, REGISTERED, LazyCheck, find_check, get_check, selected_checks
from audit.config import AuditConfig
from audit.document import Document
from audit.engine.check import Check
from audit.engine.context import CheckContext
from tests.conftest import ROOT, SEED


def _declared() -> list[Check]:
    found = []
    for info in pkgutil.walk_packages(audit.checks.__path__, "audit.checks."):
        module = importlib.import_module(info.name)
        found += [v for v in vars(module).values() if type(v) is Check]
    return found


def test_the_registry_lists_what_the_modules_declare() -> None:
    declared = _declared()
    assert sorted(c.code for c in declared) == sorted(c.code for c in REGISTERED)
    for lazy, real in zip(REGISTERED, ALL_CHECKS, strict=True):
        assert (lazy.code, lazy.name, lazy.meta) == (real.code, real.name, real.meta)
        assert lazy.load() is real and get_check(lazy.code) is real
        assert lazy.severity is real.severity and lazy.options == real.options
        assert lazy.description == real.description and lazy.fixable == real.fixable
    assert len({c.code for c in REGISTERED}) == len({c.name for c in REGISTERED}) == len(REGISTERED)


def test_what_a_check_needs_follows_its_family() -> None:
    """B checks need a source, R001 a back-translation, the meta checks directives;
    no other check is skipped."""
    needs = {c.code: c.__dict__["needs"] for c in REGISTERED}
    for code, need in needs.items():
        expected = {"B": "source", "R": "back-translation", "M": "directives"}.get(code[0])
        assert need == expected, code


def _documents() -> list[Document]:
    seed = (ROOT / SEED).read_text(encoding="utf-8")
    return [
        Document(id="seed", target=seed),
        Document(id="blank-source", target=seed, source="  \n"),
        Document(id="source-only", target=seed, source=seed, source_lang="en"),
        Document(id="bt-only", target="Salama met 5 delegates.", back_translation="Salama met."),
        Document(id="empty", target=""),
    ]


@pytest.mark.parametrize("doc", _documents(), ids=lambda d: d.id)
def test_a_check_skipped_for_lack_of_what_it_needs_would_report_nothing(doc: Document) -> None:
    config = AuditConfig.create()
    ctx = CheckContext(doc, config)
    for lazy in REGISTERED:
        if not lazy.applies(doc, ctx):
            assert list(lazy.load().run(doc, ctx)) == [], (lazy.code, doc.id)


def test_choosing_checks_imports_none_and_running_imports_only_what_applies() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from audit.checks import selected_checks, find_check\n"
        "chosen = selected_checks(['N', 'bilingual'], ['N004'])\n"
        "find_check('S001')\n"
        "print(' '.join(c.code for c in chosen))\n"
        "print(' '.join(m for m in sys.modules if m.startswith('audit.checks.')) or '-')\n"
        "from audit import check_text\n"
        "check_text('Salama met Hifter.', select=['N001', 'B'])\n"
        "print(' '.join(m for m in sys.modules if m.startswith('audit.checks.')) or '-')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.splitlines()
    assert out[0] == "N001 N002 N003 N005 B001 B002 B003 B004 B005 B006"
    assert out[1] == "-"
    assert set(out[2].split()) >= {"audit.checks.names"}
    assert "audit.checks.bilingual" not in out[2].split()  # no source: B checks skipped


def test_a_configuration_pickles_its_checks_by_code() -> None:
    config = AuditConfig.create(select=["N", "S001"], default_glossaries=False)
    assert all(isinstance(c, LazyCheck) for c in config.checks)
    clone = pickle.loads(pickle.dumps(config.checks))
    assert all(a is b for a, b in zip(clone, config.checks, strict=True))
    assert len(pickle.dumps(find_check("N001"))) < 100


def test_unknown_selectors_are_still_errors() -> None:
    from audit.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown check 'X999'"):
        selected_checks(["X999"])
    with pytest.raises(KeyError):
        find_check("nope")
