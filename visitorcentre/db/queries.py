"""Read-only questions the desk asks of its database: search, the Today board, a visit, a day list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import date, datetime, timedelta

from sqlalchemy import and_, bindparam, func, or_, select, text
from sqlalchemy.orm import Session

from visitorcentre.core import names, references
from visitorcentre.core.ages import age_on
from visitorcentre.core.checks import cut_off_time
from visitorcentre.core.kinds import ADMITTED, AWAITING_CHECK_IN, PLACE_TAKING, SessionKind, VisitStatus
from visitorcentre.core.views import (
    DayListPerson,
    DayListVisit,
    LinkedVisitor,
    PartyMember,
    PrisonerBrief,
    SessionSummary,
    VisitBrief,
    VisitDetail,
    VisitorHit,
    VisitorRecord,
)
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.db import facts
from visitorcentre.db import models as m

VISITS_PER_HIT = 5


def _restrictions(prisoner: m.Prisoner) -> tuple[str, ...]:
    found = []
    if prisoner.no_child_contact:
        found.append("No child contact without a manager's approval")
    if prisoner.closed_visits:
        found.append("Closed visits only")
    return tuple(found)


def _prisoner_brief(prisoner: m.Prisoner) -> PrisonerBrief:
    return PrisonerBrief(
        id=prisoner.id,
        number=prisoner.prison_number,
        name=prisoner.name,
        establishment=prisoner.establishment,
        location=prisoner.location,
        status=prisoner.status,
        restrictions=_restrictions(prisoner),
    )


# --- search -------------------------------------------------------------------------------------


def _visitors_on_visit(session: Session, reference: str) -> list[str]:
    return list(
        session.scalars(
            select(m.VisitPerson.visitor_id)
            .join(m.Visit, m.Visit.id == m.VisitPerson.visit_id)
            .where(m.Visit.reference == reference)
            .order_by(m.VisitPerson.position)
        )
    )


def _visitors_of_prisoner(session: Session, number: str, limit: int) -> list[str]:
    return list(
        session.scalars(
            select(m.Relationship.visitor_id)
            .join(m.Prisoner, m.Prisoner.id == m.Relationship.prisoner_id)
            .where(m.Prisoner.prison_number == number)
            .limit(limit)
        )
    )


def visitors_today(session: Session, day: date, establishment: str | None) -> list[tuple[str, str]]:
    """(visitor id, search terms) of everyone on a visit on ``day`` at ``establishment``."""
    query = (
        select(m.Visitor.id, m.Visitor.search_terms)
        .join(m.VisitPerson, m.VisitPerson.visitor_id == m.Visitor.id)
        .join(m.Visit, m.Visit.id == m.VisitPerson.visit_id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .where(m.VisitSession.date == day)
    )
    if establishment:
        query = query.where(m.VisitSession.establishment == establishment)
    return list(session.execute(query).all())


_CANDIDATES = 400


def _fts(session: Session, match: str, limit: int) -> list[tuple[str, str]]:
    return list(
        session.execute(
            text("SELECT visitor_id, terms FROM visitor_search WHERE visitor_search MATCH :q LIMIT :n"),
            {"q": match, "n": limit},
        ).all()
    )


def _by_name(session: Session, words: list[str], limit: int) -> list[str]:
    """Visitor ids with a name starting with each of ``words``, in any order.

    Joining long posting lists is what makes a full-text query slow, so the index is asked
    only about the longest (most telling) word and the others are checked on its candidates;
    only if that leaves too few is the full query run.
    """
    terms = [f'"{w}"*' for w in words]
    if len(words) == 1:
        return [vid for vid, _ in _fts(session, terms[0], limit)]
    candidates = _fts(session, max(terms, key=len), _CANDIDATES)
    found = [vid for vid, indexed in candidates if names.matches(words, indexed)]
    if len(found) >= limit or len(candidates) < _CANDIDATES:
        return found[:limit]
    return [vid for vid, _ in _fts(session, " ".join(terms), limit)]


_NEAREST = text("""
    SELECT visitor_id, visit_id FROM (
        SELECT visitor_id, visit_id, row_number() OVER (
            PARTITION BY visitor_id
            ORDER BY session_date < :today, abs(julianday(session_date) - julianday(:today))) AS nearness
        FROM visit_person WHERE visitor_id IN :ids)
    WHERE nearness <= :keep""").bindparams(bindparam("ids", expanding=True))


def _briefs(session: Session, visitor_ids: list[str], today: date) -> dict[str, list[VisitBrief]]:
    """Each visitor's nearest visits: today's first, then coming ones soonest first, then past ones latest first.

    The ranking runs on the covering index alone; only the visits kept are read.
    """
    nearest = session.execute(_NEAREST, {"ids": visitor_ids, "today": today.isoformat(), "keep": VISITS_PER_HIT}).all()
    if not nearest:
        return {}
    visits = {
        row.id: row
        for row in session.execute(
            select(
                m.Visit.id,
                m.Visit.reference,
                m.VisitSession.date,
                m.VisitSession.starts_at,
                m.VisitSession.establishment,
                m.Visit.status,
            )
            .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
            .where(m.Visit.id.in_([visit_id for _, visit_id in nearest]))
        )
    }
    grouped: dict[str, list[VisitBrief]] = defaultdict(list)
    for visitor_id, visit_id in nearest:
        grouped[visitor_id].append(VisitBrief(*visits[visit_id]))

    def nearness(brief: VisitBrief) -> tuple:
        if brief.date >= today:
            return (0, brief.date.toordinal(), brief.starts_at)
        return (1, -brief.date.toordinal(), brief.starts_at)

    return {vid: sorted(briefs, key=nearness) for vid, briefs in grouped.items()}


def search(
    session: Session,
    query: str,
    today: date,
    establishment: str | None = None,
    limit: int = 20,
    expected_today: list[tuple[str, str]] | None = None,
) -> list[VisitorHit]:
    """Visitors matching a name (partial, any order), a visit reference or a prison number.

    Visitors expected today at ``establishment`` come first; ``expected_today`` (from
    ``visitors_today``) saves asking for them again on every keystroke.
    """
    query = query.strip()
    if not query:
        return []
    ordered: list[str] = []
    reference = references.normalise(query)
    if reference:
        ordered += _visitors_on_visit(session, reference)
    if not ordered and query.replace(" ", "").isalnum():
        ordered += _visitors_of_prisoner(session, query.replace(" ", "").upper(), limit)
    words = names.query_words(query)
    if words:
        if expected_today is None:
            expected_today = visitors_today(session, today, establishment)
        ordered += [vid for vid, terms in expected_today if names.matches(words, terms)]
        ordered += _by_name(session, words, limit + len(ordered))
    unique = list(dict.fromkeys(ordered))[:limit]
    if not unique:
        return []
    people = {
        v.id: v
        for v in session.execute(
            select(
                m.Visitor.id, m.Visitor.first_name, m.Visitor.last_name, m.Visitor.date_of_birth, m.Visitor.postcode
            ).where(m.Visitor.id.in_(unique))
        ).all()
    }
    briefs = _briefs(session, unique, today)
    return [
        VisitorHit(
            visitor_id=vid,
            name=names.full_name(people[vid].first_name, people[vid].last_name),
            date_of_birth=people[vid].date_of_birth,
            postcode=people[vid].postcode,
            visits=tuple(briefs.get(vid, ())),
        )
        for vid in unique
        if vid in people
    ]


# --- sessions -----------------------------------------------------------------------------------


def _summaries(session: Session, slots: list[m.VisitSession]) -> list[SessionSummary]:
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
                booked=sum(c.get(s, 0) for s in PLACE_TAKING),
                expected=c.get(VisitStatus.BOOKED, 0),
                arrived=c.get(VisitStatus.ARRIVED, 0) + sum(c.get(s, 0) for s in ADMITTED),
                in_hall=c.get(VisitStatus.IN_HALL, 0),
            )
        )
    return summaries


def sessions_on(session: Session, day: date, establishment: str | None = None) -> list[SessionSummary]:
    """The day's sessions (the Today board), earliest first, with their counts."""
    query = select(m.VisitSession).where(m.VisitSession.date == day)
    if establishment:
        query = query.where(m.VisitSession.establishment == establishment)
    return _summaries(session, list(session.scalars(query.order_by(m.VisitSession.starts_at, m.VisitSession.room))))


def bookable_sessions(session: Session, establishment: str, now: datetime, days: int = 28) -> list[SessionSummary]:
    """Sessions from now over the next ``days`` days, for the booking dialog's session picker."""
    slots = session.scalars(
        select(m.VisitSession)
        .where(
            m.VisitSession.establishment == establishment,
            m.VisitSession.date >= now.date(),
            m.VisitSession.date <= now.date() + timedelta(days=days),
        )
        .order_by(m.VisitSession.date, m.VisitSession.starts_at)
    )
    return _summaries(session, [s for s in slots if s.date > now.date() or s.ends_at > now.time()])


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
        session=_summaries(session, [slot])[0],
        cut_off=cut_off_time(slot.start, est.cutoff_minutes),
        prisoner_id=visit.prisoner_id,
        prisoner_number=visit.prisoner.prison_number,
        prisoner_name=visit.prisoner.name,
        prisoner_location=visit.prisoner.location,
        restrictions=_restrictions(visit.prisoner),
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
    )


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
        )
        for r in rows
    ]


def upcoming_visit_for(session: Session, visitor_id: str, today: date) -> str | None:
    """The visitor's visit today, or else their next one, for opening from a search hit."""
    row = session.execute(
        select(m.Visit.id)
        .join(m.VisitPerson, m.VisitPerson.visit_id == m.Visit.id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .where(m.VisitPerson.visitor_id == visitor_id, m.VisitSession.date >= today)
        .order_by(m.VisitSession.date, m.VisitSession.starts_at)
        .limit(1)
    ).first()
    return row[0] if row else None


# --- people -------------------------------------------------------------------------------------


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
    return [_prisoner_brief(p) for p in session.scalars(stmt.order_by(m.Prisoner.last_name).limit(limit))]


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
        prisoners=tuple(_prisoner_brief(p) for p in prisoners),
    )


def prisoners_of_visitor(session: Session, visitor_id: str) -> list[PrisonerBrief]:
    """The prisoners a visitor is linked to (any establishment), as the booking dialog lists them."""
    rows = session.scalars(
        select(m.Prisoner)
        .join(m.Relationship, m.Relationship.prisoner_id == m.Prisoner.id)
        .where(m.Relationship.visitor_id == visitor_id)
    )
    return [_prisoner_brief(p) for p in rows]
