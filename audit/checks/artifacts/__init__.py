"""The ``artifacts.*`` checks (A codes): what tools leave in a text that no writer put
there. One module per kind: ``characters`` (mojibake, invisible and odd characters,
foreign scripts), ``debris`` (CMS lines, identifiers, orphan labels), ``markup``
(tags and entities shown as text)."""
