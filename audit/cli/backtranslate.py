"""``audit backtranslate``: add a back-translation to every document, with a local model."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import click

from audit.cli.options import input_options, read_inputs
from audit.errors import ConfigError, InputError

_EXTRA_MODULES = ("torch", "transformers", "sentencepiece")


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option(
    "--model",
    "model_dir",
    required=True,
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="A local transformers model directory (MarianMT, NLLB-200, M2M100) translating target -> source.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="OUTPUT",
    help="JSON Lines file to write (INPUT is never modified).",
)
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Segments per batch.",
)
@click.option(
    "--beams",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Beam size (1: greedy).",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="CPU threads for torch (default: torch's choice; 1 is often fastest for small models on busy machines).",
)
@click.option(
    "--max-new-tokens",
    type=click.IntRange(min=1),
    default=256,
    show_default=True,
    help="Longest back-translation of one segment, in tokens.",
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="PATH",
    help="Back-translation cache (default: $AUDIT_CACHE_DIR, $XDG_CACHE_HOME/audit or ~/.cache/audit).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--replace",
    "replace_existing",
    is_flag=True,
    help="Replace back-translations INPUT already has.",
)
@input_options
def backtranslate(
    input_path: str,
    model_dir: Path,
    output: Path,
    device: str,
    batch_size: int,
    beams: int,
    threads: int | None,
    max_new_tokens: int,
    cache_path: Path | None,
    no_cache: bool,
    replace_existing: bool,
    **inputs: Any,
) -> None:
    """Translate each document's target back into its source language and write OUTPUT.

    Sentences are translated in batches; results are cached, so a second run over the
    same text does not load the model. Nothing is ever downloaded: see
    docs/backtranslation.md for obtaining a model.
    """
    from audit.scoring.backtranslate import BackTranslator, Decoding, backtranslate_documents
    from audit.scoring.models import EXTRA_MISSING, ModelError
    from audit.scoring.translation_store import TranslationCache, default_cache_path

    missing = [name for name in _EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelError(f"{EXTRA_MISSING}; missing: {', '.join(missing)}")
    if (
        input_path != "-"
        and Path(input_path).exists()
        and output.exists()
        and output.resolve() == Path(input_path).resolve()
    ):
        raise ConfigError("OUTPUT is INPUT; audit never modifies its input: choose another -o file")
    documents = read_inputs([input_path], **inputs)
    if not any(d.target.strip() for d in documents):
        raise InputError("no target text to back-translate", path=input_path)
    cache = None if no_cache else TranslationCache(cache_path or default_cache_path())
    translator = BackTranslator(
        model_dir,
        device=device,
        batch_size=batch_size,
        threads=threads,
        decoding=Decoding(beams=beams, max_new_tokens=max_new_tokens),
        cache=cache,
    )
    with _progress() as progress:
        results = backtranslate_documents(
            documents, translator, replace_existing=replace_existing, progress=progress
        )
    from audit.formats.jsonl import write_jsonl

    write_jsonl(output, results)
    c = translator.counts
    kept = sum(1 for before, after in zip(documents, results) if before is after)
    note = f"; {kept} kept their own (--replace to redo)" if kept else ""
    click.echo(
        f"{output}: {len(results) - kept} document{'s' if len(results) - kept != 1 else ''} back-translated with "
        f"{translator.identity} ({c.generated} segments generated, {c.cached} from cache{note})",
        err=True,
    )


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: Any) -> None:
        pass

    def start(self, total: int) -> None:
        pass

    def advance(self, done: int) -> None:
        pass


class _RichBar(_NoBar):
    """A rich progress bar on standard error; only used on a terminal."""

    def __enter__(self) -> _RichBar:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("back-translating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
            console=_stderr_console(),
        )
        self._progress.__enter__()
        self._task = self._progress.add_task("segments", total=None)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._progress.__exit__(*exc)

    def start(self, total: int) -> None:
        self._progress.update(self._task, total=total, completed=0)

    def advance(self, done: int) -> None:
        self._progress.advance(self._task, done)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _progress() -> _NoBar:
    if sys.stderr.isatty() and importlib.util.find_spec("rich") is not None:
        return _RichBar()
    return _NoBar()
