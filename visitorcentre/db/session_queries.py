"""Read-only questions about visit sessions: the Today board and the booking dialog's session picker."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core.kinds import session_counts
from visitorcentre.core.views import SessionSummary
from visitorcentre.db import models as m


def session_summaries(session: Session, slots: list[m.VisitSession]) -> list[SessionSummary]:
    """Each session with how many are booked, expected, arrived and in the hall."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    if slots:
        for session_id, status, count in session.execute(
            select(m.Visit.session_id, m.Visit.status, func.count())
            .where(m.Visit.session_id.in_([s.id for s in slots]))
            .group_by(m.Visit.session_id, m.Visit.status)
        ):
            counts[session_id][status] = count
    summaries = []
    for slot in slots:
        c = counts[slot.id]
        summaries.append(
            SessionSummary(
                id=slot.id,
                establishment=slot.establishment,
                date=slot.date,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                room=slot.room,
                kind=slot.kind,
                capacity=slot.capacity,
                **session_counts(c),
                blocked_reason=slot.blocked_reason.strip(),
            )
        )
    return summaries


def sessions_on(session: Session, day: date, establishment: str | None = None) -> list[SessionSummary]:
    """The day's sessions (the Today board), earliest first, with their counts."""
    query = select(m.VisitSession).where(m.VisitSession.date == day)
    if establishment:
        query = query.where(m.VisitSession.establishment == establishment)
    return session_summaries(
        session, list(session.scalars(query.order_by(m.VisitSession.starts_at, m.VisitSession.room)))
    )


def bookable_sessions(session: Session, establishment: str, now: datetime, days: int = 28) -> list[SessionSummary]:
    """Sessions from now over the next ``days`` days, for the booking dialog's session picker.

    A session the prison has blocked (cancelled) is not offered.
    """
    slots = session.scalars(
        select(m.VisitSession)
        .where(
            m.VisitSession.establishment == establishment,
            m.VisitSession.date >= now.date(),
            m.VisitSession.date <= now.date() + timedelta(days=days),
            func.trim(m.VisitSession.blocked_reason) == "",
        )
        .order_by(m.VisitSession.date, m.VisitSession.starts_at)
    )
    return session_summaries(session, [s for s in slots if s.date > now.date() or s.ends_at > now.time()])
