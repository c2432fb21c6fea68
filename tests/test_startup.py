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
    "import sys\n"
    "sys.argv = ['audit', 'check', {path!r}, '--format', 'text', '--no-progress']\n"
    "from audit.cli import console  # what `python -m audit` runs\n"
    "try:\n    console()\n"
    "except SystemExit:\n    pass\n"
    "sys.stderr.write('LOADED=' + ' '.join(sorted(sys.modules)))\n"
)

#: Modules a text-file hook never needs: other commands and their layers, other
#: formats and outputs, the bilingual, round-trip and suppression machinery (the seed
#: has no source, no back-translation and no directives), configuration parsing (no
#: configuration file), what only a cache miss or a spill to disk uses, and click
#: (the command line is parsed by audit/cli/fast.py).
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
    "audit.cli.group",
    "audit.cli.check",  # the click command; audit.cli.check_run does the work
    "audit.cli.options",
    "click",
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
    "html",  # entities are unescaped only in texts holding "&"
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


def test_a_hook_compiles_no_markup_pattern_for_prose_without_markup(tmp_path: Path) -> None:
    """The markup check's patterns (audit/lazypattern.py) are compiled only for a text
    holding their mark; the seed holds none, and _CANDIDATE is only a test's reference."""
    code = _RUN.format(path=str(ROOT / SEED)).replace(
        "sys.stderr.write('LOADED=' + ' '.join(sorted(sys.modules)))\n",
        "from audit.checks.artifacts import debris, markup\n"
        "compiled = [p.kind for p in markup._PATTERNS if p.regex._compiled is not None]\n"
        "sys.stderr.write('COMPILED=%r %r' % (compiled, debris._CANDIDATE._compiled))\n",
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.stdout.count("\n") > 10  # it ran
    assert result.stderr.split("COMPILED=")[1] == "[] None"


def _program(
    *args: str, code: str = "from audit.cli import run; run()"
) -> subprocess.CompletedProcess[str]:
    argv = ["audit", *args]
    return subprocess.run(
        [sys.executable, "-c", f"import sys; sys.argv = {argv!r}\n{code}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_the_program_exits_fast_with_all_its_output_and_status(cli) -> None:  # type: ignore[no-untyped-def]
    """`audit` ends without tearing the interpreter down (audit.cli.run): the output
    is all there, flushed, and the exit status is the command's."""
    many = _program("check", str(SEED), "--format", "jsonl", "--no-progress")
    assert many.returncode == 1 and many.stderr == ""
    in_process = cli("check", str(SEED), "--format", "jsonl", "--no-progress")
    assert many.stdout == in_process.stdout and many.stdout.count("\n") > 10
    missing = _program("check", "no-such-file.txt")
    assert missing.returncode == 2 and missing.stderr.startswith("audit: error: ")
    assert _program("--version").returncode == 0


def test_exit_handlers_still_run() -> None:
    """Something registered an exit handler (or started a thread): the usual exit."""
    code = (
        "import atexit; atexit.register(lambda: print('handler ran'))\n"
        "from audit.cli import run; run()"
    )
    done = _program("check", str(SEED), "--format", "jsonl", "--exit-zero", code=code)
    assert done.returncode == 0 and done.stdout.endswith("handler ran\n")
