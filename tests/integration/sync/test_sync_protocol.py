"""The sync protocol between desks and an in-process server: once-only, clashes kept, scope, receipts."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.integration.sync_world import make_sync_world
from visitorcentre.core.errors import SyncUnavailable
from visitorcentre.db.models import OutboxOp, new_id
from visitorcentre.server.models import AppliedOp, Conflict, Document
from visitorcentre.sync import pulled

SYNCED_TABLES = ("visit", "visit_person", "check_in_event", "visitor", "relationship", "visit_note", "visit_pass")


@pytest.fixture
def sync_world(tmp_path):
    world = make_sync_world(tmp_path)
    yield world
    world.close()


def table(desk, name):
    with sqlite3.connect(desk.ctx.db_path) as connection:
        return sorted(connection.execute(f"SELECT * FROM {name}").fetchall(), key=repr)


def same(a, b):
    for name in SYNCED_TABLES:
        assert table(a, name) == table(b, name), name


def server_count(world, model, *where):
    with Session(world.engine) as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def book_today(desk, visitors=("vis-mum", "vis-child")):
    reference = desk.visits.book_visit("ses-today", "pr-1", list(visitors))
    return desk.visits.visit_for_scan(reference)


def test_a_change_reaches_the_other_desk_exactly_once(sync_world):
    a, b = sync_world.enrol("a"), sync_world.enrol("b")
    visit_id = book_today(a)
    queued = len(table(a, "outbox_op"))
    sync_world.network.lose_answers = 1  # the server applies the push, but the desk never hears back
    with pytest.raises(SyncUnavailable):
        a.sync.now()
    assert len(table(a, "outbox_op")) == queued  # nothing dropped without an acknowledgement
    assert a.sync.state().online is False and a.sync.state().last_error
    result = a.sync.now()
    assert result.pushed == queued and result.pending == 0
    assert server_count(sync_world, AppliedOp) == queued  # the repeat was answered, not applied again
    b.sync.now()
    assert b.visits.visit(visit_id).reference == a.visits.visit(visit_id).reference
    same(a, b)
    before = table(b, "visit")
    assert b.sync.now().pulled == 0 and table(b, "visit") == before


def test_a_pull_applied_twice_changes_nothing(sync_world):
    a = sync_world.enrol("a")
    book_today(a)
    a.sync.now()
    with Session(sync_world.engine) as session:
        rows = [(d.entity, d.row_id, d.payload) for d in session.scalars(select(Document)) if d.establishment == "BAR"]
    snapshot = {name: table(a, name) for name in SYNCED_TABLES}
    for _ in range(2):
        with pulled.writing_unchecked(a.ctx.engine) as session:
            pulled.store(session, rows, a.ctx.clock.utcnow())
            session.commit()
    assert {name: table(a, name) for name in SYNCED_TABLES} == snapshot


def test_double_check_in_at_two_offline_desks_ends_as_one_visit_with_a_note(sync_world):
    a, b = sync_world.enrol("a"), sync_world.enrol("b")
    visit_id = book_today(a)
    a.sync.now()
    b.sync.now()
    sync_world.network.down = True
    a.visits.check_in(visit_id)
    b.ctx.clock.moment += timedelta(minutes=4)
    b.visits.check_in(visit_id)
    sync_world.network.down = False
    a.sync.now()
    b.sync.now()
    a.sync.now()
    same(a, b)
    assert a.visits.visit(visit_id).status == "checked_in" == b.visits.visit(visit_id).status
    for desk in (a, b):
        notes = desk.sync.visit_notes(visit_id)
        assert len(notes) == 1 and "two desks" in notes[0]
        kinds = [issue.kind for issue in desk.sync.issues()]
        assert kinds == ["double_check_in"], kinds
    # both desks' check-in records are kept (append-only): the history shows both
    assert len([e for e in table(a, "check_in_event") if "checked_in" in e]) == 4


@pytest.fixture(params=[500, 1], ids=["one batch", "a batch an op"])
def push_batch(request, monkeypatch):
    """With one op a batch, the op made on top of a clash was read (and its request built) while the
    clashing one was on its way: it must be read again, stale, once the clash is answered."""
    from visitorcentre.sync import outbox_batches

    monkeypatch.setattr(outbox_batches, "PUSH_BATCH", request.param)
    return request.param


def test_a_clash_on_visitor_details_is_kept_and_shown(sync_world, push_batch):
    a, b = sync_world.enrol("a"), sync_world.enrol("b")
    record = a.visits.visitor_record("vis-mum")
    a.visits.edit_visitor("vis-mum", replace(record.details, phone="07700 900001"), record.version)
    record_b = b.visits.visitor_record("vis-mum")
    b.visits.edit_visitor("vis-mum", replace(record_b.details, phone="07700 900002"), record_b.version)
    again = b.visits.visitor_record("vis-mum")
    b.visits.edit_visitor(
        "vis-mum", replace(again.details, email="mum@example.org"), again.version
    )  # on top of the clash
    a.sync.now()
    result = b.sync.now()
    assert result.pending == 0
    issues = b.sync.issues()
    assert [i.kind for i in issues] == ["conflict"]
    assert "another desk" in issues[0].message and issues[0].row_id == "vis-mum"
    assert b.visits.visitor_record("vis-mum").details.phone == "07700 900001"  # the desk shows what was kept
    assert b.visits.visitor_record("vis-mum").details.email == ""
    kept = server_count(sync_world, Conflict, Conflict.row_id == "vis-mum")
    assert kept == 2  # both of b's changes are kept aside on the server, not dropped
    # staff make the change again: now it goes through
    current = b.visits.visitor_record("vis-mum")
    b.visits.edit_visitor("vis-mum", replace(current.details, email="mum@example.org"), current.version)
    b.sync.now()
    a.sync.now()
    assert a.visits.visitor_record("vis-mum").details.email == "mum@example.org"
    b.sync.dismiss_issue(issues[0].id)
    assert b.sync.issues() == [] and len(b.sync.issues(include_dismissed=True)) == 1
    assert b.sync.state().open_issues == 0


def test_a_batch_over_the_size_limit_goes_up_in_smaller_requests(sync_world, monkeypatch):
    from visitorcentre.sync import outbox_batches, run

    a, b = sync_world.enrol("a"), sync_world.enrol("b")
    book_today(a)
    queued = len(table(a, "outbox_op"))
    monkeypatch.setattr(outbox_batches, "PUSH_BYTES", 1)  # every op alone is over it: one request each
    sizes = []
    original = run.SyncClient.push_body
    monkeypatch.setattr(
        run.SyncClient, "push_body", lambda self, est, body: sizes.append(body) or original(self, est, body)
    )
    result = a.sync.now()
    assert result.pushed == queued and result.pending == 0
    assert len(sizes) == queued and server_count(sync_world, AppliedOp) == queued
    b.sync.now()
    same(a, b)


def test_a_rejected_op_is_visible_and_never_blocks_the_queue(sync_world):
    a = sync_world.enrol("a")
    with a.ctx.write_sessions() as session:  # a change to the roster, which desks may not make
        session.add(
            OutboxOp(
                op_id=new_id(),
                entity="prisoner",
                row_id="pr-1",
                operation="update",
                payload={"id": "pr-1", "establishment": "BAR", "version": 2, "status": "released"},
                schema_version=1,
                created_at=a.ctx.clock.utcnow(),
            )
        )
        session.commit()
    visit_id = book_today(a)
    result = a.sync.now()
    assert result.pending == 0 and result.issues == 1
    issue = a.sync.issues()[0]
    assert issue.kind == "rejected" and "roster" in issue.message
    with Session(sync_world.engine) as session:
        assert session.get(Document, ("visit", visit_id)) is not None
        assert session.get(Document, ("prisoner", "pr-1")).payload["status"] == "convicted"


def test_another_establishments_desk_sees_nothing_of_ours(sync_world):
    a = sync_world.enrol("a")
    book_today(a)
    a.sync.now()
    greenock = sync_world.enrol("gre", establishment="GRE")
    assert greenock.ctx.establishment == "GRE"
    for name in ("visit", "visitor", "relationship", "prisoner", "ban", "pass_key"):
        assert [r for r in table(greenock, name) if "BAR" in r] == [], name
    assert len(table(greenock, "establishment")) == 2  # national reference data
    # and it cannot reach Barlinnie's records by asking for them
    from visitorcentre.sync import credential

    token = credential.load(greenock.ctx.db_path).token
    answer = sync_world.network.inner.handle_request(
        __import__("httpx").Request(
            "GET",
            "http://server/v1/establishments/BAR/pull?after=0",
            headers={"Authorization": f"Bearer {token}", "X-Sync-Protocol": "1", "X-Sync-Schema": "1"},
        )
    )
    assert answer.status_code == 403


def test_a_revoked_desk_is_refused_and_says_so(sync_world):
    a = sync_world.enrol("a")
    from visitorcentre.server import admin

    admin.revoke(sync_world.engine, admin.devices(sync_world.engine)[0]["device_id"])
    with pytest.raises(SyncUnavailable, match="no longer accepts"):
        a.sync.now()
    state = a.sync.state()
    assert state.online is False and "no longer accepts" in state.last_error


def test_receipts_go_up_before_the_op_that_names_them_and_come_down_to_other_desks(sync_world, tmp_path):
    from visitorcentre.files import receipts as receipt_files

    a, b = sync_world.enrol("a"), sync_world.enrol("b")
    from PIL import Image

    picture = tmp_path / "receipt.png"
    Image.new("RGB", (40, 30), "white").save(picture)
    checked = receipt_files.check_file(picture)
    receipt_files.store(checked)
    attachment = {
        "id": new_id(),
        "establishment": "BAR",
        "created_at": "2026-11-22T13:00:00",
        "updated_at": "2026-11-22T13:00:00",
        "version": 1,
        "application_id": "app-1",
        "kind": "receipt",
        "sha256": checked.sha256,
        "media_type": "image/png",
        "size_bytes": len(checked.data),
        "original_name": "receipt.png",
        "expense_index": 0,
    }
    missing = dict(attachment, id=new_id(), sha256="0" * 64)
    with a.ctx.write_sessions() as session:
        for payload in (attachment, missing):
            session.add(
                OutboxOp(
                    op_id=new_id(),
                    entity="cost_attachment",
                    row_id=payload["id"],
                    operation="insert",
                    payload=payload,
                    schema_version=1,
                    created_at=a.ctx.clock.utcnow(),
                )
            )
        session.commit()
    a.sync.now()
    assert any("PUT /v1/establishments/BAR/blobs/" in r for r in sync_world.network.requests)
    assert [i.kind for i in a.sync.issues()] == ["rejected"]  # the one whose file never existed
    receipt_files.blob_path(checked.sha256).unlink()
    b.sync.now()
    assert receipt_files.blob_path(checked.sha256).read_bytes() == checked.data


def test_the_establishments_pass_key_reaches_every_desk(sync_world):
    a, b = sync_world.enrol("a"), sync_world.enrol("b")
    assert table(a, "pass_key") == table(b, "pass_key") and len(table(a, "pass_key")) == 1
    visit_id = book_today(a)
    a.visits.check_in(visit_id)
    a.passes.issue_pass(visit_id)
    a.sync.now()
    b.sync.now()
    with sqlite3.connect(b.ctx.db_path) as connection:
        token = connection.execute("SELECT token FROM visit_pass").fetchone()[0]
    assert b.passes.verify_token(token).valid  # a pass printed at one desk is good at the other's hall door


def test_a_first_pull_reports_its_progress(sync_world):
    seen = []
    desk = sync_world.enrol("a")
    from visitorcentre.sync import run

    with sqlite3.connect(desk.ctx.db_path) as connection:
        connection.execute("UPDATE sync_state SET pull_cursor = 0")
    original = run.PULL_BATCH
    run.PULL_BATCH = 10
    try:
        result = desk.sync.now(lambda done, total: seen.append((done, total)))
    finally:
        run.PULL_BATCH = original
    assert len(seen) > 2 and seen[-1][0] == result.pulled
    assert all(done <= total for done, total in seen) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert result.issues == 0  # taking everything again changed nothing


def test_a_desk_cannot_take_over_another_establishments_record(sync_world):
    greenock = sync_world.enrol("gre", establishment="GRE")
    with greenock.ctx.write_sessions() as session:  # Barlinnie's visitor, claimed as Greenock's
        session.add(
            OutboxOp(
                op_id=new_id(),
                entity="visitor",
                row_id="vis-mum",
                operation="update",
                payload={"id": "vis-mum", "establishment": "GRE", "version": 2, "first_name": "X"},
                schema_version=1,
                created_at=greenock.ctx.clock.utcnow(),
            )
        )
        session.commit()
    result = greenock.sync.now()
    assert result.pending == 0 and [i.kind for i in greenock.sync.issues()] == ["rejected"]
    assert "another establishment" in greenock.sync.issues()[0].message
    with Session(sync_world.engine) as session:
        kept = session.get(Document, ("visitor", "vis-mum"))
        assert kept.establishment == "BAR" and kept.payload["first_name"] == "Siobhán"


def test_a_visitor_named_by_another_establishment_is_shared_with_it(sync_world):
    from datetime import datetime

    from visitorcentre.server import documents

    greenock = sync_world.enrol("gre", establishment="GRE")
    with Session(sync_world.engine) as session:  # Greenock's roster gains a prisoner Siobhán visits
        stamp = "2026-11-22T13:00:00"
        prisoner = {
            "id": "pr-g",
            "establishment": "GRE",
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
            "prison_number": "S300001",
            "first_name": "Tam",
            "last_name": "Reid",
            "date_of_birth": None,
            "location": "",
            "status": "convicted",
            "no_child_contact": False,
            "closed_visits": False,
        }
        documents.put(session, "prisoner", "pr-g", prisoner, "server", datetime.utcnow())
        session.commit()
    greenock.sync.now()
    assert greenock.visits.visitor_record("vis-mum") is None  # not shared yet: Greenock does not know her
    with Session(sync_world.engine) as session:  # the centre links her to Greenock's prisoner
        link = {
            "id": "rel-g",
            "establishment": "GRE",
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
            "visitor_id": "vis-mum",
            "prisoner_id": "pr-g",
            "kind": "sibling",
            "list_status": "approved",
        }
        documents.put(session, "relationship", "rel-g", link, "server", datetime.utcnow())
        session.commit()
    greenock.sync.now()
    assert greenock.visits.visitor_record("vis-mum").details.first_name == "Siobhán"
    assert [v.visitor_id for v in greenock.visits.linked_visitors("pr-g")] == ["vis-mum"]
    assert table(greenock, "visit") == []  # nothing else of hers
