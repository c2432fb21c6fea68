"""A pre-publish hook starts one ``audit check`` per run: on a plain text file it must
import what the checks that apply need, and nothing for other commands, formats,
outputs or inputs (benchmarks/hook_startup.py times it; this test holds the list)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED

_RUN = (
    "import sys, runpy\n"
    "sys.argv = ['audit', 'check', {path!r}, '--format', 'text', '--no-progress']\n"
    "try:\n    runpy.run_module('audit', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "sys.stderr.write('LOADED=' + ' '.join(sorted(sys.modules)))\n"
)

#: Modules a text-file hook never needs: other commands and their layers, other
#: formats and outputs, the bilingual, round-trip and suppression machinery (the seed
#: has no source, no back-translation and no directives), configuration parsing (no
#: configuration file) and what only a cache miss or a spill to disk uses.
NOT_NEEDED = (
    "audit.api",
    "audit.baseline",
    "audit.corpus",
    "audit.fix",
    "audit.serve",
    "audit.scoring",
    "audit.align",
    "audit.pairs",
    "audit.suppressions",
    "audit.textstore",
    "audit.config.file",
    "audit.config.tomlkeys",
    "audit.glossary.load",
    "audit.checks.bilingual",
    "audit.checks.roundtrip",
    "audit.checks.meta",
    "audit.cli.fix",
    "audit.cli.report",
    "audit.cli.rules",
    "audit.cli.serve",
    *(f"audit.formats.{m}" for m in ("html", "jsonl", "po", "srt", "table", "tmx", "xliff", "xml")),
    *(
        f"audit.reporters.{m}"
        for m in ("grouped", "json_format", "jsonl", "csv_format", "sarif", "github", "junit")
    ),
    "audit.reporters.markdown",
    "tomllib",
    "yaml",
    "importlib.resources",
    "zipfile",
    "tempfile",
    "pickle",
    "csv",
    "html.parser",
    "xml.etree",
    "lxml",
    "rich",
    "sacrebleu",
)


def test_check_on_a_text_file_imports_only_what_it_needs(tmp_path: Path) -> None:
    # outside the repository: no configuration file, as for most articles
    article = tmp_path / "article.txt"
    shutil.copy(ROOT / SEED, article)
    assert "audit" not in article.read_text(encoding="utf-8").lower()
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for _ in range(2):  # the first run fills the cache (glossaries, name tables): a hook's is warm
        result = subprocess.run(
            [sys.executable, "-c", _RUN.format(path=str(article))],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
        )
    loaded = set(result.stderr.split("LOADED=")[1].split())
    assert "audit.reporters.text" in loaded and "audit.checks.names" in loaded  # it ran
    unwanted = sorted(m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_NEEDED))
    assert unwanted == []
