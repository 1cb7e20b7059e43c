"""Pass keys end to end on a real server on loopback (SQLite and PostgreSQL): two establishments' desks each
receive only their own key; a planted key opens no door; a rotation keeps earlier passes good for their day
while new passes use the new key."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW, build_world
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from tests.integration.servers import admin as admin_cli
from tests.integration.sync_world import empty_desk_database, plant_key_in_outbox
from visitorcentre.core import passes as tokens
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.desk import Desk, open_desk
from visitorcentre.server import admin, database
from visitorcentre.server.models import Document
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
    desks: list[Desk] = []
    process.desks = desks
    yield process
    for desk in desks:
        desk.close()
    process.stop()
    engine.dispose()
    drop_server_db(url)


def enrolled(server, path, establishment: str) -> Desk:
    code, _ = admin.enrolment_code(server.engine, establishment, datetime.utcnow())
    enrol(empty_desk_database(path), server.address, code, path.stem)
    desk = open_desk(path, actor=Actor(f"Worker {path.stem}", "manager"), clock=FixedClock(NOW))
    server.desks.append(desk)
    desk.sync.now()
    return desk


def rows(desk, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(desk.ctx.db_path) as connection:
        return connection.execute(sql, args).fetchall()


def centre_keys(server, establishment: str) -> dict[str, dict]:
    with Session(server.engine) as session:
        return {
            d.payload["key_id"]: d.payload
            for d in session.scalars(
                select(Document).where(Document.entity == "pass_key", Document.establishment == establishment)
            )
        }


def print_pass(desk, visitor: str) -> str:
    visit_id = desk.visits.visit_for_scan(desk.visits.book_visit("ses-today", "pr-1", [visitor]))
    desk.visits.check_in(visit_id)
    desk.passes.issue_pass(visit_id)
    return rows(desk, "SELECT token FROM visit_pass WHERE visit_id = ?", visit_id)[0][0]


def forged(establishment: str, private: bytes, key_id: str, day: date) -> str:
    return tokens.issue(
        tokens.PassClaims(
            establishment=establishment,
            reference="7K3M9Q",
            session_date=day,
            session_start=time(14),
            party_size=2,
            serial=4242,
            issued_at=NOW - timedelta(days=3),
            key_id=key_id,
        ),
        private,
    )


def test_keys_reach_only_their_establishment_and_rotate_without_stranding_a_days_passes(server, tmp_path):
    a, b = enrolled(server, tmp_path / "a.sqlite3", "BAR"), enrolled(server, tmp_path / "b.sqlite3", "BAR")
    g = enrolled(server, tmp_path / "g.sqlite3", "GRE")
    bar, gre = centre_keys(server, "BAR"), centre_keys(server, "GRE")
    assert len(bar) == 1 and len(gre) == 1 and not set(bar) & set(gre)
    for desk in (a, b):
        assert {r[0] for r in rows(desk, "SELECT key_id FROM pass_key")} == set(bar)
    assert {r[0] for r in rows(g, "SELECT key_id FROM pass_key")} == set(gre)  # never Barlinnie's key

    # A desk's stolen credential plants a key at Greenock: refused, and Greenock's door stays shut.
    key_id, private, public = plant_key_in_outbox(a, "GRE")
    assert a.sync.now().pending == 0 and [i.kind for i in a.sync.issues()] == ["rejected"]
    g.sync.now()
    assert key_id not in centre_keys(server, "GRE") and (key_id,) not in rows(g, "SELECT key_id FROM pass_key")
    assert g.passes.door_scan(forged("GRE", private, key_id, NOW.date())).reason == tokens.NOT_OURS
    # ... and a Barlinnie key that reached Greenock's database vouches for nothing there either.
    with g.ctx.write_sessions() as session:
        session.add(
            m.PassKey(
                id="received",
                establishment="BAR",
                created_at=NOW,
                updated_at=NOW,
                version=1,
                key_id=key_id,
                public_key=public.hex(),
                private_key=private.hex(),
                active=True,
            )
        )
        session.commit()
    assert not g.passes.verify_token(forged("BAR", private, key_id, NOW.date()), "BAR").valid
    assert not g.passes.door_scan(forged("GRE", private, key_id, NOW.date())).valid
    with sqlite3.connect(g.ctx.db_path) as connection:
        connection.execute("DELETE FROM pass_key WHERE id = 'received'")

    # A pass printed before the rotation, at desk a ...
    before = print_pass(a, "vis-mum")
    [old_id] = bar
    assert rows(a, "SELECT key_id FROM visit_pass") == [(old_id,)]
    old_private = bytes.fromhex(rows(a, "SELECT private_key FROM pass_key WHERE key_id = ?", old_id)[0][0])
    a.sync.now()

    done = admin_cli(server.url, "rotate-pass-key", "BAR")
    assert done.returncode == 0, done.stderr
    rotated = centre_keys(server, "BAR")
    [new_id] = set(rotated) - {old_id}
    retired_on = date.fromisoformat(rotated[old_id]["retired_on"])
    assert retired_on == date.today() and rotated[old_id]["private_key"] == ""
    assert centre_keys(server, "GRE") == gre  # Greenock's key is its own business

    a.sync.now()
    b.sync.now()
    g.sync.now()
    # ... is good at desk b's door on its session day, after both have synced.
    assert b.passes.verify_token(before).valid
    assert b.passes.door_scan(before).reason == tokens.OK
    # Passes printed after the rotation use the new key, and are good at the other desk too.
    after = print_pass(a, "vis-gran")
    assert rows(a, "SELECT key_id FROM visit_pass WHERE token = ?", after) == [(new_id,)]
    a.sync.now()
    b.sync.now()
    assert b.passes.verify_token(after).valid
    for desk in (a, b):
        assert rows(desk, "SELECT private_key FROM pass_key WHERE key_id = ?", old_id) == [("",)]
    assert {r[0] for r in rows(g, "SELECT key_id FROM pass_key")} == set(gre)

    # Whoever kept the old private key cannot make a pass good for any day after the rotation.
    later = retired_on + timedelta(days=1)
    b.ctx.clock.moment = datetime.combine(later, time(13))
    verdict = b.passes.verify_token(forged("BAR", old_private, old_id, later))
    assert not verdict.valid and verdict.reason == tokens.KEY_REPLACED
