"""Name variants the glossary does not list: two spellings of one name in a document
(N004), and a spelling close to a glossary entry (N005).

Both read :func:`audit.names.analysis.analyse` through the check context, so names
are found, matched and clustered once per document. Words the glossary matcher
recognized are left to the glossary checks (N001-N003); a spelling reported by N005
is not reported again by N004.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.checks.names import _match_case, _minimal_edit
from audit.document import Document
from audit.engine.check import Hit, check
from audit.findings import Category, Severity

if TYPE_CHECKING:
    from audit.engine.context import CheckContext


@check(
    code="N004",
    name="names.likely-variant-pair",
    severity=Severity.MINOR,
    category=Category.TERMINOLOGY,
    bad="Abdel Fattah al-Sisi met the envoys. Abdel Fattah al-Sissi left on Monday.",
    good="Abdel Fattah al-Sisi met the envoys. Abdel Fattah al-Sisi left on Monday.",
    options={"min-score": 0.85, "mention-score": 0.82},  # passed to audit.names.analysis.analyse
)
def likely_variant_pair(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Two spellings of what looks like one name in a document, neither in the glossary.

    Machine translation transliterates a name afresh each time (Haftar, Hifter;
    Salameh, Salama). Spellings are compared on their letters and on
    transliteration keys (see `audit names cluster`); different names that look
    alike (Hassan / Hussein, Omar / Amr, Salem / Salameh, Ali / Alia) are kept apart.
    Names are read as people and their mentions (`audit.names.entities`): after a
    full name (`Khalifa Haftar`), a surname used alone in a close spelling
    (`Hifter`, score at least `mention-score`) is that person spelled another way,
    even used once; a full name with another first name is another person (`Amr
    Salama` is not `Ghassan Salameh`); a frequent word of the language (`Chapter`)
    is not a spelling. Without a full name, each spelling must be used twice.
    Each occurrence of the less used spelling is reported, with the form the
    glossary accepts or, failing that, the one the document uses most; an inference,
    so `audit fix` applies it only with --unsafe-fixes.
    """
    from audit.names.similarity import compact  # with the name analysis, not at start-up

    for group in ctx.names.groups:
        tally = ", ".join(f'"{form}" ×{n}' for form, n in group.forms.items())
        ways = "two ways" if len(group.forms) <= 2 else f"{len(group.forms)} ways"
        source = "the glossary writes" if group.why == "glossary" else "this document mostly writes"
        if group.why == "source":
            source = f'the source writes both as "{group.source_form}"; this document mostly writes'
        extra_source = {"source_form": group.source_form} if group.source_form else {}
        for occurrences in group.flagged:
            for w in occurrences.words:
                suggestion = _match_case(w.text, group.preferred, doc.is_sentence_start(w.start))
                yield Hit(
                    w.start,
                    w.end,
                    f'"{w.text}" and "{group.preferred}" look like one name spelled {ways} ({tally}); '
                    f'{source} "{group.preferred}"',
                    suggestion=suggestion,
                    # The weekly report counts this as one entity written several ways
                    # (audit.corpus.usage reads entity, forms and canonical).
                    entity=f"unlisted-{compact(group.preferred)}",
                    extra={
                        "forms": group.forms,
                        "canonical": group.preferred,
                        "preferred": group.preferred,
                        "preferred_by": group.why,
                        **extra_source,
                    },
                )


@check(
    code="N005",
    name="names.near-glossary-match",
    severity=Severity.MINOR,
    category=Category.TERMINOLOGY,
    bad="Forces loyal to Khalifa Hiftar advanced.   (glossary: Khalifa Haftar, short Haftar)",
    good="Forces loyal to Khalifa Haftar advanced.",
    options={"min-score": 0.85},  # passed to audit.names.analysis.analyse
)
def near_glossary_match(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A name spelled close to a glossary entry but not listed there (Hiftar -> Haftar).

    The glossary cannot list every transliteration. A name the glossary matcher
    did not recognize is compared with every form of every entry; when one is close
    enough (score at least 0.85, option `min-score`), the finding names the entry,
    the confidence and the accepted form to use. Less certain than a listed variant
    (names.non-canonical-variant), hence minor, and applied by `audit fix` only with
    --unsafe-fixes.
    """
    for near in ctx.names.near:
        form = near.match.form
        assert form is not None and near.match.entry is not None
        start, end, replacement = _minimal_edit(near.text, form.replacement)
        start += near.start
        end += near.start
        found = doc.target[start:end]
        replacement = _match_case(found, replacement, doc.is_sentence_start(start))
        yield Hit(
            start,
            end,
            f'"{found}" looks like a spelling of {near.match.entry.canonical} that the glossary does not list '
            f'(confidence {near.match.score:.2f}, closest to "{form.text}"); use "{replacement}"',
            suggestion=replacement,
            entity=near.match.entry.id,
            extra={"confidence": round(near.match.score, 3), "closest_form": form.text},
        )
