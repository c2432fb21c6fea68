"""py3langid's model read from the cache identifies exactly as py3langid's own reading.

The tests share one cache folder (the model's arrays are 68 MB), each leaving it whole.
"""

from __future__ import annotations

import copy
import lzma
from pathlib import Path

import pytest

from audit.lang import langid_cache

TEXTS = [
    "Les pourparlers reprennent lundi à Genève, a indiqué l'envoyé des Nations unies.",
    "Die Gespräche werden am Montag in Genf fortgesetzt, sagte der UN-Gesandte.",
    "Talks resume in Geneva on Monday, the UN envoy said.",
    "Las conversaciones se reanudan el lunes en Ginebra.",
    "x",
]


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("langid-cache")


@pytest.fixture
def cached(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(cache))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    return cache


def _answers(identifier, languages):  # type: ignore[no-untyped-def]
    restricted = copy.copy(identifier)
    restricted.set_languages(languages)
    return [restricted.classify(t) for t in TEXTS]


def _folder(cache: Path) -> Path:
    [folder] = cache.glob("langid-*")
    return folder


def test_cached_model_identifies_as_py3langid_does(
    cached: Path, monkeypatch: pytest.MonkeyPatch, reference
) -> None:  # type: ignore[no-untyped-def]
    first = langid_cache.load_identifier(norm_probs=True)  # writes the cache (or reads it)
    assert sorted(p.name for p in _folder(cached).iterdir()) == sorted(
        [*(f"{name}.npy" for name in langid_cache._ARRAYS), "complete"]
    )

    def no_decompressing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the cached model was decompressed again")

    with monkeypatch.context() as patch:
        patch.setattr(lzma, "open", no_decompressing)
        second = langid_cache.load_identifier(norm_probs=True)  # reads the cache
    for languages in (None, ["fr", "de", "en", "es"], ["en", "fr"]):
        expected = _answers(reference, languages)
        assert _answers(first, languages) == expected
        assert _answers(second, languages) == expected


def test_damaged_cache_falls_back_to_py3langid_and_is_written_again(
    cached: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    langid_cache.load_identifier(norm_probs=True)
    folder = _folder(cached)
    ptc = folder / "ptc.npy"
    ptc.write_bytes(ptc.read_bytes()[:1000])  # cut short
    identifier = langid_cache.load_identifier(norm_probs=True)  # falls back, drops the copy
    assert not folder.exists()
    assert _answers(identifier, ["fr", "de", "en", "es"]) == _answers(
        reference, ["fr", "de", "en", "es"]
    )
    langid_cache.load_identifier(norm_probs=True)  # writes it again
    assert (folder / "complete").is_file() and ptc.stat().st_size > 1000


def test_half_written_cache_is_not_read(cached: Path, reference) -> None:  # type: ignore[no-untyped-def]
    langid_cache.load_identifier(norm_probs=True)
    folder = _folder(cached)
    (folder / "complete").unlink()  # as if a writer had stopped before the end
    (folder / "classes.npy").write_bytes(b"partial")
    identifier = langid_cache.load_identifier(norm_probs=True)  # writes it again
    assert (folder / "complete").is_file()
    assert _answers(identifier, None) == _answers(reference, None)


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    identifier = langid_cache.load_identifier(norm_probs=True)
    assert identifier.classify(TEXTS[2])[0] == "en"
    assert list(tmp_path.iterdir()) == []
