"""The coming sessions of an establishment, week by week, with places booked and left.

Read from the typed copies (typed_session along its establishment-and-day index, typed_visit
along session and status), a few weeks at a time: never the whole timetable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.kinds import SESSION_KIND_LABELS
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable_bookings import places_taken
from visitorcentre.server.centre.timetable_models import BlockedDate, TimetableSession
from visitorcentre.server.centre.typed import TypedSession

WEEKS_SHOWN = 4


@dataclass(frozen=True)
class SessionLine:
    id: str
    date: date
    starts_at: time
    ends_at: time
    room: str
    kind: str  # in words
    capacity: int
    booked: int
    blocked_reason: str
    weekly: bool  # made by a weekly session (else a one-off)

    @property
    def left(self) -> int:
        return 0 if self.blocked_reason else max(self.capacity - self.booked, 0)


@dataclass(frozen=True)
class Week:
    starts_on: date  # a Monday
    sessions: list[SessionLine]
    blocked_days: dict[date, str]  # day: reason


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def coming_weeks(
    session: Session, reach: Reach, establishment: str, first: date, weeks: int = WEEKS_SHOWN
) -> list[Week]:
    """``weeks`` weeks of sessions from the week holding ``first``, each with its blocked days."""
    code = reach.check(establishment)
    start = monday(first)
    end = start + timedelta(days=7 * weeks - 1)
    rows = session.scalars(
        select(TypedSession)
        .where(TypedSession.establishment == code, TypedSession.date.between(start, end))
        .order_by(TypedSession.date, TypedSession.starts_at, TypedSession.room)
    ).all()
    ids = [r.row_id for r in rows]
    taken = places_taken(session, ids)
    weekly: set[str] = set()
    for chunk in range(0, len(ids), 500):
        weekly.update(
            session.scalars(
                select(TimetableSession.session_id).where(
                    TimetableSession.session_id.in_(ids[chunk : chunk + 500]),
                    TimetableSession.template_id.is_not(None),
                )
            )
        )
    blocked = dict(
        session.execute(
            select(BlockedDate.date, BlockedDate.reason).where(
                BlockedDate.establishment == code,
                BlockedDate.date.between(start, end),
                BlockedDate.unblocked_at.is_(None),
            )
        ).all()
    )
    result = []
    for number in range(weeks):
        week_start = start + timedelta(days=7 * number)
        week_end = week_start + timedelta(days=6)
        lines = [
            SessionLine(
                r.row_id,
                r.date,
                r.starts_at,
                r.ends_at,
                r.room,
                SESSION_KIND_LABELS.get(r.kind, r.kind),
                r.capacity,
                taken.get(r.row_id, 0),
                r.blocked_reason.strip(),
                r.row_id in weekly,
            )
            for r in rows
            if week_start <= r.date <= week_end
        ]
        days = {d: reason for d, reason in blocked.items() if week_start <= d <= week_end}
        result.append(Week(week_start, lines, days))
    return result
