"""A glossary's name forms prepared for fuzzy comparison, packed compactly and cached.

:class:`~audit.names.match.NameIndex` compares a query with the glossary's forms as
:class:`~audit.names.similarity.Spelling` values (folded letters, one key and one
consonant frame per key table). Kept as objects, a form cost about 1 KB (the value, two
tuples and nine strings for four tables): 200,000 forms of a 100,000-entry glossary
took most of a 500 MiB check. Here a form is one string, its parts joined by NUL
(:func:`pack`), turned back into a Spelling only when a query is compared with it
(:func:`unpack`).

Preparing every form also cost each process that compares names (a hook's
``audit check``, issue 18) the key rules run over every glossary form. The packed
forms of a glossary read from the glossary cache are stored next to it
(:func:`load`, :func:`store`), keyed by that glossary's cache key, the key tables'
contents and the name code's files (name, size, modification time) and the audit
version: any change to one of them misses. Like every cache file it is JSON and only
saves time: one that cannot be read, or that does not fit the glossary, is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from audit.cachefiles import cache_dir, write_json
from audit.names.keys import KeyTable
from audit.names.similarity import Spelling

FORMAT = 1
SEP = "\x00"  # never in folded letters or keys


def pack(spelling: Spelling) -> str:
    """One string holding a spelling's folded letters, keys and consonant frames."""
    return SEP.join((spelling.folded, *spelling.keys, *spelling.skeletons))


def unpack(text: str, packed: str, tables: int) -> Spelling:
    """The Spelling of ``text`` that :func:`pack` gave ``packed``, for ``tables`` key tables."""
    parts = packed.split(SEP)
    return Spelling(text, parts[0], tuple(parts[1 : 1 + tables]), tuple(parts[1 + tables :]))


def cache_file(glossary_key: str, tables: Sequence[KeyTable]) -> Path | None:
    """Where the packed forms of the cached glossary ``glossary_key`` under ``tables``
    are kept, or None when caching is off or the code cannot be read."""
    directory = cache_dir()
    if directory is None or not glossary_key:
        return None
    from audit.version import __version__

    names = Path(__file__).parent
    code = [
        *sorted(names.glob("*.py")),
        *sorted(names.glob("*.yaml")),
        *sorted((names / "keys").glob("*.yaml")),
        names.parent / "glossary" / "fold.py",
    ]
    h = hashlib.sha256(f"{FORMAT}\x00{__version__}\x00{glossary_key}".encode())
    try:
        for path in code:
            st = path.stat()
            h.update(f"\x00{path.name}\x00{st.st_size}\x00{st.st_mtime_ns}".encode())
    except OSError:
        return None
    for table in tables:
        h.update(_describe(table).encode())
    return directory / f"nameforms-{h.hexdigest()[:32]}.json"


def _describe(table: KeyTable) -> str:
    """A key table's contents in a stable order (sets sorted: their order varies
    between processes)."""
    return json.dumps(
        [
            table.script,
            table.name,
            list(table.languages),
            sorted(table.chars.items()),
            sorted(table.articles),
            [[r.pattern.pattern, r.pattern.flags, r.replacement] for r in table.rules],
            [[name, sorted(letters)] for name, letters in table.vowels],
            table.short,
            table.ending,
        ],
        ensure_ascii=False,
    )


def load(file: Path, forms: int, tables: int) -> list[str] | None:
    """The packed forms stored in ``file``, when it holds ``forms`` of them, each with
    the parts of ``tables`` key tables; None otherwise."""
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        packed = data.get("forms")
        seps = 2 * tables
        if (
            isinstance(packed, list)
            and len(packed) == forms
            and all(type(p) is str and p.count(SEP) == seps for p in packed)
        ):
            return packed
    return None


def store(file: Path, packed: list[str]) -> None:
    """Keep ``packed`` in ``file`` for the next process (errors ignored)."""
    write_json(file, {"format": FORMAT, "forms": packed})
