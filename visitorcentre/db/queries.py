"""Read-only questions the desk asks of its database: a visit, a day list (search: ``db.direct.search``).

Sessions (the Today board) are asked about in ``db.session_queries``, prisoners and visitors
in ``db.people_queries``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import names, references
from visitorcentre.core.ages import age_on
from visitorcentre.core.checks import cut_off_time
from visitorcentre.core.kinds import AWAITING_CHECK_IN, SessionKind
from visitorcentre.core.views import (
    DayListPerson,
    DayListVisit,
    PartyMember,
    VisitDetail,
)
from visitorcentre.db import facts, people_queries, session_queries
from visitorcentre.db import models as m

# --- one visit ----------------------------------------------------------------------------------


def visit_detail(session: Session, visit_id: str, now: datetime) -> VisitDetail | None:
    """The visit panel's contents, with each person's checks as of ``now``."""
    visit = session.get(m.Visit, visit_id)
    if visit is None:
        return None
    slot = visit.session
    est = facts.known_establishment(session, slot.establishment)
    open_people = [p for p in visit.party if p.outcome in ("expected", "checked_in")]
    arrival = now if visit.status in AWAITING_CHECK_IN and slot.date == now.date() else None
    assessment = facts.assess_visit(session, visit, open_people, arrived_at=arrival)
    party = tuple(
        PartyMember(
            visitor_id=p.visitor_id,
            name=p.visitor.name,
            date_of_birth=p.visitor.date_of_birth,
            age=age_on(p.visitor.date_of_birth, slot.date),
            is_adult=age_on(p.visitor.date_of_birth, slot.date) >= est.adult_age,
            outcome=p.outcome,
            reason=p.reason,
            support_needs=p.visitor.support_needs,
            results=tuple(assessment.for_person(p.visitor_id)),
        )
        for p in visit.party
    )
    return VisitDetail(
        id=visit.id,
        reference=visit.reference,
        status=visit.status,
        source=visit.source,
        establishment=est.code,
        establishment_name=est.name,
        session=session_queries.session_summaries(session, [slot])[0],
        cut_off=cut_off_time(slot.start, est.cutoff_minutes),
        prisoner_id=visit.prisoner_id,
        prisoner_number=visit.prisoner.prison_number,
        prisoner_name=visit.prisoner.name,
        prisoner_location=visit.prisoner.location,
        restrictions=people_queries.restrictions(
            visit.prisoner, facts.restrictions_of(session, visit.prisoner_id), slot.date
        ),
        party=party,
        party_results=tuple(assessment.party_wide()),
        first_visit=facts.is_first_visit(session, [p.visitor_id for p in visit.party], slot.start),
        late_reason=visit.late_reason,
        overbooked_reason=visit.overbooked_reason,
        notes=visit.notes,
        version=visit.version,
        support_needs=tuple(visit.support_needs or ()),
        virtual=slot.kind == SessionKind.VIRTUAL,
        joining_details=slot.details if slot.kind == SessionKind.VIRTUAL else "",
        language=family_language(visit),
    )


def family_language(visit: m.Visit) -> str:
    """The family's language: the lead visitor's (English when the party is empty)."""
    return visit.party[0].visitor.language if visit.party else "en"


def visit_id_for_reference(session: Session, text_: str) -> str | None:
    """The id of the visit whose reference is typed or scanned in ``text_`` (None if there is none)."""
    reference = references.normalise(text_)
    if not reference:
        return None
    return session.scalar(select(m.Visit.id).where(m.Visit.reference == reference))


def day_list(session: Session, day: date, establishment: str | None = None) -> list[DayListVisit]:
    """Every visit whose session is on ``day``, in session order, lead visitor first."""
    query = (
        select(
            m.Visit.id,
            m.Visit.reference,
            m.VisitSession.establishment,
            m.VisitSession.date,
            m.VisitSession.starts_at,
            m.VisitSession.kind,
            m.VisitSession.room,
            m.Prisoner.prison_number,
            m.Prisoner.first_name,
            m.Prisoner.last_name,
            m.Visit.status,
        )
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .join(m.Prisoner, m.Prisoner.id == m.Visit.prisoner_id)
        .where(m.VisitSession.date == day)
        .order_by(m.VisitSession.establishment, m.VisitSession.starts_at, m.Visit.reference)
    )
    if establishment:
        query = query.where(m.VisitSession.establishment == establishment)
    rows = session.execute(query).all()
    parties: dict[str, list[DayListPerson]] = defaultdict(list)
    flags: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(rows), 500):
        ids = [r.id for r in rows[start : start + 500]]
        for visit_id, visitor_id, first, last, dob, outcome in session.execute(
            select(
                m.VisitPerson.visit_id,
                m.VisitPerson.visitor_id,
                m.Visitor.first_name,
                m.Visitor.last_name,
                m.Visitor.date_of_birth,
                m.VisitPerson.outcome,
            )
            .join(m.Visitor, m.Visitor.id == m.VisitPerson.visitor_id)
            .where(m.VisitPerson.visit_id.in_(ids))
            .order_by(m.VisitPerson.position)
        ):
            parties[visit_id].append(DayListPerson(visitor_id, names.full_name(first, last), dob, outcome))
        for visit_id, words in session.execute(
            select(m.VisitReview.visit_id, m.VisitReview.words)
            .where(m.VisitReview.visit_id.in_(ids), m.VisitReview.resolved_at.is_(None))
            .order_by(m.VisitReview.raised_at)
        ):
            flags[visit_id].append(words)
    return [
        DayListVisit(
            visit_id=r.id,
            reference=r.reference,
            establishment=r.establishment,
            session_start=datetime.combine(r.date, r.starts_at),
            kind=r.kind,
            room=r.room,
            prisoner_number=r.prison_number,
            prisoner_name=names.full_name(r.first_name, r.last_name),
            status=r.status,
            party=tuple(parties[r.id]),
            needs_review=tuple(flags[r.id]),
        )
        for r in rows
    ]


def upcoming_visit_for(session: Session, visitor_id: str, today: date, establishment: str | None = None) -> str | None:
    """The visitor's visit today, or else their next one, for opening from a search hit.

    Only visits at ``establishment`` (the desk's own) are opened: a visit at another prison is
    checked in by that prison's visitor centre.
    """
    query = (
        select(m.Visit.id)
        .join(m.VisitPerson, m.VisitPerson.visit_id == m.Visit.id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .where(m.VisitPerson.visitor_id == visitor_id, m.VisitSession.date >= today)
    )
    if establishment:
        query = query.where(m.VisitSession.establishment == establishment)
    row = session.execute(query.order_by(m.VisitSession.date, m.VisitSession.starts_at).limit(1)).first()
    return row[0] if row else None
