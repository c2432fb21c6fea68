"""Tiny translation models built offline in seconds: a trained MarianMT, untrained NLLB and M2M100.

:func:`build_marian` trains SentencePiece on a handful of English-Arabic sentence pairs, writes the
files a MarianMT directory holds (``config.json``, ``model.safetensors``,
``source.spm``, ``target.spm``, ``vocab.json``, ``tokenizer_config.json``) and trains
a two-layer model until it reproduces every pair: English in, the Arabic translation
out. The vocabulary carries target-language tokens (``>>ara<<``, ``>>heb<<``), as
Helsinki-NLP's multilingual opus-mt models do, so the language-code handling is
exercised too.

:func:`build_multilingual` writes untrained NLLB-200 and M2M100 directories (real
tokenizer classes, a one-layer model) to exercise those families' language-code
conventions; their output is noise. Tests and benchmarks use these; nothing is
downloaded.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "backtranslation" / "ntrex-cnbc-en-ar.tsv"
LANGUAGE_TOKENS = (">>ara<<", ">>heb<<")
MAX_STEPS = 400
TARGET_LOSS = 0.02


def pairs(path: Path = FIXTURE) -> list[tuple[str, str]]:
    """(English, Arabic) pairs."""
    rows = [
        line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [(en, ar) for en, ar in rows]


def build_marian(dest: Path, data: list[tuple[str, str]] | None = None, *, seed: int = 0) -> Path:
    """Write a trained English-to-Arabic MarianMT model directory to ``dest``; return it."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    data = data or pairs()
    dest.mkdir(parents=True, exist_ok=True)
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([s for pair in data for s in pair]),
        model_writer=proto,
        vocab_size=200,
        hard_vocab_limit=False,
        character_coverage=1.0,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        minloglevel=2,
    )
    for name in ("source.spm", "target.spm"):  # one joint model serves both sides
        (dest / name).write_bytes(proto.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for token in (*LANGUAGE_TOKENS, *(sp.id_to_piece(i) for i in range(sp.get_piece_size()))):
        vocab.setdefault(token, len(vocab))
    vocab["<pad>"] = len(vocab)
    (dest / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (dest / "tokenizer_config.json").write_text(
        json.dumps({"source_lang": "en", "target_lang": "ar"}), encoding="utf-8"
    )
    tokenizer = MarianTokenizer.from_pretrained(str(dest))

    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=64,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=128,
        decoder_ffn_dim=128,
        max_position_embeddings=256,
        pad_token_id=vocab["<pad>"],
        eos_token_id=0,
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=0,
        dropout=0.0,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    threads = torch.get_num_threads()
    torch.set_num_threads(
        1
    )  # a model this small trains faster on one thread, and busy machines stay fair
    try:
        _train(model, tokenizer, data, config.pad_token_id)
    finally:
        torch.set_num_threads(threads)
    model.save_pretrained(str(dest))
    tokenizer.save_pretrained(str(dest))
    return dest


def _train(model, tokenizer, data: list[tuple[str, str]], pad_id: int) -> None:  # type: ignore[no-untyped-def]
    """Full-batch AdamW until the loss says every pair is memorized."""
    import torch

    batch = tokenizer(
        [f"{LANGUAGE_TOKENS[0]} {en}" for en, _ in data],
        text_target=[ar for _, ar in data],
        return_tensors="pt",
        padding=True,
    )
    batch["labels"][batch["labels"] == pad_id] = -100
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(MAX_STEPS):
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if loss.item() < TARGET_LOSS:
            break
    model.eval()


def build_multilingual(dest: Path, family: str) -> Path:
    """An untrained ``nllb`` (NllbTokenizer) or ``m2m100`` (M2M100Tokenizer) model directory."""
    import torch
    from transformers import (
        M2M100Config,
        M2M100ForConditionalGeneration,
        M2M100Tokenizer,
        NllbTokenizer,
    )

    dest.mkdir(parents=True, exist_ok=True)
    if family == "nllb":
        tokenizer = (
            NllbTokenizer()
        )  # byte-level nothing: every word is <unk>, language codes are real
    else:
        import sentencepiece as spm

        proto = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter([en for en, _ in pairs()]),
            model_writer=proto,
            vocab_size=60,
            hard_vocab_limit=False,
            minloglevel=2,
        )
        sp = spm.SentencePieceProcessor(model_proto=proto.getvalue())
        vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
        for i in range(sp.get_piece_size()):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
        scratch = dest / "scratch"
        scratch.mkdir()
        (scratch / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
        (scratch / "spm.model").write_bytes(proto.getvalue())
        tokenizer = M2M100Tokenizer(
            vocab_file=str(scratch / "vocab.json"), spm_file=str(scratch / "spm.model")
        )
    tokenizer.save_pretrained(str(dest))
    size = max(tokenizer.get_vocab().values()) + 1
    if family != "nllb":  # language tokens sit above the vocabulary, then the made-up words
        size = max(tokenizer.lang_code_to_id.values()) + 1 + tokenizer.num_madeup_words
    config = M2M100Config(
        vocab_size=size,
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=64,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    M2M100ForConditionalGeneration(config).save_pretrained(str(dest))
    if family != "nllb":
        for path in scratch.iterdir():
            path.unlink()
        scratch.rmdir()
    return dest
