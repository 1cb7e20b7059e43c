"""Each visitor's first day let in (typed_first_visit) follows every change to their visits, and a rebuild agrees.

The national figures count first-time visitors from this table alone, so it must be right after
any order of writes: a visit checked in, an earlier one found, one of them cancelled afterwards,
a visitor swapped in a party.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.centre.centre_world import NOW, _stamps, add_establishment, add_visitor, book  # noqa: F401
from visitorcentre.server import documents
from visitorcentre.server.centre import typed, typed_rows


def firsts(session: Session) -> dict[tuple[str, str], date]:
    f = typed.TypedFirstVisit
    return {
        (code, visitor): day
        for code, visitor, day in session.execute(select(f.establishment, f.visitor_id, f.first_on))
    }


def let_in(
    session: Session, visit_id: str, visitor_ids: list[str], day: str, status: str = "completed", version: int = 2
):
    """The desk checked the party in (version ``version`` of the visit and its people)."""
    visit = _stamps(visit_id, "BAR") | {
        "reference": visit_id[-3:].upper() + "00001",
        "session_id": "s-" + visit_id,
        "prisoner_id": "pr-1",
        "status": status,
        "source": "phone",
        "booked_at": "2026-12-01T10:00:00",
        "version": version,
    }
    documents.put(session, "visit", visit_id, visit, "device-1", NOW)
    for position, visitor_id in enumerate(visitor_ids):
        person_id = f"{visit_id}-p{position}"
        person = _stamps(person_id, "BAR") | {
            "visit_id": visit_id,
            "visitor_id": visitor_id,
            "session_date": day,
            "position": position,
            "outcome": "checked_in",
            "version": version,
        }
        documents.put(session, "visit_person", person_id, person, "device-1", NOW)


def test_first_days_follow_check_ins_cancellations_and_swaps(engine):  # noqa: F811
    with Session(engine) as session:
        add_establishment(session, "BAR")
        for visitor in ("v-ann", "v-bob", "v-cat"):
            add_visitor(session, visitor, "BAR", visitor[2:].title(), "Smith", "1980-01-01")
        book(session, "visit-nov", "s-1", "NOV00001", "pr-1", ["v-ann"], day="2026-11-01")
        session.commit()
        assert firsts(session) == {}  # booked is not let in

        let_in(session, "visit-nov", ["v-ann"], "2026-11-01")
        session.commit()
        assert firsts(session) == {("BAR", "v-ann"): date(2026, 11, 1)}

        book(session, "visit-oct", "s-2", "OCT00001", "pr-1", ["v-ann", "v-bob"], day="2026-10-01")
        let_in(session, "visit-oct", ["v-ann", "v-bob"], "2026-10-01")
        session.commit()
        assert firsts(session) == {("BAR", "v-ann"): date(2026, 10, 1), ("BAR", "v-bob"): date(2026, 10, 1)}

        # October's visit turns out not to have gone ahead: Ann's first day is November again, Bob has none.
        let_in(session, "visit-oct", ["v-ann", "v-bob"], "2026-10-01", status="cancelled", version=3)
        session.commit()
        assert firsts(session) == {("BAR", "v-ann"): date(2026, 11, 1)}

        # November's party was Cat, not Ann: Ann has no first day left, Cat has November's.
        let_in(session, "visit-nov", ["v-cat"], "2026-11-01", version=3)
        session.commit()
        assert firsts(session) == {("BAR", "v-cat"): date(2026, 11, 1)}

        kept = firsts(session)
        typed_rows.rebuild(session)
        session.commit()
        assert firsts(session) == kept
