"""Numbers that cannot run out: 64-bit sequences on SQLite and PostgreSQL, none burned per request,
and out-of-range cursors, page sizes and versions answered with a 4xx, never a 5xx."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from tests.conftest import build_world
from tests.integration.servers import drop_server_db, server_db_url
from tests.integration.sync_world import Network, SyncWorld
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.server import admin
from visitorcentre.server.app import create_app
from visitorcentre.server.models import Counter, Document, Feed
from visitorcentre.sync import credential
from visitorcentre.sync.in_process import server_transport

HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}
KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def world_on(kind: str, folder) -> SyncWorld:
    """The tests' small world on a server over ``kind`` (SQLite file, or a PostgreSQL schema of its own)."""
    seed = build_world(folder / "seed.sqlite3")
    seed.desk.close()
    url = server_db_url(kind, folder)
    app = create_app(url)
    admin.load_desk_database(app.state.engine, folder / "seed.sqlite3", datetime.utcnow())
    world = SyncWorld(app=app, engine=app.state.engine, network=Network(server_transport(app)), folder=folder)
    world.url = url
    return world


@pytest.fixture(params=KINDS)
def world(request, tmp_path):
    made = world_on(request.param, tmp_path)
    yield made
    made.close()
    drop_server_db(made.url)


def counter(world) -> int:
    """The last sequence number handed out (PostgreSQL: the sequence, s0018; SQLite: the counter row)."""
    with Session(world.engine) as session:
        if world.engine.dialect.name == "postgresql":
            return session.scalar(text("SELECT last_value FROM server_seq"))
        return session.scalar(select(Counter.value).where(Counter.name == "seq"))


def set_counter(world, value: int) -> None:
    with Session(world.engine) as session:
        if world.engine.dialect.name == "postgresql":
            session.execute(text("SELECT setval('server_seq', :value, true)"), {"value": value})
        else:
            session.execute(update(Counter).where(Counter.name == "seq").values(value=value))
        session.commit()


def bearer(desk) -> dict:
    return {**HEADERS, "Authorization": f"Bearer {credential.load(desk.ctx.db_path).token}"}


def register(desk, first: str, family: str = "Numbers") -> str:
    return desk.visits.register_visitor(VisitorDetails(first, family, date(1980, 2, 3)), "pr-1")


@pytest.mark.parametrize("start", [2**31 - 3, 2**62])
@pytest.mark.parametrize("kind", KINDS)
def test_a_sequence_past_32_bits_and_near_its_limit_still_pushes_and_pulls(kind, start, tmp_path):
    world = world_on(kind, tmp_path)
    try:
        set_counter(world, start)
        a, b = world.enrol("a"), world.enrol("b")
        ids = [register(a, name) for name in ("Alasdair", "Beathag", "Coinneach")]
        pushed = a.sync.now()
        assert pushed.pending == 0 and pushed.issues == 0
        b.sync.now()
        with Session(world.engine) as session:
            seqs = session.scalars(select(Document.seq).where(Document.row_id.in_(ids))).all()
        assert len(seqs) == 3 and min(seqs) > start and max(seqs) < 2**63 - 1
        with sqlite3.connect(b.ctx.db_path) as connection:
            have = {r[0] for r in connection.execute("SELECT id FROM visitor WHERE last_name = 'Numbers'")}
        assert have == set(ids)
        page = TestClient(world.app).get("/v1/establishments/BAR/pull", params={"after": start}, headers=bearer(b))
        assert page.status_code == 200 and page.json()["last_seq"] > 2**31
    finally:
        world.close()
        drop_server_db(world.url)


def test_a_push_takes_exactly_the_numbers_it_uses(world):
    a = world.enrol("a")
    before = counter(world)
    for name in ("Dòmhnall", "Ealasaid"):
        register(a, name)
    a.sync.now()
    with Session(world.engine) as session:
        used = session.scalars(select(Feed.seq).where(Feed.seq > before)).all()
    after = counter(world)
    # every number taken is on a feed entry (two visitors and their links), and none thrown away
    assert after == max(used) and sorted(used) == list(range(before + 1, after + 1))


def test_requests_that_store_nothing_take_no_number(world):
    a = world.enrol("a")
    client = TestClient(world.app)
    before = counter(world)
    refused = {
        "ops": [
            {
                "op_id": "op-refused-1",
                "seq": 1,
                "entity": "prisoner",
                "row_id": "pr-1",
                "operation": "update",
                "schema_version": 1,
                "payload": {"id": "pr-1"},
            }
        ]
    }
    for _ in range(3):
        assert client.post("/v1/establishments/BAR/push", json={"ops": []}, headers=bearer(a)).status_code == 200
        assert client.get("/v1/establishments/BAR/pull", headers=bearer(a)).status_code == 200
    answer = client.post("/v1/establishments/BAR/push", json=refused, headers=bearer(a))
    assert answer.status_code in (200, 422) and answer.json()
    assert counter(world) == before


@pytest.mark.parametrize(
    "params",
    [
        {"after": str(2**63)},
        {"after": str(10**30)},
        {"after": "-1"},
        {"after": "1.5"},
        {"after": "soon"},
        {"limit": "0"},
        {"limit": "-3"},
        {"limit": str(10**30)},
        {"limit": "1e3"},
        {"limit": "lots"},
    ],
)
def test_out_of_range_cursors_and_page_sizes_are_a_4xx(world, params):
    a = world.desks.get("a") or world.enrol("a")
    answer = TestClient(world.app).get("/v1/establishments/BAR/pull", params=params, headers=bearer(a))
    assert answer.status_code == 422, answer.text
    assert next(iter(params)) in answer.text  # the field is named


def test_the_largest_cursor_is_answered(world):
    a = world.enrol("a")
    answer = TestClient(world.app).get(
        "/v1/establishments/BAR/pull", params={"after": str(2**63 - 1)}, headers=bearer(a)
    )
    assert answer.status_code == 200 and answer.json()["rows"] == []


@pytest.mark.parametrize(
    "protocol, schema",
    [
        (str(2**64), "1"),
        ("1", str(10**40)),
        ("-1", "1"),
        ("1", "-99"),
        ("1x", "1"),
        ("1", b"\xe9"),
        ("", ""),
        ("1" * 5000, "1"),
    ],
)
def test_huge_or_junk_version_headers_are_a_4xx_on_every_endpoint(world, protocol, schema):
    a = world.desks.get("a") or world.enrol("a")
    client = TestClient(world.app)
    headers = {**bearer(a), "X-Sync-Protocol": protocol, "X-Sync-Schema": schema}
    sha = "a" * 64
    for method, path, body in (
        ("GET", "/v1/establishments/BAR/pull", None),
        ("POST", "/v1/establishments/BAR/push", {"ops": []}),
        ("POST", "/v1/enrol", {"code": "ABCD-EFGH"}),
        ("HEAD", f"/v1/establishments/BAR/blobs/{sha}", None),
        ("GET", f"/v1/establishments/BAR/blobs/{sha}", None),
    ):
        answer = client.request(method, path, headers=headers, json=body)
        assert 400 <= answer.status_code < 500, (method, path, answer.status_code)


@pytest.mark.parametrize(
    "field, value", [("seq", 2**64), ("seq", -1), ("schema_version", 10**30), ("schema_version", -(2**70))]
)
def test_huge_numbers_in_an_op_are_never_a_5xx(world, field, value):
    a = world.enrol("a")
    op = {
        "op_id": "op-huge-number",
        "seq": 1,
        "entity": "visit_note",
        "row_id": "note-huge",
        "operation": "insert",
        "schema_version": 1,
        "payload": {"id": "note-huge", "establishment": "BAR", "version": 1},
    }
    op[field] = value
    answer = TestClient(world.app).post("/v1/establishments/BAR/push", json={"ops": [op]}, headers=bearer(a))
    assert 200 <= answer.status_code < 500
    if answer.status_code == 200:
        assert answer.json()["results"][0]["outcome"] == "rejected"
    with Session(world.engine) as session:
        assert session.scalar(select(func.count()).select_from(Document).where(Document.row_id == "note-huge")) == 0


@pytest.mark.postgres
def test_a_puller_stops_below_a_number_still_open_and_gets_both_once_it_commits(tmp_path):
    """PostgreSQL: writers do not wait for each other (documents.take_seqs), so one can commit a higher
    number while another still holds a lower one open; a pull reads no further than below the open one."""
    import json

    from visitorcentre.server import database, documents, pull_pages

    url = server_db_url("postgres", tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)

    def payload(row_id):
        return {"id": row_id, "establishment": "BAR", "version": 1, "first_name": "Test"}

    def pulled() -> list[int]:
        with Session(engine) as reader:
            return [row["seq"] for row in json.loads(pull_pages.pull(reader, "BAR", 0, 100))["rows"]]

    first = Session(engine)
    try:
        writer = documents.Writer(first, datetime.utcnow())
        writer.put("visitor", "v-first", payload("v-first"), "test")
        writer.flush()  # its number is taken; its transaction stays open
        low = writer.docs[("visitor", "v-first")].seq
        with Session(engine) as second:  # another connection: not held up by the first
            other = documents.Writer(second, datetime.utcnow())
            other.put("visitor", "v-second", payload("v-second"), "test")
            other.flush()
            second.commit()
            high = other.docs[("visitor", "v-second")].seq
        assert high > low
        with Session(engine) as reader:
            assert reader.scalar(select(func.count()).select_from(Feed).where(Feed.seq == high)) == 1  # committed
        assert pulled() == []  # yet not sent: the lower number may still be committed
        first.commit()
        assert pulled() == [low, high]
    finally:
        first.close()  # (its open transaction would hold up dropping the schema)
        engine.dispose()
        drop_server_db(url)


@pytest.mark.postgres
def test_another_server_sharing_the_database_does_not_hold_this_ones_pulls_back(tmp_path):
    """Advisory keys belong to the database, not the schema: a key held by another server's writer
    (far below the desk's cursor, or above anything this server has numbered) caps no pull here."""
    import json

    from visitorcentre.server import database, documents, pull_pages

    url = server_db_url("postgres", tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)
    with Session(engine) as first:
        writer = documents.Writer(first, datetime.utcnow())
        for row_id in ("v-one", "v-two"):
            writer.put("visitor", row_id, {"id": row_id, "establishment": "BAR", "version": 1}, "test")
        writer.flush()
        first.commit()
        one, two = writer.docs[("visitor", "v-one")].seq, writer.docs[("visitor", "v-two")].seq

    def pulled(after: int) -> list[int]:
        with Session(engine) as reader:
            return [row["seq"] for row in json.loads(pull_pages.pull(reader, "BAR", after, 100))["rows"]]

    other = Session(engine)  # stands in for another server's writer, in the middle of its push
    try:
        other.execute(text("SELECT pg_advisory_xact_lock_shared(:low)"), {"low": one})
        other.execute(text("SELECT pg_advisory_xact_lock_shared(:high)"), {"high": two + 1000})
        assert pulled(one) == [two]  # a key at the cursor or far above the sequence is not this server's
        assert pulled(0) == []  # a key above the cursor and within the sequence may be: held back
        other.rollback()
        assert pulled(0) == [one, two]
    finally:
        other.close()
        engine.dispose()
        drop_server_db(url)
