"""Make the desk database a release left behind, for the upgrade test (run once, at that release).

    VISITORCENTRE_DATA_DIR=$(mktemp -d) .venv/bin/python tests/data/make_release_database.py OUT.sqlite3

It builds a small demo (60 visitors, 4 days of sessions, 30 desk actions, at 09:30 today) and then does at the
desk, through the services, what the demo leaves out, so that every table has rows: checks
families in (late, with a reason), prints and voids passes, records advice given, a manager's
child-contact approval, a ban (reference data), feedback, and a travel-costs application with a
receipt, submitted. Then it VACUUMs the file and packs it with gzip beside it (the test unpacks it).
``desk-0.1.0-rev0005.sqlite3.gz`` was made this way from commit eb450a5 (release 0.1.0, migration head
0005) on 1 December 2026; see README.md here.
"""

from __future__ import annotations

import gzip
import sqlite3
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from visitorcentre.bootstrap import Desk
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.cost_of_visits.views import Expense
from visitorcentre.core.errors import ArrivalAfterCutOff, VisitorCentreError
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.db.engine import migrate
from visitorcentre.demo import activity, generate


def _visits(desk: Desk, statuses: tuple[str, ...], today: bool) -> list[str]:
    day = desk.clock.today()
    with desk.reading() as session:
        query = (
            select(m.Visit.id)
            .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
            .where(m.Visit.status.in_(statuses), m.VisitSession.establishment == desk.establishment)
            .where(m.VisitSession.date == day if today else m.VisitSession.date < day)
            .order_by(m.Visit.reference)
        )
        return list(session.scalars(query))


def _check_in(desk: Desk, visit_id: str) -> bool:
    try:
        try:
            desk.check_in(visit_id)
        except ArrivalAfterCutOff:
            desk.check_in(visit_id, late_reason="The bus from Glasgow was late")
        return True
    except VisitorCentreError:
        return False


def act_at_the_desk(desk: Desk, work: Path) -> None:
    """What a day at the desk adds beyond the demo: every table gets rows."""
    waiting = _visits(desk, ("booked", "arrived"), today=True)
    checked = [visit_id for visit_id in waiting if _check_in(desk, visit_id)][:3]
    if len(checked) < 2:
        raise SystemExit("Too few visits could be checked in today: run it earlier in the day.")
    for visit_id in checked:
        desk.record_advice_given(visit_id)
        desk.issue_pass(visit_id)
    desk.void_pass(checked[0], "The pass was lost: a new one is printed")
    desk.issue_pass(checked[0], reprint_reason="The family lost the pass or left it at home")
    desk.leave_feedback(5, "The staff were kind to the children", visit_id=checked[1], anonymous=False, name="Siobhan")
    desk.leave_feedback(2, "The lockers ate my coins", by_child=True)

    with desk.reading() as session:
        visitor = session.scalars(select(m.Visitor.id).order_by(m.Visitor.last_name)).first()
        prisoner = session.scalars(
            select(m.Prisoner.id)
            .where(m.Prisoner.establishment == desk.establishment)
            .order_by(m.Prisoner.prison_number)
        ).first()
    desk.approve_child_visit(prisoner, visitor, "Social work assessment of 3 November")
    with desk._write() as session:  # reference data: on a desk it comes from the central server
        now = desk.clock.now()
        session.add(
            m.Ban(
                id="ban-fixture",
                establishment=desk.establishment,
                created_at=now,
                updated_at=now,
                version=1,
                visitor_id=visitor,
                scope="all",
                reason="passing contraband",
                starts_on=now.date() - timedelta(days=10),
                ends_on=now.date() + timedelta(days=200),
            )
        )
        session.commit()

    past = _visits(desk, ("completed",), today=False)
    form = desk.hcpv_start(visit_id=past[0])
    form = replace(
        form,
        claimant=replace(form.claimant, benefit="universal_credit", monthly_household_income_pence=90000),
        hours_away_from_home=Decimal("6.5"),
        expenses=(
            Expense("car", miles_one_way=Decimal(42), return_journey=True),
            Expense("parking", cost_pence=300, receipt=True),
        ),
    )
    application_id = desk.hcpv_save(form)
    receipt = work / "parking.png"
    Image.new("RGB", (120, 80), "white").save(receipt, format="PNG")
    desk.hcpv_attach(application_id, receipt, "receipt", expense_index=1)
    desk.hcpv_submit(application_id)


def main(out: Path) -> None:
    if out.exists():
        raise SystemExit(f"{out} exists already")
    # A morning at the desk, so that today's visits are still waiting to be checked in.
    clock = FixedClock(datetime.combine(date.today(), time(9, 30)))
    migrate(out)
    generate.build(out, 60, 4, seed=1, now=clock.now())
    desk = Desk(out, actor=Actor("Morag Duncan", "manager"), clock=clock)
    try:
        activity.run(desk, 30, seed=1)
        with tempfile.TemporaryDirectory() as work:
            act_at_the_desk(desk, Path(work))
    finally:
        desk.close()
    connection = sqlite3.connect(out)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("VACUUM")
    empty = [
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    ]
    connection.close()
    packed = out.with_name(out.name + ".gz")
    # mtime=0: the same database packs to the same bytes.
    packed.write_bytes(gzip.compress(out.read_bytes(), compresslevel=9, mtime=0))
    print(
        f"{out}: {out.stat().st_size:,} bytes, {packed.name} {packed.stat().st_size:,} bytes; "
        f"empty tables: {empty or 'none'}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
