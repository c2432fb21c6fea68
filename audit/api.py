"""The Python API in one call: :func:`check_text` for a string, :func:`check_paths` for
files and folders.

Both return the same findings ``audit check`` reports for the same input and settings
(they call the same readers, settings resolution and engine); they print nothing and
never exit. Bad input raises :class:`~audit.errors.AuditError` (``InputError``,
``ConfigError``, ``GlossaryError``), whose message names the file and position.

``check_text`` ignores configuration files: what it uses is what it is given.
``check_paths`` resolves settings per file as the command line does (the nearest
``.audit.toml`` or ``pyproject.toml`` ``[tool.audit]``), with the arguments given
overriding them, unless ``isolated=True``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache

from audit.config import AuditConfig
from audit.engine import audit_document
from audit.findings import Finding

StrPath = str | os.PathLike[str]


def check_text(
    text: str,
    *,
    source: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    glossaries: Sequence[StrPath] = (),
    default_glossaries: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    filename: str = "<text>",
) -> list[Finding]:
    """The findings in ``text`` (the translation), sorted by position.

    ``source`` is the original it translates (bilingual checks B001-B006 then run),
    in ``source_lang`` (guessed when not given); without ``target_lang``, the
    language the file declares, else the one its text is clearly in (English, French,
    German, Spanish, Russian, Arabic, Persian, Hebrew), else English.
    ``glossaries`` are added to the bundled ones (``default_glossaries=False`` leaves
    those out). ``select`` and ``ignore`` take codes, prefixes or names, as
    ``--select`` and ``--ignore`` do. ``filename`` names the text in findings, and its
    suffix picks the format, as ``--stdin-filename`` does (``pairs.jsonl``,
    ``segments.csv``, ``messages.po``...); the default reads plain text.
    """
    from audit.formats import reader_for
    from audit.formats.language import settle

    config = _config(_stamped(glossaries), default_glossaries, tuple(select), tuple(ignore))
    # No target_lang: the text's (or the file's) language, else English.
    options: dict[str, object] = {"target_lang": target_lang or "", "source_lang": source_lang}
    if source is not None:
        options.update(source=source, source_path="<source>")
    findings = [
        finding
        for doc in settle(reader_for(filename)(text, filename, **options))
        for finding in audit_document(doc, config)
    ]
    findings.sort(key=Finding.sort_key)
    return findings


def check_paths(
    paths: Iterable[StrPath],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    glossaries: Sequence[StrPath] = (),
    default_glossaries: bool | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config_file: StrPath | None = None,
    isolated: bool = False,
    jobs: int = 1,
) -> list[Finding]:
    """The findings in files and folders (every file of a known format inside, less
    the excluded ones), sorted by file and position, at or above each file's
    ``min-severity``: what ``audit check PATH...`` reports.

    Arguments given override each file's configuration file (``glossaries`` adds to
    its list); ``config_file`` names the file to use instead of searching, and
    ``isolated=True`` uses none. ``jobs`` worker processes share the documents.
    """
    from audit.config.settings import Overrides
    from audit.exclusion import walk
    from audit.run import Runner, RunOptions, audit_paths, shown

    overrides = Overrides(
        select=tuple(select),
        ignore=tuple(ignore),
        glossaries=tuple(str(g) for g in glossaries),
        default_glossaries=default_glossaries,
        target_lang=target_lang,
        source_lang=source_lang,
    )
    runner = Runner(
        RunOptions(
            overrides,
            config_file=None if config_file is None else str(config_file),
            isolated=isolated,
        )
    )
    files = list(walk([str(p) for p in paths], runner))
    result = audit_paths(runner, files, jobs=jobs)
    return shown(result.files, result.findings)


def _stamped(glossaries: Sequence[StrPath]) -> tuple[tuple[str, int], ...]:
    """Glossary paths with their modification times: an edited glossary is a new key."""
    out = []
    for g in glossaries:
        try:
            stamp = os.stat(g).st_mtime_ns
        except OSError:
            stamp = -1  # loading reports the problem
        out.append((str(g), stamp))
    return tuple(out)


@lru_cache(maxsize=16)
def _config(
    glossaries: tuple[tuple[str, int], ...],
    default_glossaries: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> AuditConfig:
    """One configuration per distinct settings: repeated calls load glossaries once."""
    return AuditConfig.create(
        glossaries=[path for path, _ in glossaries],
        default_glossaries=default_glossaries,
        select=select,
        ignore=ignore,
    )
