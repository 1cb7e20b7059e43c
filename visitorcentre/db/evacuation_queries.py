"""Who is in the building now, read from the desk's own records (works offline).

Everyone checked in today at the establishment whose visit is checked in or in the hall (not yet
checked out, not refused after check-in), with the time the desk's check-in record gives.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core.ages import age_on
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.evacuation import EvacuationList, FamilyInside, PersonInside
from visitorcentre.core.kinds import PersonOutcome, VisitStatus
from visitorcentre.core.words import said
from visitorcentre.db import models as m

#: Visits whose family is in the building.
INSIDE = (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL)


def in_building(session: Session, establishment: str, now: datetime) -> EvacuationList:
    """Everyone in the building at ``establishment`` now, family by family, earliest arrival first.

    Raises InvalidInput (field "establishment") for a code the desk does not know.
    """
    place = session.scalar(select(m.Establishment).where(m.Establishment.code == establishment))
    if place is None:
        raise InvalidInput(
            said("There is no establishment with the code “{code}”.", code=establishment), "establishment"
        )
    today = now.date()
    arrived = (
        select(
            m.CheckInEvent.visit_id.label("visit_id"),
            m.CheckInEvent.visitor_id.label("visitor_id"),
            func.max(m.CheckInEvent.at).label("at"),
        )
        .where(m.CheckInEvent.event == "checked_in")
        .group_by(m.CheckInEvent.visit_id, m.CheckInEvent.visitor_id)
        .subquery()
    )
    rows = session.execute(
        select(m.Visit, m.VisitPerson, m.Visitor, arrived.c.at)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .join(m.VisitPerson, m.VisitPerson.visit_id == m.Visit.id)
        .join(m.Visitor, m.Visitor.id == m.VisitPerson.visitor_id)
        .outerjoin(arrived, (arrived.c.visit_id == m.Visit.id) & (arrived.c.visitor_id == m.VisitPerson.visitor_id))
        .where(
            m.VisitSession.establishment == establishment,
            m.VisitSession.date == today,
            m.Visit.status.in_(INSIDE),
            m.VisitPerson.outcome == PersonOutcome.CHECKED_IN,
        )
        .order_by(m.VisitSession.starts_at, m.Visit.reference, m.VisitPerson.position)
    ).all()
    families: dict[str, tuple[m.Visit, list[PersonInside]]] = {}
    for visit, person, visitor, at in rows:
        age = age_on(visitor.date_of_birth, today) if visitor.date_of_birth else None
        when = at or person.outcome_at or visit.checked_in_at or now
        inside = PersonInside(visitor.id, visitor.name, age is not None and age < place.adult_age, age, when)
        families.setdefault(visit.id, (visit, []))[1].append(inside)
    found = [
        FamilyInside(
            visit.id,
            visit.reference,
            visit.status,
            visit.prisoner.name,
            visit.session.starts_at,
            visit.session.room,
            tuple(people),
        )
        for visit, people in families.values()
    ]
    found.sort(key=lambda f: (f.arrived_at, f.reference))
    return EvacuationList(establishment, place.name, now, tuple(found))
