"""Properties that hold for any input: audit never raises, spans are exact, output is
stable, and applying fixes is idempotent.

Examples are bounded so CI stays quick; ``HYPOTHESIS_PROFILE=long make test`` (or
``.venv/bin/python -m pytest tests/test_properties.py`` with that variable) runs many
more.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from audit import AuditConfig, Document, audit_document
from audit.document import LineIndex
from audit.edits import apply_suggestions
from audit.errors import GlossaryError
from audit.fix.plan import fix_document
from audit.glossary import load_glossaries

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CONFIG = AuditConfig.create()

# Words that make the checks fire, mixed with arbitrary text.
WORDS = [
    "Hifter",
    "Haftar",
    "Haftar's",
    "Hifter’s",
    "HIFTER",
    "Salama",
    "Salameh",
    "Ghassan Salama",
    "al-Wefaq",
    "Al-Wefaq government",
    "El Wefaq",
    "National Accord government",
    "GNA",
    "U.N.",
    "ceasefire",
    "cease-fire",
    "Cease-fire",
    "Berlin conference",
    "Berlin Conference",
    "Tripoli",
    "Tripoli .",
    "Qaddafi",
    "Kadhâfi",
    "İstanbul",
    "حفتر",
    "خليفة حفتر",
    "Хафтар",
    "e-mail",
    "email",
    "150,000",
    "January 12",
    "2019",
    "ß",
    "ﬁ",
    "e\u0301",
    "👩‍👩‍👧",
    "\t",
    "  ",
]
SEPARATORS = [" ", " ", " ", "\n", "\r\n", "\r", "\n\n", ". ", ", ", "\u00a0", "\u200b", "'", "’"]

arbitrary_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # surrogate-free: any other code point
    max_size=300,
)
wordy_text = st.lists(
    st.tuples(st.sampled_from(WORDS) | st.text(max_size=8), st.sampled_from(SEPARATORS)),
    max_size=60,
).map(lambda parts: "".join(w + s for w, s in parts))
any_text = (
    arbitrary_text | wordy_text | st.builds(lambda a, b: a * 50 + b, wordy_text, arbitrary_text)
)


def _check_findings(text: str, findings) -> None:
    lines = LineIndex(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text == text[f.start : f.end]
        assert (f.line, f.column) == lines.position(f.start)
        assert (f.end_line, f.end_column) == lines.position(f.end)
        assert f.fingerprint


@given(any_text)
def test_findings_point_exactly_at_their_text(text: str):
    findings = audit_document(Document(id="d", target=text), CONFIG)
    _check_findings(text, findings)


@given(any_text)
def test_output_is_identical_across_runs(text: str):
    a = audit_document(Document(id="d", target=text), CONFIG)
    b = audit_document(Document(id="d", target=text), AuditConfig.create())
    assert a == b
    assert [f.fingerprint for f in a] == [f.fingerprint for f in b]


@given(any_text)
@example("A\u00d0\u00b5\u00a0HIFTER")  # encoding damage beside a no-break space
@example(
    "Hifter Hifter \u0425\u0430\u0444\u0442\u0440"
)  # a fix reveals a variant of the fixed name
@example(
    "0\u200bAL-WEFAQ GOVERNMENT AL-WEFAQ GOVERNMENT"
)  # deleting a zero-width space would join words
def test_fixing_is_idempotent_and_touches_only_flagged_spans(text: str):
    from audit.edits import applicable

    findings = audit_document(Document(id="d", target=text), CONFIG)
    edits = applicable(findings)
    fixed = apply_suggestions(text, findings)
    # Rebuild the fixed text from the untouched stretches and the suggestions: nothing
    # outside the flagged spans may change.
    pieces, pos, replaced = [], 0, []
    for f in edits:
        pieces.append(text[pos : f.start])
        start = sum(len(p) for p in pieces)
        pieces.append(f.suggestion)
        replaced.append((f, start, start + len(f.suggestion)))
        pos = f.end
    pieces.append(text[pos:])
    assert "".join(pieces) == fixed
    refindings = audit_document(Document(id="d", target=fixed), CONFIG)
    _check_findings(fixed, refindings)
    for f, start, end in replaced:  # none of the fixed findings comes back
        assert not any(
            r.code == f.code and r.start < max(end, start + 1) and start < r.end for r in refindings
        )
    # `audit fix` repeats until nothing changes (a fix may reveal a finding: once Hifter
    # reads Haftar, a third spelling is a variant of it); running it again changes nothing.
    for unsafe in (False, True):
        result = fix_document(Document(id="d", target=text), CONFIG, unsafe=unsafe)
        assert (
            fix_document(Document(id="d", target=result.fixed), CONFIG, unsafe=unsafe).edits == ()
        )


entry_names = st.text(
    alphabet="abcdefghiklmnoprstuzAEHKLMNOSTW -'’ابتحسلم", min_size=1, max_size=14
)


@given(
    st.lists(
        st.tuples(
            entry_names, st.lists(entry_names, max_size=3), st.lists(entry_names, max_size=2)
        ),
        max_size=6,
    ),
    any_text,
)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_arbitrary_glossaries_never_break_the_audit(tmp_path_factory, entries, text):
    lines = ["entries:"]
    for canonical, variants, short in entries:
        lines.append(f"  - canonical: {_q(canonical)}")
        if short:
            lines.append("    short: [" + ", ".join(_q(s) for s in short) + "]")
        if variants:
            lines.append("    variants: [" + ", ".join(_q(v) for v in variants) + "]")
    path = Path(tmp_path_factory.mktemp("g")) / "g.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_glossaries([path])
    except GlossaryError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
        assume(False)
    config = AuditConfig.create(default_glossaries=False, glossaries=[path])
    findings = audit_document(Document(id="d", target=text), config)
    _check_findings(text, findings)


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_give_the_same_findings_on_the_same_lines(newline: str):
    text = newline.join(
        ["Salama met Hifter.", "", "The cease-fire and the ceasefire, then the ceasefire."]
    )
    findings = audit_document(Document(id="d", target=text), CONFIG)
    assert [(f.code, f.line, f.column, f.text) for f in findings] == [
        ("N001", 1, 1, "Salama"),
        ("N001", 1, 12, "Hifter"),
        ("C001", 3, 5, "cease-fire"),
    ]


@given(
    st.lists(any_text.filter(str.strip), min_size=2, max_size=4), st.randoms(use_true_random=False)
)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_output_does_not_depend_on_the_order_of_the_files(tmp_path_factory, texts, random):
    from audit.run import Runner, RunOptions, audit_paths

    folder = Path(tmp_path_factory.mktemp("order"))
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{i}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(str(path))
    shuffled = paths[:]
    random.shuffle(shuffled)
    first = audit_paths(Runner(RunOptions()), paths)
    second = audit_paths(Runner(RunOptions()), shuffled)
    assert first.findings == second.findings
    assert sorted(c.name for c in first.files) == sorted(c.name for c in second.files)
