"""Dates of documents, reporting periods and weeks.

A report covers an inclusive range of calendar days. Documents are dated by their own
metadata (the ``date`` field of a JSON Lines record) or, failing that, by the
modification time of their file. Only the calendar day counts: times and time zones in
metadata are dropped after parsing, so a day means the day printed on the article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from audit.errors import ConfigError


def parse_day(value: str) -> dt.date:
    """``2020-01-20``, ``2020-01-20T10:00:00Z`` or ``2020-01-20 10:00+02:00`` -> the day.

    Raises ``ValueError`` with a readable message; callers add the file and line.
    """
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"unreadable date {value!r} (expected YYYY-MM-DD or an ISO 8601 timestamp)"
        ) from None


def option_day(value: str | None, option: str) -> dt.date | None:
    """A ``--since``/``--until`` value, with the option named in the error."""
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise ConfigError(f"{option}: {exc}") from None


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts the ISO week of ``day``; weeks are labelled by it."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Window:
    """Inclusive day range; an open end (``None``) accepts every day on that side."""

    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"--since {self.since} is after --until {self.until}")

    def contains(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    @property
    def days(self) -> int | None:
        if self.since is None or self.until is None:
            return None
        return (self.until - self.since).days + 1

    def previous(self) -> Window | None:
        """The window of the same length that ends the day before this one starts.

        ``None`` when this window has an open end: there is nothing to compare with.
        """
        if self.days is None or self.since is None:
            return None
        end = self.since - dt.timedelta(days=1)
        return Window(end - dt.timedelta(days=self.days - 1), end)

    def label(self, first: str | None = None, last: str | None = None) -> str:
        """``2026-11-30 to 2026-12-06``; an open end reads as the day of the first or last
        document audited (``first``, ``last``), where known."""
        since = self.since.isoformat() if self.since else first or "the first document"
        until = self.until.isoformat() if self.until else last or "the last document"
        return since if since == until else f"{since} to {until}"


@dataclass(frozen=True)
class Periods:
    """The reported window and the one before it, which is audited for comparison."""

    current: Window
    previous: Window | None

    @classmethod
    def create(cls, since: dt.date | None, until: dt.date | None) -> Periods:
        current = Window(since, until)
        try:
            previous = current.previous()
        except OverflowError:
            raise ConfigError(
                f"--since {since}: the period before it, compared with it, would begin "
                "before the year 1; give a later date"
            ) from None
        return cls(current, previous)

    def period_of(self, day: dt.date) -> str | None:
        """``"current"``, ``"previous"`` or ``None`` (outside both: not audited)."""
        if self.current.contains(day):
            return "current"
        if self.previous is not None and self.previous.contains(day):
            return "previous"
        return None
