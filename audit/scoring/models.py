"""Local translation models: checking a model directory, naming it, loading it offline.

audit never downloads a model. A model is a directory saved by transformers
(``config.json``, weights, tokenizer files), obtained elsewhere and passed with
``--model DIR``; loading forces offline mode (``HF_HUB_OFFLINE``,
``TRANSFORMERS_OFFLINE``, ``local_files_only=True``) so that a wrong path can never
turn into a network request.

A model's identity (``name@hash``) is computed from its files without loading it, so
that cached back-translations can be found without importing torch at all. It hashes
every small file in full (configuration, tokenizer, vocabularies) and, for large
files (weights), their name, size and first and last mebibyte: any retraining or
re-export changes it, and copying the directory elsewhere does not.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.errors import AuditError
from audit.extras import install_hint
from audit.lang.codes import base_language, flores200_code, is_known_language, iso639_3_codes

HOW_TO_GET_A_MODEL = (
    "audit never downloads models: on a machine with internet access run "
    "`hf download Helsinki-NLP/opus-mt-en-ar --local-dir opus-mt-en-ar` (or `git lfs clone`), "
    "copy the folder here and pass --model opus-mt-en-ar (see docs/backtranslation.md)"
)
EXTRA_MISSING = (
    "back-translation needs the 'backtranslate' extra (torch, transformers, sentencepiece): "
    + install_hint("backtranslate")
)

_WEIGHT_PATTERNS = (
    "*.safetensors",
    "pytorch_model*.bin",
    "*.safetensors.index.json",
    "pytorch_model.bin.index.json",
)
_TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "source.spm",
    "spiece.model",
    "sentencepiece.bpe.model",
    "vocab.json",
)
_FULL_HASH_LIMIT = 32 * 2**20
_EDGE = 2**20


class ModelError(AuditError):
    """A model directory is missing, unreadable or not a translation model."""


@dataclass(frozen=True)
class Direction:
    """Translate from ``source`` (the document's target language) into ``target`` (its source language)."""

    source: str | None
    target: str | None

    def label(self) -> str:
        return f"{self.source or '?'}>{self.target or '?'}"


@dataclass(frozen=True)
class Conventions:
    """How a model is told the direction: a text prefix, a tokenizer source language, a forced first token."""

    prefix: str = ""
    src_lang: str | None = None
    forced_bos_token_id: int | None = None


@dataclass
class LoadedModel:
    """A model and tokenizer in memory, ready to generate."""

    model: Any
    tokenizer: Any
    device: str
    family: str  # marian | nllb | m2m100 | plain
    identity: str


def read_config(model_dir: Path) -> dict[str, Any]:
    """Check that ``model_dir`` looks like a saved seq2seq model; return its config.json."""
    where = str(model_dir)
    if not model_dir.exists():
        raise ModelError(f"model directory not found; {HOW_TO_GET_A_MODEL}", path=where)
    if not model_dir.is_dir():
        raise ModelError(
            f"--model must be a model directory, not a file; {HOW_TO_GET_A_MODEL}", path=where
        )
    try:
        names = {p.name for p in model_dir.iterdir()}
        config_text = (
            (model_dir / "config.json").read_text(encoding="utf-8")
            if "config.json" in names
            else None
        )
    except OSError as exc:
        raise ModelError(f"cannot read the model directory: {exc.strerror}", path=where) from None
    if config_text is None:
        raise ModelError(
            f"not a transformers model directory (no config.json); {HOW_TO_GET_A_MODEL}", path=where
        )
    try:
        config = json.loads(config_text)
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"config.json is not valid JSON (line {exc.lineno}: {exc.msg})", path=where
        ) from None
    if not isinstance(config, dict) or "model_type" not in config:
        raise ModelError("config.json has no model_type; not a transformers model", path=where)
    if config.get("is_encoder_decoder") is False:
        raise ModelError(
            f"a {config['model_type']!r} model is not a sequence-to-sequence translation model "
            "(use MarianMT, NLLB-200 or M2M100)",
            path=where,
        )
    if not any(any(model_dir.glob(pattern)) for pattern in _WEIGHT_PATTERNS):
        raise ModelError(
            f"no model weights (model.safetensors or pytorch_model.bin); {HOW_TO_GET_A_MODEL}",
            path=where,
        )
    if not names & set(_TOKENIZER_FILES):
        raise ModelError(
            "no tokenizer files (tokenizer.json, tokenizer_config.json, source.spm ...)", path=where
        )
    return config


def model_identity(model_dir: Path) -> str:
    """``<directory name>@<12 hex digits>``: stable across copies, changed by any new weights."""
    read_config(model_dir)
    digest = hashlib.sha256()
    try:
        for path in sorted(
            p for p in model_dir.iterdir() if p.is_file() and not p.name.startswith(".")
        ):
            size = path.stat().st_size
            digest.update(f"{path.name}\0{size}\0".encode())
            with path.open("rb") as f:
                if size <= _FULL_HASH_LIMIT:
                    digest.update(f.read())
                else:
                    digest.update(f.read(_EDGE))
                    f.seek(size - _EDGE)
                    digest.update(f.read(_EDGE))
    except OSError as exc:
        raise ModelError(
            f"cannot read the model files: {exc.strerror}", path=str(model_dir)
        ) from None
    return f"{model_dir.resolve().name}@{digest.hexdigest()[:12]}"


def import_backend() -> tuple[Any, Any]:
    """Import torch and transformers in offline mode; a missing extra is a one-line error."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import sentencepiece  # noqa: F401  (MarianMT and M2M100 tokenizers need it)
        import torch
        import transformers
    except ImportError as exc:
        raise ModelError(f"{EXTRA_MISSING}; import failed: {exc}") from None
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    return torch, transformers


def load_model(model_dir: Path, device: str = "cpu") -> LoadedModel:
    """Load a local seq2seq model and its tokenizer onto ``device``; never touches the network."""
    identity = model_identity(model_dir)
    torch, transformers = import_backend()
    where = str(model_dir)
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError(
            f"--device cuda: no CUDA device is available to torch {torch.__version__}; use --device cpu"
        )
    try:
        config = transformers.AutoConfig.from_pretrained(where, local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"cannot read the model configuration: {first_line(exc)}", path=where
        ) from None
    if not getattr(config, "is_encoder_decoder", False):
        raise ModelError(
            f"a {config.model_type!r} model is not a sequence-to-sequence translation model",
            path=where,
        )
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(where, local_files_only=True)
    except Exception as exc:  # tokenizer classes raise anything from OSError to AssertionError
        raise ModelError(f"cannot load the tokenizer: {first_line(exc)}", path=where) from None
    try:
        model = transformers.AutoModelForSeq2SeqLM.from_pretrained(where, local_files_only=True)
    except Exception as exc:  # missing or mismatched weights, unknown architecture
        raise ModelError(f"cannot load the model: {first_line(exc)}", path=where) from None
    model.to(device).eval()
    return LoadedModel(model, tokenizer, device, _family(tokenizer), identity)


def conventions(loaded: LoadedModel, direction: Direction) -> Conventions:
    """How to ask this model for ``direction``, following its family's language-code convention."""
    tok = loaded.tokenizer
    if loaded.family == "marian":
        _check_marian_direction(tok, direction)
        codes = list(getattr(tok, "supported_language_codes", []) or [])
        if not codes:
            return Conventions()
        wanted = _need(direction.target, "the output language", loaded)
        for code in iso639_3_codes(wanted):
            if f">>{code}<<" in codes:
                return Conventions(prefix=f">>{code}<< ")
        raise ModelError(
            f"the model has no language token for {wanted!r} (it knows {', '.join(codes[:8])} ...)"
        )
    if loaded.family in ("nllb", "m2m100"):
        src, tgt = (
            _need(direction.source, "the input language", loaded),
            _need(direction.target, "the output language", loaded),
        )
        to_code: Callable[[str], str | None] = (
            flores200_code if loaded.family == "nllb" else base_language
        )
        src_code, tgt_code = to_code(src), to_code(tgt)
        token_ids = {code: _lang_token_id(loaded, code) for code in (src_code, tgt_code)}
        return Conventions(src_lang=src_code, forced_bos_token_id=token_ids[tgt_code])
    return Conventions()


def _family(tokenizer: Any) -> str:
    name = type(tokenizer).__name__
    if hasattr(tokenizer, "supported_language_codes") or name.startswith("Marian"):
        return "marian"
    if name.startswith("Nllb"):
        return "nllb"
    if name.startswith("M2M100"):
        return "m2m100"
    return "plain"


def _need(code: str | None, what: str, loaded: LoadedModel) -> str:
    if not code:
        raise ModelError(
            f"{loaded.identity} needs {what}; records have none, so give --source-lang/--target-lang"
        )
    return code


def _lang_token_id(loaded: LoadedModel, code: str | None) -> int:
    tok = loaded.tokenizer
    token = code if loaded.family == "nllb" else f"__{code}__"
    try:
        token_id = tok.convert_tokens_to_ids(token) if code else None
    except (KeyError, ValueError):
        token_id = None
    if token_id is None or token_id == tok.unk_token_id:
        raise ModelError(f"{loaded.identity} has no language code {token!r}")
    return int(token_id)


def _check_marian_direction(tokenizer: Any, direction: Direction) -> None:
    """A Marian model declares its pair; refuse one that translates the other way."""
    for declared, wanted, side in (
        (getattr(tokenizer, "source_lang", None), direction.source, "from"),
        (getattr(tokenizer, "target_lang", None), direction.target, "into"),
    ):
        if declared and wanted and is_known_language(declared) and is_known_language(wanted):
            if base_language(declared) != base_language(wanted):
                raise ModelError(
                    f"the model translates {side} {declared!r} but the back-translation must go {side} {wanted!r} "
                    f"({direction.label()}); pick the model for that direction"
                )


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]
