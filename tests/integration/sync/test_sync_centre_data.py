"""What the centre enters reaches the desks and counts in their checks: a real server on loopback,
SQLite and PostgreSQL.

The centre's writes go through the console's write path (``server.centre.store.save``: the record
rules, the document store and feed, the central audit log); the desks sync with the server over
HTTP as they do in an establishment.

- A restriction, a blocked session and an approved visitor list change reach the desk; a desk
  cannot push a restriction.
- A prisoner moved to another establishment: the old establishment's desk learns of the move
  (and can still cancel the visit), the new one receives the prisoner.
- A ban at every establishment reaches every establishment that knows the visitor, also one that
  comes to know them later; a ban at one establishment stays there; a lifted ban stops counting.
- A desk's change to a relationship the centre changed meanwhile is a kept clash, never lost.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW, TODAY, build_world
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from tests.integration.sync_world import empty_desk_database
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.errors import ChecksFailed
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.desk import Desk, open_desk
from visitorcentre.server import admin, database
from visitorcentre.server.centre import store
from visitorcentre.server.models import Conflict, Document, Feed
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


@pytest.fixture
def desks(server, tmp_path):
    opened: list[Desk] = []

    def enrolled(name: str, establishment: str = "BAR") -> Desk:
        code, _ = admin.enrolment_code(server.engine, establishment, datetime.utcnow())
        path = tmp_path / f"{name}.sqlite3"
        enrol(empty_desk_database(path), server.address, code, name)
        desk = open_desk(path, actor=Actor(f"Worker {name}", "manager"), clock=FixedClock(NOW))
        desk.sync.now()
        opened.append(desk)
        return desk

    yield enrolled
    for desk in opened:
        desk.close()


def centre_writes(server, entity: str, row_id: str | None = None, establishment: str = "", **fields) -> str:
    """The centre changes a record or makes a new one (at Barlinnie unless ``establishment`` says
    otherwise) through the console's write path: checked by the record rules, version bumped,
    with its central audit entry."""
    row_id = row_id or str(uuid.uuid4())
    with Session(server.engine) as session:
        if establishment or store.current(session, entity, row_id) is None:
            fields["establishment"] = establishment or "BAR"
        store.save(
            session,
            actor="Centre Administrator",
            action=f"{entity}.changed",
            entity=entity,
            row_id=row_id,
            fields=fields,
            summary=f"Changed a {entity.replace('_', ' ')}",
            now=datetime.utcnow(),
        )
        session.commit()
    return row_id


def scopes(server, entity: str, row_id: str) -> set[str]:
    with Session(server.engine) as session:
        return set(session.scalars(select(Feed.scope).where(Feed.entity == entity, Feed.row_id == row_id)))


def day(offset: int = 0) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def ban(server, visitor: str, scope: str = "all", establishment: str = "BAR", reason="Threatening staff") -> str:
    return centre_writes(
        server,
        "ban",
        establishment=establishment,
        visitor_id=visitor,
        scope=scope,
        prisoner_id=None,
        reason=reason,
        starts_on=day(-1),
        ends_on=None,
        lifted_on=None,
        lifted_reason="",
    )


def visit_of(desk: Desk, reference: str) -> str:
    found = desk.visits.visit_for_scan(reference)
    assert found
    return found


def test_restrictions_blocked_sessions_and_list_changes_reach_the_desk(server, desks):
    desk = desks("bar-1")
    booked = visit_of(desk, desk.visits.book_visit("ses-today", "pr-1", ["vis-mum", "vis-child"]))
    centre_writes(
        server,
        "restriction",
        prisoner_id="pr-1",
        kind="no_child_contact",
        detail="",
        reason="Public protection review",
        starts_on=day(-2),
        ends_on=day(60),
        lifted_on=None,
        lifted_reason="",
    )
    centre_writes(server, "visit_session", "ses-tomorrow", blocked_reason="Staff training")
    centre_writes(server, "relationship", "rel-pending-pr-1", list_status="approved")
    desk.sync.now()

    detail = desk.visits.visit(booked)
    assert any("Public protection review" in words for words in detail.restrictions)
    assert [r.code for r in detail.party[1].results] == ["child_restricted"]
    (tomorrow,) = desk.visits.today(TODAY + timedelta(days=1))
    assert tomorrow.blocked_reason == "Staff training"
    assert "ses-tomorrow" not in [s.id for s in desk.visits.bookable_sessions()]
    # Agnieszka is approved at the centre: her visit can be booked now.
    desk.visits.book_visit("ses-today", "pr-1", ["vis-pending"])

    with desk.ctx.write_sessions() as session:  # a desk that tried to lift the restriction itself
        restriction = session.scalars(select(m.PrisonerRestriction)).one()
        payload = {c.name: getattr(restriction, c.name) for c in restriction.__table__.columns}
        payload = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in payload.items()}
        payload.update(version=2, lifted_on=day(0), lifted_reason="we think so")
        session.add(
            m.OutboxOp(
                op_id=m.new_id(),
                entity="restriction",
                row_id=restriction.id,
                operation="update",
                payload=payload,
                schema_version=1,
                created_at=NOW,
            )
        )
        session.commit()
    assert desk.sync.now().issues == 1
    (issue,) = desk.sync.issues()
    assert "Desks cannot change restrictions" in issue.message
    assert desk.visits.visit(booked).restrictions  # still in force on the desk


def test_a_prisoner_moved_reaches_the_old_establishment_and_the_new(server, desks):
    old, new = desks("bar-1"), desks("gre-1", "GRE")
    booked = visit_of(old, old.visits.book_visit("ses-tomorrow", "pr-1", ["vis-mum"]))
    old.sync.now()
    assert new.visits.find_prisoners("S100001") == []
    centre_writes(server, "prisoner", "pr-1", establishment="GRE", location="Reception")
    assert scopes(server, "prisoner", "pr-1") == {"BAR", "GRE"}

    old.sync.now()
    (stop,) = [r for r in old.visits.visit(booked).party_results if r.stops]
    assert stop.code == "prisoner_moved" and "moved to another establishment" in stop.message
    assert old.sync.issues() == []  # taken, not held aside
    old.visits.cancel(booked, "John has moved to HMP Greenock")
    assert old.sync.now().issues == 0 and old.sync.issues() == []  # the cancellation is applied
    with Session(server.engine) as session:
        assert session.get_one(Document, ("visit", booked)).payload["status"] == "cancelled"

    centre_writes(server, "relationship", "rel-mum-pr-1", establishment="GRE")  # his list goes with him
    old.sync.now()
    assert old.sync.issues() == []  # the desk holding the link learns it moved too
    new.sync.now()
    (found,) = new.visits.find_prisoners("S100001")
    assert found.establishment == "GRE" and found.location == "Reception"
    assert [(v.visitor_id, v.list_status) for v in new.visits.linked_visitors("pr-1")] == [("vis-mum", "approved")]

    centre_writes(server, "prisoner", "pr-1", establishment="GRE", status="released")
    new.sync.now()
    assert new.visits.find_prisoners("S100001")[0].status == "released"


def greenock_family(server) -> None:
    """A prisoner and a session at HMP Greenock, with Siobhán (registered at Barlinnie) on his list."""
    centre_writes(
        server,
        "prisoner",
        "pr-gre",
        establishment="GRE",
        prison_number="G200001",
        first_name="Ross",
        last_name="Cameron",
        date_of_birth=None,
        location="",
        status="convicted",
        no_child_contact=False,
        closed_visits=False,
    )
    centre_writes(
        server,
        "visit_session",
        "ses-gre",
        establishment="GRE",
        date=day(1),
        starts_at="14:00:00",
        ends_at="16:00:00",
        room="Hall",
        kind="standard",
        capacity=10,
        details="",
        blocked_reason="",
    )
    centre_writes(
        server,
        "relationship",
        "rel-mum-gre",
        establishment="GRE",
        visitor_id="vis-mum",
        prisoner_id="pr-gre",
        kind="sibling",
        list_status="approved",
    )


def test_a_ban_everywhere_reaches_every_establishment_that_knows_the_visitor(server, desks):
    bar, gre = desks("bar-1"), desks("gre-1", "GRE")
    everywhere = ban(server, "vis-mum")
    here_only = ban(server, "vis-mum", scope="establishment", reason="Damage to the visit hall")
    assert scopes(server, "ban", everywhere) == {"BAR"}  # only Barlinnie knows Siobhán yet
    greenock_family(server)  # now Greenock knows her: her ban at every establishment goes there too
    assert scopes(server, "visitor", "vis-mum") == {"BAR", "GRE"}
    assert scopes(server, "ban", everywhere) == {"BAR", "GRE"}
    assert scopes(server, "ban", here_only) == {"BAR"}
    later = ban(server, "vis-mum", establishment="GRE", reason="Passing contraband")
    assert scopes(server, "ban", later) == {"BAR", "GRE"}

    for desk in (bar, gre):
        desk.sync.now()
        assert desk.sync.issues() == []
    with gre.ctx.reading() as session:
        assert set(session.scalars(select(m.Ban.id))) == {everywhere, later}
    with pytest.raises(ChecksFailed):
        gre.visits.book_visit("ses-gre", "pr-gre", ["vis-mum"])
    with pytest.raises(ChecksFailed):
        bar.visits.book_visit("ses-tomorrow", "pr-1", ["vis-mum"])

    for lifted in (everywhere, later):
        centre_writes(server, "ban", lifted, lifted_on=day(0), lifted_reason="Appeal upheld")
    for desk in (bar, gre):
        desk.sync.now()
    gre.visits.book_visit("ses-gre", "pr-gre", ["vis-mum"])  # lifted everywhere
    with pytest.raises(ChecksFailed):  # the ban at Barlinnie alone still counts there
        bar.visits.book_visit("ses-tomorrow", "pr-1", ["vis-mum"])


def test_the_desk_takes_the_centres_list_change_and_keeps_its_own_as_a_clash(server, desks):
    desk = desks("bar-1")
    with desk.ctx.unit_of_work() as uow:  # the desk's change, made on version 1
        link = uow.session.get_one(m.Relationship, "rel-gran-pr-1")
        link.kind = "grandparent"
        uow.stamp_changed(link)
        uow.record("edit_link", link, "Margaret is John's grandmother")
        uow.commit()
    centre_writes(server, "relationship", "rel-gran-pr-1", list_status="removed")  # meanwhile, version 2

    result = desk.sync.now()
    assert result.pushed == 1 and result.issues == 1
    (issue,) = desk.sync.issues()
    assert issue.kind == "conflict"
    with desk.ctx.reading() as session:
        kept = session.get_one(m.Relationship, "rel-gran-pr-1")
        assert (kept.list_status, kept.kind, kept.version) == ("removed", "parent", 2)
    with Session(server.engine) as session:
        (clash,) = session.scalars(select(Conflict).where(Conflict.row_id == "rel-gran-pr-1"))
        assert clash.payload["kind"] == "grandparent" and clash.server_version == 2
    with pytest.raises(ChecksFailed):  # taken off the list at the centre
        desk.visits.book_visit("ses-tomorrow", "pr-1", ["vis-gran"])
