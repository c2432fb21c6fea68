"""The language table behind the artifact, spacing and segmentation checks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from audit.lang.profiles import homoglyphs, invisible_ok, known_scripts, language
from tests.conftest import ROOT, SEED

SUPPORTED = ("en", "es", "fr", "de", "ru", "ar", "fa", "he")


@pytest.mark.parametrize(
    ("code", "expected"), [("en-GB", "en"), ("ara", "ar"), ("arb", "ar"), ("FAS", "fa")]
)
def test_codes_are_normalized(code, expected):
    assert language(code).code == expected


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_supported_language_is_complete(code):
    lang = language(code)
    assert lang.known and lang.name != code
    assert lang.scripts and all(s in known_scripts() for s in lang.scripts)
    assert lang.labels and lang.function_words and lang.contact_words
    assert all(label == label.lower() for label in lang.labels)
    assert lang.cased == (code in ("en", "es", "fr", "de", "ru"))


def test_an_unknown_language_gets_shared_data_and_no_script_rules():
    lang = language("it")
    assert not lang.known and lang.scripts == () and not lang.cased
    assert "video" in lang.labels and "e.g" in lang.abbreviations


def test_language_specific_data():
    assert "\u200c" in invisible_ok("fa") and "\u200c" not in invisible_ok("en")
    assert language("fr").space_before == ";:!?" and language("en").space_before == ""
    assert language("de").capitalizes_nouns and not language("en").capitalizes_nouns
    assert language("he").quotes == () and not language("he").straight_quotes
    assert homoglyphs("Cyrillic")["е"] == "e"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_ftfy_is_imported_only_for_text_that_looks_damaged(tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_text("Le dijeron que costaría 200 dÃ³lares.\n", encoding="utf-8")
    code = (
        "import sys, runpy\n"
        "sys.argv = ['audit', 'check', sys.argv[1], '--lang', 'es', '--select', 'A005']\n"
        "try:\n    runpy.run_module('audit', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('FTFY=' + str('ftfy' in sys.modules))\n"
    )
    clean = _run(sys.executable, "-c", code, SEED)
    assert clean.stderr.endswith("FTFY=False") and "No findings" in clean.stdout
    bad = _run(sys.executable, "-c", code, str(damaged))
    assert bad.stderr.endswith("FTFY=True") and 'should read "ó"' in bad.stdout
