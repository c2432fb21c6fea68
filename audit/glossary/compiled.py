"""A cache of validated, compiled glossaries, so a hook does not parse YAML on every run.

Parsing and validating the glossaries (and importing PyYAML to do it) is most of what
`audit check` spends before it reads the article, and building the matcher's key table
is most of the rest for a large glossary. Both results are stored as JSON (never
pickle: a cache file must not be able to run code) under a key that hashes
the audit version, the glossary code's files (name, size, modification time) and
every glossary file's path and contents, so any edit to a glossary or to the loader
misses the cache. Only glossaries that loaded without error are cached.

The cache lives in the folder :func:`audit.cachefiles.cache_dir` names
(``AUDIT_NO_CACHE=1`` turns it off). A cache that cannot be read or written is
silently skipped: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.cachefiles import cache_dir, write_json
from audit.glossary.model import Entry, Glossary, Variant

if TYPE_CHECKING:
    from audit.glossary.matcher import GlossaryMatcher

FORMAT = 5


def load_glossaries_cached(paths: Iterable[str | Path]) -> Glossary:
    """``load_glossaries(paths)``, from the cache when the same files were loaded before."""
    return load_compiled(paths).glossary


def load_compiled(paths: Iterable[str | Path]) -> GlossaryMatcher:
    """A matcher for ``paths``: from the cache when the same files were compiled before,
    else loaded, validated, compiled and stored for next time."""
    from audit.glossary.matcher import GlossaryMatcher

    paths = list(paths)
    directory = cache_dir()
    key = _key(paths) if directory is not None else None
    file = directory / f"glossary-{key}.json" if directory is not None and key else None
    if file is not None:
        cached = _read(file)
        if cached is not None:
            return cached
    from audit.glossary.load import load_and_compile

    matcher = GlossaryMatcher(*load_and_compile(paths))
    if file is not None:
        _write(file, matcher)
        # Keyed as a cached load is, so that caches derived from the glossary (the
        # fuzzy name index's forms) are filled by this first run, not the next one.
        g = matcher.glossary
        keyed = Glossary(_KeyedEntries(g.entries, file.stem), paths=g.paths, language=g.language)
        matcher = GlossaryMatcher(keyed, matcher.keys, matcher.longest)
    return matcher


class _KeyedEntries(tuple):  # type: ignore[type-arg]
    """A freshly compiled glossary's entries, with the key of the cache file they were
    stored in (see :attr:`_LazyEntries.cache_key`)."""

    cache_key: str

    def __new__(cls, entries: Iterable[Entry], cache_key: str) -> _KeyedEntries:
        made = super().__new__(cls, entries)
        made.cache_key = cache_key
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_KeyedEntries, (tuple(self), self.cache_key))


def _key(paths: list[str | Path]) -> str | None:
    from audit.version import __version__

    h = hashlib.sha256(f"{FORMAT}\x00{__version__}".encode())
    try:
        for code in sorted(Path(__file__).parent.glob("*.py")):
            st = code.stat()
            h.update(f"\x00{code.name}\x00{st.st_size}\x00{st.st_mtime_ns}".encode())
        for p in paths:
            h.update(f"\x01{p}\x00".encode())
            h.update(hashlib.sha256(Path(p).read_bytes()).digest())
    except OSError:
        return None  # let the loader report the unreadable file
    return h.hexdigest()[:32]


def _read(file: Path) -> GlossaryMatcher | None:
    from audit.glossary.matcher import GlossaryMatcher

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        paths = tuple(data["paths"])
        entries = _LazyEntries(data["entries"], tuple(data["entry_paths"]), file.stem)
        keys, longest = data["keys"], data["longest"]
        forms = sum(entries.form_counts())
        if not isinstance(keys, dict) or not all(
            type(v) is int and 0 <= v < forms for v in keys.values()
        ):
            return None
        if not isinstance(longest, dict) or not all(type(v) is int for v in longest.values()):
            return None
        glossary = Glossary(entries=entries, paths=paths, language=data["language"])
        return GlossaryMatcher(glossary, keys, longest)
    except (OSError, ValueError, KeyError, TypeError):
        return None


_ENTRY_FIELDS = (
    "id",
    "canonical",
    "kind",
    "short",
    "variants",
    "source",
    "notes",
    "path",
    "line",
    "ambiguous",
)
_VARIANT_FIELDS = ("form", "use", "note", "line")
_PATH = _ENTRY_FIELDS.index("path")
_SHORT = _ENTRY_FIELDS.index("short")
_VARIANTS = _ENTRY_FIELDS.index("variants")


class _LazyEntries(Sequence[Entry]):
    """The entries of a cached glossary, each built from its row on first use.

    A large glossary has hundreds of thousands of entries and a document names a
    handful, so a cached load keeps the decoded rows and builds an Entry only when
    something asks for it.
    """

    def __init__(self, rows: list[list[Any]], paths: tuple[str, ...], cache_key: str = ""):
        if not isinstance(rows, list) or not all(
            isinstance(r, list) and len(r) == len(_ENTRY_FIELDS) for r in rows
        ):
            raise ValueError("malformed cache rows")
        self._rows = rows
        self._paths = paths
        self._built: list[Entry | None] = [None] * len(rows)
        #: The name of the cache file these rows came from: what the glossary's
        #: derived caches (the fuzzy name index's prepared forms) are keyed on.
        self.cache_key = cache_key

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        entry = self._built[index]
        if entry is None:
            entry = self._built[index] = _entry(self._rows[index], self._paths)
        return entry

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Sequence)
            and len(other) == len(self)
            and all(a == b for a, b in zip(self, other))
        )

    def __hash__(self) -> int:
        return hash(tuple(self))

    def form_counts(self) -> list[int]:
        return [1 + len(r[_SHORT]) + len(r[_VARIANTS]) for r in self._rows]

    def name_forms(self) -> Iterator[tuple[int, str, str, bool]]:
        """(entry index, form, replacement, accepted) for every form, read from the rows:
        the fuzzy name index lists a large glossary's forms without building its
        entries (:func:`audit.glossary.model.name_forms` gives the same for any
        glossary)."""
        canonical = _ENTRY_FIELDS.index("canonical")
        for i, row in enumerate(self._rows):
            yield i, row[canonical], row[canonical], True
            for text in row[_SHORT]:
                yield i, text, text, True
            for variant in row[_VARIANTS]:
                yield i, variant[0], variant[1], False


def _entry(row: list[Any], paths: tuple[str, ...]) -> Entry:
    """An Entry from a cache row (the values were validated before they were written)."""
    values = dict(zip(_ENTRY_FIELDS, row))
    values["path"] = paths[values["path"]]
    values["short"] = tuple(values["short"])
    values["source"] = tuple(values["source"])
    values["ambiguous"] = tuple(values["ambiguous"])
    values["variants"] = tuple(
        Variant(**dict(zip(_VARIANT_FIELDS, v, strict=True))) for v in values["variants"]
    )
    return Entry(**values)


def _row(e: Entry, paths: dict[str, int]) -> list[Any]:
    row = [getattr(e, name) for name in _ENTRY_FIELDS]
    row[_VARIANTS] = [[getattr(v, n) for n in _VARIANT_FIELDS] for v in e.variants]
    row[_PATH] = paths.setdefault(e.path, len(paths))
    return row


def _write(file: Path, matcher: GlossaryMatcher) -> None:
    glossary = matcher.glossary
    entry_paths: dict[str, int] = {}
    rows = [_row(e, entry_paths) for e in glossary.entries]
    data: dict[str, Any] = {
        "format": FORMAT,
        "language": glossary.language,
        "paths": list(glossary.paths),
        "entry_paths": list(entry_paths),
        "entries": rows,
        "keys": matcher.keys,
        "longest": matcher.longest,
    }
    write_json(file, data)
