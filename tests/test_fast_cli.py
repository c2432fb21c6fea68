"""`audit check` as a hook runs it is parsed without click (audit/cli/fast.py): the
parameters, output, messages and exit status must be click's, and a command line
the fast parser does not take must reach click unchanged."""

from __future__ import annotations

import io
import subprocess
import sys
from typing import Any

import pytest

from audit.cli import fast
from audit.cli.check import check
from audit.cli.echo import plain_echo
from audit.cli.fast import CLICK_ONLY, DEFAULTS, parse_check
from tests.conftest import ROOT, SEED


def _click_params(args: list[str]) -> dict[str, Any]:
    with check.make_context("check", list(args)) as ctx:
        return dict(ctx.params)


def test_every_parameter_of_check_has_its_click_default() -> None:
    assert {p.name for p in check.params} == set(DEFAULTS)
    assert parse_check(["check", "a.txt"]) == _click_params(["a.txt"])
    # what click parses only is what needs its conversions
    assert CLICK_ONLY < set(DEFAULTS)


def test_every_option_the_fast_parser_knows_is_the_click_option_of_its_parameter() -> None:
    """An option renamed, removed or given another parameter in the click command
    must not keep working on the hook path only."""
    click_opts = {o: p.name for p in check.params for o in (*p.opts, *p.secondary_opts)}
    known = {**fast.FLAGS, **fast.MULTIPLE, **fast.STRINGS, **fast.COUNTS}
    known.update({o: name for o, (name, _) in fast._choices().items()})
    assert known and all(click_opts.get(o) == name for o, name in known.items()), {
        o: (name, click_opts.get(o)) for o, name in known.items() if click_opts.get(o) != name
    }
    by_kind = {p.name: p for p in check.params}
    assert all(by_kind[n].is_flag for n in fast.FLAGS.values())
    assert all(by_kind[n].multiple for n in fast.MULTIPLE.values())


ACCEPTED = [
    ["a.txt"],
    ["a.txt", "-", "b.po"],
    ["--no-progress", "a.txt", "--format", "jsonl", "-q"],
    ["a.txt", "--format=sarif", "--fail-on", "minor", "--min-severity=major"],
    ["a.txt", "--select", "N,B", "--select", "A001", "--ignore=S", "--extend-select", "C"],
    ["a.txt", "--extend-ignore", "N004", "--exclude", "drafts,old", "--extend-exclude", "x"],
    ["a.txt", "--lang", "fr", "--target-lang", "de", "--source-lang", "ar"],
    ["a.txt", "--encoding", "latin-1", "--errors", "replace", "--stdin-filename", "x.po"],
    ["a.txt", "--jobs", "3", "-j", "0", "--color", "never", "--exit-zero", "--statistics"],
    ["a.txt", "--isolated", "--no-default-glossaries", "--no-respect-gitignore", "--quiet"],
    ["a.txt", "--select="],
]


@pytest.mark.parametrize("args", ACCEPTED)
def test_the_fast_parser_gives_what_click_gives(args: list[str]) -> None:
    assert parse_check(["check", *args]) == _click_params(args)


REFUSED = [
    [],  # no path: click's usage error
    ["--help"],
    ["a.txt", "-h"],
    ["a.txt", "-g", "terms.yaml"],
    ["a.txt", "--glossary=terms.yaml"],
    ["a.txt", "--config", "x.toml"],
    ["a.txt", "--source", "a.ar.txt"],
    ["a.txt", "--field", "target=t"],
    ["a.txt", "--baseline", "b.json"],
    ["a.txt", "-o", "out.txt"],
    ["a.txt", "--output-file=out.txt"],
    ["--", "-a.txt"],
    ["a.txt", "--formt", "json"],  # misspelled: click says so
    ["a.txt", "--format", "yaml"],  # not a format
    ["a.txt", "--fail-on", "MAJOR"],
    ["a.txt", "--jobs", "-1"],
    ["a.txt", "--jobs", "two"],
    ["a.txt", "-j2"],
    ["a.txt", "-qj", "2"],
    ["a.txt", "-j=2"],
    ["a.txt", "--quiet=yes"],
    ["a.txt", "--select"],  # no value
    ["a.txt", "--select", "-q"],  # click would take -q as the value
]


@pytest.mark.parametrize("args", REFUSED)
def test_what_the_fast_parser_leaves_to_click(args: list[str]) -> None:
    assert parse_check(["check", *args]) is None


def test_only_the_check_command_is_parsed_fast() -> None:
    assert parse_check(["fix", "a.txt"]) is None
    assert parse_check(["--version"]) is None
    assert parse_check(["--isolated", "check", "a.txt"]) is None


def _audit(*args: str, fast: bool) -> subprocess.CompletedProcess[str]:
    code = f"import sys\nsys.argv = ['audit', *{list(args)!r}]\n" + (
        "from audit.cli import run\nrun()\n" if fast else "from audit.cli import main\nmain()\n"
    )
    if fast:  # the process ends in os._exit: say what was imported at exit time
        code = code.replace(
            "from audit.cli import run\n",
            "import audit.cli, os\n"
            "_exit = audit.cli._exit\n"
            "def _report(c):\n"
            "    sys.stderr.write('CLICK=%s' % ('click' in sys.modules))\n"
            "    _exit(c)\n"
            "audit.cli._exit = _report\n"
            "from audit.cli import run\n",
        )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("args", "parsed_fast"),
    [
        ((SEED, "--no-progress"), True),
        ((SEED, "--format", "jsonl", "--select", "N,A"), True),
        ((SEED, "--format", "json", "--statistics", "--exit-zero"), True),
        (("seeds", "--format=sarif", "--fail-on", "critical", "-j", "1"), True),
        (("no-such-file.txt",), True),  # bad input: one line, status 2
        ((SEED, "--config", "no-such.toml"), False),
        ((SEED, "--format", "yaml"), False),  # click's usage error, status 2
    ],
)
def test_the_same_output_and_status_as_click(args: tuple[str, ...], parsed_fast: bool) -> None:
    fast = _audit("check", *args, fast=True)
    slow = _audit("check", *args, fast=False)
    assert fast.returncode == slow.returncode
    assert fast.stdout == slow.stdout
    stderr, _, used_click = fast.stderr.rpartition("CLICK=")
    assert stderr == slow.stderr
    assert used_click == str(not parsed_fast)
    if args[0] == "no-such-file.txt":
        assert fast.returncode == 2 and stderr.startswith("audit: error: ")
    elif "yaml" in args:
        assert fast.returncode == 2 and "Invalid value for '--format'" in stderr
    elif parsed_fast:
        assert fast.stdout.count("\n") > 3


def test_python_m_audit_uses_the_fast_parser_too() -> None:
    args = ("check", SEED, "--format", "jsonl", "--exit-zero")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "audit", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout == _audit(*args, fast=False).stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "audit.cli.check_run" in imported and "click" not in imported


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("color", [None, True, False])
@pytest.mark.parametrize("nl", [True, False])
@pytest.mark.parametrize(
    "message", ["", "plain", "\x1b[31mred\x1b[0m and \x1b[1;4mbold\x1b[22m", "\x1b]0;title\x07"]
)
def test_plain_echo_writes_what_click_echo_writes(
    message: str, nl: bool, color: bool | None
) -> None:
    import click

    for stream in (io.StringIO, _Terminal):
        ours, theirs = stream(), stream()
        plain_echo(message, ours, nl=nl, color=color)
        click.echo(message, theirs, nl=nl, color=color)
        assert ours.getvalue() == theirs.getvalue()


def test_plain_echo_writes_to_the_standard_streams(capsys: pytest.CaptureFixture[str]) -> None:
    plain_echo("out")
    plain_echo("err", err=True, nl=False)
    assert capsys.readouterr() == ("out\n", "err")
