"""``audit names``: cluster spellings of names, match them to a glossary."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from audit.cli.options import glossary_options
from audit.formats import STDIN, STDIN_NAME, read_text_file
from audit.glossary import bundled_glossary_paths, load_glossaries
from audit.names import (
    DEFAULT_THRESHOLDS,
    Comparer,
    NameIndex,
    cluster_spellings,
    key_tables,
    parse_spelling_counts,
)
from audit.names.similarity import Thresholds


@click.group()
def names() -> None:
    """Spellings of names: cluster them, match them to a glossary."""


def _script_option(f: Callable[..., Any]) -> Callable[..., Any]:
    choices = sorted({t.script for t in key_tables()} | {t.name for t in key_tables()})
    return click.option(
        "--script",
        "scripts",
        multiple=True,
        type=click.Choice(choices),
        help="Source script(s) whose transliteration keys to use (default: all). Repeatable.",
    )(f)


def _threshold_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--threshold", type=click.FloatRange(0, 1), default=None, help=help_text)


_format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _read_spellings(path: str) -> dict[str, int]:
    name = STDIN_NAME if path == STDIN else path
    return parse_spelling_counts(read_text_file(path), name)


def _comparer(scripts: tuple[str, ...], lang: str | None, **thresholds: float | None) -> Comparer:
    chosen = {k: v for k, v in thresholds.items() if v is not None}
    th = Thresholds(**{**DEFAULT_THRESHOLDS.__dict__, **chosen})
    return Comparer(key_tables(scripts) if scripts else None, th, language=lang)


@names.command("cluster")
@click.argument("path", metavar="FILE")
@_script_option
@click.option(
    "--lang",
    default=None,
    metavar="LANG",
    help="Language the spellings are written in; its inflections are different words.",
)
@click.option(
    "--min-size",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Print clusters with at least this many spellings (1 prints every spelling).",
)
@_threshold_option(
    f"Least score for two spellings to be one name [default: {DEFAULT_THRESHOLDS.link}]."
)
@_format_option
def cluster_cmd(
    path: str,
    scripts: tuple[str, ...],
    lang: str | None,
    min_size: int,
    threshold: float | None,
    fmt: str,
) -> None:
    """Group the spellings in FILE (`-`: standard input) into names.

    FILE has one spelling per line, optionally followed by a tab and a count. The most
    frequent spelling comes first in each cluster. JSON output: {"clusters": [[...], ...]}.
    """
    counts = _read_spellings(path)
    clusters = [
        c
        for c in cluster_spellings(counts, _comparer(scripts, lang, link=threshold))
        if len(c) >= min_size
    ]
    if fmt == "json":
        click.echo(
            json.dumps({"clusters": [list(c.spellings) for c in clusters]}, ensure_ascii=False)
        )
        return
    for c in clusters:
        click.echo(", ".join(f"{s} ({n})" for s, n in zip(c.spellings, c.counts)))
    multi = sum(1 for c in clusters if len(c) > 1)
    click.echo(f"{len(counts)} spellings; {multi} name(s) with more than one spelling.")


@names.command("match")
@click.argument("path", metavar="FILE")
@glossary_options
@_script_option
@_threshold_option(f"Least score for a match [default: {DEFAULT_THRESHOLDS.match}].")
@_format_option
def match_cmd(
    path: str,
    glossaries: tuple[str, ...],
    no_default_glossaries: bool,
    scripts: tuple[str, ...],
    threshold: float | None,
    fmt: str,
) -> None:
    """Find the glossary entry each spelling in FILE (`-`: standard input) stands for.

    FILE has one spelling per line (a tab and a count may follow; the count is
    ignored). `canonical` is null when no form scores at least the threshold; `score`
    is the similarity (0-1) to the closest form. JSON output:
    {"matches": [{"query", "canonical", "entry", "score"}, ...]}.
    """
    paths = ([] if no_default_glossaries else [str(p) for p in bundled_glossary_paths()]) + list(
        glossaries
    )
    index = NameIndex(load_glossaries(paths), _comparer(scripts, None, match=threshold))
    results = index.best_many(list(_read_spellings(path)))
    if fmt == "json":
        click.echo(json.dumps({"matches": [m.to_dict() for m in results]}, ensure_ascii=False))
        return
    for m in results:
        if m.entry is not None and m.form is not None:
            click.echo(
                f'{m.query} -> {m.canonical} [{m.entry.id}] via "{m.form.text}", score {m.score:.2f}'
            )
        elif m.form is not None:
            click.echo(f'{m.query} -> no match (closest "{m.form.text}", score {m.score:.2f})')
        else:
            click.echo(f"{m.query} -> no match")
