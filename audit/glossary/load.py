"""Loading and validating glossary files (YAML, CSV, TSV).

Every problem is a :class:`GlossaryError` naming the file and line, so a user can fix
it at once. Validation covers each file and the glossaries loaded together: two
entries may not claim the same spelling, and a variant may not be another entry's
accepted form.

YAML layout (see ``glossaries/README.md``)::

    language: en            # language of the canonical forms (optional)
    entries:
      - id: khalifa-haftar
        canonical: Khalifa Haftar
        kind: person
        short: [Haftar]
        source: [خليفة حفتر]
        variants:
          Haftar: [Hifter, Hiftar]      # correct form -> spellings to replace
        notes: Commander of the Libyan National Army.

``variants`` may also be a plain list; each item is a spelling or a mapping with
``form``, optional ``use`` (the replacement) and ``note``. ``ambiguous`` lists the
short forms and variants that are also other people's names or ordinary words.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from audit.errors import GlossaryError
from audit.gcpause import no_cycle_collection
from audit.glossary.bundled import bundled_glossary_paths  # noqa: F401  (re-exported)
from audit.glossary.fold import fold_key, form_keys
from audit.glossary.model import KINDS, Entry, Glossary, Variant, default_replacement

ENTRY_KEYS = {"id", "canonical", "kind", "short", "variants", "source", "notes", "ambiguous"}
VARIANT_KEYS = {"form", "use", "note"}
FILE_KEYS = {"entries", "language", "source_language", "name", "description", "license", "sources"}
LIST_SEPARATOR = "|"
MAX_FORM_CHARS = 500  # longer "names" are pasted text, not glossary forms
_LINE = "__line__"


class _LStr(str):
    """A YAML string that remembers its line, for error messages."""

    line: int | None = None


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML loading that keeps every scalar a string and records lines.

    Names such as ``No`` or ``On`` must not become booleans, and dates or numbers in
    notes must stay as written, so only ``null`` is resolved implicitly.
    """

    audit_path = "<glossary>"

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        value = _LStr(self.construct_scalar(node))
        value.line = node.start_mark.line + 1
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (list, dict)):  # unhashable: it was a TypeError
                raise GlossaryError(
                    "a key must be text, not a list or a mapping",
                    path=self.audit_path,
                    line=key_node.start_mark.line + 1,
                )
            if key in seen:
                raise GlossaryError(
                    f"duplicate key {key!r} (first on line {seen[key]})",
                    path=self.audit_path,
                    line=key_node.start_mark.line + 1,
                )
            seen[key] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _LineLoader.construct_yaml_str)


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Load several glossary files and validate them as one."""
    return load_and_compile(paths)[0]


def load_and_compile(paths: Iterable[str | Path]) -> tuple[Glossary, dict[str, int]]:
    """Load and validate glossary files together; also return the matcher's key table
    (built by the validation, so a large glossary is keyed once)."""
    entries: list[Entry] = []
    names: list[str] = []
    languages: set[str] = set()
    with no_cycle_collection():
        for path in paths:
            file_entries, language = _read_file(path)
            entries.extend(file_entries)
            names.append(str(path))
            if language:
                languages.add(language)
        keys = compile_keys(entries)
    language = languages.pop() if len(languages) == 1 else None
    return Glossary(entries=tuple(entries), paths=tuple(names), language=language), keys


def load_glossary_file(path: str | Path) -> Glossary:
    """Load one YAML, CSV or TSV glossary file (validated on its own)."""
    with no_cycle_collection():
        entries, language = _read_file(path)
        compile_keys(entries)
    return Glossary(entries=tuple(entries), paths=(str(path),), language=language)


def _read_file(path: str | Path) -> tuple[list[Entry], str | None]:
    name = str(path)
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise GlossaryError("is a directory, not a glossary file", path=name) from None
    except FileNotFoundError:
        raise GlossaryError("no such glossary file", path=name) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary: {exc.strerror}", path=name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"invalid UTF-8 at byte {exc.start}", path=name) from None
    suffix = p.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return _parse_table(text, name, "\t" if suffix == ".tsv" else ","), None
    if suffix in (".yaml", ".yml"):
        return _parse_yaml(text, name)
    raise GlossaryError("unknown glossary format (expected .yaml, .yml, .csv or .tsv)", path=name)


def _parse_yaml(text: str, path: str) -> tuple[list[Entry], str | None]:
    from audit.glossary.yaml_stream import Unsupported, read_yaml

    def entry(item: Any) -> Entry:
        return _entry_from_mapping(item, path)

    try:
        # Event by event, each entry built as its mapping ends: the loader's whole
        # node graph of a 100,000-entry file took most of 914 MiB.
        data = _load_yaml(text, path, lambda loader: read_yaml(loader, path, _LStr, _LINE, entry))
        built = True
    except Unsupported:  # anchors, aliases, tags: the full loader
        data = _load_yaml(text, path, lambda loader: loader.get_single_data())
        built = False
    if data is None:
        raise GlossaryError("empty glossary", path=path)
    language = None
    if isinstance(data, dict):
        unknown = set(data) - FILE_KEYS - {_LINE}
        if unknown:
            raise GlossaryError(f"unknown top-level key {sorted(unknown)[0]!r}", path=path, line=1)
        language = data.get("language")
        items = data.get("entries")
        if not isinstance(items, list):
            raise GlossaryError("'entries' must be a list of entries", path=path, line=data[_LINE])
    elif isinstance(data, list):
        items = data
    else:
        raise GlossaryError(
            "a glossary is a mapping with 'entries' or a list of entries", path=path, line=1
        )
    return items if built else [entry(item) for item in items], language


def _load_yaml(text: str, path: str, build: Any) -> Any:
    """``build(loader)`` for a line-keeping loader of ``text``, PyYAML's errors made
    one line naming the file and line."""
    loader = _LineLoader(text)
    loader.audit_path = path
    try:
        return build(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise GlossaryError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"invalid YAML: {exc}", path=path) from None
    finally:
        loader.dispose()


def _entry_from_mapping(item: Any, path: str) -> Entry:
    if not isinstance(item, dict):
        raise GlossaryError("each entry must be a mapping with at least 'canonical'", path=path)
    line = item.get(_LINE)
    unknown = set(item) - ENTRY_KEYS - {_LINE}
    if unknown:
        raise GlossaryError(f"unknown entry key {sorted(unknown)[0]!r}", path=path, line=line)
    canonical = _text(item.get("canonical"), "canonical", path, line)
    if not canonical:
        raise GlossaryError("entry has an empty canonical form", path=path, line=line)
    kind = _text(item.get("kind"), "kind", path, line) or "term"
    if kind not in KINDS:
        raise GlossaryError(
            f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})", path=path, line=line
        )
    short = tuple(_text_list(item.get("short"), "short", path, line))
    variants = _variants(item.get("variants"), canonical, short, path, line)
    ambiguous = tuple(_text_list(item.get("ambiguous"), "ambiguous", path, line))
    own = {fold_key(f) for f in (*short, *(v.form for v in variants))}
    for form in ambiguous:
        if fold_key(form) not in own:
            raise GlossaryError(
                f"ambiguous form {form!r} is not a short form or variant of this entry",
                path=path,
                line=getattr(form, "line", None) or line,
            )
    return Entry(
        id=_text(item.get("id"), "id", path, line) or _slug(canonical),
        canonical=canonical,
        kind=kind,
        short=short,
        variants=variants,
        source=tuple(_text_list(item.get("source"), "source", path, line)),
        notes=_text(item.get("notes"), "notes", path, line) or None,
        path=path,
        line=line,
        ambiguous=ambiguous,
    )


def _variants(
    raw: Any, canonical: str, short: tuple[str, ...], path: str, line: int | None
) -> tuple[Variant, ...]:
    out: list[Variant] = []
    if raw is None:
        return ()
    if isinstance(raw, dict):
        for use, spellings in raw.items():
            if use == _LINE:
                continue
            use_text = _text(use, "variants", path, line)
            for item in spellings if isinstance(spellings, list) else [spellings]:
                out.append(_variant(item, canonical, short, path, line, use=use_text))
        return tuple(out)
    if isinstance(raw, list):
        return tuple(_variant(item, canonical, short, path, line) for item in raw)
    raise GlossaryError("'variants' must be a list or a mapping", path=path, line=line)


def _variant(
    item: Any,
    canonical: str,
    short: tuple[str, ...],
    path: str,
    line: int | None,
    use: str | None = None,
) -> Variant:
    note = None
    vline = line
    if isinstance(item, dict):
        vline = item.get(_LINE, line)
        unknown = set(item) - VARIANT_KEYS - {_LINE}
        if unknown:
            raise GlossaryError(
                f"unknown variant key {sorted(unknown)[0]!r}", path=path, line=vline
            )
        form = _text(item.get("form"), "form", path, vline)
        use = _text(item.get("use"), "use", path, vline) or use
        note = _text(item.get("note"), "note", path, vline) or None
    else:
        vline = getattr(item, "line", None) or line
        form = _text(item, "variants", path, vline)
    if not form:
        raise GlossaryError("empty variant", path=path, line=vline)
    if use is None:
        use = default_replacement(canonical, short, form)
    elif not _is_part_of_accepted(use, (canonical, *short)):
        raise GlossaryError(
            f"variant {form!r} should be replaced by {use!r}, which is not the canonical form, "
            "a short form or a part of one",
            path=path,
            line=vline,
        )
    return Variant(form=form, use=use, note=note, line=vline)


def _is_part_of_accepted(use: str, accepted: tuple[str, ...]) -> bool:
    words = use.split()
    for form in accepted:
        fw = form.split()
        if any(fw[i : i + len(words)] == words for i in range(len(fw) - len(words) + 1)):
            return True
    return False


def _parse_table(text: str, path: str, delimiter: str) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or "canonical" not in reader.fieldnames:
        raise GlossaryError(
            "a glossary table needs a header row with a 'canonical' column", path=path, line=1
        )
    unknown = set(reader.fieldnames) - ENTRY_KEYS
    if unknown:
        raise GlossaryError(f"unknown column {sorted(unknown)[0]!r}", path=path, line=1)
    entries = []
    try:
        for row in reader:
            line = reader.line_num
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            item: dict[str, Any] = {_LINE: line}
            for key in ENTRY_KEYS:
                value = (row.get(key) or "").strip()
                if key in ("short", "variants", "source", "ambiguous"):
                    item[key] = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
                elif value:
                    item[key] = value
            entries.append(_entry_from_mapping(item, path))
    except csv.Error as exc:
        raise GlossaryError(f"malformed table: {exc}", path=path, line=reader.line_num) from None
    return entries


def _text(value: Any, key: str, path: str, line: int | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise GlossaryError(f"{key!r} must be text", path=path, line=line)
    return " ".join(value.split())


def _text_list(value: Any, key: str, path: str, line: int | None) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = [_text(v, key, path, line) for v in items]
    if any(not v for v in out):
        raise GlossaryError(f"empty item in {key!r}", path=path, line=line)
    return out


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def compile_keys(entries: list[Entry]) -> dict[str, int]:
    """Validate ``entries`` and return the matcher's key table (key -> form index, in
    the order of :func:`audit.glossary.matcher.glossary_forms`).

    Two spellings clash when they share a matching key (case, accents, hyphens and
    Arabic article forms ignored), because the matcher could not tell them apart.
    """
    ids: dict[str, Entry] = {}
    keys: dict[str, int] = {}
    owners: list[tuple[Entry, str, str]] = []  # form index -> (entry, role, form)
    for entry in entries:
        if entry.id in ids:
            other = ids[entry.id]
            raise GlossaryError(
                f"duplicate entry id {entry.id!r} (also at {other.location})",
                path=entry.path,
                line=entry.line,
            )
        ids[entry.id] = entry
        forms = [
            (f, "canonical" if i == 0 else "short", entry.line)
            for i, f in enumerate(entry.accepted)
        ]
        forms += [(v.form, "variant", v.line) for v in entry.variants]
        for form, role, line in forms:
            if len(form) > MAX_FORM_CHARS:
                raise GlossaryError(
                    f"{role} form longer than {MAX_FORM_CHARS} characters",
                    path=entry.path,
                    line=line,
                )
            form_key_list = form_keys(form)
            for key in form_key_list:
                if key in keys:
                    _clash(entry, role, form, line, owners[keys[key]])
            for key in form_key_list:
                if key:
                    keys[key] = len(owners)
            owners.append((entry, role, form))
    return keys


def _clash(
    entry: Entry, role: str, form: str, line: int | None, owner_info: tuple[Entry, str, str]
) -> None:
    owner, owner_role, owner_form = owner_info
    if owner is entry:
        if role == "variant" and owner_role != "variant":
            raise GlossaryError(
                f"variant {form!r} of {entry.id!r} differs from its {owner_role} form "
                f"{owner_form!r} only in case, accents, hyphens or article; "
                "the form check already reports such spellings",
                path=entry.path,
                line=line,
            )
        raise GlossaryError(
            f"{role} {form!r} of {entry.id!r} repeats {owner_role} {owner_form!r}",
            path=entry.path,
            line=line,
        )
    raise GlossaryError(
        f"{role} {form!r} of {entry.id!r} is already the {owner_role} form "
        f"{owner_form!r} of {owner.id!r} ({owner.location})",
        path=entry.path,
        line=line,
    )
