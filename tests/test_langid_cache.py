"""py3langid's model read from the cache identifies exactly as py3langid's own reading."""

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


def _answers(identifier, languages):  # type: ignore[no-untyped-def]
    restricted = copy.copy(identifier)
    restricted.set_languages(languages)
    return [restricted.classify(t) for t in TEXTS]


def test_cached_model_identifies_as_py3langid_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    first = langid_cache.load_identifier(norm_probs=True)  # writes the cache
    [folder] = tmp_path.glob("langid-*")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(f"{name}.npy" for name in langid_cache._ARRAYS), "complete"]
    )

    def no_decompressing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the cached model was decompressed again")

    monkeypatch.setattr(lzma, "open", no_decompressing)
    second = langid_cache.load_identifier(norm_probs=True)  # reads the cache
    for languages in (None, ["fr", "de", "en", "es"], ["en", "fr"]):
        expected = _answers(reference, languages)
        assert _answers(first, languages) == expected
        assert _answers(second, languages) == expected
    assert second.classify(TEXTS[0]) == reference.classify(TEXTS[0])


def test_damaged_cache_falls_back_to_py3langid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    langid_cache.load_identifier(norm_probs=True)
    [folder] = tmp_path.glob("langid-*")
    ptc = folder / "ptc.npy"
    ptc.write_bytes(ptc.read_bytes()[:1000])  # cut short
    identifier = langid_cache.load_identifier(norm_probs=True)
    assert _answers(identifier, ["fr", "de", "en", "es"]) == _answers(
        reference, ["fr", "de", "en", "es"]
    )


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    identifier = langid_cache.load_identifier(norm_probs=True)
    assert identifier.classify(TEXTS[2])[0] == "en"
    assert list(tmp_path.iterdir()) == []


def test_damaged_cache_is_written_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    langid_cache.load_identifier(norm_probs=True)
    [folder] = tmp_path.glob("langid-*")
    (folder / "classes.npy").write_bytes(b"not an array")
    langid_cache.load_identifier(norm_probs=True)  # falls back, drops the damaged copy
    assert not folder.exists()
    langid_cache.load_identifier(norm_probs=True)  # writes it again
    assert (folder / "classes.npy").stat().st_size > 100


def test_half_written_cache_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    langid_cache.load_identifier(norm_probs=True)
    [folder] = tmp_path.glob("langid-*")
    (folder / "complete").unlink()  # as if a writer had stopped before the end
    (folder / "ptc.npy").write_bytes(b"partial")
    identifier = langid_cache.load_identifier(norm_probs=True)  # writes it again
    assert (folder / "complete").is_file()
    assert _answers(identifier, None) == _answers(reference, None)
