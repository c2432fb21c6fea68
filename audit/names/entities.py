"""People and their mentions in one document, read the way an editor reads news.

News introduces a person by full name (``Field Marshal Khalifa Haftar``) and then
refers back by surname alone, with a title, or in the possessive (``Haftar``, ``Mr
Salameh``, ``Haftar's``). :func:`resolve` groups the name spans of a document into
entities on that convention:

- a full name (two or more name words) introduces an entity, or is a further mention
  of one with the same surname and a compatible first name; ``Amr Salama`` and
  ``Ghassan Salameh`` are two people, whatever their letters;
- a full name with the first name of an introduced entity and a close spelling of
  its surname is that entity spelled another way (``Khalifa Hifter``);
- a word used alone refers to the nearest entity introduced before it with that
  surname; failing that, to the nearest introduced entity whose surname it spells
  closely (``Hifter`` after ``Khalifa Haftar``): a *variant* mention, reported even
  when used once, because that is how machine-translated news goes wrong. A word the
  language uses all the time (``Chapter``, ``Will``) is not taken for a spelling;
- the same letters with other accents (``Erdoğan`` / ``Erdogan``) are a variant too.

The module takes plain arguments (name spans, a comparer, the language) and knows
nothing of checks or glossaries, so N004, the fixes, the glossary suggestions and the
weekly report can all read the same entities. Work is linear in the number of
mentions: each lone word is compared only with the surnames that share a block of
consonant frames with it (:mod:`audit.names.blocking`), at most ``MAX_CANDIDATES``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from audit.names.blocking import block_keys
from audit.names.extract import NameSpan, NameWord
from audit.names.similarity import Comparer, Spelling, compact

MIN_LETTERS = 4  # shorter surnames (Ali, Amr) are too ambiguous to call variants
VARIANT_SCORE = 0.85  # least score for a full name's surname to be an entity's, spelled otherwise
MENTION_SCORE = 0.82  # least score for a lone word (calibrated: benchmarks/names_in_context.py)
MAX_CANDIDATES = 8  # introduced surnames scored per lone word (keeps the work linear)
# A surname's consonant frame of three letters also blocks with one dropped, so that a
# short name meets its spelling with a consonant more (Tuba / Tugba); a document has
# few introduced surnames, so the extra blocks cost little.
MENTION_DELETIONS_FROM = 3

FULL = "full"
ALONE = "alone"
FIRST = "first"  # a first name used alone (``Khalifa``): the person, not a spelling of the surname


@dataclass(frozen=True, slots=True)  # slots: one per mention of a document
class Mention:
    """One mention of an entity: the name span, and the word that carries the surname.

    ``variant`` is empty for a mention spelled as the entity was introduced, else
    ``"spelling"`` (another transliteration) or ``"accents"`` (the same letters with
    other accents).
    """

    start: int
    end: int
    text: str
    surname: NameWord  # the word that names the person (the first name for FIRST)
    kind: str  # FULL, ALONE or FIRST
    variant: str = ""
    score: float = 1.0

    def __reduce__(self) -> tuple[object, ...]:  # frozen with slots: by value (3.10)
        return (
            Mention,
            (
                self.start,
                self.end,
                self.text,
                self.surname,
                self.kind,
                self.variant,
                self.score,
            ),
        )


@dataclass
class Entity:
    """A person (or other named thing) of the document, with its mentions in order."""

    index: int
    given: tuple[str, ...]  # folded first names of the introducing full name; () if none
    surname: str  # folded surname as introduced
    surface: str  # the surname as written when introduced
    introduced_as: str  # the introducing name span
    mentions: list[Mention] = field(default_factory=list)
    # A sentence's first word taken for the first name, and nowhere else a name word
    # (``Khalifa Haftar said``, but perhaps ``Then Haftar said``): asked about lazily.
    opener: str = ""

    @property
    def full(self) -> bool:
        """Introduced by a full name (first name and surname)."""
        return bool(self.given)

    @property
    def variants(self) -> list[Mention]:
        return [m for m in self.mentions if m.variant]

    def spellings(self) -> dict[str, int]:
        """Each surface spelling of the surname, with its count, the introduced one first
        (mentions by first name alone are not spellings of it)."""
        counts: dict[str, int] = {self.surface: 0}
        for m in self.mentions:
            if m.kind != FIRST:
                counts[m.surname.text] = counts.get(m.surname.text, 0) + 1
        return counts


def resolve(
    names: Iterable[NameSpan],
    comparer: Comparer,
    *,
    ordinary: Callable[[str], bool] | None = None,
    established: Callable[[str, str], bool] | None = None,
    common: Callable[[str], bool] | None = None,
    surname_ordinary: Callable[[str], bool] | None = None,
    min_score: float = VARIANT_SCORE,
    mention_score: float = MENTION_SCORE,
    openers: Iterable[NameWord] = (),
    title: Callable[[str], bool] | None = None,
) -> list[Entity]:
    """Group name spans (in text order) into entities with their mentions.

    ``openers`` are capitalized words that open a sentence alone and are written
    nowhere else (:func:`audit.names.extract.find_names_and_openers`): each is taken
    for a mention of an introduced person only when it is that person's surname, with
    the same or other accents, or spells it closely (``Zelenskyy later thanked...``
    after ``Volodymyr Zelensky``), and never when ``common`` says the language uses
    it all the time (``According``, ``Later``).

    ``ordinary(word)`` says whether a word is an ordinary word of the language, and
    ``established(a, b)`` whether two spellings are both words in their own right;
    either vetoes a variant mention (see :mod:`audit.names.ordinary`). ``common(word)``
    says whether a sentence's first word is too common to be a first name (``Then
    Hifter left``) unless the document uses it as a name elsewhere, and
    ``surname_ordinary(word)`` whether a full name ends in an ordinary word (``Saturday
    Night Live``), which then introduces no person to respell.

    ``title(word)``, given for a language that capitalizes its nouns (German), says
    whether a word is a word of office (``Präsident Erdogan``, ``Erdogans Sprecher``):
    such words are no part of a name there, and a name in the genitive ends the name
    it opens (``Hifters Truppen`` is Hifter's troops).
    """
    names = list(names)
    name_words = {compact(w.text) for span in names for w in span.words if w.certain}
    entities: list[Entity] = []
    by_surname: dict[str, list[Entity]] = {}
    by_first: dict[str, list[Entity]] = {}
    surnames = _Blocks()

    def introduce(given: tuple[str, ...], word: NameWord, span: NameSpan) -> Entity:
        key = compact(word.text)
        entity = Entity(len(entities), given, key, word.text, span.text)
        entities.append(entity)
        by_surname.setdefault(key, []).append(entity)
        if given:
            by_first.setdefault(given[0], []).append(entity)
            if len(key) >= MIN_LETTERS:
                surnames.add(key, comparer)
        return entity

    def introduced(entity: Entity) -> bool:
        """Introduced by a full name, not by a common word that opens a sentence."""
        if not entity.full:
            return False
        if surname_ordinary is not None and surname_ordinary(entity.surface.lower()):
            # Saturday Night Live, Global Poverty Project: a name ending in a word.
            entity.given, entity.opener = (), ""
            return False
        if entity.opener and common is not None and common(entity.opener):
            entity.given, entity.opener = (), ""
            return False
        return True

    def veto(word: str, surname_surface: str) -> bool:
        if ordinary is not None and ordinary(word):
            return True
        return established is not None and established(word, surname_surface)

    def refer(
        given: tuple[str, ...],
        last: NameWord,
        span: NameSpan,
        respell: bool = True,
        commit: bool = True,
        first_names: bool = True,
    ) -> bool:
        """Attach the span to an entity already met; False when it is someone new.
        ``respell``: may attach it as another spelling (else only as written);
        ``commit``: False only says whether it would attach; ``first_names``: a word
        alone may be an entity's first name."""
        key = compact(last.text)
        if given:
            same = [e for e in by_surname.get(key, []) if _compatible(e.given, given)]
            if same:
                entity = same[-1]
                if commit:
                    accents = _accents(entity.surface, last)
                    entity.mentions.append(_mention(span, last, FULL, accents))
                return True
            if not respell:
                return False
            variant = _full_variant(
                by_first.get(given[0], [])[-MAX_CANDIDATES:], key, comparer, min_score, introduced
            )
            if variant is not None and not veto(last.text.lower(), variant[0].surface.lower()):
                entity, score = variant
                if commit:
                    entity.mentions.append(_mention(span, last, FULL, "spelling", score))
                return True
            return False
        # A word used alone: the nearest entity with that surname or first name, else
        # the nearest introduced entity whose surname it spells closely.
        known = by_surname.get(key) or (by_first.get(key) if first_names else None)
        stems = () if known else _stems(last, comparer.name_inflections)
        for stem in stems:  # Merkels, Erdogans, Waydes: a name met before, declined
            folded = compact(stem.text)
            known = by_surname.get(folded) or (by_first.get(folded) if first_names else None)
            if known:
                last, key, stems = stem, folded, ()
                break
        if known:
            entity = known[-1]
            by_first_name = entity.surname != key
            accents = "" if by_first_name else _accents(entity.surface, last)
            if (
                accents
                and ordinary is not None
                and (ordinary(last.text.lower()) or ordinary(entity.surface.lower()))
            ):
                accents = ""  # Mutter / Mütter: a word and its plural, not a name
            if commit:
                entity.mentions.append(
                    _mention(span, last, FIRST if by_first_name else ALONE, accents)
                )
            return True
        if not respell:
            return False
        whole = last.text.lower()
        for word in (last, *stems):  # Hifters: Hifter declined, a spelling of Haftar
            found = _alone_variant(
                compact(word.text), surnames, by_surname, comparer, mention_score, introduced
            )
            if found is None:
                continue
            surname = found[0].surface.lower()
            if veto(word.text.lower(), surname) or (word is not last and veto(whole, surname)):
                continue
            entity, score = found
            if commit:
                entity.mentions.append(_mention(span, word, ALONE, "spelling", score))
            return True
        return False

    def nouns_apart(span: NameSpan) -> NameSpan | None:
        """The span without the nouns a capitalizing language writes beside a name."""
        words = [w for w in span.words if not (title is not None and title(w.text))]
        for i, w in enumerate(words[:-1]):
            if _stems(w, comparer.name_inflections) and refer(
                (), w, span, commit=False, first_names=False
            ):
                words = words[: i + 1]  # Hifters Truppen: the name ends at its genitive
                break
        if not words:
            return None
        if len(words) == len(span.words):
            return span
        start, end = words[0].start, words[-1].end
        text = span.text[start - span.start : end - span.start]
        return NameSpan(start, end, text, tuple(words))

    def read_opener(word: NameWord, span: NameSpan) -> bool:
        if refer((), word, span, commit=False, first_names=False) and not (
            common is not None and common(word.text.lower())
        ):
            return refer((), word, span, first_names=False)
        return False

    later: list[NameSpan] = []  # openers met before anyone they could name
    for span in _in_order(names, openers):
        if title is not None and len(span.words) > 1:
            apart = nouns_apart(span)
            if apart is None:
                continue
            span = apart
        words = list(span.words)
        if not any(w.certain for w in words):
            # An opener: a person's surname, or a spelling of it, but never a first
            # name alone (``Will``, ``Mark`` open sentences as words), nor a word the
            # language uses all the time (asked last: the lexicon loads lazily).
            if len(words) == 1 and not read_opener(words[0], span):
                later.append(span)
            continue
        last = words[-1]
        given = tuple(compact(w.text) for w in words[:-1])
        if words[0].certain:
            if not refer(given, last, span):
                introduce(given, last, span).mentions.append(
                    _mention(span, last, FULL if given else ALONE)
                )
            continue
        # A sentence's first word is only perhaps a name: ``Ghassan Salameh spoke``
        # is a full name, ``Later Hiftar left`` is Hiftar alone. Read it as written
        # first, then as a full name, and without the first word as another spelling
        # only when that word is common (asked only then: the lexicon loads lazily).
        if refer(given[1:], last, span, respell=False) or refer(given, last, span):
            continue
        opener = words[0].text.lower()
        alone = given[0] not in name_words and refer(given[1:], last, span, commit=False)
        if alone and common is not None and common(opener):
            refer(given[1:], last, span)
            continue
        entity = introduce(given, last, span)
        if given[0] not in name_words:
            entity.opener = opener
        entity.mentions.append(_mention(span, last, FULL))
    # A headline or a lead sentence may name a person before the text introduces them
    # (``Hifter Denies Talks`` above ``Khalifa Haftar said...``): such openers are
    # read again once every person is known, then mentions are put back in text order.
    if any([read_opener(span.words[0], span) for span in later]):
        for entity in entities:
            entity.mentions.sort(key=lambda m: m.start)
    return entities


def _stems(word: NameWord, endings: frozenset[str]) -> tuple[NameWord, ...]:
    """``word`` without each case ending its language gives names (German genitive
    ``Hifters``, Russian ``Хифтера``), longest ending first: the surname as the
    person's mentions write it, at the letters that spell it (a fix keeps the ending).
    Endings are folded and in Latin letters (:func:`compact`), as the comparer has them."""
    folded = compact(word.text)
    out = []
    for ending in sorted(endings, key=len, reverse=True):
        if not folded.endswith(ending) or len(folded) - len(ending) < MIN_LETTERS:
            continue
        cut = next((k for k in range(1, len(word.text)) if compact(word.text[-k:]) == ending), 0)
        if cut:
            text = word.text[:-cut]
            out.append(NameWord(word.start, word.end - cut, text, word.certain))
    return tuple(out)


def _in_order(names: list[NameSpan], openers: Iterable[NameWord]) -> Iterable[NameSpan]:
    """The name spans and the openers (as one-word spans), in text order."""
    words = list(openers)
    if not words:
        return names
    alone = [NameSpan(w.start, w.end, w.text, (w,)) for w in words]
    return sorted([*names, *alone], key=lambda s: s.start)


def _mention(
    span: NameSpan, word: NameWord, kind: str, variant: str = "", score: float = 1.0
) -> Mention:
    return Mention(span.start, span.end, span.text, word, kind, variant, score)


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two lists of first names that may be one person's: one is empty, or they share
    their first word (``Khalifa`` and ``Khalifa Belqasim``)."""
    return not a or not b or a[0] == b[0]


def _accents(introduced: str, word: NameWord) -> str:
    """``"accents"`` when the word has the introduced letters with other accents."""
    if word.text == introduced or word.text.lower() == introduced.lower():
        return ""
    if _strip(word.text).lower() == _strip(introduced).lower():
        return "accents"
    return ""


def _strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _full_variant(
    candidates: list[Entity],
    key: str,
    comparer: Comparer,
    min_score: float,
    introduced: Callable[[Entity], bool],
) -> tuple[Entity, float] | None:
    """The nearest introduced entity with this first name whose surname ``key``
    spells closely. Whether an entity is introduced asks the word-frequency lexicon,
    so it is asked last, of a candidate that already spells closely."""
    if len(key) < MIN_LETTERS:
        return None
    prepared = comparer.prepare(key)
    for entity in reversed(candidates[-MAX_CANDIDATES:]):
        if len(entity.surname) < MIN_LETTERS or not entity.full:
            continue
        score = comparer.score(comparer.prepare(entity.surname), prepared, floor=min_score)
        if score >= min_score and introduced(entity):
            return entity, score
    return None


def _alone_variant(
    key: str,
    surnames: _Blocks,
    by_surname: dict[str, list[Entity]],
    comparer: Comparer,
    min_score: float,
    introduced: Callable[[Entity], bool],
) -> tuple[Entity, float] | None:
    """The introduced (full-name) entity whose surname a lone word spells most closely;
    the nearest one on a tie."""
    if len(key) < MIN_LETTERS or not surnames:
        return None  # nobody introduced yet: nothing to prepare the word for
    if not surnames.may_reach(key, comparer, min_score):
        return None  # letters too unlike every surname's: no need to prepare the word
    prepared = comparer.prepare(key)
    best: tuple[float, int, Entity] | None = None
    for surname in surnames.candidates(key, comparer):
        score = comparer.score(comparer.prepare(surname), prepared, floor=min_score)
        if score < min_score:
            continue
        entity = next((e for e in reversed(by_surname[surname]) if introduced(e)), None)
        if entity is not None and (best is None or (score, entity.index) > best[:2]):
            best = (score, entity.index, entity)
    return (best[2], best[0]) if best else None


@lru_cache(maxsize=65536)
def _mention_blocks(spelling: Spelling) -> frozenset[tuple[int, str]]:
    """The blocks of a spelling for mentions, remembered: a name recurs in a corpus."""
    return frozenset(block_keys(spelling, MENTION_DELETIONS_FROM))


class _Blocks:
    """Introduced surnames by block of consonant frames, at most MAX_CANDIDATES per
    block: a lone word meets only surnames it could spell, and never more than a
    fixed number of them, so a text of many look-alike words stays linear.

    Up to MAX_CANDIDATES surnames no block can be full, so the candidates are simply
    the surnames that share a block with the word, found by a set test per surname
    (most documents introduce a handful); the index of blocks is built, by the same
    additions in the same order, only when a document introduces more."""

    def __init__(self) -> None:
        self._blocks: dict[tuple[int, str], list[str]] | None = None
        self._few: dict[str, frozenset[tuple[int, str]]] = {}  # in order of introduction
        self._seen: set[str] = set()
        self._folded: list[str] = []  # the folded letters of each surname

    def __bool__(self) -> bool:
        return bool(self._seen)

    def add(self, surname: str, comparer: Comparer) -> None:
        if surname in self._seen:
            return
        self._seen.add(surname)
        spelling = comparer.prepare(surname)
        self._folded.append(spelling.folded)
        blocks = _mention_blocks(spelling)
        if self._blocks is None:
            self._few[surname] = blocks
            if len(self._few) <= MAX_CANDIDATES:
                return
            self._blocks = {}
            for name, its_blocks in self._few.items():
                self._index(name, its_blocks)
            return
        self._index(surname, blocks)

    def _index(self, surname: str, blocks: frozenset[tuple[int, str]]) -> None:
        assert self._blocks is not None
        for block in blocks:
            members = self._blocks.setdefault(block, [])
            if len(members) < MAX_CANDIDATES:
                members.append(surname)

    def may_reach(self, word: str, comparer: Comparer, min_score: float) -> bool:
        """Whether any surname's score with ``word`` can reach ``min_score``.

        :meth:`Comparer.score` returns 0 for a pair whose letters alone keep it under
        its floor (:meth:`Comparer.letters_bound`): that bound, for the surname whose
        letters are most like the word's, found in one rapidfuzz call.
        A lone word is most often no spelling of anyone met before, and is then left
        without preparing its keys and blocks (most of a mention's cost)."""
        best = process.extractOne(compact(word), self._folded, scorer=fuzz.ratio, processor=None)
        if best is None:
            return False
        # A hair of margin: a pair exactly at the bound is scored, as before.
        return comparer.letters_bound(best[1] / 100) >= min_score - 1e-9

    def candidates(self, word: str, comparer: Comparer) -> list[str]:
        """The surnames that share a block with ``word`` (in no particular order: the
        caller ranks them by score and introduction)."""
        blocks = _mention_blocks(comparer.prepare(word))
        if self._blocks is None:
            return [s for s, its_blocks in self._few.items() if not blocks.isdisjoint(its_blocks)]
        out: dict[str, None] = {}
        for block in blocks:
            for surname in self._blocks.get(block, ()):
                out[surname] = None
        return list(out)
