"""Dated sessions one by one: one-off sessions, changing a session, blocking a session or a whole day.

A session that has visits booked is never changed or blocked on the first asking: the service
raises ``BookingsAffected`` with the bookings (reference, prisoner, lead visitor, party size),
and the page shows them and asks; the second call, with ``confirmed=True``, goes ahead. A blocked
day blocks every session on it and stops the timetable making new ones there; unblocking the day
reopens only the sessions that blocking it closed. Every change reaches the desks through
``store.save`` and is in the central audit log with the reason given.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.server.centre import audit, store
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable import (
    Made,
    create_session,
    known_establishment,
    make_sessions,
    save_session,
    session_fields,
)
from visitorcentre.server.centre.timetable_bookings import BookingsAffected, bookings, places_taken
from visitorcentre.server.centre.timetable_input import SessionPlan, read_reason, stamp, when
from visitorcentre.server.centre.timetable_models import BlockedDate, TimetableSession
from visitorcentre.server.centre.typed import TypedSession


def session_record(session: Session, reach: Reach, session_id: str) -> dict:
    """One dated session the user may see (the record as desks have it), or NotFound."""
    record = store.current(session, "visit_session", session_id)
    if record is None or not reach.sees(str(record.get("establishment", ""))):
        raise NotFound("There is no such session.", "session")
    return record


def _starts(record: dict) -> tuple[date, time]:
    return date.fromisoformat(str(record["date"])), time.fromisoformat(str(record["starts_at"]))


def day_block(session: Session, establishment: str, day: date) -> BlockedDate | None:
    """The block on ``day`` at the establishment, if the day is blocked."""
    return session.scalars(
        select(BlockedDate).where(
            BlockedDate.establishment == establishment, BlockedDate.date == day, BlockedDate.unblocked_at.is_(None)
        )
    ).first()


def _not_past(day: date, today: date, field: str = "date") -> None:
    if day < today:
        raise InvalidInput("The date must be today or later.", field)


def _ask_first(session: Session, session_ids: list[str], confirmed: bool, what: str) -> None:
    if confirmed:
        return
    booked = bookings(session, session_ids)
    if booked:
        visits = "1 visit is" if len(booked) == 1 else f"{len(booked)} visits are"
        raise BookingsAffected(f"{visits} booked {what}. Check the list, then confirm to go ahead.", booked)


def _tracked(session: Session, record: dict) -> TimetableSession:
    row = session.get(TimetableSession, record["id"])
    if row is None:  # a session the timetable did not make (an older server's, the demo's)
        row = TimetableSession(
            session_id=record["id"],
            establishment=record["establishment"],
            date=date.fromisoformat(str(record["date"])),
            template_id=None,
            blocked_by="",
        )
        session.add(row)
    return row


def add_one_off(
    session: Session, reach: Reach, establishment: str, day: date, plan: SessionPlan, today: date, now: datetime
) -> str:
    """A session on one date only (a family day, an extra session); returns its id."""
    code = known_establishment(session, reach, establishment)
    _not_past(day, today)
    block = day_block(session, code, day)
    if block is not None:
        raise InvalidInput(f"That day is blocked ({block.reason}); unblock the day first.", "date")
    return create_session(session, reach, code, None, day, plan, now)


def change_session(
    session: Session, reach: Reach, session_id: str, plan: SessionPlan, confirmed: bool, today: date, now: datetime
) -> dict:
    """Change one session's times, room, kind or capacity (asking first when visits are booked)."""
    record = session_record(session, reach, session_id)
    code = reach.check(record["establishment"])
    day, _start = _starts(record)
    _not_past(day, today, "session")
    fields = session_fields(code, day, plan)
    if all(str(record.get(k)) == str(v) for k, v in fields.items()):
        raise InvalidInput("Nothing has changed: change a time, the room, the kind or the capacity.", "starts_at")
    taken = places_taken(session, [session_id]).get(session_id, 0)
    if plan.capacity < taken:
        raise InvalidInput(
            f"{taken} visits are booked in this session: the capacity cannot be less than {taken}.", "capacity"
        )
    _ask_first(session, [session_id], confirmed, "in this session")
    return save_session(
        session,
        reach,
        session_id,
        fields,
        "timetable.session_changed",
        f"Changed the session on {when(day, plan.starts_at)}",
        now,
    )


def block_session(
    session: Session, reach: Reach, session_id: str, reason: str, confirmed: bool, today: date, now: datetime
) -> dict:
    """Block (cancel) one session with a reason the desks show (asking first when visits are booked)."""
    record = session_record(session, reach, session_id)
    reason = read_reason(reason)
    reach.check(record["establishment"])
    day, start = _starts(record)
    _not_past(day, today, "session")
    if str(record.get("blocked_reason") or "").strip():
        raise NotAllowed(f"This session is already blocked: {record['blocked_reason']}", "session")
    _ask_first(session, [session_id], confirmed, "in this session")
    _tracked(session, record).blocked_by = "session"
    return save_session(
        session,
        reach,
        session_id,
        {"blocked_reason": reason},
        "timetable.session_blocked",
        f"Blocked the session on {when(day, start)}: {reason}",
        now,
    )


def unblock_session(session: Session, reach: Reach, session_id: str, reason: str, today: date, now: datetime) -> dict:
    """Open a blocked session again, saying why."""
    record = session_record(session, reach, session_id)
    reason = read_reason(reason, what="why the session is open again")
    code = reach.check(record["establishment"])
    day, start = _starts(record)
    _not_past(day, today, "session")
    if not str(record.get("blocked_reason") or "").strip():
        raise NotAllowed("This session is not blocked.", "session")
    block = day_block(session, code, day)
    if block is not None:
        raise NotAllowed(f"The whole day is blocked ({block.reason}); unblock the day instead.", "session")
    _tracked(session, record).blocked_by = ""
    return save_session(
        session,
        reach,
        session_id,
        {"blocked_reason": ""},
        "timetable.session_unblocked",
        f"Unblocked the session on {when(day, start)}: {reason}",
        now,
    )


def _day_sessions(session: Session, code: str, day: date) -> list[TypedSession]:
    return list(
        session.scalars(
            select(TypedSession)
            .where(TypedSession.establishment == code, TypedSession.date == day)
            .order_by(TypedSession.starts_at, TypedSession.room)
        )
    )


def block_date(
    session: Session,
    reach: Reach,
    establishment: str,
    day: date,
    reason: str,
    confirmed: bool,
    today: date,
    now: datetime,
) -> int:
    """Block a whole day: every open session on it, and no new ones (asking first when visits are booked).

    Returns how many sessions it blocked.
    """
    code = known_establishment(session, reach, establishment)
    reason = read_reason(reason)
    _not_past(day, today)
    found = day_block(session, code, day)
    if found is not None:
        raise NotAllowed(f"That day is already blocked: {found.reason}", "date")
    open_ones = [s for s in _day_sessions(session, code, day) if not s.blocked_reason.strip()]
    _ask_first(session, [s.row_id for s in open_ones], confirmed, f"on {day:%A} {day.day} {day:%B %Y}")
    block = BlockedDate(
        id=store.new_id(), establishment=code, date=day, reason=reason, blocked_by=reach.actor, blocked_at=stamp(now)
    )
    session.add(block)
    for typed_row in open_ones:
        record = session_record(session, reach, typed_row.row_id)
        _tracked(session, record).blocked_by = "date"
        save_session(
            session,
            reach,
            typed_row.row_id,
            {"blocked_reason": reason},
            "timetable.session_blocked",
            f"Blocked the session on {when(day, typed_row.starts_at)} (the whole day is blocked): {reason}",
            now,
        )
    session.flush()
    audit.record(
        session,
        actor=reach.actor,
        action="timetable.date_blocked",
        entity="blocked_date",
        entity_id=block.id,
        establishment=code,
        summary=f"Blocked {day:%A} {day.day} {day:%B %Y}: {reason}",
        now=now,
        after={"date": day.isoformat(), "reason": reason, "sessions_blocked": len(open_ones)},
    )
    return len(open_ones)


def unblock_date(
    session: Session, reach: Reach, establishment: str, day: date, reason: str, today: date, now: datetime
) -> Made:
    """Unblock a day, saying why: what blocking it closed opens again, and the day's weekly sessions are made."""
    code = known_establishment(session, reach, establishment)
    reason = read_reason(reason, what="why the day is open again")
    _not_past(day, today)
    block = day_block(session, code, day)
    if block is None:
        raise NotAllowed("That day is not blocked.", "date")
    block.unblocked_at = stamp(now)
    block.unblocked_by = reach.actor
    block.unblocked_reason = reason
    closed_by_day = session.scalars(
        select(TimetableSession).where(
            TimetableSession.establishment == code, TimetableSession.date == day, TimetableSession.blocked_by == "date"
        )
    ).all()
    for row in closed_by_day:
        row.blocked_by = ""
        record = session_record(session, reach, row.session_id)
        _day, start = _starts(record)
        save_session(
            session,
            reach,
            row.session_id,
            {"blocked_reason": ""},
            "timetable.session_unblocked",
            f"Unblocked the session on {when(day, start)} (the day is unblocked): {reason}",
            now,
        )
    session.flush()
    audit.record(
        session,
        actor=reach.actor,
        action="timetable.date_unblocked",
        entity="blocked_date",
        entity_id=block.id,
        establishment=code,
        summary=f"Unblocked {day:%A} {day.day} {day:%B %Y}: {reason}",
        now=now,
        before={"date": day.isoformat(), "reason": block.reason},
        after={"date": day.isoformat(), "unblocked_reason": reason},
    )
    return make_sessions(session, reach, code, today, now)
