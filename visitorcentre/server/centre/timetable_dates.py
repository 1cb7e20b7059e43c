"""Which dates a weekly session template runs on: pure date arithmetic, no database."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date, timedelta

DEFAULT_WEEKS = 8  # how far ahead the timetable makes dated sessions


def template_dates(
    weekday: int,
    valid_from: date,
    valid_until: date | None,
    first: date,
    last: date,
    blocked: Collection[date] = (),
) -> Iterator[date]:
    """Every date from ``first`` to ``last`` (both included) on ``weekday`` (Monday 0) inside the
    template's validity and not on a ``blocked`` date, earliest first."""
    start = max(first, valid_from)
    end = last if valid_until is None else min(last, valid_until)
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    while day <= end:
        if day not in blocked:
            yield day
        day += timedelta(days=7)


def window(today: date, weeks: int = DEFAULT_WEEKS) -> tuple[date, date]:
    """The dates the timetable keeps made: from today for ``weeks`` weeks."""
    return today, today + timedelta(days=7 * weeks - 1)
