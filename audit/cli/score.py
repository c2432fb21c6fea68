"""``audit score``: round-trip scores of back-translations against their sources."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from audit.cli.options import input_options, read_inputs
from audit.errors import InputError

if TYPE_CHECKING:
    from audit.scoring import Scoreboard

_PREVIEW = 60


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--metric",
    "metrics",
    multiple=True,
    type=click.Choice(["chrf", "chrf++", "bleu", "ter"], case_sensitive=False),
    help="Metric to compute; repeatable (default: chrf).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@input_options
def score(
    paths: tuple[str, ...],
    metrics: tuple[str, ...],
    fmt: str,
    target_lang: str | None,
    source_lang: str | None,
    source: str | None,
    fields: dict[str, str],
    encoding: str | None,
    errors: str,
) -> None:
    """Score each document's back-translation against its source, per segment and per document.

    Scores are sacrebleu's (chrF by default); Arabic is normalized before scoring and
    every score's signature says so. A round-trip score is a weak signal of translation
    quality: docs/backtranslation.md says what it can and cannot tell.
    """
    from audit.scoring.scores import score_documents

    chosen = tuple(dict.fromkeys(m.lower() for m in metrics)) or ("chrf",)
    documents = read_inputs(
        paths,
        target_lang=target_lang,
        source_lang=source_lang,
        source=source,
        fields=fields,
        encoding=encoding,
        errors=errors,
    )
    board = score_documents(documents, chosen)
    if not board.documents:
        raise InputError(
            "no document has both a source and a back-translation (`audit backtranslate` adds one)",
            path=", ".join(paths),
        )
    if fmt == "json":
        data = {
            "documents": [d.to_dict() for d in board.documents],
            "overall": {name: s.to_dict() for name, s in board.overall.items()}
            if board.overall
            else None,
            "skipped": board.skipped,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(_text(board, chosen), nl=False)


def _text(board: Scoreboard, metrics: tuple[str, ...]) -> str:
    lines: list[str] = []
    signatures: dict[str, None] = {}
    for doc in board.documents:
        labels = [doc.scores[m].label for m in metrics]
        model = f", back-translated by {doc.model}" if doc.model else ""
        lines.append(
            f"{doc.path}: {doc.document} ({doc.language or 'language unknown'}, {len(doc.segments)} "
            f"segment{'s' if len(doc.segments) != 1 else ''} aligned by {_alignment(doc.alignment)}{model})"
        )
        lines.append(
            "  " + "  ".join(["seg".rjust(5), *(label.rjust(7) for label in labels), "source"])
        )
        for seg in doc.segments:
            values = [seg.scores[m].formatted().rjust(7) for m in metrics]
            lines.append(
                "  " + "  ".join([seg.pair.id.rjust(5), *values, _preview(seg.pair.source)])
            )
        lines.append(
            "  "
            + "  ".join(["doc".rjust(5), *(doc.scores[m].formatted().rjust(7) for m in metrics)])
        )
        signatures.update((doc.scores[m].signature, None) for m in metrics)
    if board.overall:
        parts = "  ".join(f"{s.label} {s.formatted()}" for s in board.overall.values())
        lines.append(f"overall ({len(board.documents)} documents): {parts}")
    if board.skipped:
        n = len(board.skipped)
        lines.append(
            f"skipped {n} document{'s' if n != 1 else ''} without a source and back-translation"
        )
    lines.append("signatures:")
    lines.extend(f"  {sig}" for sig in signatures)
    return "\n".join(lines) + "\n"


def _alignment(name: str) -> str:
    return {
        "units": "file unit",
        "lines": "line",
        "sentences": "sentence",
        "document": "whole document",
    }[name]


def _preview(text: str) -> str:
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
