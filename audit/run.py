"""Running audit over files: settings per file, reading, auditing.

The commands (check, fix, baseline, config show, report) share this: each file gets
the settings of the configuration file found for it (audit/config/settings.py) under
the command-line overrides, and one :class:`~audit.config.AuditConfig` is built per
distinct set of settings, so glossaries are loaded once however many files use them.
:meth:`Runner.plan` gives both of the pipelines that audit in worker processes
(:func:`stream_paths` here, the corpus report's engines) their one
:class:`~audit.worker.WorkerSettings`.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from audit.config import AuditConfig
from audit.config.settings import Overrides, Settings, find_config, settings_for
from audit.document import Document
from audit.engine import audit_document_full
from audit.errors import (
    AuditError,
    BinaryInputError,
    ConfigError,
    InputError,
    UnexpectedError,
    set_current_file,
    warn_renamed,
)
from audit.findings import Finding, Severity
from audit.formats import STDIN, STDIN_NAME, SourceFile, load_file
from audit.gcpause import resume_collection
from audit.parallel import default_workers, ordered_map
from audit.progress import progress
from audit.values import Frozen, Record
from audit.worker import WorkerSettings

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from audit.config.file import ConfigFile
    from audit.glossary import GlossaryMatcher
    from audit.textstore import QuotableText, TextStore


class RunOptions(Frozen):
    """How to find settings and read files; the same for every file of a run.

    Fields are named as the settings are everywhere (``--config`` FILE is
    ``config_file``, as in :func:`audit.check_paths`); ``config_path``, the old name,
    is still accepted, with a deprecation warning. Immutable and compared as the
    frozen dataclass it was (audit/values.py); :meth:`replace` makes a changed copy.
    """

    __slots__ = (
        "overrides",
        "config_file",
        "isolated",
        "encoding",
        "errors",
        "source",
        "fields",
        "stdin_filename",
    )
    overrides: Overrides
    config_file: str | None  # use this file instead of searching
    isolated: bool  # ignore configuration files
    encoding: str | None
    errors: str
    source: str | None  # the source file of a plain-text, Markdown or SRT target
    fields: Mapping[str, str]  # field name -> JSON key or CSV column
    # Standard input's file name (--stdin-filename): its format, settings and name in findings.
    stdin_filename: str | None

    def __init__(
        self,
        overrides: Overrides | None = None,
        config_file: str | None = None,
        isolated: bool = False,
        encoding: str | None = None,
        errors: str = "strict",
        source: str | None = None,
        fields: Mapping[str, str] | None = None,
        stdin_filename: str | None = None,
        config_path: str | None = None,  # deprecated: config_file
    ) -> None:
        if config_path is not None:
            warn_renamed("RunOptions(config_path=...)", "config_file", stacklevel=3)
            config_file = config_path
        set_ = object.__setattr__
        set_(self, "overrides", Overrides() if overrides is None else overrides)
        set_(self, "config_file", config_file)
        set_(self, "isolated", isolated)
        set_(self, "encoding", encoding)
        set_(self, "errors", errors)
        set_(self, "source", source)
        set_(self, "fields", {} if fields is None else fields)
        set_(self, "stdin_filename", stdin_filename)


class Input(Frozen):
    """One file, read, with the settings and configuration that apply to it."""

    __slots__ = ("source", "settings", "config")
    source: SourceFile
    settings: Settings
    config: AuditConfig

    def __init__(self, source: SourceFile, settings: Settings, config: AuditConfig) -> None:
        set_ = object.__setattr__
        set_(self, "source", source)
        set_(self, "settings", settings)
        set_(self, "config", config)

    @property
    def documents(self) -> list[Document]:
        return self.source.documents


class FilePlan(NamedTuple):
    """A file of a run, with its settings and the key of its configuration."""

    path: str
    settings: Settings
    key: str  # in the configurations that Runner.plan returns with it


class Runner:
    """Loads files with their settings; caches configuration files and AuditConfigs."""

    def __init__(self, options: RunOptions = RunOptions()):  # noqa: B008 (immutable)
        self.options = options
        self._found: dict[Path, Path | None] = {}
        self._folders: dict[str, Path | None] = {}  # a file's folder as given -> its config
        # settings by configuration file (None: none), for files that no per-path entry
        # of theirs can tell apart
        self._settings: dict[Path | None, Settings] = {}
        self._files: dict[Path, ConfigFile] = {}
        self._loaded: dict[Path, ConfigFile] = {}  # by the path found or given, unresolved
        self._configs: dict[str, AuditConfig] = {}
        self._matchers: dict[tuple[str, ...], GlossaryMatcher | None] = {}

    def settings(self, path: str) -> Settings:
        """The effective settings for ``path`` (``-``: standard input, whose settings are
        those of ``--stdin-filename`` when given)."""
        file = self.options.stdin_filename if path == STDIN else path
        config = self._config_file(file)
        if config is not None and config.per_path:
            return settings_for(file, config, self.options.overrides)
        # Without per-path entries a file's settings are its configuration file's:
        # worked out once for all the files it applies to.
        key = None if config is None else config.path
        found = self._settings.get(key)
        if found is None:
            found = self._settings[key] = settings_for(file, config, self.options.overrides)
        return found

    def display_name(self, path: str) -> str:
        """``path`` as findings name it."""
        if path == STDIN:
            return self.options.stdin_filename or STDIN_NAME
        return path

    def _stdin_option(self, path: str) -> dict[str, str]:
        name = self.options.stdin_filename
        return {"stdin_filename": name} if path == STDIN and name is not None else {}

    @staticmethod
    def config_key(settings: Settings) -> str:
        """Settings that give the same AuditConfig give the same key."""
        return json.dumps(
            [
                settings.effective_select,
                settings.effective_ignore,
                settings.fail_on,
                settings.severity,
                settings.glossaries,
                settings.default_glossaries,
                settings.options,
            ],
            sort_keys=True,
        )

    def plan(self, paths: Iterable[str]) -> tuple[list[FilePlan], dict[str, AuditConfig]]:
        """Each file with its settings, and the configurations they need by short key
        (the first file's is :data:`audit.worker.FIRST_KEY`): all known before any
        worker starts, for :class:`audit.worker.WorkerSettings`. ``audit check`` and
        ``audit report`` both resolve their files' settings here."""
        ids: dict[str, str] = {}  # config_key -> short key
        configs: dict[str, AuditConfig] = {}
        plans = []
        keys: dict[int, str] = {}  # id(settings) -> key: files share their settings objects
        for path in paths:
            settings = self.settings(path)
            key = keys.get(id(settings))
            if key is None:
                key = ids.setdefault(self.config_key(settings), str(len(ids)))
                keys[id(settings)] = key
            if key not in configs:
                configs[key] = self.config(settings)
            plans.append(FilePlan(path, settings, key))
        return plans, configs

    def config(self, settings: Settings) -> AuditConfig:
        key = self.config_key(settings)
        if key not in self._configs:
            if settings.extend_select and not settings.select:
                from audit.checks import selected_checks

                selected_checks(settings.extend_select, ())  # unknown codes are errors
            self._configs[key] = AuditConfig.create(
                glossaries=settings.glossaries,
                default_glossaries=settings.default_glossaries,
                select=settings.effective_select,
                ignore=settings.effective_ignore,
                fail_on=settings.fail_on,
                severity_overrides={code: Severity(s) for code, s in settings.severity.items()},
                options={code: dict(opts) for code, opts in settings.options.items()},
                matchers=self._matchers,
            )
        return self._configs[key]

    def read(self, path: str, settings: Settings | None = None) -> SourceFile:
        """Read ``path`` with the languages its settings give."""
        settings = settings or self.settings(path)
        o = self.options
        return load_file(
            path,
            encoding=o.encoding,
            errors=o.errors,
            source=o.source,
            target_lang=settings.declared_target_lang,
            source_lang=settings.source_lang,
            fields=dict(o.fields),
            **self._stdin_option(path),
        )

    def stream(self, path: str, settings: Settings | None = None) -> Iterator[Document]:
        """The documents of ``path``, one at a time (a large file is read piece by piece)."""
        from audit.formats.stream import stream_path

        settings = settings or self.settings(path)
        return stream_path(
            path,
            target_lang=settings.declared_target_lang,
            source_lang=settings.source_lang,
            **self._read_options(),
            **self._stdin_option(path),
        )

    def _read_options(self) -> dict[str, Any]:
        """The run's reading options (:func:`audit.formats.iter_path`'s keywords besides
        the languages), the same wherever a file is read."""
        o = self.options
        return {
            "encoding": o.encoding,
            "errors": o.errors,
            "source": o.source,
            "fields": dict(o.fields),
        }

    def read_task(self, path: str, settings: Settings) -> ReadTask | None:
        """``path`` as a file for the process that audits it to read, with the run's
        reading options, or None when this process must read it: standard input, a
        large file (read in parts), and every file of a Runner that reads its files its
        own way (one whose :meth:`stream` is overridden, as the server's, whose files
        are in memory)."""
        if type(self).stream is not Runner.stream:
            return None
        size = _worker_read_size(path)
        if size is None:
            return None
        return ReadTask(
            path, settings.declared_target_lang, settings.source_lang, self._read_options(), size
        )

    def load(self, path: str) -> Input:
        """Read ``path`` and pair it with its settings and configuration."""
        set_current_file(STDIN_NAME if path == STDIN else path)
        settings = self.settings(path)
        return Input(self.read(path, settings), settings, self.config(settings))

    def _config_file(self, file: str | None) -> ConfigFile | None:
        if self.options.isolated:
            return None
        if self.options.config_file is not None:
            given = Path(self.options.config_file)
            if not given.is_file():
                raise ConfigError("no such configuration file", path=self.options.config_file)
            path: Path | None = given
        elif file is not None and (folder := os.path.dirname(file)) in self._folders:
            path = self._folders[folder]  # the folder as given, seen before: not resolved again
        else:
            directory = (Path(file).parent if file is not None else Path.cwd()).resolve()
            if directory not in self._found:
                self._found[directory] = find_config(directory)
            path = self._found[directory]
            if file is not None:
                self._folders[os.path.dirname(file)] = path
        if path is None:
            return None
        loaded = self._loaded.get(path)
        if loaded is None:
            resolved = path.resolve()
            if resolved not in self._files:
                from audit.config.file import load_config

                self._files[resolved] = load_config(resolved)
            loaded = self._loaded[path] = self._files[resolved]
        return loaded


class Checked(Frozen):
    """What a run keeps of one file once its documents are audited: names, not texts."""

    __slots__ = ("name", "config", "documents", "source_paths", "min_severity")
    name: str  # as shown in findings
    config: AuditConfig
    documents: tuple[str, ...]  # document ids, in file order
    source_paths: tuple[str, ...]  # separate source files (a text pair's --source)
    min_severity: Severity  # findings below it are not shown (min-severity)

    def __init__(
        self,
        name: str,
        config: AuditConfig,
        documents: tuple[str, ...],
        source_paths: tuple[str, ...] = (),
        min_severity: Severity = Severity.INFO,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "name", name)
        set_(self, "config", config)
        set_(self, "documents", documents)
        set_(self, "source_paths", source_paths)
        set_(self, "min_severity", min_severity)


class RunResult(Record):
    """Findings of a run (sorted), the files checked, and what reporters may need."""

    __slots__ = (
        "files",
        "findings",
        "documents",
        "target_texts",
        "skipped",
        "errors",
        "notes",
        "scores",
    )
    files: list[Checked]
    findings: list[Finding]
    documents: int
    # (path, document) -> target text (read back from disk past a bound)
    target_texts: dict[tuple[str, str], QuotableText]
    skipped: list[str]  # why files were not audited (binary files)
    errors: list[str]  # bad files, when a run goes on past them
    notes: list[str]  # what the reader should know (files read in parts)
    scores: list[dict[str, object]]  # round-trip scores per document

    def __init__(
        self,
        files: list[Checked],
        findings: list[Finding],
        documents: int,
        target_texts: dict[tuple[str, str], QuotableText] | None = None,
        skipped: list[str] | None = None,
        errors: list[str] | None = None,
        notes: list[str] | None = None,
        scores: list[dict[str, object]] | None = None,
    ) -> None:
        self.files = files
        self.findings = findings
        self.documents = documents
        self.target_texts = {} if target_texts is None else target_texts
        self.skipped = [] if skipped is None else skipped
        self.errors = [] if errors is None else errors
        self.notes = [] if notes is None else notes
        self.scores = [] if scores is None else scores


PARALLEL_BYTES = (
    4 * 1024 * 1024
)  # inputs larger than this together are audited in parallel (--jobs 0)
BATCH_DOCUMENTS = 16  # documents sent to a worker at a time


class StreamOptions(TypedDict, total=False):
    """The keyword options of :func:`stream_paths` that :func:`audit_paths` passes on
    (their meaning and defaults are written there, once)."""

    show_progress: bool
    keep_text: bool
    scores: bool
    jobs: int
    keep_going: bool
    must_read: frozenset[str]


def audit_paths(
    runner: Runner, paths: Iterable[str], **options: Unpack[StreamOptions]
) -> RunResult:
    """Audit ``paths`` and keep every finding (sorted): for callers that need them
    all at once. :func:`stream_paths` gives them without holding them; the options
    are its own."""
    run = stream_paths(runner, paths, hold_text=True, **options)
    findings = list(run.findings)
    return RunResult(
        run.files,
        findings,
        run.documents,
        run.target_texts,
        run.skipped,
        run.errors,
        run.notes,
        run.scores,
    )


class StreamedRun(Record):
    """A run whose findings are read once, sorted, as files finish.

    ``findings`` is an iterator: reading it audits the documents. The other fields
    grow while it is read and are complete once it is exhausted; ``files`` and
    ``levels`` already hold every file whose findings have been given.
    ``target_texts`` holds the target texts (with ``keep_text``) of the files being
    given and of those given just before, not of the whole run.
    """

    __slots__ = (
        "findings",
        "files",
        "documents",
        "target_texts",
        "skipped",
        "errors",
        "notes",
        "scores",
    )
    findings: Iterator[Finding]
    files: list[Checked]
    documents: int
    target_texts: dict[tuple[str, str], QuotableText]
    skipped: list[str]
    errors: list[str]
    notes: list[str]
    scores: list[dict[str, object]]

    def __init__(
        self,
        findings: Iterator[Finding],
        files: list[Checked] | None = None,
        documents: int = 0,
        target_texts: dict[tuple[str, str], QuotableText] | None = None,
        skipped: list[str] | None = None,
        errors: list[str] | None = None,
        notes: list[str] | None = None,
        scores: list[dict[str, object]] | None = None,
    ) -> None:
        self.findings = findings
        self.files = [] if files is None else files
        self.documents = documents
        self.target_texts = {} if target_texts is None else target_texts
        self.skipped = [] if skipped is None else skipped
        self.errors = [] if errors is None else errors
        self.notes = [] if notes is None else notes
        self.scores = [] if scores is None else scores


def stream_paths(
    runner: Runner,
    paths: Iterable[str],
    *,
    show_progress: bool = False,
    keep_text: bool = False,
    scores: bool = False,
    jobs: int = 1,
    keep_going: bool = False,
    must_read: frozenset[str] = frozenset(),
    hold_text: bool = False,
) -> StreamedRun:
    """Audit ``paths`` one document at a time, giving the findings in sorted order
    while later documents are still audited: a document's text is dropped once its
    findings are made, and findings are given as soon as no later file can come
    before them, so memory follows neither the input nor the findings.

    A file's findings are sorted together (its documents need not come in order of
    their ids); past :data:`audit.spool.LIMIT` findings they wait on disk.
    ``keep_text`` keeps each document's target text for views that quote it (in
    ``target_texts``, while its findings are given; ``hold_text``: for the whole run);
    ``scores`` computes round-trip scores for documents with a back-translation;
    ``jobs`` worker processes share the documents (0: one per processor when the
    input is large, else none). Results are the same whatever ``jobs`` is.
    ``keep_going``: a file that cannot be read or parsed is recorded in ``errors``
    and the run goes on with the others (else it raises).
    A binary file is skipped with a note, unless it is in ``must_read``: then it is
    bad input like any other.
    """
    paths = list(paths)
    plans, configs = runner.plan(paths)
    workers = (
        jobs if jobs > 0 else (default_workers() if _input_bytes(paths) > PARALLEL_BYTES else 1)
    )
    run = StreamedRun(iter(()))

    def work() -> Iterator[tuple[int, str, Document | ReadTask]]:
        for index, (path, settings, key) in enumerate(plans):
            set_current_file(STDIN_NAME if path == STDIN else path)
            task = runner.read_task(path, settings)
            if task is not None:
                yield index, key, task
                continue
            try:
                for doc in runner.stream(path, settings):
                    yield index, key, doc
            except BinaryInputError as exc:
                if path not in must_read:
                    run.skipped.append(str(exc))  # e.g. an image among a hook's files
                    continue
                if not keep_going:
                    raise
                run.errors.append(str(exc))
            except InputError as exc:
                if not keep_going:
                    raise
                run.errors.append(str(exc))

    names = [runner.display_name(path) for path, _, _ in plans]
    # Findings name their file, or the separate source file of a text pair: a file's
    # findings can be given once every file not finished yet sorts after them.
    source = runner.options.source
    source_name = None if source is None else (STDIN_NAME if source == STDIN else source)
    known = {*names, source_name}
    first_name = names[:]  # first_name[i]: the smallest name of files i and after
    for i in range(len(names) - 2, -1, -1):
        first_name[i] = min(first_name[i], first_name[i + 1])

    def findings() -> Iterator[Finding]:
        from audit.spool import SortedSpool

        ids: list[dict[str, None]] = [{} for _ in plans]
        source_paths: list[set[str]] = [set() for _ in plans]
        parts = _Parts()
        shared = WorkerSettings(configs, keep_text=keep_text, scores=scores)
        pending = SortedSpool()
        pending_last = ""  # the largest path among the pending findings
        texts: TextStore | None = None  # documents' texts to quote, in parts (keep_text)
        fresh: dict[tuple[str, str], None] = {}  # the pending documents among them
        given: list[list[tuple[str, str]]] = [[], []]  # texts of the last two files given
        finished = 0  # files before this one are complete
        # target languages found from the text: the files, and the documents (a part counts)
        found: dict[str, dict[str, None]] = {}
        found_docs: Counter[str] = Counter()
        last_found: tuple[int, str] | None = None

        def finish(upto: int) -> None:
            nonlocal finished
            while finished < upto:
                index = finished
                path, settings, key = plans[index]
                name = names[index]
                run.files.append(
                    Checked(
                        name,
                        configs[key],
                        tuple(ids[index]),
                        tuple(sorted(source_paths[index])),
                        Severity.parse(settings.min_severity),
                    )
                )
                run.documents += len(ids[index])
                ids[index], source_paths[index] = {}, set()
                parts.forget(index)
                note = parts.note(index, name, [c.code for c in configs[key].checks])
                if note is not None:
                    run.notes.append(note)
                finished += 1

        def release() -> Iterator[Finding]:
            nonlocal pending_last
            if finished < len(plans):
                first = first_name[finished]
                if source_name is not None:
                    first = min(first, source_name)
                if pending_last >= first:
                    return
            if not hold_text:
                for done in given.pop(0):  # a view may read one finding ahead: keep two
                    run.target_texts.pop(done, None)
                    if texts is not None:
                        texts.forget(done)
            given.append(list(fresh))
            if texts is not None:
                run.target_texts.update({k: texts.text(k) for k in fresh})
            fresh.clear()
            pending_last = ""
            yield from pending.drain()

        with progress(None, "auditing", enabled=show_progress) as tick:
            for batch in ordered_map(
                _audit_batch,
                _batches(
                    work(),
                    BATCH_DOCUMENTS,
                    first=1 if workers > 1 else None,
                    tail=(len(plans), workers) if workers > 1 else None,
                ),
                shared,
                workers=workers,
            ):
                resume_collection()  # a hook's start-up is over (audit/gcpause.py)
                for audited in batch:
                    if isinstance(audited, _Unread):
                        _unread(audited, run, must_read, keep_going)
                        continue
                    if audited.index > finished:
                        finish(audited.index)
                        yield from release()
                    if audited.contexts is not None:
                        got: list[Finding] = []
                        parts.add(audited, got)
                    else:
                        got = audited.findings
                    pending.extend(got)
                    for f in got:
                        pending_last = max(pending_last, f.path)
                        if f.path not in known:  # not a file name: order unknown, hold all
                            pending_last = "\U0010ffff"
                    if audited.text is not None:
                        if texts is None:  # on disk past a bound (audit/textstore.py)
                            from audit.textstore import TextStore

                            texts = TextStore()
                        texts.add((audited.path, audited.document), audited.text)
                        fresh[audited.path, audited.document] = None
                    ids[audited.index][audited.document] = None
                    if audited.source_path:
                        source_paths[audited.index].add(audited.source_path)
                    run.scores.extend(audited.scores)
                    if audited.found_lang is not None:
                        found.setdefault(audited.found_lang, {})[names[audited.index]] = None
                        if (audited.index, audited.document) != last_found:  # not a later part
                            found_docs[audited.found_lang] += 1
                        last_found = (audited.index, audited.document)
                    tick()
        finish(len(plans))
        yield from release()
        from audit.formats.language import found_note

        run.notes.extend(
            found_note(lang, found_docs[lang], list(files)) for lang, files in found.items()
        )

    run.findings = findings()
    return run


#: Files up to this size are read by the process that audits them (a worker reads its
#: own files instead of receiving their documents pickled by the parent); larger ones
#: are read by the parent, whose documents travel in batches (a large file in parts).
WORKER_READ_BYTES = 1024 * 1024
#: A batch of files read by a worker holds at most about this many bytes of input.
BATCH_BYTES = 256 * 1024


class ReadTask(NamedTuple):
    """A file for the process that audits it to read (its documents, read there, never
    travel between processes): the path, the languages its settings give, and the
    run's reading options (:func:`audit.formats.iter_path`'s keywords)."""

    path: str
    target_lang: str | None
    source_lang: str | None
    options: Mapping[str, Any]
    size: int = 0


class _Unread(NamedTuple):
    """A file that a worker could not read: the error, given back in file order."""

    file_index: int
    path: str
    error: AuditError


def _worker_read_size(path: str) -> int | None:
    """The size of ``path`` when it is small enough to be read, whole, where it is
    audited; None for standard input and large files, which the parent reads (large
    files in parts)."""
    from audit.formats import stream

    if path == STDIN:
        return None
    try:
        size = os.path.getsize(path)
    except OSError:
        return 0  # reading it reports the problem, in order
    return size if size <= min(WORKER_READ_BYTES, stream.STREAM_BYTES) else None


def _unread(failed: _Unread, run: StreamedRun, must_read: frozenset[str], keep_going: bool) -> None:
    """What a run does with a file it could not read, as when the parent read it:
    a binary file is skipped with a note unless it must be read; other bad input
    raises, or with ``keep_going`` is recorded and the run goes on."""
    set_current_file(failed.path)
    error = failed.error
    if isinstance(error, BinaryInputError) and failed.path not in must_read:
        run.skipped.append(str(error))
        return
    if not keep_going or not isinstance(error, InputError):
        raise error
    run.errors.append(str(error))


def _batches(
    items: Iterable[tuple[int, str, Document | ReadTask]],
    size: int,
    first: int | None = None,
    tail: tuple[int, int] | None = None,
) -> Iterator[list[tuple[int, str, Document | ReadTask]]]:
    """Consecutive batches of at most ``size`` documents or files (files to read: also
    at most about :data:`BATCH_BYTES` of them), a part of a large file
    (:mod:`audit.formats.stream`) in a batch of its own: a part holds the text of
    many articles, and a batch's findings are all held until the batch is done
    (16 parts of a file of XLIFF units with findings: 180,000 findings, 150 MiB).

    ``first``: the size of the first batch. With worker processes it is the one the
    parent audits alone before forking them (:func:`audit.parallel.ordered_map`):
    one document or file loads the modules and tables the workers then share, and
    the rest of a full batch is audited by the workers, two at a time, instead of
    by the parent while they do not exist yet.

    ``tail``: the run's number of files and of workers. Batches then shrink towards
    the end of the run, to a quarter of a worker's share of the files left (guided
    scheduling), so that no worker is left with a full batch while the others wait
    for it: the last batches are of one file."""
    from audit.formats.parts import PART

    def limit(index: int) -> int:
        if tail is None:
            return size
        files, workers = tail
        return min(size, max(1, (files - index) // (2 * workers)))

    it = iter(items)
    if first is not None:
        head = list(itertools.islice(it, first))
        if head:
            yield head
    batch: list[tuple[int, str, Document | ReadTask]] = []
    held = 0  # bytes of the files to read in ``batch``
    for item in it:
        task = item[2]
        if isinstance(task, ReadTask):
            batch.append(item)
            held += task.size
            if len(batch) >= limit(item[0]) or held >= BATCH_BYTES:
                yield batch
                batch, held = [], 0
            continue
        if PART in task.metadata:
            if batch:
                yield batch
                batch = []
            yield [item]
            continue
        batch.append(item)
        if len(batch) >= limit(item[0]):
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


class _Audited(Frozen):
    """One document's results, as a worker sends them back."""

    __slots__ = (
        "index",
        "path",
        "document",
        "source_path",
        "findings",
        "text",
        "scores",
        "contexts",
        "shifts",
        "found_lang",
    )
    index: int  # which input file
    path: str
    document: str
    source_path: str | None
    findings: list[Finding]
    text: str | None
    scores: list[dict[str, object]]
    # A part of a large file (audit/formats/stream.py): each finding's fingerprint
    # context, so that the parent numbers repeated contexts over the whole file.
    contexts: list[tuple[str, str]] | None
    # ... and where the part's target and source texts start in the file's document
    shifts: tuple[int, int]
    # the target language found from the text, when none was declared and it is not English
    found_lang: str | None

    def __init__(
        self,
        index: int,
        path: str,
        document: str,
        source_path: str | None,
        findings: list[Finding],
        text: str | None,
        scores: list[dict[str, object]],
        contexts: list[tuple[str, str]] | None = None,
        shifts: tuple[int, int] = (0, 0),
        found_lang: str | None = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "index", index)
        set_(self, "path", path)
        set_(self, "document", document)
        set_(self, "source_path", source_path)
        set_(self, "findings", findings)
        set_(self, "text", text)
        set_(self, "scores", scores)
        set_(self, "contexts", contexts)
        set_(self, "shifts", shifts)
        set_(self, "found_lang", found_lang)


def _audit_batch(
    batch: list[tuple[int, str, Document | ReadTask]], shared: WorkerSettings
) -> list[_Audited | _Unread]:
    """The results of a batch's documents, in order; the files it names are read here,
    and one that cannot be read gives its error in its place."""
    out: list[_Audited | _Unread] = []
    for index, key, item in batch:
        if isinstance(item, ReadTask):
            _audit_file(index, key, item, shared, out)
        else:
            out.append(_audit_one(index, key, item, shared))
    return out


def _audit_file(
    index: int, key: str, task: ReadTask, shared: WorkerSettings, out: list[_Audited | _Unread]
) -> None:
    """Read ``task``'s file and audit its documents as they come (what the parent's
    reading gave before: the documents before a bad record are audited, then the error)."""
    from audit.formats import iter_path

    set_current_file(task.path)
    try:
        docs = iter_path(
            task.path,
            target_lang=task.target_lang,
            source_lang=task.source_lang,
            **task.options,
        )
        for doc in docs:
            out.append(_audit_one(index, key, doc, shared))
    except (BinaryInputError, InputError) as exc:
        out.append(_Unread(index, task.path, exc))
    except AuditError:
        raise
    except Exception as exc:  # a reader's bug: named with its file, from a worker too
        raise UnexpectedError.wrap(exc, task.path) from exc


def _audit_one(index: int, key: str, doc: Document, shared: WorkerSettings) -> _Audited:
    """One document's findings (and scores, text, a part's contexts) as sent back."""
    from audit.formats.language import found_language
    from audit.formats.parts import PART
    from audit.segments import SEGMENT_SEPARATOR

    config = shared.config(key)
    try:
        audited = audit_document_full(doc, config)
        findings = audited.findings
        # R001's scores when it ran (scored once), in its metrics either way
        scored = (
            audited.round_trip() if shared.scores and doc.source and doc.back_translation else None
        )
        scores = [] if scored is None else [scored.to_dict(segments=False)]
    except AuditError:
        raise
    except Exception as exc:  # a bug: named with its file, also from a worker process
        raise UnexpectedError.wrap(exc, doc.path) from exc
    contexts = None
    shifts = (0, 0)
    text = doc.target if shared.keep_text else None
    if PART in doc.metadata:
        part = doc.metadata[PART]
        findings, contexts = _in_file(doc, findings, part)
        shifts = (part[1], part[2] if len(part) > 2 else part[1])
        if text is not None and len(part) > 2 and part[1]:
            text = SEGMENT_SEPARATOR + text  # a later part of a bilingual document
    return _Audited(
        index,
        doc.path,
        doc.id,
        doc.source_path,
        findings,
        text,
        scores,
        contexts,
        shifts,
        found_language(doc),
    )


def _in_file(
    doc: Document, findings: list[Finding], part: tuple[int, ...]
) -> tuple[list[Finding], list[tuple[str, str]]]:
    """A part's findings, each with its fingerprint context, and where the part's texts
    start in the whole file's document (:class:`_Parts` moves the findings there, in the
    same copy of each that numbers its fingerprint). ``part`` is the part's ``PART``
    value: its index and where its text starts (plain text: in the file), then, for a
    bilingual file read in parts of units (XLIFF, TMX), where its source text starts in
    the document's joined source text: each side is shifted by its own offset."""
    from audit.engine.document_audit import fingerprint_context

    contexts = [fingerprint_context(doc.side_text(f.side), f) for f in findings]
    return findings, contexts


def _moved(finding: Finding, shift: int, fingerprint: str) -> Finding:
    """``finding`` moved ``shift`` characters on, with ``fingerprint``: what
    ``dataclasses.replace`` makes, in half its time (a large file's parts give each of
    hundreds of thousands of findings a new copy)."""
    global _FINDING_FIELDS
    if _FINDING_FIELDS is None:
        import operator
        from dataclasses import fields

        names = [f.name for f in fields(Finding)]
        _FINDING_FIELDS = (
            operator.attrgetter(*names),
            names.index("start"),
            names.index("end"),
            names.index("fingerprint"),
        )
    values, start, end, fp = _FINDING_FIELDS
    moved: list[Any] = list(values(finding))
    moved[start] += shift
    moved[end] += shift
    moved[fp] = fingerprint
    return Finding(*moved)


_FINDING_FIELDS: tuple[Callable[[Finding], tuple[Any, ...]], int, int, int] | None = None


class _Parts:
    """Stitches the parts of large files back together, in file order: fingerprints
    numbered over the whole file, the parts' texts joined, the parts counted."""

    def __init__(self) -> None:
        # per file and document: how often each (code, text, before, after) was seen,
        # keyed by a digest of it, so that a file with many findings keeps 16 bytes per
        # context (an XLIFF file's <file> elements are documents numbered apart)
        self._seen: dict[int, dict[str, Counter[bytes]]] = {}
        self._count: Counter[int] = Counter()

    def add(self, audited: _Audited, findings: list[Finding]) -> None:
        """Append ``audited``'s findings to ``findings``, moved to the file's offsets and
        numbered over the whole file. A finding whose context no earlier part had keeps
        the fingerprint its part gave it (numbered alike); one copy of each finding."""
        import hashlib

        from audit.findings import context_fingerprint

        seen = self._seen.setdefault(audited.index, {}).setdefault(audited.document, Counter())
        here: Counter[bytes] = Counter()  # the same, within this part
        target, source = audited.shifts
        assert audited.contexts is not None
        for f, (before, after) in zip(audited.findings, audited.contexts, strict=True):
            parts = (f.code, f.text, before, after)
            raw = "".join(f"{len(x)}:{x}" for x in parts).encode("utf-8", "surrogatepass")
            key = hashlib.blake2b(raw, digest_size=16).digest()
            fingerprint = f.fingerprint
            if seen[key] != here[key]:
                fingerprint = context_fingerprint(f.code, f.text, before, after, seen[key])
            seen[key] += 1
            here[key] += 1
            shift = source if f.side == "source" else target
            if shift or fingerprint != f.fingerprint:
                f = _moved(f, shift, fingerprint)
            findings.append(f)
        self._count[audited.index] += 1

    def forget(self, index: int) -> None:
        """Drop a finished file's contexts: only its count of parts is needed now."""
        self._seen.pop(index, None)

    def note(self, index: int, name: str, codes: list[str]) -> str | None:
        from audit.formats.stream import per_part_note

        return per_part_note(name, self._count[index], codes)


def _input_bytes(paths: list[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path) if path != STDIN else 0
        except OSError:
            pass  # reading it reports the problem
    return total


def failed(files: Iterable[Checked], findings: Iterable[Finding]) -> bool:
    """True when a finding reaches the fail level of the file it is in."""
    levels = fail_levels(files)
    return any(reaches_fail_level(f, levels) for f in findings)


def fail_levels(files: Iterable[Checked]) -> dict[str, Severity]:
    """The fail level of every file name, document id and source file of a run (a
    file's configuration may set its own ``fail-on``)."""
    return _levels(files, lambda item: item.config.fail_on)


def shown(files: Iterable[Checked], findings: Iterable[Finding]) -> list[Finding]:
    """The findings at or above their file's ``min-severity`` (the display threshold,
    separate from the fail level: what is not shown does not fail the run either)."""
    levels = _levels(files, lambda item: item.min_severity)
    return [
        f
        for f in findings
        if f.severity.rank >= levels.get(f.path, levels.get(f.document, Severity.INFO)).rank
    ]


def shown_stream(files: list[Checked], findings: Iterable[Finding]) -> Iterator[Finding]:
    """:func:`shown` for findings given as a run goes: ``files`` (a run's list, which
    grows) holds every file whose findings have been given."""
    levels: dict[str, Severity] = {}
    done = 0
    for f in findings:
        if len(files) != done:
            merge_levels(levels, _levels(files[done:], lambda item: item.min_severity))
            done = len(files)
        if f.severity.rank >= levels.get(f.path, levels.get(f.document, Severity.INFO)).rank:
            yield f


def merge_levels(levels: dict[str, Severity], more: Mapping[str, Severity]) -> None:
    """Add the levels of more files to ``levels`` (a name's lowest level wins, as in
    :func:`fail_levels` over all the files)."""
    for name, level in more.items():
        levels[name] = min(levels.get(name, level), level, key=lambda s: s.rank)


def _levels(
    files: Iterable[Checked], level_of: Callable[[Checked], Severity]
) -> dict[str, Severity]:
    levels: dict[str, Severity] = {}
    for item in files:
        level = level_of(item)
        # A finding names its file (a source file for the source side of a text pair)
        # and its document; either leads back to the input it came from.
        for name in {item.name, *item.documents, *item.source_paths}:
            levels[name] = min(levels.get(name, level), level, key=lambda s: s.rank)
    return levels


def reaches_fail_level(finding: Finding, levels: Mapping[str, Severity]) -> bool:
    """True when ``finding`` is at or above the fail level of its file (``levels``
    from :func:`fail_levels`; major where the file is unknown)."""
    level = levels.get(finding.path, levels.get(finding.document, Severity.MAJOR))
    return finding.severity.rank >= level.rank
