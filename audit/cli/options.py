"""Options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from audit.cli.run_args import check_source, run_options, split_patterns
from audit.findings import Severity
from audit.formats import iter_files

if TYPE_CHECKING:
    from audit.document import Document

SEVERITIES = [s.value for s in Severity]
__all__ = ["check_source", "run_options", "split_patterns"]  # in audit/cli/run_args.py


def glossary_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--no-default-glossaries",
        is_flag=True,
        help="Do not load the bundled glossaries.",
    )(f)
    f = click.option(
        "--glossary",
        "-g",
        "glossaries",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Glossary file (YAML, CSV or TSV); repeatable. Added to the bundled ones.",
    )(f)
    return f


def selection_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--ignore", multiple=True, metavar="CODES", help="Checks to skip (same forms as --select)."
    )(f)
    f = click.option(
        "--select",
        multiple=True,
        metavar="CODES",
        help="Only these checks: codes (N001), prefixes (N), names or dotted prefixes (names). Comma-separated or repeated.",
    )(f)
    return f


def extend_selection_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--extend-select / --extend-ignore: add to the configuration file's choice
    instead of replacing it, as ruff's options of the same names do."""
    f = click.option(
        "--extend-ignore",
        multiple=True,
        metavar="CODES",
        help="Checks to skip besides those of --ignore or the config file's ignore.",
    )(f)
    f = click.option(
        "--extend-select",
        multiple=True,
        metavar="CODES",
        help="Checks to run besides those of --select or the config file's select.",
    )(f)
    return f


def walk_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Which files of a folder are audited, and what standard input is."""
    f = click.option(
        "--stdin-filename",
        metavar="NAME",
        default=None,
        help="The file name of standard input (`-`): its suffix picks the format "
        "(pairs.jsonl, segments.csv...), and findings and settings use it.",
    )(f)
    f = click.option(
        "--no-respect-gitignore",
        is_flag=True,
        help="Audit files that .gitignore lists when walking folders.",
    )(f)
    f = click.option(
        "--extend-exclude",
        multiple=True,
        metavar="PATTERN",
        help="Files or folders left out when walking folders, besides exclude; "
        "comma-separated or repeated.",
    )(f)
    f = click.option(
        "--exclude",
        multiple=True,
        metavar="PATTERN",
        help="Files or folders left out when walking folders (replaces the config file's "
        "exclude and the default: node_modules, __pycache__, site-packages, venv); "
        "comma-separated or repeated.",
    )(f)
    return f


def field_names() -> list[str]:
    """The field names --field can map: those of JSON Lines records and CSV/TSV columns."""
    from audit.formats.jsonl import KNOWN
    from audit.formats.table import COLUMNS

    return list(dict.fromkeys((*KNOWN, *COLUMNS)))


def _parse_fields(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    fields: dict[str, str] = {}
    for value in values:
        name, sep, column = value.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise click.BadParameter(f"{value!r}: expected NAME=KEY, e.g. target=translation")
        known = field_names()
        if name.strip() not in known:  # a typo would otherwise be ignored silently
            import difflib

            close = difflib.get_close_matches(name.strip(), known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise click.BadParameter(
                f"{value!r}: unknown field {name.strip()!r}; {hint}known: {', '.join(known)}"
            )
        fields[name.strip()] = column.strip()
    return fields


def language_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--target-lang (--lang) and --source-lang: the languages where the input does not
    say (`audit check` and the commands that read its inputs, `audit serve`)."""
    f = click.option(
        "--source-lang",
        default=None,
        metavar="LANG",
        help="Source language when the file does not say [default: the config file's, else detected].",
    )(f)
    f = click.option(
        "--target-lang",
        "--lang",
        "target_lang",
        default=None,
        metavar="LANG",
        help="Target language when the file does not say (XLIFF, PO, TMX and JSON Lines may) "
        "[default: the config file's target-lang, else the language of each document's text "
        "where the text says it clearly (a note names the documents audited in another "
        "language than English), else en].",
    )(f)
    return f


def input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """How input files are read: languages, a separate source file, field names, decoding."""
    f = click.option(
        "--errors",
        type=click.Choice(["strict", "replace"]),
        default="strict",
        show_default=True,
        help="What to do with undecodable bytes.",
    )(f)
    f = click.option(
        "--encoding",
        default=None,
        help="Input encoding (default: UTF-8, or as the byte-order mark says).",
    )(f)
    f = click.option(
        "--field",
        "fields",
        multiple=True,
        metavar="NAME=KEY",
        callback=_parse_fields,
        help="Read field NAME (id, source, target, back_translation, source_lang, target_lang, document...) "
        "from JSON key or CSV/TSV column KEY; repeatable.",
    )(f)
    f = click.option(
        "--source",
        "source",
        type=click.Path(dir_okay=False, allow_dash=True),
        default=None,
        help="Source file of a plain-text, Markdown or SRT target (one PATH only).",
    )(f)
    f = language_options(f)
    return f


FAIL_ON_HELP = (
    "Exit 1 when a finding is at or above this severity [default: major, or the config file's]."
)


def fail_on_option(help: str = FAIL_ON_HELP) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--fail-on (``fail-on`` in the configuration file)."""
    return click.option("--fail-on", type=click.Choice(SEVERITIES), default=None, help=help)


def severity_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--fail-on and --min-severity: the fail level and the display threshold."""
    f = click.option(
        "--min-severity",
        type=click.Choice(SEVERITIES),
        default=None,
        help="Show only findings at or above this severity; the others are dropped before "
        "--fail-on is applied [default: info (all), or the config file's].",
    )(f)
    return fail_on_option()(f)


def progress_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--no-progress (a bar is shown only on a terminal, never in CI)."""
    return click.option(
        "--no-progress",
        is_flag=True,
        help="No progress bar (it is shown only on a terminal, never in CI).",
    )(f)


def jobs_option(
    help: str, default: int | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--jobs / -j: worker processes (``jobs`` in :func:`audit.run.stream_paths`, the
    corpus engines and :func:`audit.check_paths`). ``help`` says what 0 and the
    default mean for the command."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=default,
        show_default=default is not None,
        help=f"{help} Output is the same whatever the number.",
    )


def config_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--config / --isolated: which configuration file applies."""
    f = click.option("--isolated", is_flag=True, help="Ignore configuration files.")(f)
    f = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        default=None,
        help="Use this configuration file (.audit.toml or pyproject.toml) instead of searching.",
    )(f)
    return f


def settings_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Every option that chooses settings (glossaries, checks, configuration file,
    input reading); the command passes them on to :func:`run_options` as ``**kw``."""
    for decorate in (
        walk_options,
        input_options,
        config_options,
        extend_selection_options,
        selection_options,
        glossary_options,
    ):
        f = decorate(f)
    return f


def read_inputs(paths: Sequence[str], **inputs: Any) -> list[Document]:
    """Every document in ``paths``, read as the options of :func:`input_options` say
    (``inputs``: their values, by the same names; languages not given come from the
    configuration file, as for `audit check`)."""
    from audit.run import Runner

    paths = tuple(iter_files(paths))
    check_source(paths, inputs.get("source"))
    runner = Runner(run_options(**inputs))
    return [doc for path in paths for doc in runner.read(path).documents]
