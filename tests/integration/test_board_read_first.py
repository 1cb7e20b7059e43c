"""The desk window's first reads (the Today board, search) through the plain reader, before SQLAlchemy loads.

The board read straight through sqlite3 must be the board the ORM query gives, day by day, on a
demo database with a blocked session; and the desk app's own desk must answer the board and a
search before it is open in full, without loading SQLAlchemy, then the same once it is open.
"""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from tests.integration.test_verbs_read_directly import RELEASE_DB, TODAY, _add_what_the_demo_lacks
from visitorcentre import cli
from visitorcentre.core.clock import FixedClock
from visitorcentre.db import engine as db_engine
from visitorcentre.db import session_queries
from visitorcentre.db.direct import sessions as direct_sessions
from visitorcentre.desk import open_desk


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("board") / "demo.sqlite3"
    assert cli.main(["demo", "--db", str(path), "--visitors", "300", "--days", "7", "--seed", "5"]) == 0
    _add_what_the_demo_lacks(path)
    return path


def test_the_board_reads_the_same_as_the_orm_query(demo):
    desk = open_desk(demo, clock=FixedClock(datetime.combine(TODAY, time(10))))
    db = sqlite3.connect(demo)
    try:
        seen = []
        with desk.ctx.reading() as session:
            for offset in range(-8, 9):
                day = TODAY + timedelta(days=offset)
                for establishment in (desk.ctx.establishment, None, "NOWHERE"):
                    direct = direct_sessions.sessions_on(db, day, establishment)
                    assert direct == session_queries.sessions_on(session, day, establishment)
                    seen += direct
        assert any(s.booked and s.arrived for s in seen) and any(s.blocked for s in seen)
        assert desk.visits.today() == session_queries.sessions_on(
            desk.ctx.read_sessions(), TODAY, desk.ctx.establishment
        )
    finally:
        db.close()
        desk.close()


PROBE = """
import sys
from datetime import datetime
from visitorcentre.core.clock import FixedClock
from visitorcentre.ui.runtime.desk_app import desk_for
desk = desk_for(sys.argv[1], demo=False, staff=None)
desk.ctx.clock = FixedClock(datetime.fromisoformat(sys.argv[2]))
board, hits = desk.visits.today(), desk.visits.search("mac")
print(len(board), len(hits), desk.is_open, "sqlalchemy" in sys.modules)
desk.opened()
print(desk.visits.today() == board, desk.visits.search("mac") == hits, desk.is_open)
"""


def test_the_desk_app_answers_the_board_and_search_before_sqlalchemy_loads(demo):
    moment = datetime.combine(TODAY, time(10)).isoformat()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(demo), moment], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    sessions, hits, is_open, loaded = out[0].split()
    assert int(sessions) > 0 and int(hits) > 0 and (is_open, loaded) == ("False", "False")
    assert out[1] == "True True True"


def test_records_needing_an_upgrade_are_upgraded_before_anything_is_read(tmp_path):
    from visitorcentre.ui.runtime.desk_app import desk_for

    path = tmp_path / "desk.sqlite3"
    path.write_bytes(gzip.decompress(RELEASE_DB.read_bytes()))
    desk = desk_for(path, demo=False, staff=None)
    assert desk.open_reads() is False and not desk.can_read_first
    desk.visits.today()  # waits for the full opening, which upgrades the records first
    assert desk.is_open and db_engine.is_up_to_date(path) and desk.ctx.backup_before_migration is not None
    desk.close()
