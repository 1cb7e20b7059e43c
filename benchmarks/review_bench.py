"""How long a pull that changes 1,000 restrictions takes to re-check the visits they touch.

A desk database with 2,000 prisoners, each with one booked visit tomorrow (a mother and, for
every other prisoner, a child); the pull brings a no-child-contact restriction on 1,000 of them,
stored as a sync stores it (``sync.pulled.store``). Printed: the time of that one store (rows
written, re-checked and flagged in one transaction), how many visits were re-checked and how
many flags were raised, beside the baseline of the same pull stored without re-checking (in the same
run). Measured once each; run with ``python -m benchmarks.review_bench``.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.db import review
from visitorcentre.desk import open_desk
from visitorcentre.sync import pulled

NOW = datetime(2026, 12, 3, 9, 0)
PRISONERS = 2_000
CHANGED = 1_000


def _stamp(row, **fields):
    for key, value in {"establishment": "BAR", "created_at": NOW, "updated_at": NOW, "version": 1, **fields}.items():
        setattr(row, key, value)
    return row


def _fill(session) -> None:
    tomorrow = NOW.date() + timedelta(days=1)
    session.add(_stamp(m.Establishment(id="est-bar", code="BAR", name="HMP Barlinnie", nation="scotland")))
    session.flush()
    for n in range(PRISONERS // 20):
        session.add(
            _stamp(
                m.VisitSession(
                    id=f"ses-{n}",
                    date=tomorrow,
                    starts_at=clock_time(9),
                    ends_at=clock_time(11),
                    room=f"Room {n}",
                    kind="standard",
                    capacity=30,
                )
            )
        )
    for n in range(PRISONERS):
        prisoner, mum, child = f"pr-{n}", f"mum-{n}", f"child-{n}"
        session.add(
            _stamp(
                m.Prisoner(
                    id=prisoner, prison_number=f"B{n:06d}", first_name="Test", last_name=f"P{n}", status="convicted"
                )
            )
        )
        party = [(mum, date(1990, 1, 1))] + ([(child, date(2018, 1, 1))] if n % 2 else [])
        for visitor, born in party:
            session.add(
                _stamp(
                    m.Visitor(id=visitor, first_name="Family", last_name=visitor, date_of_birth=born, search_terms="")
                )
            )
            session.flush()
            session.add(
                _stamp(
                    m.Relationship(
                        id=f"rel-{visitor}",
                        visitor_id=visitor,
                        prisoner_id=prisoner,
                        kind="partner",
                        list_status="approved",
                    )
                )
            )
        visit = f"visit-{n}"
        session.flush()
        session.add(
            _stamp(
                m.Visit(
                    id=visit,
                    reference=f"R{n:06d}",
                    session_id=f"ses-{n // 20}",
                    prisoner_id=prisoner,
                    status="booked",
                    source="phone",
                    booked_at=NOW,
                )
            )
        )
        session.flush()
        for position, (visitor, _) in enumerate(party):
            session.add(
                _stamp(
                    m.VisitPerson(
                        id=f"{visit}-{position}",
                        visit_id=visit,
                        visitor_id=visitor,
                        session_date=tomorrow,
                        position=position,
                        outcome="expected",
                    )
                )
            )


def _restrictions() -> list[tuple[str, str, dict]]:
    stamp = NOW.isoformat()
    return [
        (
            "restriction",
            f"res-{n}",
            {
                "id": f"res-{n}",
                "establishment": "BAR",
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
                "prisoner_id": f"pr-{n}",
                "kind": "no_child_contact",
                "detail": "",
                "reason": "Public protection review",
                "starts_on": NOW.date().isoformat(),
                "ends_on": None,
                "lifted_on": None,
                "lifted_reason": "",
            },
        )
        for n in range(CHANGED)
    ]


def _pull(recheck: bool) -> tuple[int, float, int, int]:
    """One pull of the 1,000 restrictions into a fresh desk database: (stored, seconds, re-checked, flags)."""
    with tempfile.TemporaryDirectory() as folder:
        desk = open_desk(
            Path(folder) / "desk.sqlite3", actor=Actor("Bench", "manager"), clock=FixedClock(NOW), establishment="BAR"
        )
        real_verdicts, real_touched = review.verdicts, review.touched_visits
        try:
            with desk.ctx.write_sessions() as session:
                _fill(session)
                session.commit()
            counted: list[int] = []
            review.verdicts = lambda session, ids: counted.append(len(ids)) or real_verdicts(session, ids)  # type: ignore[assignment]
            if not recheck:  # the baseline: the same rows stored, no visit looked at
                review.touched_visits = lambda session, touched, today: set()  # type: ignore[assignment]
            rows = _restrictions()
            started = time.perf_counter()
            with pulled.writing_unchecked(desk.ctx.engine) as session:
                stored = pulled.store(session, rows, NOW, "BAR")
                session.commit()
            took = time.perf_counter() - started
            flags = len(desk.visits.needing_review())
        finally:
            review.verdicts, review.touched_visits = real_verdicts, real_touched  # type: ignore[assignment]
            desk.close()
    return stored, took, counted[0] if counted else 0, flags


def main() -> None:
    stored, bare, _, _ = _pull(recheck=False)
    stored, took, rechecked, flags = _pull(recheck=True)
    print(f"baseline: the same {stored} restrictions stored without re-checking: {bare:.2f} s")
    print(f"{stored} restrictions stored in one pull: {took:.2f} s, including the re-check ({took - bare:.2f} s of it)")
    print(f"visits re-checked: {rechecked} of {PRISONERS} booked; flags raised: {flags}")


if __name__ == "__main__":
    main()
