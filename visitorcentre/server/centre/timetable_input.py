"""Reading what a person typed into the timetable's forms: each value checked, each mistake naming its field.

Dates are taken as 2026-12-07 or 7/12/2026 (years 1900 to 2100); times on the 24-hour clock
(14:00); the session kinds are those of ``core.kinds.SessionKind``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.kinds import SESSION_KIND_LABELS, SessionKind

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_CAPACITY = 500
MAX_REASON = 2000
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class SessionPlan:
    """One session's times, room, kind and capacity, checked."""

    starts_at: time
    ends_at: time
    room: str
    kind: str
    capacity: int


@dataclass(frozen=True)
class TemplatePlan:
    """A weekly session, checked."""

    weekday: int
    session: SessionPlan
    valid_from: date
    valid_until: date | None


def read_date(value: str, field: str, label: str, required: bool = True) -> date | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise InvalidInput(f"Enter the {label}.", field)
        return None
    found = _DMY.match(text)
    try:
        day = date(int(found[3]), int(found[2]), int(found[1])) if found else date.fromisoformat(text)
        if not 1900 <= day.year <= 2100:
            raise ValueError(text)
        return day
    except ValueError:
        raise InvalidInput(f"The {label} must be a real date, like 7/12/2026.", field) from None


def read_time(value: str, field: str, label: str) -> time:
    text = (value or "").strip().replace(".", ":")
    if not text:
        raise InvalidInput(f"Enter the {label}.", field)
    try:
        if not re.fullmatch(r"\d{1,2}:\d{2}", text):
            raise ValueError(text)
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise InvalidInput(f"The {label} must be a time on the 24-hour clock, like 14:00.", field) from None


def read_room(value: str) -> str:
    room = " ".join((value or "").split())
    if not room:
        raise InvalidInput("Enter the room, like Visits hall.", "room")
    if len(room) > 40:
        raise InvalidInput("The room must be 40 characters or fewer.", "room")
    return room


def read_kind(value: str) -> str:
    kind = (value or "").strip()
    if kind not in SESSION_KIND_LABELS:
        raise InvalidInput("Choose the kind of session from the list.", "kind")
    return SessionKind(kind).value


def read_capacity(value: str) -> int:
    text = (value or "").strip()
    if not text:
        raise InvalidInput("Enter how many visits the session can take.", "capacity")
    if not text.isdigit() or not 1 <= int(text) <= MAX_CAPACITY:
        raise InvalidInput(f"The capacity must be a whole number from 1 to {MAX_CAPACITY}.", "capacity")
    return int(text)


def read_weekday(value: str) -> int:
    text = (value or "").strip()
    for number, name in enumerate(WEEKDAYS):
        if text in (str(number), name, name.lower()):
            return number
    raise InvalidInput("Choose the day of the week.", "weekday")


def read_reason(value: str, field: str = "reason", what: str = "the reason") -> str:
    reason = " ".join((value or "").split())
    if not reason:
        raise InvalidInput(f"Enter {what}.", field)
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"The reason must be {MAX_REASON} characters or fewer.", field)
    if "\x00" in reason or not reason.isprintable():
        raise InvalidInput("The reason holds a character that cannot be stored.", field)
    return reason


def read_session(starts_at: str, ends_at: str, room: str, kind: str, capacity: str) -> SessionPlan:
    """A session's times, room, kind and capacity; the end must come after the start."""
    start = read_time(starts_at, "starts_at", "start time")
    end = read_time(ends_at, "ends_at", "end time")
    if end <= start:
        raise InvalidInput("The end time must be after the start time.", "ends_at")
    return SessionPlan(start, end, read_room(room), read_kind(kind), read_capacity(capacity))


def read_template(
    weekday: str, starts_at: str, ends_at: str, room: str, kind: str, capacity: str, valid_from: str, valid_until: str
) -> TemplatePlan:
    """A weekly session: its day, its session, and the dates it runs between (until may be left empty)."""
    day = read_weekday(weekday)
    plan = read_session(starts_at, ends_at, room, kind, capacity)
    first = read_date(valid_from, "valid_from", "date it starts")
    last = read_date(valid_until, "valid_until", "date it ends", required=False)
    assert first is not None
    if last is not None and last <= first:
        raise InvalidInput("The date it ends must be after the date it starts.", "valid_until")
    return TemplatePlan(day, plan, first, last)


def when(day: date, start: time) -> str:
    """ "Monday 7 December 2026 at 14:00", for messages and the audit log."""
    return f"{day:%A} {day.day} {day:%B %Y} at {start:%H:%M}"


def stamp(now: datetime) -> datetime:
    return now.replace(tzinfo=None, microsecond=0)
