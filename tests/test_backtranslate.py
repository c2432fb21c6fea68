"""Back-translation with a real (tiny) MarianMT model on CPU: loading, batching, caching, errors.

The session fixture trains a two-layer English-to-Arabic MarianMT model on ten
NTREX-128 sentence pairs (tests/tiny_models.py), so its outputs are known: each
English sentence comes back as its Arabic translation. Nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="needs the backtranslate extra")
pytest.importorskip("transformers", reason="needs the backtranslate extra")

from audit.scoring.backtranslate import BackTranslator, Decoding, backtranslate_documents, generate  # noqa: E402
from audit.scoring.models import Direction, ModelError, conventions, load_model, model_identity  # noqa: E402
from audit.scoring.translation_store import TranslationCache  # noqa: E402
from tests import tiny_models  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

PAIRS = tiny_models.pairs()


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """A model this small runs fastest on one thread (more only add synchronization), and busy test machines stay fair."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_models.build_marian(tmp_path_factory.mktemp("models") / "opus-mt-tiny-en-ar")


@pytest.fixture(scope="session")
def loaded(tiny_model: Path):
    return load_model(tiny_model)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """Two articles (Arabic source, English target), one sentence per line."""
    records = [
        {
            "id": "a1",
            "source_lang": "ar",
            "target_lang": "en",
            "desk": "world",
            "source": "\n".join(ar for _, ar in PAIRS[:6]),
            "target": "\n".join(en for en, _ in PAIRS[:6]),
        },
        {
            "id": "a2",
            "source_lang": "ar",
            "target_lang": "en",
            "source": "\n".join(ar for _, ar in PAIRS[6:]),
            "target": "\n".join(en for en, _ in PAIRS[6:]),
        },
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_backtranslate_writes_known_outputs_and_leaves_input_untouched(
    cli, tiny_model, articles, tmp_path
):
    before = (articles.read_bytes(), articles.stat().st_mtime_ns)
    out = tmp_path / "out.jsonl"
    result = cli(
        "backtranslate",
        str(articles),
        "--model",
        str(tiny_model),
        "-o",
        str(out),
        "--cache",
        str(tmp_path / "cache.sqlite3"),
        "--batch-size",
        "4",
        "--beams",
        "2",
    )
    assert result.exit_code == 0, result.stderr
    assert (articles.read_bytes(), articles.stat().st_mtime_ns) == before
    identity = model_identity(tiny_model)
    records = _read(out)
    assert [r["id"] for r in records] == ["a1", "a2"]
    for record in records:
        assert (
            record["back_translation"] == record["source"]
        )  # the tiny model reproduces its training pairs
        assert record["back_translation_model"] == identity
        assert record["back_translation_decoding"] == "beams:2,max_new_tokens:256"
    assert records[0]["desk"] == "world"
    assert f"back-translated with {identity} (10 segments generated, 0 from cache)" in result.stderr

    scored = json.loads(cli("score", str(out), "--format", "json").stdout)
    assert [d["scores"]["chrf"]["score"] for d in scored["documents"]] == [100.0, 100.0]
    assert scored["documents"][0]["scores"]["chrf"]["signature"].endswith(
        f"|lang:ar|arnorm:diacritics+tatweel+alef+hamza+ya+ta-marbuta+kaf+zero-width|bt:{identity}|dec:beams:2,max_new_tokens:256"
    )


def test_second_run_comes_from_the_cache_without_importing_torch(
    cli, tiny_model, articles, tmp_path
):
    cache = tmp_path / "cache.sqlite3"
    first = tmp_path / "first.jsonl"
    assert (
        cli(
            "backtranslate",
            str(articles),
            "--model",
            str(tiny_model),
            "-o",
            str(first),
            "--cache",
            str(cache),
        ).exit_code
        == 0
    )
    second = tmp_path / "second.jsonl"
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['audit', 'backtranslate', {str(articles)!r}, '--model', {str(tiny_model)!r}, "
        f"'-o', {str(second)!r}, '--cache', {str(cache)!r}]\n"
        "try:\n    runpy.run_module('audit', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "sys.stderr.write('HEAVY=' + ','.join(m for m in ('torch', 'transformers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "(0 segments generated, 10 from cache)" in result.stderr, result.stderr
    assert result.stderr.endswith("HEAVY=")
    assert second.read_bytes() == first.read_bytes()


def test_model_loads_only_for_cache_misses(tiny_model, tmp_path):
    from audit import Document

    loads: list[Path] = []

    def counting_loader(path: Path, device: str):
        loads.append(path)
        return load_model(path, device)

    cache = TranslationCache(tmp_path / "c.sqlite3")
    docs = [Document(id="d", target="\n".join(en for en, _ in PAIRS[:3]), source_lang="ar")]
    for expected_loads in (1, 1):  # the second translator finds everything in the cache
        translator = BackTranslator(
            tiny_model, cache=cache, loader=counting_loader, decoding=Decoding(beams=1)
        )
        (doc,) = backtranslate_documents(docs, translator)
        assert doc.back_translation == "\n".join(ar for _, ar in PAIRS[:3])
        assert len(loads) == expected_loads
    assert (translator.counts.cached, translator.counts.generated) == (3, 0)
    other = BackTranslator(
        tiny_model, cache=cache, loader=counting_loader, decoding=Decoding(beams=3)
    )
    backtranslate_documents(docs, other)  # other decoding settings: not the same entries
    assert len(loads) == 2 and other.counts.generated == 3


def test_generation_is_batched_longest_first_and_batch_size_does_not_change_results(loaded):
    texts = [en for en, _ in PAIRS]
    batches: list[list[int]] = []
    out = generate(
        loaded,
        texts,
        Direction("en", "ar"),
        batch_size=3,
        decoding=Decoding(beams=1),
        on_batch=lambda batch, results: batches.append(batch),
    )
    assert out == [ar for _, ar in PAIRS]
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    lengths = [len(loaded.tokenizer(">>ara<< " + texts[i]).input_ids) for b in batches for i in b]
    assert lengths == sorted(lengths, reverse=True)
    assert (
        generate(loaded, texts, Direction("en", "ar"), batch_size=1, decoding=Decoding(beams=1))
        == out
    )


def test_marian_language_tokens_and_direction(loaded, monkeypatch):
    assert conventions(loaded, Direction("en", "ar")).prefix == ">>ara<< "
    assert conventions(loaded, Direction("en", "arb")).prefix == ">>ara<< "
    with pytest.raises(
        ModelError, match="translates into 'ar' but the back-translation must go into 'fr'"
    ):
        conventions(loaded, Direction("en", "fr"))
    monkeypatch.setattr(
        loaded.tokenizer, "target_lang", None
    )  # as multilingual opus-mt models declare none
    assert conventions(loaded, Direction("en", "he")).prefix == ">>heb<< "
    with pytest.raises(ModelError, match="no language token for 'fr'.*>>ara<<"):
        conventions(loaded, Direction("en", "fr"))
    with pytest.raises(
        ModelError, match="translates from 'en' but the back-translation must go from 'de'"
    ):
        conventions(loaded, Direction("de", "ar"))
    with pytest.raises(ModelError, match="give --source-lang"):
        conventions(loaded, Direction("en", None))


@pytest.mark.parametrize(
    ("family", "src_token", "forced"),
    [("nllb", "eng_Latn", "arb_Arab"), ("m2m100", "__en__", "__ar__")],
)
def test_nllb_and_m2m100_language_codes(tmp_path, family, src_token, forced):
    model = load_model(tiny_models.build_multilingual(tmp_path / family, family))
    conv = conventions(model, Direction("en", "ar"))
    assert conv.forced_bos_token_id == model.tokenizer.convert_tokens_to_ids(forced)
    out = generate(
        model,
        ["Trump said so."],
        Direction("en", "ar"),
        batch_size=2,
        decoding=Decoding(beams=1, max_new_tokens=4),
    )
    assert not out[0].startswith(forced)  # the language token is not part of the text
    assert model.tokenizer("Trump").input_ids[0] == model.tokenizer.convert_tokens_to_ids(src_token)
    with pytest.raises(ModelError, match="give --source-lang"):
        conventions(model, Direction(None, "ar"))


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert (
        result.stdout == "" and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    )
    return result.stderr


def test_missing_and_incompatible_model_directories(cli, articles, tiny_model, tmp_path):
    def run(model: Path):
        return _one_line_error(
            cli(
                "backtranslate",
                str(articles),
                "--model",
                str(model),
                "-o",
                str(tmp_path / "o.jsonl"),
                "--no-cache",
            )
        )

    missing = run(tmp_path / "nowhere")
    assert (
        "model directory not found" in missing
        and "hf download Helsinki-NLP/opus-mt-en-ar" in missing
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no config.json" in run(empty)
    bert = tmp_path / "bert"
    bert.mkdir()
    (bert / "config.json").write_text('{"model_type": "bert", "is_encoder_decoder": false}')
    assert "'bert' model is not a sequence-to-sequence translation model" in run(bert)
    no_weights = tmp_path / "no-weights"
    shutil.copytree(tiny_model, no_weights)
    (no_weights / "model.safetensors").unlink()
    assert "no model weights" in run(no_weights)
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model, broken)
    (broken / "model.safetensors").write_bytes(b"not safetensors at all")
    assert "cannot load the model" in run(broken)
    assert not (tmp_path / "o.jsonl").exists()


def test_without_the_extra_the_command_says_what_to_install(
    cli, articles, tiny_model, tmp_path, monkeypatch
):
    monkeypatch.setitem(sys.modules, "transformers", None)  # import transformers now fails
    err = _one_line_error(
        cli(
            "backtranslate",
            str(articles),
            "--model",
            str(tiny_model),
            "-o",
            str(tmp_path / "o.jsonl"),
        )
    )
    assert "pip install -e '.[backtranslate]'" in err and "missing: transformers" in err


def test_output_may_not_be_the_input(cli, articles, tiny_model):
    before = articles.read_bytes()
    err = _one_line_error(
        cli("backtranslate", str(articles), "--model", str(tiny_model), "-o", str(articles))
    )
    assert "OUTPUT is INPUT" in err and articles.read_bytes() == before


def test_cuda_without_a_gpu_is_a_clear_error(cli, articles, tiny_model, tmp_path):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    err = _one_line_error(
        cli(
            "backtranslate",
            str(articles),
            "--model",
            str(tiny_model),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--device",
            "cuda",
            "--no-cache",
        )
    )
    assert "no CUDA device" in err and "--device cpu" in err


def test_source_language_is_guessed_when_records_do_not_give_it(cli, tiny_model, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "x", "source": PAIRS[1][1], "target": PAIRS[1][0]}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = cli(
        "backtranslate", str(path), "--model", str(tiny_model), "-o", str(out), "--no-cache"
    )
    assert result.exit_code == 0, result.stderr
    assert (
        _read(out)[0]["back_translation"] == PAIRS[1][1]
    )  # needs >>ara<<, found from the Arabic source


def test_existing_back_translations_are_kept_unless_replaced(cli, tiny_model, tmp_path):
    path = tmp_path / "in.jsonl"
    record = {
        "id": "x",
        "source_lang": "ar",
        "source": PAIRS[0][1],
        "target": PAIRS[0][0],
        "back_translation": "mine",
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cache = str(tmp_path / "c.sqlite3")
    result = cli(
        "backtranslate", str(path), "--model", str(tiny_model), "-o", str(out), "--cache", cache
    )
    assert "1 kept their own" in result.stderr and _read(out)[0]["back_translation"] == "mine"
    cli(
        "backtranslate",
        str(path),
        "--model",
        str(tiny_model),
        "-o",
        str(out),
        "--cache",
        cache,
        "--replace",
    )
    assert _read(out)[0]["back_translation"] == PAIRS[0][1]


def test_model_identity_survives_copies_and_changes_with_the_weights(tiny_model, tmp_path):
    copy = tmp_path / "opus-mt-tiny-en-ar"
    shutil.copytree(tiny_model, copy)
    os.utime(copy / "model.safetensors", (0, 0))
    assert model_identity(copy) == model_identity(tiny_model)
    data = bytearray((copy / "model.safetensors").read_bytes())
    data[-1] ^= 0xFF
    (copy / "model.safetensors").write_bytes(bytes(data))
    assert model_identity(copy) != model_identity(tiny_model)
