"""Read-only questions about people: prisoners and the visitors tied to them.

The booking dialog finds a prisoner and lists who may visit them; the visitor form shows one
visitor and the prisoners they are linked to. ``db.queries`` uses ``restrictions`` for the visit panel.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import checks, names
from visitorcentre.core.kinds import BanScope
from visitorcentre.core.restrictions import Restriction, to_know
from visitorcentre.core.views import LinkedVisitor, PrisonerBrief, VisitorRecord
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.db import facts
from visitorcentre.db import models as m


def restrictions(
    prisoner: m.Prisoner, centre: tuple[Restriction, ...] = (), day: date | None = None
) -> tuple[str, ...]:
    """What the desk must know before a prisoner's visit: no child contact, closed visits, and the
    centre's restrictions (``centre``) in force on ``day``, each with its end and reason."""
    return to_know(prisoner.no_child_contact, prisoner.closed_visits, centre, day)


def prisoner_brief(
    prisoner: m.Prisoner, centre: tuple[Restriction, ...] = (), day: date | None = None
) -> PrisonerBrief:
    """A prisoner as the booking dialog and the visitor form list them (with the centre's
    restrictions in force on ``day``, when given)."""
    return PrisonerBrief(
        id=prisoner.id,
        number=prisoner.prison_number,
        name=prisoner.name,
        establishment=prisoner.establishment,
        location=prisoner.location,
        status=prisoner.status,
        restrictions=restrictions(prisoner, centre, day),
    )


def find_prisoners(
    session: Session, query: str, establishment: str | None = None, limit: int = 20, day: date | None = None
) -> list[PrisonerBrief]:
    """Prisoners by prison number or by the start of their names, for the booking dialog (with the
    centre's restrictions in force on ``day``, when given).

    Names are folded as the visitor search folds them (core.names): "Kowalski" finds
    "Kowalski", "wisniewski" finds "Wiśniewski", "mcdonald" finds "MacDonald".
    """
    query = query.strip()
    if not query:
        return []
    number = query.upper().replace(" ", "")
    words = names.query_words(query)
    stmt = select(m.Prisoner.id, m.Prisoner.first_name, m.Prisoner.last_name, m.Prisoner.prison_number)
    if establishment:
        stmt = stmt.where(m.Prisoner.establishment == establishment)
    found_ids = [
        row.id
        for row in session.execute(stmt)
        if row.prison_number == number
        or (words and names.matches(words, names.search_terms(row.first_name, row.last_name)))
    ]
    if not found_ids:
        return []
    chosen = select(m.Prisoner).where(m.Prisoner.id.in_(found_ids[:500])).order_by(m.Prisoner.last_name).limit(limit)
    found = list(session.scalars(chosen))
    centre = facts.restrictions_for(session, [p.id for p in found]) if day is not None else {}
    return [prisoner_brief(p, centre.get(p.id, ()), day) for p in found]


def linked_visitors(session: Session, prisoner_id: str, today: date | None = None) -> list[LinkedVisitor]:
    """Everyone tied to a prisoner, approved first, each with any ban in force on ``today``."""
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
    ).all()
    bans = _bans_in_force(session, prisoner_id, [row[0] for row in rows], today) if today else {}
    found = [
        LinkedVisitor(vid, names.full_name(first, last), dob, kind, status, *bans.get(vid, (False, "", None)))
        for vid, first, last, dob, kind, status in rows
    ]
    return sorted(found, key=lambda v: (v.list_status != "approved", v.date_of_birth))


def _bans_in_force(
    session: Session, prisoner_id: str, visitor_ids: list[str], day: date
) -> dict[str, tuple[bool, str, date | None]]:
    """The first ban in force on ``day`` for each visitor visiting ``prisoner_id``: (True, reason, until)."""
    prisoner = session.get(m.Prisoner, prisoner_id)
    if prisoner is None or not visitor_ids:
        return {}
    found: dict[str, tuple[bool, str, date | None]] = {}
    for row in session.scalars(select(m.Ban).where(m.Ban.visitor_id.in_(visitor_ids)).order_by(m.Ban.starts_on)):
        ban = checks.Ban(
            scope=BanScope(row.scope),
            reason=row.reason,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            establishment=row.establishment,
            prisoner_id=row.prisoner_id,
        )
        if row.visitor_id not in found and ban.applies(prisoner.establishment, prisoner_id, day):
            found[row.visitor_id] = (True, ban.reason, ban.ends_on)
    return found


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
