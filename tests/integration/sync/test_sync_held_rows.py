"""A desk that pulls rows it cannot store holds them aside and keeps syncing (in-process server, fast).

The loopback tests over SQLite and PostgreSQL are in test_sync_boundary_desk.py; these cover
each kind of row a desk refuses, the retry after an upgrade, and a restore from a backup.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import visitorcentre
from tests.integration.sync.server_tamper import inject, payload_of, row
from tests.integration.sync_world import make_sync_world
from visitorcentre.db import backups
from visitorcentre.desk import open_desk
from visitorcentre.server.models import AppliedOp
from visitorcentre.sync import pulled, restored, row_checks


@pytest.fixture
def sync_world(tmp_path):
    world = make_sync_world(tmp_path)
    yield world
    world.close()


def query(desk, sql, *args):
    with sqlite3.connect(desk.ctx.db_path) as connection:
        return connection.execute(sql, args).fetchall()


def held(desk):
    return sorted(query(desk, "SELECT entity, row_id, reason FROM sync_held_row"))


def cursor(desk):
    return query(desk, "SELECT pull_cursor FROM sync_state")[0][0]


def held_issues(desk):
    return [i for i in desk.sync.issues() if i.kind == "held"]


def service(establishment, name, **fields):
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
        **fields,
    )


def test_rows_a_desk_cannot_store_are_held_aside_and_the_pull_moves_on(sync_world):
    a = sync_world.enrol("a")
    key = row("pass_key", "GRE", key_id="planted", public_key="x" * 64, private_key="secret", active=True)
    bad_date = row(
        "visitor",
        "BAR",
        first_name="Ailsa",
        last_name="Brodie",
        date_of_birth="31/02/1990",
        phone="",
        email="",
        address="",
        postcode="",
        language="en",
        support_needs="",
        id_checked="",
        photo_consent=False,
        notes="",
        search_terms="ailsa brodie",
    )
    too_long = service("BAR", "N" * 500)
    unknown_detail = service("BAR", "Families Outside", nickname="new in a later version")
    good = service("BAR", "Citizens Advice")
    inject(sync_world.engine, "pass_key", key["id"], key, "BAR")  # another establishment's key, sent to BAR
    inject(sync_world.engine, "visitor", bad_date["id"], bad_date, "BAR")
    inject(sync_world.engine, "support_service", too_long["id"], too_long, "BAR")
    inject(sync_world.engine, "support_service", unknown_detail["id"], unknown_detail, "BAR")
    inject(sync_world.engine, "future_kind", "f-1", row("future_kind", "BAR", id="f-1"), "BAR")
    inject(sync_world.engine, "visit", "not-a-mapping", ["a", "list"], "BAR")
    last = inject(sync_world.engine, "support_service", good["id"], good, "BAR")

    result = a.sync.now()

    assert cursor(a) == last  # moved past every row it could not store
    assert query(a, "SELECT name FROM support_service WHERE id = ?", good["id"]) == [("Citizens Advice",)]
    assert query(a, "SELECT count(*) FROM pass_key WHERE key_id = 'planted'") == [(0,)]
    reasons = dict(((e, r), why) for e, r, why in held(a))
    assert set(reasons) == {
        ("pass_key", key["id"]),
        ("visitor", bad_date["id"]),
        ("support_service", too_long["id"]),
        ("support_service", unknown_detail["id"]),
        ("future_kind", "f-1"),
        ("visit", "not-a-mapping"),
    }
    assert "another establishment (GRE)" in reasons[("pass_key", key["id"])]
    assert "date_of_birth" in reasons[("visitor", bad_date["id"])]
    assert (
        "name" in reasons[("support_service", too_long["id"])]
        and "longer" in reasons[("support_service", too_long["id"])]
    )
    assert "nickname" in reasons[("support_service", unknown_detail["id"])]
    issues = held_issues(a)
    assert len(issues) == 6 and result.issues == 6
    words = " ".join(i.message for i in issues)
    assert "Ailsa Brodie's details" in words and "damaged" in words and "Nothing on this desk is damaged" in words
    assert not any("may be damaged" in i.message for i in issues)
    again = a.sync.now()  # the next sync works, and does not hold the same rows twice
    assert again.pulled == 0 and len(held(a)) == 6 and len(held_issues(a)) == 6


def test_a_held_row_is_stored_once_the_server_sends_a_good_copy(sync_world):
    a = sync_world.enrol("a")
    bad = service("BAR", "N" * 500)
    inject(sync_world.engine, "support_service", bad["id"], bad, "BAR")
    a.sync.now()
    assert len(held(a)) == 1 and len(held_issues(a)) == 1
    inject(sync_world.engine, "support_service", bad["id"], {**bad, "name": "Fixed at the centre", "version": 2}, "BAR")
    a.sync.now()
    assert held(a) == [] and held_issues(a) == []
    assert query(a, "SELECT name FROM support_service WHERE id = ?", bad["id"]) == [("Fixed at the centre",)]


def test_a_held_row_is_tried_again_after_an_upgrade(sync_world, monkeypatch):
    a = sync_world.enrol("a")
    long_name = service("BAR", "N" * 500)
    inject(sync_world.engine, "support_service", long_name["id"], long_name, "BAR")
    a.sync.now()
    assert len(held(a)) == 1
    a.sync.now()  # the same software again: nothing changes
    assert len(held(a)) == 1 and query(a, "SELECT count(*) FROM support_service WHERE id = ?", long_name["id"]) == [
        (0,)
    ]
    # The upgrade: a later desk version that can hold longer names.
    checks = pulled.checks_for("support_service")
    monkeypatch.setitem(checks.converters, "name", row_checks._text(None))
    monkeypatch.setattr(visitorcentre, "__version__", "99.0.0")
    a.sync.now()
    assert held(a) == [] and held_issues(a) == []
    assert query(a, "SELECT length(name) FROM support_service WHERE id = ?", long_name["id"]) == [(500,)]


def test_a_row_still_refused_after_the_upgrade_stays_held_once(sync_world, monkeypatch):
    a = sync_world.enrol("a")
    key = row("pass_key", "GRE", key_id="planted", public_key="x" * 64, private_key="secret", active=True)
    inject(sync_world.engine, "pass_key", key["id"], key, "BAR")
    a.sync.now()
    monkeypatch.setattr(visitorcentre, "__version__", "99.0.0")
    a.sync.now()
    assert [(e, r) for e, r, _ in held(a)] == [("pass_key", key["id"])] and len(held_issues(a)) == 1
    assert query(a, "SELECT app_version FROM sync_held_row") == [("99.0.0",)]


def test_a_prisoner_moved_to_another_prison_reaches_the_desk_that_had_them(sync_world):
    a = sync_world.enrol("a")
    moved = {**payload_of(sync_world.engine, "prisoner", "pr-1"), "establishment": "GRE", "version": 2}
    inject(sync_world.engine, "prisoner", "pr-1", moved, "BAR")
    stranger = row(
        "prisoner",
        "GRE",
        prison_number="S999999",
        first_name="Never",
        last_name="Here",
        date_of_birth=None,
        location="",
        status="remand",
        no_child_contact=False,
        closed_visits=False,
    )
    inject(sync_world.engine, "prisoner", stranger["id"], stranger, "BAR")
    a.sync.now()
    assert query(a, "SELECT establishment FROM prisoner WHERE id = 'pr-1'") == [("GRE",)]
    assert query(a, "SELECT count(*) FROM prisoner WHERE id = ?", stranger["id"]) == [(0,)]
    assert held(a) == [] and held_issues(a) == []


def test_a_desk_restored_from_a_backup_gets_its_own_later_changes_back(sync_world, tmp_path):
    a = sync_world.enrol("a")
    backup = backups.copy_database(a.ctx.db_path, tmp_path / "a-backup.sqlite3")
    record = a.visits.visitor_record("vis-mum")
    a.visits.edit_visitor("vis-mum", replace(record.details, phone="07700 900123"), record.version)
    assert a.sync.now().pushed == 1
    restored.restore_backup(a.ctx.db_path, backup, a.ctx.clock.utcnow(), before=a.close)
    a = open_desk(a.ctx.db_path, actor=a.ctx.actor, clock=a.ctx.clock)
    a.sync.transport = sync_world.network
    assert a.visits.visitor_record("vis-mum").details.phone != "07700 900123"  # the backup is older
    a.sync.now()
    record = a.visits.visitor_record("vis-mum")
    assert record.details.phone == "07700 900123"  # its own change, pushed after the backup, came back
    a.visits.edit_visitor("vis-mum", replace(record.details, phone="07700 900456"), record.version)
    op_id = query(a, "SELECT op_id FROM outbox_op")[0][0]
    a.sync.now()
    with Session(sync_world.engine) as session:
        assert session.scalar(select(AppliedOp.outcome).where(AppliedOp.op_id == op_id)) == "applied"
    assert [i.kind for i in a.sync.issues()] == []
    assert query(a, "SELECT own_rows_wanted FROM sync_state") == [(0,)]
    a.close()


def test_a_backup_copied_back_by_hand_is_noticed_at_the_next_sync(sync_world, tmp_path):
    a = sync_world.enrol("a")
    backup = backups.copy_database(a.ctx.db_path, tmp_path / "a-backup.sqlite3")
    for phone in ("07700 900121", "07700 900122", "07700 900123"):
        record = a.visits.visitor_record("vis-mum")
        a.visits.edit_visitor("vis-mum", replace(record.details, phone=phone), record.version)
    a.sync.now()
    sent = query(a, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox_op'")[0][0]
    a.close()
    for suffix in ("-wal", "-shm"):
        (a.ctx.db_path.parent / f"{a.ctx.db_path.name}{suffix}").unlink(missing_ok=True)
    backup.replace(a.ctx.db_path)  # no restore screen: the file put back by hand
    a = open_desk(a.ctx.db_path, actor=a.ctx.actor, clock=a.ctx.clock)
    a.sync.transport = sync_world.network
    a.sync.now()
    record = a.visits.visitor_record("vis-mum")
    assert record.details.phone == "07700 900123"  # its own later changes came back
    a.visits.edit_visitor("vis-mum", replace(record.details, phone="07700 900789"), record.version)
    op_id, seq = query(a, "SELECT op_id, seq FROM outbox_op")[0]
    assert seq > sent  # numbered after everything it sent before the restore
    a.sync.now()
    with Session(sync_world.engine) as session:
        assert session.scalar(select(AppliedOp.outcome).where(AppliedOp.op_id == op_id)) == "applied"
    assert a.sync.issues() == []
    a.close()


def test_changes_made_after_a_restore_before_a_sync_are_numbered_after_those_sent(sync_world, tmp_path):
    a = sync_world.enrol("a")
    backup = backups.copy_database(a.ctx.db_path, tmp_path / "a-backup.sqlite3")
    for phone in ("07700 900121", "07700 900122", "07700 900123"):
        record = a.visits.visitor_record("vis-gran")
        a.visits.edit_visitor("vis-gran", replace(record.details, phone=phone), record.version)
    a.sync.now()
    sent = query(a, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox_op'")[0][0]
    a.close()
    backup.replace(a.ctx.db_path)
    for suffix in ("-wal", "-shm"):
        (a.ctx.db_path.parent / f"{a.ctx.db_path.name}{suffix}").unlink(missing_ok=True)
    a = open_desk(a.ctx.db_path, actor=a.ctx.actor, clock=a.ctx.clock)
    record = a.visits.visitor_record("vis-mum")
    a.visits.edit_visitor("vis-mum", replace(record.details, email="mum@example.org"), record.version)
    assert query(a, "SELECT max(seq) FROM outbox_op")[0][0] <= sent  # as the backup knew
    with pulled.writing_unchecked(a.ctx.engine) as session:
        device = query(a, "SELECT device_id FROM sync_state")[0][0]
        assert restored.settle(session, a.ctx.db_path, device)
        session.commit()
    assert query(a, "SELECT min(seq) FROM outbox_op")[0][0] > sent
    assert query(a, "SELECT own_rows_wanted FROM sync_state") == [(1,)]
    a.close()


def test_a_restore_waits_for_a_running_sync(sync_world, tmp_path):
    a = sync_world.enrol("a")
    backup = backups.copy_database(a.ctx.db_path, tmp_path / "a-backup.sqlite3")
    started = threading.Event()
    lock = restored.sync_lock(a.ctx.db_path)
    lock.acquire()  # a sync of this desk is running
    worker = threading.Thread(
        target=lambda: restored.restore_backup(
            a.ctx.db_path, backup, a.ctx.clock.utcnow(), before=lambda: (started.set(), a.close())
        )
    )
    worker.start()
    worker.join(timeout=1)
    assert worker.is_alive() and not started.is_set()  # it has not touched the file
    lock.release()  # the sync finished
    worker.join(timeout=60)
    assert not worker.is_alive() and started.is_set()
    assert query(a, "SELECT own_rows_wanted FROM sync_state") == [(1,)]
