"""The desk's clock: wall-clock time for the visiting day, UTC for record stamps."""

from __future__ import annotations

from datetime import UTC, date, datetime


class Clock:
    """The desk's clock; tests pass a fixed one."""

    def now(self) -> datetime:
        """Wall-clock time at the establishment (used for the visiting day)."""
        return datetime.now().replace(microsecond=0)

    def utcnow(self) -> datetime:
        """UTC time for record stamps."""
        return datetime.now(UTC).replace(tzinfo=None)

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    """A clock that stands still (tests, demo activity replay)."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def utcnow(self) -> datetime:
        return self.moment
