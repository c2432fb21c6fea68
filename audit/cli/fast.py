"""`audit check` parsed without click, for the common command lines of a hook.

A pre-publish hook starts one `audit check FILE...` per commit or per article, and
importing click took about a tenth of its time (benchmarks/hook_startup.py, issue
18). :func:`parse_check` reads a command line made only of paths, flags and options
whose values need no conversion beyond a choice or a count, with click's meaning;
anything else (help, a path-valued option, ``--field``, ``--``, an unknown or
misspelled option, a value click would refuse) returns None and the click command
parses it as always, errors and messages included. tests/test_fast_cli.py checks
that both give the same parameters and the same output.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from audit.cli.echo import echo, plain_streams
from audit.cli.failure import fail, prepare_streams
from audit.gcpause import pause_collection

_SEVERITIES = ("info", "minor", "major", "critical")

#: Every parameter of `audit check` (audit/cli/check.py), as click gives it when the
#: option is absent.
DEFAULTS: dict[str, Any] = {
    "paths": (),
    "glossaries": (),
    "no_default_glossaries": False,
    "select": (),
    "ignore": (),
    "extend_select": (),
    "extend_ignore": (),
    "config_file": None,
    "isolated": False,
    "target_lang": None,
    "source_lang": None,
    "source": None,
    "fields": {},
    "encoding": None,
    "errors": "strict",
    "exclude": (),
    "extend_exclude": (),
    "no_respect_gitignore": False,
    "stdin_filename": None,
    "fmt": None,
    "fail_on": None,
    "min_severity": None,
    "exit_zero": False,
    "baseline_path": None,
    "statistics": False,
    "output_file": None,
    "quiet": False,
    "color": None,
    "no_progress": False,
    "jobs": 0,
}

#: Flags: option -> parameter.
FLAGS = {
    "--no-default-glossaries": "no_default_glossaries",
    "--isolated": "isolated",
    "--no-respect-gitignore": "no_respect_gitignore",
    "--exit-zero": "exit_zero",
    "--statistics": "statistics",
    "--quiet": "quiet",
    "-q": "quiet",
    "--no-progress": "no_progress",
}
#: Repeatable options: option -> parameter (a tuple of the values, in order).
MULTIPLE = {
    "--select": "select",
    "--ignore": "ignore",
    "--extend-select": "extend_select",
    "--extend-ignore": "extend_ignore",
    "--exclude": "exclude",
    "--extend-exclude": "extend_exclude",
}
#: Options taking one string, the last one given: option -> parameter.
STRINGS = {
    "--target-lang": "target_lang",
    "--lang": "target_lang",
    "--source-lang": "source_lang",
    "--encoding": "encoding",
    "--stdin-filename": "stdin_filename",
}
#: Options taking one of a few values: option -> (parameter, the values).
CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "--errors": ("errors", ("strict", "replace")),
    "--fail-on": ("fail_on", _SEVERITIES),
    "--min-severity": ("min_severity", _SEVERITIES),
    "--color": ("color", ("auto", "always", "never")),
    # "--format": its values are the reporters' names, filled in by _choices()
}
#: Options taking a count of zero or more.
COUNTS = {"--jobs": "jobs", "-j": "jobs"}
#: Parameters that only click parses: paths checked by click.Path, --field's
#: callback. A command line giving one of them goes to click.
CLICK_ONLY = frozenset(
    {"glossaries", "config_file", "source", "fields", "baseline_path", "output_file"}
)


def _choices() -> dict[str, tuple[str, tuple[str, ...]]]:
    from audit.reporters import FORMATS

    return {**CHOICES, "--format": ("fmt", tuple(FORMATS))}


def parse_check(argv: list[str]) -> dict[str, Any] | None:
    """The parameters of `audit check` for ``argv`` (the arguments after the program
    name), as click would give them; None when click must parse it."""
    if len(argv) < 2 or argv[0] != "check":
        return None
    choices = _choices()
    params = {**DEFAULTS, "fields": {}}
    paths: list[str] = []
    multiple: dict[str, list[str]] = {}
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        option, equals, value = arg.partition("=")
        if option in FLAGS and not equals:
            params[FLAGS[option]] = True
            continue
        if equals and not option.startswith("--"):
            return None  # -j=2 is "=2" to click
        if not equals:
            given = next(rest, None)
            if given is None or given.startswith("-"):
                return None  # missing, or an option click might take as the value
            value = given
        if option in MULTIPLE:
            multiple.setdefault(MULTIPLE[option], []).append(value)
        elif option in STRINGS:
            params[STRINGS[option]] = value
        elif option in choices:
            name, allowed = choices[option]
            if value not in allowed:
                return None
            params[name] = value
        elif option in COUNTS:
            if not (value.isascii() and value.isdigit()):
                return None
            params[COUNTS[option]] = int(value)
        else:
            return None
    if not paths:
        return None
    params["paths"] = tuple(paths)
    for name, values in multiple.items():
        params[name] = tuple(values)
    return params


def run_check_fast(argv: list[str]) -> bool:
    """Run `audit check` for ``argv`` without click, as the click group would (the
    same streams, output and exit status); False, having done nothing, when click
    must parse the command line. Ends with :func:`sys.exit` otherwise."""
    if os.environ.get("_AUDIT_COMPLETE") or not plain_streams():
        return False  # shell completion, or streams that click would re-wrap
    params = parse_check(argv)
    if params is None:
        return False
    pause_collection()  # until the first documents are audited (audit/gcpause.py)
    prepare_streams()
    try:
        from audit.cli.check_run import run_check

        run_check(**params)
    except KeyboardInterrupt:  # as click's main: an empty line, "Aborted!", status 1
        echo(err=True)
        echo("Aborted!", err=True)
        sys.exit(1)
    except Exception as exc:
        fail(exc)
    return True
