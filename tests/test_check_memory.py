"""Memory of a whole check of a bilingual file, per unit (issue 14, item 11 / issue 18:
an XLIFF file of 200,000 units peaked at 939 MB under ``audit check --jobs 1``).

What the checks keep for the whole document while it is audited (the numbers B002
compares, the names and mentions N004 groups, one pair per unit, the findings) is
made of many small objects; each is now a slotted value (no ``__dict__``), and a
finding without extra data shares one empty mapping. Measured in bytes allocated by
``audit_document`` beyond the document itself, at n and 2n units, not in seconds.
"""

from __future__ import annotations

import gc
import pickle
import tracemalloc

from audit.config import AuditConfig
from audit.engine import audit_document
from audit.formats.xliff import read_xliff

_EN = "alpha bravo charlie delta echo foxtrot golf hotel".split()


def _xliff(units: int) -> str:
    # a name variant, a number and a space before the full stop in every unit (about three
    # findings a unit: N004, S001, B002), and words that vary from unit to unit
    body = "".join(
        f'<trans-unit id="u{i}"><source>The envoy met Khalifa Haftar in {_EN[i % 8]} on {i % 97} May.'
        f"</source><target>The envoy met Khalifa {'Hifter' if i % 2 else 'Haftar'} in "
        f"{_EN[i // 3 % 8]} on {(i + 1) % 97} May .</target></trans-unit>\n"
        for i in range(units)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="g.txt" source-language="en" target-language="en" '
        f'datatype="plaintext"><body>\n{body}</body></file></xliff>\n'
    )


def _check_bytes_per_unit(units: int, config: AuditConfig) -> tuple[float, int]:
    (doc,) = read_xliff(_xliff(units), "g.xlf")
    audit_document(doc, config)  # warm: imports, caches of words met once per process
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        findings = audit_document(doc, config)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return peak / units, len(findings)


def test_a_whole_check_keeps_little_per_unit() -> None:
    config = AuditConfig.create(default_glossaries=False)
    small, small_found = _check_bytes_per_unit(1500, config)
    large, large_found = _check_bytes_per_unit(3000, config)
    codes = {f.code for f in audit_document(next(read_xliff(_xliff(40), "g.xlf")), config)}
    assert {"N004", "B002", "S001"} <= codes, codes  # the analyses measured did run
    assert large_found >= 2 * 3000, large_found
    # Peak bytes a unit, findings and transient work included: about 3,690 before (a
    # __dict__ per number, name word, name, mention and pair, an empty dict per
    # finding), about 3,320 now; no more at 2n than at n.
    assert large < 3500, large
    assert large < small * 1.15, (small, large)


def test_the_slotted_analyses_cross_to_a_worker_by_value() -> None:
    from audit.lang.numbers import find_numbers
    from audit.names.entities import Mention
    from audit.names.extract import find_names
    from audit.pairs import Pair, pairs_for

    (doc,) = read_xliff(_xliff(4), "g.xlf")
    numbers = find_numbers(doc.target)
    names = find_names(doc.target, doc.is_sentence_start)
    pairs = pairs_for(doc, None)
    mention = Mention(0, 6, "Haftar", names[0].words[0], "full", "spelling", 0.9)
    for value in (numbers, names, pairs, mention):
        assert pickle.loads(pickle.dumps(value)) == value
    assert all(not hasattr(x, "__dict__") for x in (numbers[0], names[0], pairs[0], mention))
    assert isinstance(pairs[0], Pair)
