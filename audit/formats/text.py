"""Plain text and Markdown: the whole file is one target document."""

from __future__ import annotations

from collections.abc import Iterator

from audit.document import Document


def read_text(text: str, path: str, *, target_lang: str = "en", source: str | None = None,
              source_lang: str | None = None) -> Iterator[Document]:
    yield Document(
        id=path,
        path=path,
        target=text,
        target_lang=target_lang,
        source=source,
        source_lang=source_lang,
    )
