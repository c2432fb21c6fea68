"""Producing back-translations with a local sequence-to-sequence model.

Each document's target text is split into sentences; every sentence not already in
the cache is translated back into the document's source language, and the
back-translation is reassembled with the target's own layout (line breaks and
spacing between sentences kept), so that it pairs with the source line by line
wherever the target did.

Generation is batched with segments sorted by token length (little padding, longest
first so that running out of memory happens at once, not at the end), under
``torch.inference_mode()``. The model is loaded only when the cache lacks something:
a second run over the same text imports neither torch nor transformers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from audit.document import Document, Span
from audit.scoring.models import (
    Direction,
    LoadedModel,
    ModelError,
    conventions,
    first_line,
    load_model,
    model_identity,
)
from audit.scoring.scores import DECODING_FIELD, MODEL_FIELD
from audit.scoring.translation_store import TranslationCache, cache_key

Loader = Callable[[Path, str], LoadedModel]
BatchDone = Callable[[list[int], list[str]], None]


@dataclass(frozen=True)
class Decoding:
    """Decoding settings; they are part of every cache key and of score signatures."""

    beams: int = 4
    max_new_tokens: int = 256

    def label(self) -> str:
        return f"beams:{self.beams},max_new_tokens:{self.max_new_tokens}"


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, done: int) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, done: int) -> None:
        pass


@dataclass
class Counts:
    """What a run did: segments found in the cache, generated, and model loads."""

    cached: int = 0
    generated: int = 0
    loads: int = 0


def generate(
    loaded: LoadedModel,
    texts: Sequence[str],
    direction: Direction,
    *,
    batch_size: int,
    decoding: Decoding,
    on_batch: BatchDone | None = None,
) -> list[str]:
    """Translate ``texts`` with a loaded model, in length-sorted batches; results in input order."""
    import torch

    tok = loaded.tokenizer
    conv = conventions(loaded, direction)
    if conv.src_lang is not None:
        tok.src_lang = conv.src_lang
    encoded = tok(
        [conv.prefix + t for t in texts], truncation=True, max_length=input_limit(loaded)
    )["input_ids"]
    order = sorted(range(len(texts)), key=lambda i: -len(encoded[i]))
    options: dict[str, int] = {
        "num_beams": decoding.beams,
        "max_new_tokens": _max_new_tokens(loaded, decoding),
    }
    if conv.forced_bos_token_id is not None:
        options["forced_bos_token_id"] = conv.forced_bos_token_id
    out = [""] * len(texts)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            inputs = tok.pad({"input_ids": [encoded[i] for i in batch]}, return_tensors="pt").to(
                loaded.device
            )
            try:
                generated = loaded.model.generate(**inputs, **options)
            except (
                IndexError,
                RuntimeError,
                ValueError,
            ) as exc:  # tokenizer and weights that do not fit
                raise ModelError(
                    f"{loaded.identity}: generation failed (do tokenizer and weights belong together?): "
                    f"{first_line(exc)}"
                ) from None
            sequences = generated.tolist()
            if (
                conv.forced_bos_token_id is not None
            ):  # some tokenizers do not count language tokens as special
                sequences = [[t for t in seq if t != conv.forced_bos_token_id] for seq in sequences]
            for i, text in zip(batch, tok.batch_decode(sequences, skip_special_tokens=True)):
                out[i] = text.strip()
            if on_batch is not None:
                on_batch(batch, [out[i] for i in batch])
    return out


def input_limit(loaded: LoadedModel) -> int:
    """Longest input in tokens: the tokenizer's limit, or the model's position table if smaller.

    Longer segments are truncated (a sentence rarely comes near either).
    """
    limits = [
        loaded.tokenizer.model_max_length,
        getattr(loaded.model.config, "max_position_embeddings", None),
    ]
    return min(int(x) for x in limits if x and x < 10**9)


def _max_new_tokens(loaded: LoadedModel, decoding: Decoding) -> int:
    """Never past the model's position table (MarianMT cannot go beyond it)."""
    limit = getattr(loaded.model.config, "max_position_embeddings", None)
    return min(decoding.max_new_tokens, limit - 2) if limit else decoding.max_new_tokens


@dataclass
class BackTranslator:
    """Back-translates segments with one model directory.

    Results come from the cache where it has them; the model is loaded only for the
    rest, and only once.
    """

    model_dir: Path
    device: str = "cpu"
    batch_size: int = 16
    decoding: Decoding = field(default_factory=Decoding)
    cache: TranslationCache | None = None
    threads: int | None = None  # torch CPU threads; None leaves torch's default
    loader: Loader = load_model
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        self.identity = model_identity(
            self.model_dir
        )  # checks the directory; imports nothing heavy
        self._loaded: LoadedModel | None = None

    def model(self) -> LoadedModel:
        if self._loaded is None:
            self._loaded = self.loader(self.model_dir, self.device)
            if self.threads:
                import torch

                torch.set_num_threads(self.threads)
            self.counts.loads += 1
        return self._loaded

    def key(self, direction: Direction, text: str) -> str:
        return cache_key(self.identity, direction.label(), self.decoding.label(), text)

    def translate(
        self, texts: Sequence[str], direction: Direction, progress: Progress | None = None
    ) -> list[str]:
        """Back-translations of ``texts`` (blank texts stay blank), in order; each batch is cached as it is done."""
        progress = progress or NoProgress()
        keys = [self.key(direction, t) for t in texts]
        found = self.cache.get_many(keys) if self.cache is not None else {}
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found and t.strip()))
        self.counts.cached += sum(1 for k in keys if k in found)
        done: dict[str, str] = {}
        if todo:
            progress.start(len(todo))

            def store(batch: list[int], results: list[str]) -> None:
                pairs = [(todo[i], r) for i, r in zip(batch, results)]
                done.update(pairs)
                if self.cache is not None:
                    self.cache.put_many(
                        [(self.key(direction, t), r) for t, r in pairs], self.identity
                    )
                progress.advance(len(batch))

            generate(
                self.model(),
                todo,
                direction,
                batch_size=self.batch_size,
                decoding=self.decoding,
                on_batch=store,
            )
            self.counts.generated += len(todo)
        return [found.get(k, done.get(t, "")) for t, k in zip(texts, keys)]


def backtranslate_documents(
    docs: Sequence[Document],
    translator: BackTranslator,
    *,
    replace_existing: bool = False,
    progress: Progress | None = None,
) -> list[Document]:
    """Each document with a back-translation of its target (and the model identity in its metadata).

    Documents that already carry a back-translation are returned unchanged unless
    ``replace_existing``. The back-translation goes from ``target_lang`` into
    ``source_lang`` (guessed from the source text when missing); models that need
    language codes need both.
    """
    plans: dict[int, tuple[Direction, tuple[Span, ...]]] = {}
    by_direction: dict[Direction, list[str]] = {}
    for n, doc in enumerate(docs):
        if doc.back_translation is not None and not replace_existing:
            continue
        direction = Direction(doc.target_lang, doc.source_lang or _guess(doc.source))
        spans = doc.sentences
        plans[n] = (direction, spans)
        by_direction.setdefault(direction, []).extend(doc.target[s.start : s.end] for s in spans)
    translated: dict[tuple[Direction, str], str] = {}
    for direction, texts in by_direction.items():
        unique = list(dict.fromkeys(texts))
        for text, result in zip(unique, translator.translate(unique, direction, progress)):
            translated[direction, text] = result
    out = []
    for n, doc in enumerate(docs):
        if n not in plans:
            out.append(doc)
            continue
        direction, spans = plans[n]
        back = _reassemble(
            doc.target, spans, [translated[direction, doc.target[s.start : s.end]] for s in spans]
        )
        metadata = {
            **doc.metadata,
            MODEL_FIELD: translator.identity,
            DECODING_FIELD: translator.decoding.label(),
        }
        out.append(replace(doc, back_translation=back, metadata=metadata))
    return out


def _guess(text: str | None) -> str | None:
    """The source language when a document does not say (by script; py3langid within a script)."""
    from audit.lang.identify import guess_language

    return guess_language(text) if text and text.strip() else None


def _reassemble(text: str, spans: Sequence[Span], translations: Sequence[str]) -> str:
    """``text`` with each span replaced by its translation; everything between spans kept."""
    parts = []
    pos = 0
    for span, translation in zip(spans, translations):
        parts.append(text[pos : span.start])
        parts.append(translation)
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts).strip()
