"""One-pass multi-pattern matching of glossary forms in text.

Text is folded to a same-length copy (see :mod:`audit.glossary.fold`) and cut into
tokens: runs of word characters, and single punctuation marks; spaces separate
tokens. Every form of every entry (canonical, short, variants, with their
Arabic-article alternatives) is folded and tokenized the same way and stored in a hash
table keyed by its token sequence. A scan walks the tokens once: at each token that
starts some key, it tries the longest key first (leftmost-longest, non-overlapping),
so the cost per word does not grow with the glossary (a word-level trie in the manner
of Aho-Corasick, flattened into hash lookups). Keys are plain strings, so a compiled
matcher can be stored as JSON and loaded back in a fraction of a second (see
:mod:`audit.glossary.compiled`).
"""

from __future__ import annotations

import bisect
import itertools
from itertools import compress
from typing import NamedTuple

from audit.glossary.fold import fold, form_keys, is_word_char, token_offsets, tokens
from audit.glossary.model import Entry, Glossary, is_acronym
from audit.stretches import WHITE_SPACE

CHUNK_CHARS = 1 << 18  # characters of a long text matched at a time (bounded memory)

CANONICAL = "canonical"
SHORT = "short"
VARIANT = "variant"


class Form(NamedTuple):
    """A spelling the matcher knows, and what it means.

    A named tuple rather than a dataclass: a large glossary has hundreds of thousands
    of forms, and these are built on every (cached) load.
    """

    entry: Entry
    text: str
    role: str  # canonical | short | variant
    replacement: str | None = None  # for variants: the accepted form to use
    note: str | None = None

    @property
    def accepted(self) -> bool:
        return self.role != VARIANT


class Match(NamedTuple):
    """A glossary form found in text at ``[start, end)`` (a named tuple, like Form:
    cheaper to define and to build than a frozen dataclass)."""

    start: int
    end: int
    form: Form

    @property
    def entry(self) -> Entry:
        return self.form.entry


KeyTable = dict[str, int]  # token sequence joined by single spaces -> form index


def glossary_forms(glossary: Glossary) -> list[Form]:
    """Every form of every entry, in a fixed order (the order keys refer to)."""
    return [form for entry in glossary.entries for form in entry_forms(entry)]


def entry_forms(entry: Entry) -> list[Form]:
    """The forms of one entry: canonical, short forms, variants."""
    forms = [Form(entry, entry.canonical, CANONICAL)]
    forms.extend(Form(entry, s, SHORT) for s in entry.short)
    forms.extend(Form(entry, v.form, VARIANT, v.use, v.note) for v in entry.variants)
    return forms


def longest_keys(keys: KeyTable) -> dict[str, int]:
    """For each token that starts a key, the most tokens a key starting with it has:
    how far a scan must look ahead from that token."""
    longest: dict[str, int] = {}
    for key in keys:
        first, _, rest = key.partition(" ")
        size = rest.count(" ") + 2 if rest else 1
        if longest.get(first, 0) < size:
            longest[first] = size
    return longest


class GlossaryMatcher:
    """Finds glossary forms in text; build once per glossary, reuse for every document."""

    def __init__(
        self,
        glossary: Glossary,
        keys: KeyTable | None = None,
        longest: dict[str, int] | None = None,
    ):
        """``keys`` (and ``longest``) come from validation or the cache when known;
        they are computed here otherwise."""
        self.glossary = glossary
        if keys is None:
            keys = {
                key: i
                for i, form in enumerate(glossary_forms(glossary))
                for key in form_keys(form.text)
                if key
            }
        self.keys = keys
        self.longest = longest if longest is not None else longest_keys(keys)
        # First form index of each entry: a form is built only when a scan finds it,
        # so a large cached glossary loads without building its hundreds of
        # thousands of forms.
        self._offsets = list(itertools.accumulate(glossary.form_counts(), initial=0))
        self._forms: dict[int, Form] = {}

    def __len__(self) -> int:
        return self._offsets[-1]

    def form(self, index: int) -> Form:
        """The form a key of :attr:`keys` refers to."""
        form = self._forms.get(index)
        if form is None:
            e = bisect.bisect_right(self._offsets, index) - 1
            entry = self.glossary.entries[e]
            form = self._forms[index] = entry_forms(entry)[index - self._offsets[e]]
        return form

    def find(self, text: str) -> list[Match]:
        """Whole-word, leftmost-longest, non-overlapping matches in document order.

        A long text is matched CHUNK_CHARS characters at a time, cut at white space, so
        that its tokens and their offsets are listed for one chunk at a time (a 4 MB
        article listed them all at once: 148 MB). A key that may run past a chunk's end
        is looked for again from its first token in the next chunk: the matches are
        those of the whole text."""
        if not self.longest or not text:
            return []
        folded = fold(text)
        out: list[Match] = []
        pos, size, chunk = 0, len(folded), CHUNK_CHARS
        while pos < size:
            end = size if size - pos <= chunk else _space_after(folded, pos + chunk)
            resume = self._find_in(text, folded, pos, end, out)
            if resume > pos:
                pos, chunk = resume, CHUNK_CHARS
            else:
                chunk *= 2  # a key from the chunk's first token may run past it: read more
        return out

    def _find_in(self, text: str, folded: str, pos: int, end: int, out: list[Match]) -> int:
        """Adds the matches of ``folded[pos:end]`` to ``out``; returns where the next
        chunk starts: ``end``, or the first token whose key may run past ``end``."""
        chunk = folded[pos:end] if pos or end < len(folded) else folded
        last = end >= len(folded)
        longest, keys = self.longest, self.keys
        # The tokens are listed in C, and only those that start some key are visited
        # (a pass of Python over every token cost most of the matching); their offsets
        # are listed only when a key is found.
        toks = tokens(chunk)
        n = len(toks)
        spans: list[tuple[int, int]] | None = None
        i = 0  # tokens before this one are inside a match
        for j in compress(range(n), map(longest.__contains__, toks)):
            reach = longest[toks[j]]
            if j < i or not reach:
                continue
            if not last and j + reach > n:  # the key may go on in the next chunk
                if spans is None:
                    spans = token_offsets(chunk)
                return pos + spans[j][0]
            for size in range(min(reach, n - j), 0, -1):
                key = toks[j] if size == 1 else " ".join(toks[j : j + size])
                index = keys.get(key)
                if index is None:
                    continue
                if spans is None:
                    spans = token_offsets(chunk)
                start, stop = pos + spans[j][0], pos + spans[j + size - 1][1]
                form = self.form(index)
                if self._accept(text, start, stop, form):
                    out.append(Match(start, stop, form))
                    i = j + size
                    break
        return end

    @staticmethod
    def _accept(text: str, start: int, end: int, form: Form) -> bool:
        if start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
            return False
        if end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]):
            return False
        found = text[start:end]
        if is_acronym(form.text):
            # GNA, UN, LNA: only in capitals, or "un" in French would match.
            return found == form.text
        if (
            " " not in form.text
            and any(c.isupper() for c in form.text)
            and not any(c.isupper() for c in found)
        ):
            # A capitalized one-word name written all in lower case is a common word
            # ("turkey", "nice"), not the name.
            return False
        return True


def _space_after(folded: str, at: int) -> int:
    """The first white space at or after ``at`` (where no token is cut), else the end."""
    m = WHITE_SPACE.search(folded, at)
    return m.start() if m else len(folded)
