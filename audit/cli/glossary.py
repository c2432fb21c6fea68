"""``audit glossary``: inspect and validate glossaries."""

from __future__ import annotations

import click

from audit.cli.options import glossary_options, input_options
from audit.glossary import bundled_glossary_paths, load_glossaries


@click.group()
def glossary() -> None:
    """Inspect and validate glossaries."""


@glossary.command("check")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--no-default-glossaries",
    is_flag=True,
    help="Validate PATHS alone, without the bundled glossaries.",
)
def check_cmd(paths: tuple[str, ...], no_default_glossaries: bool) -> None:
    """Validate glossary files together with the bundled ones (exit 2 on the first problem).

    Also warns about one-word variants that are frequent words or names of the
    glossary's language and not marked `ambiguous` (they would rewrite other people's
    names); warnings do not change the exit status.
    """
    all_paths = (
        [] if no_default_glossaries else [str(p) for p in bundled_glossary_paths()]
    ) + list(paths)
    g = load_glossaries(all_paths)
    forms = sum(1 + len(e.short) + len(e.variants) for e in g.entries)
    from audit.glossary.ambiguity import ambiguity_warnings

    # The files given are the ones under review: the bundled ones only when alone.
    own = {str(p) for p in paths} or {str(p) for p in all_paths}
    for warning in ambiguity_warnings(g, paths=own):
        click.echo(str(warning), err=True)
    click.echo(f"OK: {len(g)} entries, {forms} forms in {len(all_paths)} file(s).")


@glossary.command("list")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@glossary_options
def list_cmd(
    paths: tuple[str, ...], glossaries: tuple[str, ...], no_default_glossaries: bool
) -> None:
    """List entries: id, kind, canonical form, short forms and variant count."""
    all_paths = (
        ([] if no_default_glossaries else [str(p) for p in bundled_glossary_paths()])
        + list(glossaries)
        + list(paths)
    )
    for e in load_glossaries(all_paths).entries:
        short = f" ({', '.join(e.short)})" if e.short else ""
        click.echo(
            f"{e.id}\t{e.kind}\t{e.canonical}{short}\t{len(e.variants)} variants\t{e.location}"
        )


@glossary.command("suggest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Glossary file to write (YAML); `-` prints it.",
)
@glossary_options
@input_options
def suggest_cmd(
    paths: tuple[str, ...],
    output: str,
    glossaries: tuple[str, ...],
    no_default_glossaries: bool,
    target_lang: str | None,
    source_lang: str | None,
    source: str | None,
    fields: dict[str, str],
    encoding: str | None,
    errors: str,
) -> None:
    """Propose glossary entries from the names in PATH... (any input format).

    Spellings that look like one name are grouped; the canonical form is the
    glossary's (when it already knows one) or the most used one, the others are
    variants, with their counts and an example in each `note`. The file loads with
    `audit glossary check`; review it before use.
    """
    import yaml

    from audit.cli.options import read_inputs
    from audit.glossary import GlossaryMatcher
    from audit.names.keys import tables_for_language
    from audit.names.similarity import Comparer
    from audit.names.suggest import propose, render_yaml

    all_paths = (
        [] if no_default_glossaries else [str(p) for p in bundled_glossary_paths()]
    ) + list(glossaries)
    matcher = GlossaryMatcher(load_glossaries(all_paths)) if all_paths else None
    documents = read_inputs(
        paths,
        target_lang=target_lang,
        source_lang=source_lang,
        source=source,
        fields=fields,
        encoding=encoding,
        errors=errors,
    )
    language = target_lang or (documents[0].target_lang if documents else "en")
    comparer = Comparer(tables_for_language(source_lang), language=language)
    text = render_yaml(propose(documents, matcher, comparer), len(documents), matcher)
    if output == "-":
        click.echo(text, nl=False)
        return
    write_atomically(output, text)
    load_glossaries([*all_paths, output])  # the proposals must load beside the glossaries used
    entries = len(yaml.safe_load(text)["entries"])
    click.echo(
        f"Wrote {output}: {entries} proposed entr{'y' if entries == 1 else 'ies'} "
        f"from {len(documents)} document(s)."
    )


def write_atomically(path: str, text: str) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    from audit.atomicfile import write_atomic

    for warning in write_atomic(path, text.encode("utf-8")):
        click.echo(f"audit: warning: {warning}", err=True)
