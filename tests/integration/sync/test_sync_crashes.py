"""Crashes in the middle of a sync, with a real server on loopback (SQLite and PostgreSQL).

- A desk process killed with SIGKILL between the server's commit and the desk's acknowledgement,
  then synced again: every change is on the server exactly once, nothing is left behind.
- Two desks and a server killed with SIGKILL in the middle of a sync (the issue's "Done when"):
  after a restart and a sync round, both desks and the server agree.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from datetime import date, datetime

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import NOW, build_world
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from tests.integration.sync_world import empty_desk_database
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.errors import SyncUnavailable
from visitorcentre.core.kinds import RelationshipKind
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.desk import Desk, open_desk
from visitorcentre.server import admin, database
from visitorcentre.server.models import AppliedOp, Document
from visitorcentre.sync.enrolment import enrol

TABLES = ("visit", "visit_person", "check_in_event", "visitor", "relationship", "visit_note", "prisoner")


@pytest.fixture(params=["sqlite", "postgres"])
def server(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    admin.load_desk_database(engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    process = ServerProcess(url).start()
    process.engine = engine
    yield process
    process.stop()
    engine.dispose()
    drop_server_db(url)


def enrolled_desk(server, path) -> Desk:
    code, _ = admin.enrolment_code(server.engine, "BAR", datetime.utcnow())
    enrol(empty_desk_database(path), server.address, code, path.stem)
    desk = open_desk(path, actor=Actor(f"Worker {path.stem}", "manager"), clock=FixedClock(NOW))
    desk.sync.now()
    return desk


FIRST = ("Ann", "Beth", "Cara", "Dawn", "Eilidh", "Fiona", "Gail", "Heather", "Iona", "Jean", "Kirsty", "Lorna")


def work(desk, family: str, visitors: int) -> None:
    """A spell at the desk: new visitors registered and linked to a prisoner, then their phone numbers added."""
    for n in range(visitors):
        visitor_id = desk.visits.register_visitor(
            VisitorDetails(FIRST[n], family, date(1980, 1, 1 + n)), "pr-1", RelationshipKind.FRIEND
        )
        record = desk.visits.visitor_record(visitor_id)
        desk.visits.edit_visitor(visitor_id, replace(record.details, phone=f"07700 9000{n:02d}"), record.version)


def rows(desk, table):
    with sqlite3.connect(desk.ctx.db_path) as connection:
        return sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def outbox(desk) -> list[str]:
    return [r[0] for r in sqlite3.connect(desk.ctx.db_path).execute("SELECT op_id FROM outbox_op ORDER BY seq")]


def applied(server, op_ids) -> int:
    with Session(server.engine) as session:
        return session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.op_id.in_(op_ids)))


def server_rows(server, entity) -> int:
    with Session(server.engine) as session:
        return session.scalar(
            select(func.count()).select_from(Document).where(Document.entity == entity, Document.establishment == "BAR")
        )


CHILD = textwrap.dedent("""
    import sys, time, httpx
    from pathlib import Path
    from visitorcentre.desk import Desk, open_desk
    from visitorcentre.sync import outbox_batches, run

    outbox_batches.PUSH_BATCH = 5
    marker = Path(sys.argv[2])

    class StallAfterThirdPush(httpx.HTTPTransport):
        pushes = 0

        def handle_request(self, request):
            response = super().handle_request(request)
            if request.url.path.endswith("/push"):
                StallAfterThirdPush.pushes += 1
                if StallAfterThirdPush.pushes == 3:
                    response.read()
                    marker.write_text("the server has applied the third batch")
                    time.sleep(120)  # killed here: the server committed, the desk has not acknowledged
            return response

    desk = open_desk(sys.argv[1])
    desk.sync.transport = StallAfterThirdPush()
    desk.sync.now()
""")


def test_a_desk_killed_mid_sync_loses_and_doubles_nothing(server, tmp_path):
    desk = enrolled_desk(server, tmp_path / "a.sqlite3")
    work(desk, "Abercrombie", 8)
    desk.visits.check_in(
        desk.visits.visit_for_scan(desk.visits.book_visit("ses-today", "pr-1", ["vis-mum", "vis-child"]))
    )
    queued = outbox(desk)
    events = len(rows(desk, "check_in_event"))
    assert len(queued) > 15  # more than three batches of 5
    desk.close()
    marker = tmp_path / "stalled"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(desk.ctx.db_path), str(marker)], env=dict(os.environ), stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert child.poll() is None, child.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stderr.close()

    desk = open_desk(tmp_path / "a.sqlite3")
    with sqlite3.connect(desk.ctx.db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    left = outbox(desk)
    assert queued[-len(left) :] == left and len(left) == len(queued) - 10  # two batches acknowledged
    assert applied(server, queued) == 15  # the third was applied, its answer lost with the desk
    result = desk.sync.now()
    assert result.pending == 0 and result.issues == 0
    assert applied(server, queued) == len(queued)
    assert server_rows(server, "check_in_event") == len(rows(desk, "check_in_event")) >= events
    other = enrolled_desk(server, tmp_path / "b.sqlite3")
    for table in TABLES:
        assert rows(other, table) == rows(desk, table), table
    desk.close()
    other.close()


class KillServerMidSync(httpx.BaseTransport):
    """A line to the server that SIGKILLs it once it has answered the second push (the answer is lost)."""

    def __init__(self, server):
        self.server = server
        self.inner = httpx.HTTPTransport()
        self.pushes = 0

    def handle_request(self, request):
        response = self.inner.handle_request(request)
        if request.url.path.endswith("/push"):
            self.pushes += 1
            if self.pushes == 2:
                response.read()
                self.server.kill()
                raise httpx.ReadError("the server died", request=request)
        return response

    def close(self):
        self.inner.close()


def test_two_desks_converge_after_the_server_is_killed_mid_sync(server, tmp_path, monkeypatch):
    from visitorcentre.sync import outbox_batches

    monkeypatch.setattr(outbox_batches, "PUSH_BATCH", 5)
    a = enrolled_desk(server, tmp_path / "a.sqlite3")
    b = enrolled_desk(server, tmp_path / "b.sqlite3")
    work(a, "Abercrombie", 6)
    work(b, "Buchanan", 6)
    for desk, phone in ((a, "07700 900101"), (b, "07700 900202")):  # the same family's details, at both desks
        record = desk.visits.visitor_record("vis-gran")
        desk.visits.edit_visitor("vis-gran", replace(record.details, phone=phone), record.version)
    queued = outbox(a) + outbox(b)
    a.sync.transport = KillServerMidSync(server)
    with pytest.raises(SyncUnavailable):
        a.sync.now()
    assert a.sync.state().online is False
    with pytest.raises(SyncUnavailable):
        b.sync.now()  # the server is down: b carries on offline, nothing lost
    assert outbox(b) and set(outbox(b)) <= set(queued)

    server.start()  # the same database, the same port
    a.sync.transport = None
    for desk in (a, b, a, b):
        desk.sync.now()
    assert outbox(a) == [] and outbox(b) == []
    assert [i.kind for i in b.sync.issues()] == ["conflict"]  # b's change to Margaret's phone clashed, and says so
    assert applied(server, queued) == len(queued)  # every change reached the server, each once
    for table in TABLES:
        assert rows(a, table) == rows(b, table), table
    assert server_rows(server, "check_in_event") == len(rows(a, "check_in_event"))
    assert server_rows(server, "visit") == len(rows(a, "visit"))
    a.close()
    b.close()
