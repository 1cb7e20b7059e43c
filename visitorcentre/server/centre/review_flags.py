"""The visits that need review at one establishment, as its desks raised and settled them (the
``visit_review`` flags they sync): every flag still open on a visit from today on, and those settled
in the last fortnight, with the visit's day, reference, prisoner and lead visitor.

Read from the typed copies (``typed_visit_review`` along its establishment-and-day index, joined
to the visit, its session, prisoner and lead visitor).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from visitorcentre.core import review
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.establishments import Establishment, one
from visitorcentre.server.centre.typed import (
    TypedPrisoner,
    TypedSession,
    TypedVisit,
    TypedVisitor,
    TypedVisitPerson,
    TypedVisitReview,
)

#: How far back a settled flag is still shown.
RECENT = timedelta(days=14)
#: The most flags one page lists.
LIMIT = 200
_TOLD = {"printed": "Printed letter", "phoned": "Phoned", "": "Not told yet"}


@dataclass(frozen=True)
class FlagLine:
    """One flag as the console lists it."""

    id: str
    reference: str
    day: date | None
    starts_at: time | None
    prisoner: str
    lead: str
    reason: str
    words: str
    raised_at: datetime | None
    resolved_at: datetime | None
    resolved_by: str
    resolution: str
    family_told: str

    @property
    def open(self) -> bool:
        return self.resolved_at is None

    @property
    def settled_words(self) -> str:
        """How it was settled, e.g. "Checked, goes ahead — by Ann Desk; family: Phoned"."""
        label = review.RESOLUTION_LABELS.get(self.resolution, self.resolution or "Settled")
        return f"{label} — by {self.resolved_by or 'a desk'}; family: {_TOLD.get(self.family_told, self.family_told)}"


@dataclass(frozen=True)
class EstablishmentFlags:
    place: Establishment
    open: tuple[FlagLine, ...]
    settled: tuple[FlagLine, ...]
    limited: bool = False  # more than LIMIT: only the soonest are listed


def flags(session: Session, scope: Scope, code: str, now: datetime) -> EstablishmentFlags:
    """The open flags on visits from today on and the flags settled since ``now - RECENT`` at ``code``;
    NotFound outside ``scope``."""
    place = one(session, scope, code)
    today = now.date()
    rows = session.execute(
        select(TypedVisitReview, TypedVisit, TypedSession, TypedPrisoner)
        .join(TypedVisit, TypedVisit.row_id == TypedVisitReview.visit_id)
        .outerjoin(TypedSession, TypedSession.row_id == TypedVisit.session_id)
        .outerjoin(TypedPrisoner, TypedPrisoner.row_id == TypedVisit.prisoner_id)
        .where(
            TypedVisitReview.establishment == place.code,
            or_(
                and_(TypedVisitReview.resolved_at.is_(None), TypedVisit.session_date >= today),
                TypedVisitReview.resolved_at >= now - RECENT,
            ),
        )
        .order_by(TypedVisit.session_date, TypedSession.starts_at, TypedVisitReview.raised_at)
        .limit(LIMIT)
    ).all()
    leads = _leads(session, [visit.row_id for _flag, visit, _s, _p in rows])
    lines = [
        FlagLine(
            id=flag.row_id,
            reference=visit.reference,
            day=visit.session_date,
            starts_at=sitting.starts_at if sitting else None,
            prisoner=f"{prisoner.first_name} {prisoner.last_name}" if prisoner else "",
            lead=leads.get(visit.row_id, ""),
            reason=flag.reason,
            words=flag.words,
            raised_at=flag.raised_at,
            resolved_at=flag.resolved_at,
            resolved_by=flag.resolved_by,
            resolution=flag.resolution,
            family_told=flag.family_told,
        )
        for flag, visit, sitting, prisoner in rows
    ]
    settled = sorted((f for f in lines if not f.open), key=lambda f: f.resolved_at or now, reverse=True)
    return EstablishmentFlags(place, tuple(f for f in lines if f.open), tuple(settled), len(rows) == LIMIT)


def _leads(session: Session, visit_ids: list[str]) -> dict[str, str]:
    """Each visit's lead visitor's name (the first of its party)."""
    found: dict[str, str] = {}
    for start in range(0, len(visit_ids), 500):
        for visit_id, first, last in session.execute(
            select(TypedVisitPerson.visit_id, TypedVisitor.first_name, TypedVisitor.last_name)
            .join(TypedVisitor, TypedVisitor.row_id == TypedVisitPerson.visitor_id)
            .where(TypedVisitPerson.visit_id.in_(visit_ids[start : start + 500]))
            .order_by(TypedVisitPerson.visit_id, TypedVisitPerson.position)
        ):
            found.setdefault(visit_id, f"{first} {last}")
    return found
