"""Settings for an audit run.

:class:`AuditConfig` is a plain, picklable value: the selected checks, the compiled
glossary, the fail level, severity overrides and per-check options. The same value
drives the CLI, a process pool or a cluster worker.

Defaults:

- all registered checks run (``select`` empty, ``ignore`` empty);
- the bundled glossaries (``glossaries/*.yaml``) are loaded unless turned off;
- ``fail_on`` is ``major``: a run fails when a finding is major or critical.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError
from audit.findings import Severity
from audit.values import Frozen

if TYPE_CHECKING:
    from audit.engine.check import Check
    from audit.glossary import GlossaryMatcher

DEFAULT_FAIL_ON = Severity.MAJOR


class AuditConfig(Frozen):
    """Everything :func:`audit.engine.audit_document` needs besides the document.

    Immutable, compared and pickled as the frozen dataclass it was (audit/values.py)."""

    __slots__ = ("checks", "matcher", "fail_on", "severity_overrides", "options")
    checks: tuple[Check, ...]
    matcher: GlossaryMatcher | None
    fail_on: Severity
    severity_overrides: dict[str, Severity]
    options: dict[str, dict[str, Any]]

    def __init__(
        self,
        checks: tuple[Check, ...],
        matcher: GlossaryMatcher | None = None,
        fail_on: Severity = DEFAULT_FAIL_ON,
        severity_overrides: dict[str, Severity] | None = None,
        options: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "checks", checks)
        set_(self, "matcher", matcher)
        set_(self, "fail_on", fail_on)
        set_(self, "severity_overrides", {} if severity_overrides is None else severity_overrides)
        set_(self, "options", {} if options is None else options)

    @classmethod
    def create(
        cls,
        *,
        glossaries: Iterable[str | Path] = (),
        default_glossaries: bool = True,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        fail_on: Severity | str = DEFAULT_FAIL_ON,
        severity_overrides: dict[str, Severity] | None = None,
        options: dict[str, dict[str, Any]] | None = None,
        matchers: dict[tuple[str, ...], GlossaryMatcher | None] | None = None,
    ) -> AuditConfig:
        """Build a configuration from user-level settings (paths and selectors).

        ``matchers`` caches compiled glossaries by their paths: configurations that
        differ only in checks or options share one (a server's requests all see the
        glossaries it loaded, never a file being rewritten)."""
        from audit.checks import selected_checks
        from audit.glossary import bundled_glossary_paths
        from audit.glossary.compiled import load_compiled

        paths: list[str | Path] = list(bundled_glossary_paths()) if default_glossaries else []
        paths.extend(glossaries)
        key = tuple(str(p) for p in paths)
        if matchers is not None and key in matchers:
            matcher = matchers[key]
        else:
            matcher = load_compiled(paths) if paths else None
            if matchers is not None:
                matchers[key] = matcher
        try:
            level = Severity.parse(fail_on) if isinstance(fail_on, str) else fail_on
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        return cls(
            # registered checks, each module imported when its check first runs
            checks=selected_checks(select, ignore),
            matcher=matcher,
            fail_on=level,
            severity_overrides=dict(severity_overrides or {}),
            options=dict(options or {}),
        )

    def matcher_for(self, language: str) -> GlossaryMatcher | None:
        """The glossary matcher for a target language, if the glossary applies to it."""
        if self.matcher is None:
            return None
        glossary_lang = self.matcher.glossary.language
        if glossary_lang and glossary_lang.split("-")[0] != language.split("-")[0]:
            return None
        return self.matcher
