"""Everyone in the building now at one establishment, as the centre knows it from the desks' syncs.

The same list as the desk's evacuation list (``db/evacuation_queries.py``): today's visits checked
in or in the hall, each person checked in, with the time the desk checked them in. Visits and
their people come from the typed copies (along the establishment-and-day index); names and dates
of birth from typed_visitor; the time from each person's synced record (``outcome_at``, set by
the desk at check-in).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.ages import age_on
from visitorcentre.core.evacuation import EvacuationList, FamilyInside, PersonInside
from visitorcentre.core.kinds import PersonOutcome, VisitStatus
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.establishments import one
from visitorcentre.server.centre.typed import TypedPrisoner, TypedSession, TypedVisit, TypedVisitor, TypedVisitPerson
from visitorcentre.server.models import Document

INSIDE = (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL)


def _time(value: object, fallback: datetime) -> datetime:
    try:
        return datetime.fromisoformat(str(value)) if value else fallback
    except ValueError:
        return fallback


def in_building(session: Session, scope: Scope, code: str, now: datetime) -> EvacuationList:
    """Everyone checked in and not yet out at ``code`` today; NotFound outside ``scope``."""
    place = one(session, scope, code)
    today: date = now.date()
    rows = session.execute(
        select(TypedVisit, TypedVisitPerson, TypedVisitor, TypedSession, TypedPrisoner)
        .join(TypedVisitPerson, TypedVisitPerson.visit_id == TypedVisit.row_id)
        .join(TypedVisitor, TypedVisitor.row_id == TypedVisitPerson.visitor_id)
        .join(TypedSession, TypedSession.row_id == TypedVisit.session_id)
        .outerjoin(TypedPrisoner, TypedPrisoner.row_id == TypedVisit.prisoner_id)
        .where(
            TypedVisit.establishment == place.code,
            TypedVisit.session_date == today,
            TypedVisit.status.in_(INSIDE),
            TypedVisitPerson.outcome == PersonOutcome.CHECKED_IN,
        )
        .order_by(TypedSession.starts_at, TypedVisit.reference, TypedVisitPerson.position)
    ).all()
    times: dict[str, dict] = dict(
        session.execute(
            select(Document.row_id, Document.payload).where(
                Document.entity == "visit_person", Document.row_id.in_([r[1].row_id for r in rows] or [""])
            )
        ).all()
    )
    families: dict[str, tuple[TypedVisit, TypedSession, TypedPrisoner | None, list[PersonInside]]] = {}
    for visit, person, visitor, sitting, prisoner in rows:
        age = age_on(visitor.date_of_birth, today) if visitor.date_of_birth else None
        arrived = _time((times.get(person.row_id) or {}).get("outcome_at"), now)
        inside = PersonInside(
            visitor.row_id,
            f"{visitor.first_name} {visitor.last_name}",
            age is not None and age < place.adult_age,
            age,
            arrived,
        )
        families.setdefault(visit.row_id, (visit, sitting, prisoner, []))[3].append(inside)
    found = [
        FamilyInside(
            visit.row_id,
            visit.reference,
            visit.status,
            f"{prisoner.first_name} {prisoner.last_name}" if prisoner else "",
            sitting.starts_at,
            sitting.room,
            tuple(people),
        )
        for visit, sitting, prisoner, people in families.values()
    ]
    found.sort(key=lambda f: (f.arrived_at, f.reference))
    return EvacuationList(place.code, place.name, now, tuple(found))
