"""Escaping what reporters print: file names and document text are not trusted.

A file name or a flagged word can hold an escape sequence (``ESC ] 0 ; title BEL``
retitles the terminal and survives a pipe), a character XML 1.0 forbids (the JUnit
report would not parse), or Markdown that a pull-request comment would render
(``![x](http://tracker/pixel.png)`` is an image fetched by every reader). Each output
format escapes the way it is read:

- :func:`visible` (terminal formats: text, grouped, github, csv): control characters,
  bidirectional overrides, line and paragraph separators, lone surrogates and the
  non-characters U+FFFE/U+FFFF are written as ``\\x1b`` or ``\\u202e``, so they show
  and do nothing;
- :func:`xml_text` (junit): the same, for every character XML 1.0 does not allow
  (tab, line feed and carriage return are kept; the XML writer escapes them where
  needed);
- :func:`markdown_text` (markdown): shown visibly, then HTML-escaped, then the
  characters that start links, images, emphasis, code or tables backslash-escaped.

JSON and SARIF need nothing here: the JSON encoder escapes control characters.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL, the Arabic letter mark, bidirectional marks, embeddings,
# overrides and isolates, line and paragraph separators, surrogates, two non-characters.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_MARKDOWN = re.compile(r"([\\`*_\[\]!|~#])")


def _show(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control or direction-changing character written as an
    escape (``\\x1b``), except those in ``keep``."""
    if text.isprintable():
        return text  # the common case: nothing to look at (isprintable is False for all of them)
    if not keep:
        return _UNSAFE.sub(_show, text)
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _show(m), text)


def xml_text(text: str) -> str:
    """``text`` with only characters XML 1.0 allows: the others shown as escapes."""
    return visible(text, keep="\t\n\r")


def markdown_text(text: str) -> str:
    """``text`` for a Markdown table cell or paragraph: whitespace runs as one space,
    controls shown, ``& < >`` as entities, Markdown syntax characters backslash-escaped."""
    text = visible(" ".join(text.split()))
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(a, b)
    return _MARKDOWN.sub(r"\\\1", text)


def html_text(text: str) -> str:
    """``text`` inside an HTML element of a Markdown document (no Markdown applies
    there): whitespace runs as one space, controls shown, ``& < >`` as entities."""
    text = visible(" ".join(text.split()))
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(a, b)
    return text
