"""The visits booked into sessions, as the timetable needs them: places taken, and who is booked.

Read from the typed copies (typed_visit, typed_visit_person, typed_prisoner, typed_visitor) along
their indexes. ``BookingsAffected`` is what a change to a booked session raises until the person
confirms it: it carries the bookings to show.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.kinds import PLACE_TAKING
from visitorcentre.server.centre.typed import TypedPrisoner, TypedVisit, TypedVisitor, TypedVisitPerson

_TAKING = sorted(str(s) for s in PLACE_TAKING)


@dataclass(frozen=True)
class Booking:
    """One visit booked into a session, as the timetable lists it."""

    visit_id: str
    reference: str
    status: str
    prisoner: str  # "Seán MacDonald (A1234BC)"
    lead_visitor: str
    party_size: int


class BookingsAffected(VisitorCentreError):
    """The session (or day) has visits booked: say so, list them, and ask before going on."""

    def __init__(self, message: str, bookings: list[Booking]):
        super().__init__(message, "confirm")
        self.bookings = bookings


def places_taken(session: Session, session_ids: Collection[str]) -> dict[str, int]:
    """How many visits still take a place in each session (only sessions with any are named)."""
    taken: dict[str, int] = {}
    ids = sorted(set(session_ids))
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(TypedVisit.session_id, func.count())
            .where(TypedVisit.session_id.in_(ids[start : start + 500]), TypedVisit.status.in_(_TAKING))
            .group_by(TypedVisit.session_id)
        )
        taken.update({session_id: count for session_id, count in rows})
    return taken


def bookings(session: Session, session_ids: Collection[str], limit: int = 500) -> list[Booking]:
    """The visits that take a place in these sessions: reference, prisoner, lead visitor, party size."""
    if not session_ids:
        return []
    visits = session.execute(
        select(TypedVisit.row_id, TypedVisit.reference, TypedVisit.status, TypedPrisoner)
        .outerjoin(TypedPrisoner, TypedPrisoner.row_id == TypedVisit.prisoner_id)
        .where(TypedVisit.session_id.in_(sorted(session_ids)), TypedVisit.status.in_(_TAKING))
        .order_by(TypedVisit.reference)
        .limit(limit)
    ).all()
    ids = [row[0] for row in visits]
    party: dict[str, list[tuple[int, str]]] = {}
    if ids:
        for visit_id, position, first, last in session.execute(
            select(
                TypedVisitPerson.visit_id, TypedVisitPerson.position, TypedVisitor.first_name, TypedVisitor.last_name
            )
            .outerjoin(TypedVisitor, TypedVisitor.row_id == TypedVisitPerson.visitor_id)
            .where(TypedVisitPerson.visit_id.in_(ids))
        ):
            party.setdefault(visit_id, []).append((position, f"{first or ''} {last or ''}".strip()))
    found = []
    for visit_id, reference, status, prisoner in visits:
        people = sorted(party.get(visit_id, []))
        who = f"{prisoner.first_name} {prisoner.last_name} ({prisoner.prison_number})" if prisoner else "Not known"
        lead = (people[0][1] or "Not known") if people else "Not known"
        found.append(Booking(visit_id, reference, status, who, lead, len(people)))
    return found
