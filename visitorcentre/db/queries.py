"""Read-only questions the desk asks of its database: search, a visit, a day list.

Sessions (the Today board) are asked about in ``db.session_queries``, prisoners and visitors
in ``db.people_queries``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, datetime, time

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
    VisitBrief,
    VisitDetail,
    VisitorHit,
)
from visitorcentre.db import facts, people_queries, session_queries
from visitorcentre.db import models as m

VISITS_PER_HIT = 5


# --- search -------------------------------------------------------------------------------------
#
# A keystroke asks SQLite a handful of small questions. Through SQLAlchemy's statement machinery
# each costs several times what SQLite takes to answer it, so search speaks to the sqlite3
# connection under the session's transaction directly, reading only the columns a result row shows.


def _sqlite(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under ``session``'s transaction."""
    return session.connection().connection.driver_connection  # type: ignore[return-value]


def _marks(count: int) -> str:
    return ",".join("?" * count)


def _visitors_on_visit(db: sqlite3.Connection, reference: str) -> list[str]:
    return [
        vid
        for (vid,) in db.execute(
            "SELECT vp.visitor_id FROM visit_person vp JOIN visit v ON v.id = vp.visit_id"
            " WHERE v.reference = ? ORDER BY vp.position",
            (reference,),
        )
    ]


def _visitors_of_prisoner(db: sqlite3.Connection, number: str, limit: int) -> list[str]:
    return [
        vid
        for (vid,) in db.execute(
            "SELECT r.visitor_id FROM relationship r JOIN prisoner p ON p.id = r.prisoner_id"
            " WHERE p.prison_number = ? LIMIT ?",
            (number, limit),
        )
    ]


def sync_mark(session: Session) -> tuple | None:
    """Where this desk's last sync left it (pull cursor, when): a sync may have changed today's visits."""
    return _sqlite(session).execute("SELECT pull_cursor, last_sync FROM sync_state WHERE id = 1").fetchone()


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


def _fts(db: sqlite3.Connection, match: str, limit: int) -> list[tuple[str, str]]:
    return db.execute(
        "SELECT visitor_id, terms FROM visitor_search WHERE visitor_search MATCH ? LIMIT ?", (match, limit)
    ).fetchall()


def _by_name(db: sqlite3.Connection, words: list[str], limit: int) -> list[str]:
    """Visitor ids with a name starting with each of ``words``, in any order.

    Joining long posting lists is what makes a full-text query slow, so the index is asked
    only about the longest (most telling) word and the others are checked on its candidates;
    only if that leaves too few is the full query run.
    """
    terms = [f'"{w}"*' for w in words]
    if len(words) == 1:
        return [vid for vid, _ in _fts(db, terms[0], limit)]
    candidates = _fts(db, max(terms, key=len), _CANDIDATES)
    found = [vid for vid, indexed in candidates if names.matches(words, indexed)]
    if len(found) >= limit or len(candidates) < _CANDIDATES:
        return found[:limit]
    return [vid for vid, _ in _fts(db, " ".join(terms), limit)]


# Each visitor's nearest visits, ranked on the covering index (visitor_id, session_date, visit_id)
# alone; only the visits kept are read, with the person's own outcome and the establishment's name.
_NEAREST = """
    WITH nearest AS (
        SELECT visitor_id, visit_id FROM (
            SELECT visitor_id, visit_id, row_number() OVER (
                PARTITION BY visitor_id
                ORDER BY session_date < ?1, abs(julianday(session_date) - julianday(?1))) AS nearness
            FROM visit_person WHERE visitor_id IN ({ids}))
        WHERE nearness <= ?2)
    SELECT n.visitor_id, v.id, v.reference, s.date, s.starts_at, s.establishment, v.status,
           vp.outcome, coalesce(e.name, '')
    FROM nearest n
    JOIN visit v ON v.id = n.visit_id
    JOIN visit_session s ON s.id = v.session_id
    JOIN visit_person vp ON vp.visit_id = n.visit_id AND vp.visitor_id = n.visitor_id
    LEFT JOIN establishment e ON e.code = s.establishment"""


def _briefs(db: sqlite3.Connection, visitor_ids: list[str], today: date) -> dict[str, list[VisitBrief]]:
    """Each visitor's nearest visits: today's first, then coming ones soonest first, then past ones latest first."""
    rows = db.execute(
        _NEAREST.replace("{ids}", ",".join(f"?{n}" for n in range(3, 3 + len(visitor_ids)))),
        (today.isoformat(), VISITS_PER_HIT, *visitor_ids),
    )
    grouped: dict[str, list[VisitBrief]] = defaultdict(list)
    for visitor_id, visit_id, reference, day, starts_at, establishment, status, outcome, place in rows:
        grouped[visitor_id].append(
            VisitBrief(
                visit_id,
                reference,
                date.fromisoformat(day),
                time.fromisoformat(starts_at),
                establishment,
                status,
                outcome=outcome,
                establishment_name=place,
            )
        )

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
    db = _sqlite(session)
    ordered: list[str] = []
    reference = references.normalise(query)
    if reference:
        ordered += _visitors_on_visit(db, reference)
    if not ordered and query.replace(" ", "").isalnum():
        ordered += _visitors_of_prisoner(db, query.replace(" ", "").upper(), limit)
    words = names.query_words(query)
    if words:
        if expected_today is None:
            expected_today = visitors_today(session, today, establishment)
        ordered += [vid for vid, terms in expected_today if names.matches(words, terms)]
        ordered += _by_name(db, words, limit + len(ordered))
    unique = list(dict.fromkeys(ordered))[:limit]
    if not unique:
        return []
    people = {
        row[0]: row
        for row in db.execute(
            "SELECT id, first_name, last_name, date_of_birth, postcode FROM visitor"
            f" WHERE id IN ({_marks(len(unique))})",
            unique,
        )
    }
    briefs = _briefs(db, unique, today)
    return [
        VisitorHit(
            visitor_id=vid,
            name=names.full_name(first, last),
            date_of_birth=date.fromisoformat(born),
            postcode=postcode,
            visits=tuple(briefs.get(vid, ())),
        )
        for vid in unique
        if vid in people
        for _, first, last, born, postcode in [people[vid]]
    ]


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
