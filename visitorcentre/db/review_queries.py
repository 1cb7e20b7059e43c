"""Read-only questions about visits that need review: the open flags, one visit's flags, and the
nearest sessions with places to move a booking to."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core import review
from visitorcentre.core.errors import NotFound
from visitorcentre.core.views import ReviewFlag, SessionSummary
from visitorcentre.core.words import said
from visitorcentre.db import models as m
from visitorcentre.db.session_queries import session_summaries


def _flag(row: m.VisitReview, visit: m.Visit) -> ReviewFlag:
    lead = visit.party[0].visitor.name if visit.party else ""
    return ReviewFlag(
        id=row.id,
        visit_id=visit.id,
        reference=visit.reference,
        day=visit.session.date,
        starts_at=visit.session.starts_at,
        session_id=visit.session_id,
        lead=lead,
        prisoner=visit.prisoner.name,
        reason=row.reason,
        words=row.words,
        raised_at=row.raised_at,
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolution=row.resolution,
        family_told=row.family_told,
        note=row.note,
    )


def open_reviews(session: Session, establishment: str, today: date) -> list[ReviewFlag]:
    """The flags not yet settled on visits from ``today`` on, soonest visit first."""
    rows = session.execute(
        select(m.VisitReview, m.Visit)
        .join(m.Visit, m.Visit.id == m.VisitReview.visit_id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .where(
            m.VisitReview.resolved_at.is_(None),
            m.VisitReview.establishment == establishment,
            m.VisitSession.date >= today,
        )
        .order_by(m.VisitSession.date, m.VisitSession.starts_at, m.VisitReview.raised_at)
    ).unique()
    return [_flag(row, visit) for row, visit in rows]


def open_review_count(session: Session, establishment: str, today: date) -> int:
    """How many visits from ``today`` on need review (the Today board's count)."""
    return (
        session.scalar(
            select(func.count(func.distinct(m.VisitReview.visit_id)))
            .join(m.Visit, m.Visit.id == m.VisitReview.visit_id)
            .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
            .where(
                m.VisitReview.resolved_at.is_(None),
                m.VisitReview.establishment == establishment,
                m.VisitSession.date >= today,
            )
        )
        or 0
    )


def reviews_of_visit(session: Session, visit_id: str) -> list[ReviewFlag]:
    """Every flag on one visit, open ones first, newest first."""
    visit = session.get(m.Visit, visit_id)
    if visit is None:
        return []
    rows = session.scalars(
        select(m.VisitReview)
        .where(m.VisitReview.visit_id == visit_id)
        .order_by(m.VisitReview.resolved_at.is_not(None), m.VisitReview.raised_at.desc())
    )
    return [_flag(row, visit) for row in rows]


def nearest_with_places(session: Session, visit_id: str, now: datetime, count: int = 3) -> list[SessionSummary]:
    """The ``count`` sessions nearest the visit's own (before or after it, not past, not blocked),
    of the same kind and establishment, with a place left: where a booking can be moved."""
    visit = session.get(m.Visit, visit_id)
    if visit is None:
        return []
    own = visit.session
    slots = session.scalars(
        select(m.VisitSession).where(
            m.VisitSession.establishment == own.establishment,
            m.VisitSession.kind == own.kind,
            m.VisitSession.id != own.id,
            m.VisitSession.date >= now.date(),
            func.trim(m.VisitSession.blocked_reason) == "",
        )
    )
    open_slots = [s for s in slots if s.date > now.date() or s.starts_at > now.time()]
    with_places = [s for s in session_summaries(session, open_slots) if s.booked < s.capacity]
    start = own.start

    def distance(summary: SessionSummary) -> tuple[float, date]:
        return (abs((datetime.combine(summary.date, summary.starts_at) - start).total_seconds()), summary.date)

    return sorted(with_places, key=distance)[:count]


def family_letter(session: Session, review_id: str, now: datetime) -> review.FamilyLetter:
    """What the letter to the family says about one flag: the visit as it stands now, and, while a
    blocked session's flag is open, the nearest sessions with places."""
    flag = session.get(m.VisitReview, review_id)
    if flag is None:
        raise NotFound(said("This desk has no such visit to review."), "review")
    visit = session.get_one(m.Visit, flag.visit_id)
    kind = review.letter_kind(flag.reason, flag.resolution, flag.note)
    choices = nearest_with_places(session, visit.id, now) if kind == review.LETTER_BLOCKED else []
    place = session.scalar(select(m.Establishment).where(m.Establishment.code == visit.establishment))
    # The letter goes to the first of the party still coming (never to someone taken off the visit).
    coming = [p for p in visit.party if p.outcome != "cancelled"] or list(visit.party)
    lead = coming[0].visitor if coming else None
    return review.FamilyLetter(
        language=lead.language if lead else "en",
        lead=lead.name if lead else "",
        establishment=place.name if place else visit.establishment,
        address=place.address if place else "",
        booking_line=place.booking_line if place else "",
        reference=visit.reference,
        prisoner=visit.prisoner.name,
        day=visit.session.date,
        starts_at=visit.session.starts_at,
        kind=kind,
        choices=tuple((c.date, c.starts_at) for c in choices),
    )
