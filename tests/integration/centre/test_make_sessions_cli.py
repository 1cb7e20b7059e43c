"""``visitorcentre server-admin make-sessions``: the nightly job that keeps the coming weeks made."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.integration.centre.centre_world import add_establishment
from tests.integration.servers import admin
from visitorcentre.server import database
from visitorcentre.server.centre import timetable
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable_input import read_template
from visitorcentre.server.centre.typed import TypedSession


def test_make_sessions_makes_the_coming_weeks_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    engine = database.make_engine(url)
    database.migrate(engine)
    today = date.today()
    with Session(engine) as session, session.begin():
        add_establishment(session, "BAR")
        add_establishment(session, "GRN")
        plan = read_template("Tuesday", "14:00", "16:00", "Visits hall", "standard", "20", today.isoformat(), "")
        timetable.add_template(session, Reach.national("Ann"), "BAR", plan, today, datetime.utcnow())
    longer = admin(url, "make-sessions", "--weeks", "10")
    assert longer.returncode == 0, longer.stderr
    assert longer.stdout.startswith("BAR: 2 new, 0 changed, 0 closed, 8 already right.")
    again = admin(url, "make-sessions", "--weeks", "10", "--establishment", "bar")
    assert again.returncode == 0 and "BAR: 0 new" in again.stdout
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(TypedSession)) == 10
    wrong = admin(url, "make-sessions", "--weeks", "0")
    assert wrong.returncode != 0 and "1 to 52 weeks" in wrong.stderr and "Traceback" not in wrong.stderr
    unknown = admin(url, "make-sessions", "--establishment", "ZZZ")
    assert unknown.returncode != 0 and "ZZZ" in unknown.stderr and "Traceback" not in unknown.stderr
    engine.dispose()
