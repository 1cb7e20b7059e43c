"""The visit the desk app's smoke test checks in (ui/runtime/smoke_test.py): read here, where sessions may open."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor

STAFF = Actor("Smoke Test", "manager")


def visit_to_check_in(db: Path) -> tuple[str, datetime]:
    """A booked visit from today on that the checks let in, and a moment 40 minutes before its session."""
    from sqlalchemy import select

    from visitorcentre.bootstrap import Desk
    from visitorcentre.core.errors import NotFound
    from visitorcentre.db import models as m

    desk = Desk(db, actor=STAFF)
    try:
        with desk.reading() as session:
            rows = session.execute(
                select(m.Visit.id, m.VisitSession.date, m.VisitSession.starts_at)
                .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
                .where(m.Visit.status == "booked", m.VisitSession.establishment == desk.establishment,
                       m.VisitSession.date >= desk.clock.today(), m.VisitSession.kind != "virtual")
                .order_by(m.VisitSession.date, m.VisitSession.starts_at, m.Visit.reference).limit(50)).all()
        for visit_id, day, starts in rows:
            moment = datetime.combine(day, starts) - timedelta(minutes=40)
            desk.clock = FixedClock(moment)
            detail = desk.visit(visit_id)
            if detail is None:
                continue
            results = [*detail.party_results, *(r for person in detail.party for r in person.results)]
            if not any(result.stops for result in results):
                return visit_id, moment
    finally:
        desk.close()
    raise NotFound(f"The smoke test found no booked visit from today on in {db} that the checks let in; make "
                   "the database with `visitorcentre demo --days 3`.", "db")
