"""Read-only questions about people: prisoners and the visitors tied to them.

The booking dialog finds a prisoner and lists who may visit them; the visitor form shows one
visitor and the prisoners they are linked to. ``db.queries`` uses ``restrictions`` for the visit panel.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from visitorcentre.core import names
from visitorcentre.core.kinds import RESTRICTION_KIND_LABELS, RestrictionKind
from visitorcentre.core.restrictions import Restriction, in_force
from visitorcentre.core.views import LinkedVisitor, PrisonerBrief, VisitorRecord
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.db import models as m


def restrictions(
    prisoner: m.Prisoner, centre: tuple[Restriction, ...] = (), day: date | None = None
) -> tuple[str, ...]:
    """What the desk must know before a prisoner's visit: no child contact, closed visits, and the
    centre's restrictions (``centre``) in force on ``day``, each with its end and reason."""
    found = []
    active = in_force(centre, day) if day is not None else ()
    kinds = {r.kind for r in active}
    if prisoner.no_child_contact and RestrictionKind.NO_CHILD_CONTACT not in kinds:
        found.append(RESTRICTION_KIND_LABELS[RestrictionKind.NO_CHILD_CONTACT])
    if prisoner.closed_visits and RestrictionKind.CLOSED_VISITS not in kinds:
        found.append(RESTRICTION_KIND_LABELS[RestrictionKind.CLOSED_VISITS])
    return tuple(found) + tuple(r.words for r in active)


def prisoner_brief(prisoner: m.Prisoner) -> PrisonerBrief:
    """A prisoner as the booking dialog and the visitor form list them."""
    return PrisonerBrief(
        id=prisoner.id,
        number=prisoner.prison_number,
        name=prisoner.name,
        establishment=prisoner.establishment,
        location=prisoner.location,
        status=prisoner.status,
        restrictions=restrictions(prisoner),
    )


def find_prisoners(
    session: Session, query: str, establishment: str | None = None, limit: int = 20
) -> list[PrisonerBrief]:
    """Prisoners by prison number or by the start of their names, for the booking dialog."""
    query = query.strip()
    if not query:
        return []
    by_name = and_(
        *[or_(m.Prisoner.first_name.ilike(f"{w}%"), m.Prisoner.last_name.ilike(f"{w}%")) for w in query.split()]
    )
    stmt = select(m.Prisoner).where(or_(m.Prisoner.prison_number == query.upper().replace(" ", ""), by_name))
    if establishment:
        stmt = stmt.where(m.Prisoner.establishment == establishment)
    return [prisoner_brief(p) for p in session.scalars(stmt.order_by(m.Prisoner.last_name).limit(limit))]


def linked_visitors(session: Session, prisoner_id: str) -> list[LinkedVisitor]:
    """Everyone tied to a prisoner, approved first."""
    rows = session.execute(
        select(
            m.Visitor.id,
            m.Visitor.first_name,
            m.Visitor.last_name,
            m.Visitor.date_of_birth,
            m.Relationship.kind,
            m.Relationship.list_status,
        )
        .join(m.Relationship, m.Relationship.visitor_id == m.Visitor.id)
        .where(m.Relationship.prisoner_id == prisoner_id)
    )
    found = [
        LinkedVisitor(vid, names.full_name(first, last), dob, kind, status)
        for vid, first, last, dob, kind, status in rows
    ]
    return sorted(found, key=lambda v: (v.list_status != "approved", v.date_of_birth))


def visitor_record(session: Session, visitor_id: str) -> VisitorRecord | None:
    """Everything the visitor form shows about one visitor, with its version (None if unknown)."""
    visitor = session.get(m.Visitor, visitor_id)
    if visitor is None:
        return None
    details = VisitorDetails(**{f.name: getattr(visitor, f.name) for f in fields(VisitorDetails)})
    prisoners = session.scalars(
        select(m.Prisoner)
        .join(m.Relationship, m.Relationship.prisoner_id == m.Prisoner.id)
        .where(m.Relationship.visitor_id == visitor_id)
    )
    return VisitorRecord(
        visitor_id=visitor.id,
        version=visitor.version,
        details=details,
        prisoners=tuple(prisoner_brief(p) for p in prisoners),
    )


def prisoners_of_visitor(session: Session, visitor_id: str) -> list[PrisonerBrief]:
    """The prisoners a visitor is linked to (any establishment), as the booking dialog lists them."""
    rows = session.scalars(
        select(m.Prisoner)
        .join(m.Relationship, m.Relationship.prisoner_id == m.Prisoner.id)
        .where(m.Relationship.visitor_id == visitor_id)
    )
    return [prisoner_brief(p) for p in rows]
