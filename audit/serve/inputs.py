"""Request bodies as the files the CLI would read, held in memory.

A request never names a path on the server's disk: a JSON article (or a batch of them)
becomes the JSON Lines text ``audit check`` would read from a ``.jsonl`` file, and an
upload is decoded and given to the reader its file name's ending selects, exactly as
:func:`audit.formats.load_file` does with a file. The name only chooses the reader and
labels findings; it is never opened.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from audit.errors import InputError
from audit.formats import Reader, folder_suffixes, format_for
from audit.formats.decode import decode

#: The name findings carry for JSON articles (the file ``audit check`` would be given).
ARTICLES_NAME = "articles.jsonl"
#: Fields of one article besides metadata (the JSON Lines fields).
ARTICLE_TEXT_FIELDS = ("target", "source", "back_translation")


class UnsupportedFormat(InputError):
    """An upload whose file name ending names no format audit reads (HTTP 415)."""


def known_suffixes() -> tuple[str, ...]:
    """File name endings an upload may have: plain text and every reader's."""
    return tuple(sorted(folder_suffixes()))


@dataclass(frozen=True)
class MemoryFile:
    """One input as the CLI would have read it: name, decoded text, reader and options."""

    name: str
    data: bytes
    text: str
    reader: Reader
    options: dict[str, Any] = field(default_factory=dict)  # source/source_path for text pairs


def safe_name(name: str | None, default: str) -> str:
    """The last part of a client's file name (no folders, no `..`), or ``default``."""
    base = PurePosixPath((name or "").replace("\\", "/")).name.strip()
    if not base or base in (".", "..") or any(ord(c) < 32 for c in base):
        return default
    return base


def from_upload(
    filename: str | None,
    data: bytes,
    *,
    source: tuple[str | None, bytes] | None = None,
    encoding: str | None = None,
) -> MemoryFile:
    """An uploaded file (and, for plain text, Markdown or SRT, its source file)."""
    name = safe_name(filename, "upload.txt")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in known_suffixes():
        raise UnsupportedFormat(
            f"unknown format {suffix or '(no ending)'!r}; known endings: "
            + " ".join(known_suffixes()),
            path=name,
        )
    reader = format_for(name).read
    text = _decoded(data, name, encoding)
    options: dict[str, Any] = {}
    if source is not None:
        if not format_for(name).source_file:
            raise InputError(
                "a separate source applies to plain text, Markdown and SRT; "
                "this format carries its source inside",
                path=name,
            )
        source_name = safe_name(source[0], "source.txt")
        options["source"] = _decoded(source[1], source_name, encoding)
        options["source_path"] = source_name
    return MemoryFile(name, data, text, reader, options)


def _decoded(data: bytes, name: str, encoding: str | None) -> str:
    text = decode(data, name, encoding=encoding)
    if not text.strip():
        raise InputError("empty file: nothing to audit", path=name)
    return text


def from_articles(articles: list[Mapping[str, Any]], name: str = ARTICLES_NAME) -> MemoryFile:
    """JSON articles (``target``, optional ``source``, ``source_lang``, ``target_lang``,
    ``id`` and metadata, as in JSON Lines) as the JSON Lines file the CLI would read:
    one compact line per article, keys in the order given."""
    from audit.formats.jsonl import read_jsonl

    if not articles:
        raise InputError("no articles: give an object with 'target', or a list of them")
    lines = []
    for number, article in enumerate(articles, start=1):
        if not isinstance(article, Mapping):
            raise InputError(f"article {number}: expected a JSON object")
        target = article.get("target")
        if not isinstance(target, str):
            raise InputError(f"article {number}: 'target' must be a string")
        for key in ARTICLE_TEXT_FIELDS[1:]:
            if article.get(key) is not None and not isinstance(article[key], str):
                raise InputError(f"article {number}: {key!r} must be a string")
        lines.append(json.dumps(article, ensure_ascii=False))
    text = "\n".join(lines) + "\n"
    return MemoryFile(name, text.encode("utf-8"), text, read_jsonl)


def articles_of(body: object) -> list[Mapping[str, Any]]:
    """The articles of a JSON body: one article, a list, or ``{"articles": [...]}``."""
    if isinstance(body, list):
        return body
    if isinstance(body, Mapping):
        if "articles" in body and "target" not in body:
            articles = body["articles"]
            if not isinstance(articles, list):
                raise InputError("'articles' must be a list of objects")
            return articles
        return [body]
    raise InputError("expected a JSON object or a list of objects")


def html_articles(articles: list[Mapping[str, Any]]) -> list[MemoryFile]:
    """JSON articles whose ``target`` is HTML (a CMS's ``post_content``), each the HTML
    file ``audit check`` would read: named after its ``id`` (``article-N`` without one),
    ``.html`` added. HTML has no source side: a ``source`` is refused."""
    from audit.formats.html import read_html

    if not articles:
        raise InputError("no articles: give an object with 'target', or a list of them")
    files: list[MemoryFile] = []
    names: set[str] = set()
    for number, article in enumerate(articles, start=1):
        if not isinstance(article, Mapping) or not isinstance(article.get("target"), str):
            raise InputError(f"article {number}: expected an object with a 'target' string")
        if article.get("source") is not None:
            raise InputError(f"article {number}: HTML articles have no separate source")
        ident = article.get("id")
        stem = safe_name(str(ident), f"article-{number}") if ident is not None else ""
        name = f"{stem or f'article-{number}'}.html"
        if name in names:
            name = f"{name[:-5]}-{number}.html"
        names.add(name)
        text = article["target"]
        if not text.strip():
            raise InputError("empty file: nothing to audit", path=name)
        files.append(MemoryFile(name, text.encode("utf-8"), text, read_html))
    return files
