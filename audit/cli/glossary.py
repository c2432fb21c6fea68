"""``audit glossary``: inspect and validate glossaries."""

from __future__ import annotations

import click

from audit.cli.options import glossary_options
from audit.glossary import bundled_glossary_paths, load_glossaries


@click.group()
def glossary() -> None:
    """Inspect and validate glossaries."""


@glossary.command("check")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--no-default-glossaries", is_flag=True, help="Validate PATHS alone, without the bundled glossaries.")
def check_cmd(paths: tuple[str, ...], no_default_glossaries: bool) -> None:
    """Validate glossary files together with the bundled ones (exit 2 on the first problem)."""
    all_paths = ([] if no_default_glossaries else [str(p) for p in bundled_glossary_paths()]) + list(paths)
    g = load_glossaries(all_paths)
    forms = sum(1 + len(e.short) + len(e.variants) for e in g.entries)
    click.echo(f"OK: {len(g)} entries, {forms} forms in {len(all_paths)} file(s).")


@glossary.command("list")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@glossary_options
def list_cmd(paths: tuple[str, ...], glossaries: tuple[str, ...], no_default_glossaries: bool) -> None:
    """List entries: id, kind, canonical form, short forms and variant count."""
    all_paths = ([] if no_default_glossaries else [str(p) for p in bundled_glossary_paths()]) + list(glossaries) + list(paths)
    for e in load_glossaries(all_paths).entries:
        short = f" ({', '.join(e.short)})" if e.short else ""
        click.echo(f"{e.id}\t{e.kind}\t{e.canonical}{short}\t{len(e.variants)} variants\t{e.location}")
