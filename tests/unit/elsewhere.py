"""A visit at another establishment (HMP Greenock) in the desk's records, as a sync could leave one."""

from __future__ import annotations

from datetime import time

from tests.conftest import NOW, TODAY
from visitorcentre.db import models as m


def visit_at_greenock(world, *who: str) -> str:
    """Book ``who`` for today's session here, then move the visit to a Greenock session today; returns its id."""
    with world.desk.ctx.write_sessions() as s:
        if s.get(m.VisitSession, "ses-gre") is None:
            row = m.VisitSession(
                id="ses-gre",
                date=TODAY,
                starts_at=time(14),
                ends_at=time(16),
                room="Greenock Hall",
                kind="standard",
                capacity=10,
            )
            row.establishment, row.created_at, row.updated_at, row.version = "GRE", NOW, NOW, 1
            s.add(row)
            s.commit()
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, list(who or [world.mum]))
    visit_id = world.desk.visits.visit_for_scan(reference)
    with world.desk.ctx.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE visit SET session_id = 'ses-gre', establishment = 'GRE' WHERE id = ?", (visit_id,)
        )
        connection.exec_driver_sql("UPDATE visit_person SET establishment = 'GRE' WHERE visit_id = ?", (visit_id,))
    return visit_id
