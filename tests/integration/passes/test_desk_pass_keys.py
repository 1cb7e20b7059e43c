"""The desk's side of pass keys (services/passes/pass_keys.py) against an in-process central server: an enrolled desk
signs with the centre's key and never makes or sends one; a desk on its own, enrolled later, retires its own."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW
from tests.integration.sync_world import make_sync_world, plant_key_in_outbox
from visitorcentre.core import passes as tokens
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.desk import first_run, open_desk
from visitorcentre.server import admin
from visitorcentre.server.models import Document
from visitorcentre.services.passes import pass_keys
from visitorcentre.sync import connect_later


@pytest.fixture
def sync_world(tmp_path):
    world = make_sync_world(tmp_path)
    yield world
    world.close()


def centre_key_ids(world, establishment: str) -> set[str]:
    with Session(world.engine) as session:
        return {
            d.payload["key_id"]
            for d in session.scalars(
                select(Document).where(Document.entity == "pass_key", Document.establishment == establishment)
            )
        }


def rows(desk, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(desk.ctx.db_path) as connection:
        return connection.execute(sql, args).fetchall()


def printed(desk) -> tuple[str, str]:
    """A checked-in visit today with its pass printed: (visit id, token)."""
    visit_id = desk.visits.visit_for_scan(desk.visits.book_visit("ses-today", "pr-1", ["vis-mum"]))
    desk.visits.check_in(visit_id)
    desk.passes.issue_pass(visit_id)
    return visit_id, rows(desk, "SELECT token FROM visit_pass WHERE visit_id = ?", visit_id)[0][0]


def forged(establishment: str, private: bytes, key_id: str, day: date = NOW.date()) -> str:  # noqa: B008 - a constant
    claims = tokens.PassClaims(
        establishment=establishment,
        reference="7K3M9Q",
        session_date=day,
        session_start=time(14),
        party_size=2,
        serial=777,
        issued_at=NOW,
        key_id=key_id,
    )
    return tokens.issue(claims, private)


def test_an_enrolled_desk_signs_with_the_centres_key_and_never_makes_or_sends_one(sync_world):
    a = sync_world.enrol("a")
    [(key_id, establishment)] = rows(a, "SELECT key_id, establishment FROM pass_key")
    assert establishment == "BAR" and {key_id} == centre_key_ids(sync_world, "BAR")
    _, token = printed(a)
    assert rows(a, "SELECT key_id FROM visit_pass") == [(key_id,)]
    assert rows(a, "SELECT count(*) FROM pass_key") == [(1,)]
    assert rows(a, "SELECT count(*) FROM audit_event WHERE action = 'create_pass_key'") == [(0,)]
    assert rows(a, "SELECT count(*) FROM outbox_op WHERE entity = 'pass_key'") == [(0,)]
    assert a.passes.verify_token(token).valid


def test_an_enrolled_desk_without_the_centres_key_prints_no_pass(sync_world):
    a = sync_world.enrol("a")
    visit_id = a.visits.visit_for_scan(a.visits.book_visit("ses-today", "pr-1", ["vis-mum"]))
    a.visits.check_in(visit_id)
    with sqlite3.connect(a.ctx.db_path) as connection:
        connection.execute("DELETE FROM pass_key")
    with pytest.raises(NotAllowed, match="Sync the desk"):
        a.passes.issue_pass(visit_id)
    assert rows(a, "SELECT count(*) FROM pass_key") == [(0,)]
    assert rows(a, "SELECT count(*) FROM visit_pass") == [(0,)]


def test_an_enrolled_desk_trusts_only_its_own_establishments_keys(sync_world):
    """A Barlinnie key that reached a Greenock desk (planted in its database) vouches for nothing there,
    not even when the Greenock desk is asked to check as Barlinnie."""
    g = sync_world.enrol("g", establishment="GRE")
    assert {r[0] for r in rows(g, "SELECT establishment FROM pass_key")} == {"GRE"}
    key_id, private, public = tokens.new_key_pair()
    with g.ctx.write_sessions() as session:
        session.add(
            m.PassKey(
                id="planted",
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
    with g.ctx.reading() as session:
        assert key_id not in pass_keys.verification_keys(session)
    as_barlinnie = g.passes.verify_token(forged("BAR", private, key_id), "BAR")
    assert not as_barlinnie.valid and as_barlinnie.reason == tokens.NOT_OURS
    as_greenock = g.passes.door_scan(forged("GRE", private, key_id))
    assert not as_greenock.valid and as_greenock.reason == tokens.NOT_OURS


def test_a_key_pushed_by_a_desk_is_refused_and_reaches_no_desk(sync_world):
    a, g = sync_world.enrol("a"), sync_world.enrol("g", establishment="GRE")
    key_id, private, _public = plant_key_in_outbox(a, "GRE")  # Barlinnie's stolen credential, at Greenock
    result = a.sync.now()
    assert result.pending == 0 and [i.kind for i in a.sync.issues()] == ["rejected"]
    g.sync.now()
    assert key_id not in {r[0] for r in rows(g, "SELECT key_id FROM pass_key")}
    assert key_id not in centre_key_ids(sync_world, "GRE")
    assert g.passes.door_scan(forged("GRE", private, key_id)).reason == tokens.NOT_OURS


def test_a_desk_on_its_own_enrolled_later_retires_its_own_key_and_signs_with_the_centres(sync_world, tmp_path):
    path = tmp_path / "alone.sqlite3"
    first_run.set_up_on_its_own(path, "BAR", NOW)
    desk = open_desk(path, actor=Actor("Ann Admin", "manager"), clock=FixedClock(NOW))
    with desk.ctx.unit_of_work() as uow:
        own = pass_keys.signing_key(uow, "BAR")
        own_id, own_private = own.key_id, bytes.fromhex(own.private_key)
        uow.commit()
    before = forged("BAR", own_private, own_id)  # printed here before the desk was enrolled
    assert desk.passes.verify_token(before).valid
    assert rows(desk, "SELECT count(*) FROM outbox_op WHERE entity = 'pass_key'") == [(0,)]
    with desk.ctx.write_sessions() as session:  # as an older version queued its key
        key = session.scalar(select(m.PassKey))
        session.add(
            m.OutboxOp(
                op_id=m.new_id(),
                entity="pass_key",
                row_id=key.id,
                operation="insert",
                payload={"id": key.id, "key_id": key.key_id},
                schema_version=1,
                created_at=NOW,
            )
        )
        session.commit()
    desk.close()

    code, _ = admin.enrolment_code(sync_world.engine, "BAR", datetime.utcnow())
    assert connect_later.enrol_existing(path, "http://server", code, transport=sync_world.network) == "BAR"
    desk = open_desk(path, actor=Actor("Ann Admin", "manager"), clock=FixedClock(NOW))
    desk.sync.transport = sync_world.network
    try:
        assert rows(desk, "SELECT active, retired_on, private_key FROM pass_key WHERE key_id = ?", own_id) == [
            (0, date.today().isoformat(), "")
        ]
        assert rows(desk, "SELECT count(*) FROM outbox_op WHERE entity = 'pass_key'") == [(0,)]
        desk.sync.now()
        assert desk.sync.issues() == []  # nothing of the desk's own key went up to be refused
        assert desk.passes.verify_token(before).valid  # still good at this desk's door on its session day
        with desk.ctx.unit_of_work() as uow:
            assert pass_keys.signing_key(uow, "BAR").key_id in centre_key_ids(sync_world, "BAR")
    finally:
        desk.close()
