"""PO syntax as gettext defines it: checked line by line, strings decoded exactly.

polib is lenient where gettext's ``msgfmt`` is not: it keeps an unknown escape
(``\\q``) as two characters, reads an unterminated string, an entry without
``msgstr`` and a ``msgstr[5]`` beyond the header's ``nplurals`` without a word, and
leaves the C escapes ``\\a``, ``\\v``, octal and hexadecimal undecoded, so that the
text no longer matches the file and fixes are refused. :func:`check_syntax` refuses
what ``msgfmt`` refuses, naming the line; :func:`decode_string` decodes a string (its
continuation lines joined) as gettext does, so reader, writer and file agree.
"""

from __future__ import annotations

import re

from audit.errors import InputError

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*")
# A string: runs of plain characters taken whole (the lookahead and backreference
# make each run atomic, as Python 3.10 has no possessive quantifier, so that a string
# without its closing quote fails in linear time) or escapes.
_STRING = re.compile(r'"((?:(?=([^"\\\r\n]+))\2|\\.)*)"[ \t]*$')
_ANY_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]|.)")
_NPLURALS = re.compile(r"Plural-Forms:[^\"\n]*?nplurals\s*=\s*(\d+)")
_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "?": "?",
}
# One escape, as gettext reads it (octal: up to three digits; hexadecimal: two here,
# as the reader's position map counts them).
ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)")
_CONTINUATION = re.compile(r'"[ \t]*(?:\r\n|\r|\n)(?:[ \t]*#~?[^\n]*\n)*[ \t]*"')
_PLAIN = re.compile(r'[^"\\\r\n]+')


# An entry that the line-by-line check passes without a word, in one match: comments
# and blank lines, then ``msgctxt`` (optional), ``msgid`` and ``msgstr``, each with its
# strings (known escapes only), every line ending in "\n" and holding no other line
# break ``str.splitlines`` knows. Anything else (plural forms, a comment between
# strings, "\r\n") is left to the line loop.
_BREAKS = r"\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"


def _string(n: int) -> str:
    """One string: runs of plain characters taken whole (atomic, as in ``_STRING``,
    with group ``p{n}``) or known escapes."""
    plain = rf'(?=(?P<p{n}>[^"\\{_BREAKS}]+))(?P=p{n})'
    return rf""""(?:{plain}|\\[abfnrtv\\"'?0-7]|\\x[0-9a-fA-F])*"[ \t]*\n"""


def _strings(n: int) -> str:
    """A keyword's string and its continuation lines."""
    return rf"{_string(n)}(?:[ \t]*{_string(n + 1)})*"


_SIMPLE_ENTRY = re.compile(
    rf"(?:[ \t]*(?:#[^{_BREAKS}]*)?\n)*"
    rf"(?:[ \t]*msgctxt[ \t]*{_strings(0)})?"
    rf"[ \t]*msgid[ \t]*{_strings(2)}"
    rf"[ \t]*msgstr[ \t]*{_strings(4)}"
)


def check_syntax(text: str, path: str) -> None:
    """Raise :class:`InputError` (file and line) for what gettext would refuse: text
    that is no keyword, string or comment; an unterminated string or an unknown
    escape; an entry without ``msgstr``; plural forms beyond the header's ``nplurals``.

    The plain entries that make up most files are passed over a whole entry per
    match; the line loop checks the rest, from the first entry that is not plain."""
    pos = 0
    while (entry := _SIMPLE_ENTRY.match(text, pos)) is not None:
        pos = entry.end()
    if pos < len(text):
        _check_lines(text, path, pos)


def _check_lines(text: str, path: str, start: int = 0) -> None:
    """:func:`check_syntax` line by line, from ``start`` (0, or the start of a line
    just after the last string of a complete entry).

    The entry before ``start`` is complete (``msgid`` and ``msgstr``), so it is not
    kept: what could follow it is judged the same without it (another keyword opens a
    new entry, a second ``msgstr`` is unexpected either way)."""
    found = _NPLURALS.search(text)
    nplurals = int(found.group(1)) if found else None
    entry: dict[str, int] = {}  # keyword -> line, for the entry being read
    plurals: dict[int, int] = {}  # form -> line
    last = start > 0  # whether a continuation string may follow

    def close() -> None:
        if not entry:
            return
        if "msgid" not in entry:
            raise _bad("msgctxt without msgid", path=path, line=entry["msgctxt"])
        if "msgid_plural" in entry and not plurals:
            raise _bad(
                "msgid_plural without msgstr[0], msgstr[1]...", path=path, line=entry["msgid"]
            )
        if "msgid_plural" not in entry and "msgstr" not in entry:
            raise _bad("msgid without msgstr", path=path, line=entry["msgid"])
        for form, line in plurals.items():
            if nplurals is not None and form >= nplurals:
                raise _bad(
                    f"msgstr[{form}] beyond the header's nplurals={nplurals}", path=path, line=line
                )
        entry.clear()
        plurals.clear()

    first = text.count("\n", 0, start) + 1  # before start, every line ends in "\n"
    for number, line in enumerate(text[start:].splitlines(), start=first):
        s = line.strip()
        if not s or s.startswith("#"):
            last = last and bool(s)  # comments may sit between continuation lines
            continue
        m = _KEYWORD.match(s)
        if m:
            keyword, form = m.group(1), m.group(2)
            if keyword == "msgctxt" or (keyword == "msgid" and set(entry) != {"msgctxt"}):
                close()
            elif keyword == "msgid":
                pass  # after its msgctxt
            elif form is not None:
                keyword = "msgstr[]"
                if "msgid_plural" not in entry or int(form) in plurals:
                    raise _bad(
                        f"unexpected {m.group(1)} (plural forms follow msgid_plural, once each)",
                        path=path,
                        line=number,
                    )
                plurals[int(form)] = number
            elif (
                keyword in entry
                or "msgid" not in entry
                or "msgstr" in entry
                or plurals
                or (keyword == "msgstr" and "msgid_plural" in entry)
            ):
                raise _bad(f"unexpected {keyword}", path=path, line=number)
            entry.setdefault(keyword, number)
            rest = s[m.end() :]
        elif s.startswith('"') and last:
            rest = s
        else:
            raise _bad(
                f"unexpected text {s[:20]!r}: expected a keyword, a string or a comment",
                path=path,
                line=number,
            )
        string = _STRING.match(rest)
        if string is None:
            raise _bad("unterminated string (or text after it)", path=path, line=number)
        for e in _ANY_ESCAPE.finditer(string.group(1)):
            if not (len(e.group(1)) == 2 or e.group(1) in _ESCAPES or e.group(1) in "01234567"):
                raise _bad(f"invalid escape \\{e.group(1)} in a string", path=path, line=number)
        last = True
    close()


def decode_string(raw: str, start: int) -> str:
    """The string whose text starts at ``raw[start]`` (just past its opening quote),
    continuation lines joined and escapes decoded as gettext does. The file has passed
    :func:`check_syntax`, so the string is terminated and its escapes are known."""
    plain = _PLAIN.match(raw, start)
    i = plain.end() if plain else start
    if raw.startswith('"', i) and _CONTINUATION.match(raw, i) is None:
        return raw[start:i]  # most strings: one line, no escape
    return _decode_pieces(raw, start)


def _decode_pieces(raw: str, start: int) -> str:
    """:func:`decode_string` piece by piece: plain runs, escapes and continuations."""
    out: list[str] = []
    i = start
    n = len(raw)
    while i < n:
        m = _PLAIN.match(raw, i)
        if m:
            out.append(m.group())
            i = m.end()
            continue
        c = raw[i]
        if c == "\\":
            e = ESCAPE.match(raw, i)
            if e is None:  # a backslash at the very end: unterminated, refused earlier
                break
            out.append(_decode_escape(e.group()))
            i = e.end()
        elif c == '"':
            cont = _CONTINUATION.match(raw, i)
            if cont is None:
                break
            i = cont.end()
        else:  # a line break inside a string: refused earlier
            break
    return "".join(out)


def _decode_escape(escape: str) -> str:
    body = escape[1:]
    if body[0] in "01234567":
        return chr(int(body, 8))
    if body[0] == "x" and len(body) > 1:
        return chr(int(body[1:], 16))
    return _ESCAPES.get(body, body)


def _bad(message: str, *, path: str, line: int) -> InputError:
    return InputError(f"malformed PO: {message}", path=path, line=line)


def continuations(raw: str) -> list[tuple[int, str]]:
    """The line continuations (``"`` line break ``"``) in a piece of a PO string as the
    file stores it, each with the number of decoded characters before it: a writer
    that replaces the piece puts them back at the same places."""
    found: list[tuple[int, str]] = []
    i = decoded = 0
    while i < len(raw):
        m = _PLAIN.match(raw, i)
        if m:
            decoded += m.end() - i
            i = m.end()
        elif raw[i] == '"' and (cont := _CONTINUATION.match(raw, i)):
            found.append((decoded, cont.group()))
            i = cont.end()
        elif raw[i] == "\\" and (e := ESCAPE.match(raw, i)):
            decoded += 1
            i = e.end()
        else:
            decoded += 1
            i += 1
    return found
