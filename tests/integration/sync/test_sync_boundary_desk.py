"""The desk's side of the trust boundary, with a real server on loopback over SQLite and PostgreSQL.

- A row the server should never have sent (another establishment's pass key, written straight
  into the server's database as an attacker with database access would) is held aside with a
  sync issue; the cursor moves on, the other rows are stored, the next sync works, and the
  command line never says the database may be damaged.
- A row the desk cannot store (a value too long) is held aside and stored once the centre fixes it.
- A desk restored from a backup gets its own later changes back, and its next edit is applied.
- After a full sync of a family with distinctive names, none of the names is in the desk's log.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW, build_world
from tests.integration.servers import ServerProcess, cli, drop_server_db, server_db_url
from tests.integration.sync.server_tamper import inject, row
from tests.integration.sync_world import empty_desk_database
from visitorcentre.config import logs
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.kinds import RelationshipKind
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.db import backups
from visitorcentre.desk import Desk, open_desk
from visitorcentre.server import admin, database
from visitorcentre.server.models import AppliedOp
from visitorcentre.sync import restored
from visitorcentre.sync.enrolment import enrol


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
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


def query(db, sql, *args):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, args).fetchall()


def service(establishment, name):
    return row(
        "support_service",
        establishment,
        name=name,
        category="money",
        description="",
        phone="",
        website="",
        hours="",
        national=False,
        position=1,
    )


def test_another_establishments_row_is_held_aside_and_the_desk_keeps_syncing(server, tmp_path):
    desk = enrolled_desk(server, tmp_path / "a.sqlite3")
    key = row("pass_key", "GRE", key_id="planted", public_key="x" * 64, private_key="secret", active=True)
    good = service("BAR", "Citizens Advice")
    inject(server.engine, "pass_key", key["id"], key, "BAR")
    last = inject(server.engine, "support_service", good["id"], good, "BAR")
    desk.close()

    done = cli("sync", "--db", str(desk.ctx.db_path), "--json")
    assert done.returncode == 0, done.stderr
    assert "damaged" not in done.stderr
    assert json.loads(done.stdout)["issues"] == 1
    assert query(desk.ctx.db_path, "SELECT pull_cursor FROM sync_state") == [(last,)]
    assert query(desk.ctx.db_path, "SELECT name FROM support_service WHERE id = ?", good["id"]) == [
        ("Citizens Advice",)
    ]
    assert query(desk.ctx.db_path, "SELECT count(*) FROM pass_key WHERE key_id = 'planted'") == [(0,)]
    assert query(desk.ctx.db_path, "SELECT entity, row_id FROM sync_held_row") == [("pass_key", key["id"])]
    ((kind, message),) = query(desk.ctx.db_path, "SELECT kind, message FROM sync_issue")
    assert kind == "held" and "another establishment (GRE)" in message and "may be damaged" not in message

    later = service("BAR", "Families Outside")
    inject(server.engine, "support_service", later["id"], later, "BAR")
    again = cli("sync", "--db", str(desk.ctx.db_path), "--json")  # the next sync works
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["pulled"] == 1 and json.loads(again.stdout)["issues"] == 1
    assert query(desk.ctx.db_path, "SELECT name FROM support_service WHERE id = ?", later["id"]) == [
        ("Families Outside",)
    ]


def test_a_row_the_desk_cannot_store_is_held_then_stored_once_fixed(server, tmp_path):
    desk = enrolled_desk(server, tmp_path / "a.sqlite3")
    bad = service("BAR", "N" * 500)  # longer than the desk's column
    inject(server.engine, "support_service", bad["id"], bad, "BAR")
    assert desk.sync.now().issues == 1
    assert [i.kind for i in desk.sync.issues()] == ["held"]
    assert "longer" in query(desk.ctx.db_path, "SELECT reason FROM sync_held_row")[0][0]
    inject(server.engine, "support_service", bad["id"], {**bad, "name": "Fixed at the centre", "version": 2}, "BAR")
    assert desk.sync.now().issues == 0
    assert query(desk.ctx.db_path, "SELECT count(*) FROM sync_held_row") == [(0,)]
    assert query(desk.ctx.db_path, "SELECT name FROM support_service WHERE id = ?", bad["id"]) == [
        ("Fixed at the centre",)
    ]
    desk.close()


def test_a_desk_restored_from_a_backup_gets_its_own_changes_back(server, tmp_path):
    desk = enrolled_desk(server, tmp_path / "a.sqlite3")
    backup = backups.copy_database(desk.ctx.db_path, tmp_path / "a-backup.sqlite3")
    record = desk.visits.visitor_record("vis-mum")
    desk.visits.edit_visitor("vis-mum", replace(record.details, phone="07700 900123"), record.version)  # A
    assert desk.sync.now().pushed == 1
    restored.restore_backup(desk.ctx.db_path, backup, datetime.utcnow(), before=desk.close)
    desk = open_desk(desk.ctx.db_path, actor=desk.ctx.actor, clock=desk.ctx.clock)
    desk.sync.now()
    record = desk.visits.visitor_record("vis-mum")
    assert record.details.phone == "07700 900123"
    desk.visits.edit_visitor("vis-mum", replace(record.details, phone="07700 900456"), record.version)
    op_id = query(desk.ctx.db_path, "SELECT op_id FROM outbox_op")[0][0]
    desk.sync.now()
    with Session(server.engine) as session:
        assert session.scalar(select(AppliedOp.outcome).where(AppliedOp.op_id == op_id)) == "applied"
    assert desk.sync.issues() == []
    desk.close()


FAMILY = (("Quillon", "Zebedee-Thistlewood"), ("Marisol", "Zebedee-Thistlewood"), ("Tobiah", "Zebedee-Thistlewood"))


def test_no_family_name_reaches_the_desks_log(server, tmp_path, caplog):
    own_handlers = [h for h in logging.getLogger().handlers if getattr(h, "_visitorcentre", False)]
    for handler in own_handlers:  # another test's log file; this test writes its own
        logging.getLogger().removeHandler(handler)
    level = logging.getLogger().level
    logs.configure(verbose=True)
    caplog.set_level(logging.DEBUG)
    try:
        a = enrolled_desk(server, tmp_path / "a.sqlite3")
        ids = [
            a.visits.register_visitor(
                VisitorDetails(first, last, date(1984, 3, 1 + n), phone="07700 900999"), "pr-1", RelationshipKind.FRIEND
            )
            for n, (first, last) in enumerate(FAMILY)
        ]
        a.sync.now()
        b = enrolled_desk(server, tmp_path / "b.sqlite3")  # a full first pull, with the family in it
        record_a, record_b = a.visits.visitor_record(ids[0]), b.visits.visitor_record(ids[0])
        a.visits.edit_visitor(ids[0], replace(record_a.details, email="quillon@example.org"), record_a.version)
        b.visits.edit_visitor(ids[0], replace(record_b.details, email="q.zt@example.org"), record_b.version)
        a.sync.now()
        b.sync.now()  # a clash, kept and shown
        unstorable = row(
            "visitor",
            "BAR",
            first_name="Quillon",
            last_name="Zebedee-Thistlewood",
            date_of_birth="not a date",
            phone="",
            email="",
            address="",
            postcode="",
            language="en",
            support_needs="",
            id_checked="",
            photo_consent=False,
            notes="",
            search_terms="",
        )
        inject(server.engine, "visitor", unstorable["id"], unstorable, "BAR")
        assert b.sync.now().issues >= 2  # held aside, named to staff in the issue, not in the log
        for desk in (a, b):
            desk.close()
    finally:
        for handler in [h for h in logging.getLogger().handlers if getattr(h, "_visitorcentre", False)]:
            logging.getLogger().removeHandler(handler)
            handler.close()
        for handler in own_handlers:
            logging.getLogger().addHandler(handler)
        logging.getLogger().setLevel(level)
    written = logs.log_file().read_text(encoding="utf-8")
    assert "Sync" in written and "set aside" in written  # the log did record the sync
    captured = caplog.text
    assert len(caplog.records) > 20
    for first, last in FAMILY:
        for name in (first, last):
            assert name not in written, name
            assert name not in captured, name
    assert "07700 900999" not in written + captured and "@example.org" not in written + captured
