"""py3langid's model, read from an uncompressed copy in the user's cache.

py3langid ships its model as an LZMA-compressed NumPy archive: every process that
identifies a language spent about half a second of CPU decompressing 68 MB (more than
a whole pre-commit hook run), and every worker of a parallel run paid it again. The
first process writes the arrays, decompressed, as ``.npy`` files in the cache folder
(:func:`audit.cachefiles.cache_dir`); later ones map them (``mmap``), which costs a few
milliseconds, and the operating system shares the pages between workers.

The arrays are exactly those py3langid reads (no pickle: ``allow_pickle=False`` both
ways, so a cache file cannot run code), turned into the identifier as
``LanguageIdentifier.from_model_file`` does, so every identification is unchanged. The
cache is keyed by py3langid's version and a digest of its model file; anything odd (no
cache folder, a file cut short, another py3langid) falls back to py3langid's own reading.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

_FORMAT = 1
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_COMPLETE = "complete"  # written last: the folder holds every array


def load_identifier(**options: Any) -> Any:
    """py3langid's ``LanguageIdentifier`` with its bundled model (``options`` as for
    ``from_model_file``), from the cache when it can be."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    folder = _folder(Path(MODEL_DIR) / MODEL_FILE)
    if folder is not None:
        try:  # a cache only saves time
            if not (folder / _COMPLETE).is_file():
                _write(Path(MODEL_DIR) / MODEL_FILE, folder)
            return _from_folder(LanguageIdentifier, folder, options)
        except Exception:  # noqa: BLE001 - unreadable: py3langid reads it; the next run rewrites it
            shutil.rmtree(folder, ignore_errors=True)
    return LanguageIdentifier.from_model_file(MODEL_FILE, **options)


def _folder(model: Path) -> Path | None:
    from audit.cachefiles import cache_dir

    directory = cache_dir()
    if directory is None:
        return None
    try:
        import py3langid

        version = str(getattr(py3langid, "__version__", "unknown"))
        digest = hashlib.sha256(model.read_bytes()).hexdigest()[:24]
    except OSError:
        return None
    return directory / f"langid-{_FORMAT}-{version}-{digest}"


def _from_folder(identifier_class: Any, folder: Path, options: dict[str, Any]) -> Any:
    """The identifier from the cached arrays, built as ``from_model_file`` builds it."""
    import numpy as np
    from py3langid.modelio import _to_array

    def array(name: str, mapped: bool) -> Any:
        return np.load(
            folder / f"{name}.npy", mmap_mode="r" if mapped else None, allow_pickle=False
        )

    ptc, pc = array("ptc", True), array("pc", False)
    classes = array("classes", False).tolist()
    nextmove, row = array("nextmove", True), array("nextmove_row", False)
    output = array("out_feat", False).tolist()
    if not (ptc.shape[1] == len(classes) == pc.shape[0] and row.shape[0] == len(output)):
        raise ValueError(f"{folder}: the cached model's arrays do not fit together")
    return identifier_class(
        np.asarray(ptc),
        np.asarray(pc),
        classes,
        _to_array(nextmove),
        output,
        tk_row=_to_array(row),
        **options,
    )


def _write(model: Path, folder: Path) -> None:
    """Decompress the model's arrays into ``folder``, each file written atomically
    (:mod:`audit.atomicfile`) and a ``complete`` mark last: a folder without the mark
    (a writer stopped half-way, or still writing) is never read."""
    import io
    import lzma

    import numpy as np

    from audit.atomicfile import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(suffix=".npz") as tmp:  # never the whole 68 MB in memory
        with lzma.open(model) as src:
            shutil.copyfileobj(src, tmp, length=1 << 20)
        tmp.seek(0)
        with np.load(tmp, allow_pickle=False) as data:
            for name in _ARRAYS:
                buffer = io.BytesIO()
                np.save(buffer, data[name], allow_pickle=False)
                write_atomic(str(folder / f"{name}.npy"), buffer.getvalue())
    write_atomic(str(folder / _COMPLETE), b"")
