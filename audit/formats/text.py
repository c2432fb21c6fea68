"""Plain text and Markdown: the whole file is one target document.

With ``--source FILE`` the source file is the document's source (a whole-article
pair, aligned sentence by sentence by the bilingual checks); positions on the source
side are lines and columns of that file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from audit.document import Document


def read_text(
    text: str,
    path: str,
    *,
    target_lang: str = "en",
    source: str | None = None,
    source_lang: str | None = None,
    source_path: str | None = None,
    **_: Any,
) -> Iterator[Document]:
    yield Document(
        id=path,
        path=path,
        target=text,
        target_lang=target_lang,
        source=source,
        source_lang=source_lang,
        source_path=source_path,
    )
