"""The roster loaded for an establishment (from a file or an integration's feed): added, changed, moved, unchanged;
the feed checked whole, named by row and field, and applied once."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.centre.prisoner_world import ADMIN, NOW, add_prisoner, audit_entries, establishments
from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.server import roster
from visitorcentre.server.centre import audit, integrations, roster_feed, roster_import, store
from visitorcentre.server.centre.integration_models import RosterIntegration
from visitorcentre.server.models import Document

GOOD = (
    b"prison_number,first_name,last_name,date_of_birth,location,status,restrictions\n"
    b"A1234BC,Sean,MacDonald,1990-05-01,Hall B,convicted,\n"
    b"B2345CD,Mary,Jones,02/03/1985,Hall A,remand,closed_visits\n"
)


@pytest.fixture
def engine(engine):
    establishments(engine)
    return engine


def load(engine, data: bytes, establishment: str = "BAR", scope=None) -> roster_import.RosterResult:
    entries = roster.parse(data, "roster.csv")
    with Session(engine) as session, session.begin():
        return roster_import.load(
            session,
            actor=ADMIN,
            scope=scope,
            now=NOW,
            establishment=establishment,
            entries=entries,
            source="roster.csv",
        )


def test_a_roster_adds_then_changes_nothing_then_changes_and_moves(engine):
    elsewhere = add_prisoner(engine, number="C3456DE", establishment="GRE")
    first = load(engine, GOOD)
    assert first.counts() == {"added": 2, "changed": 0, "moved": 0, "unchanged": 0}
    again = load(engine, GOOD)
    assert again.counts() == {"added": 0, "changed": 0, "moved": 0, "unchanged": 2}
    changed = GOOD.replace(b"Hall B", b"Hall D") + b"C3456DE,Sean,MacDonald,1990-05-01,,convicted,no_child_contact\n"
    third = load(engine, changed)
    assert third.counts() == {"added": 0, "changed": 1, "moved": 1, "unchanged": 1}
    assert [(c.what, c.prison_number, c.came_from) for c in third.changes] == [
        ("changed", "A1234BC", ""),
        ("moved", "C3456DE", "GRE"),
    ]
    with Session(engine) as session:
        moved = store.current(session, "prisoner", elsewhere)
        assert moved and moved["establishment"] == "BAR" and moved["no_child_contact"] is True
        assert audit.verify(session).ok
    actions = [(e.action, e.establishment) for e in audit_entries(engine)]
    assert actions.count(("roster.imported", "BAR")) == 3
    assert ("prisoner.moved_out", "GRE") in actions


def test_a_roster_for_an_establishment_out_of_scope_is_refused(engine):
    with pytest.raises(InvalidInput) as raised:
        load(engine, GOOD, scope={"GRE"})
    assert raised.value.field == "establishment"
    with Session(engine) as session:
        assert session.scalars(select(Document).where(Document.entity == "prisoner")).all() == []


def make_integration(engine, name="Records system", establishment="BAR") -> tuple[RosterIntegration, str]:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        return integrations.create(session, actor=ADMIN, now=NOW, name=name, establishment=establishment)


def feed(engine, key: str, body: bytes, idempotency_key: str | None = None) -> tuple[dict, bool]:
    with Session(engine) as session, session.begin():
        who = integrations.signed_in(session, key, NOW)
        assert who is not None
        return roster_feed.apply(session, who, body, idempotency_key, NOW)


def body(*rows: dict) -> bytes:
    return json.dumps({"prisoners": list(rows)}).encode()


ROW = {
    "prison_number": "A1234BC",
    "first_name": "Sean",
    "last_name": "MacDonald",
    "date_of_birth": "1990-05-01",
    "location": "Hall B",
    "status": "convicted",
    "restrictions": ["closed_visits"],
}


def test_an_integration_key_is_shown_once_stored_hashed_and_can_be_revoked(engine):
    row, key = make_integration(engine)
    assert key.startswith("vcr_") and len(key) > 40
    with Session(engine) as session:
        stored = session.get(RosterIntegration, row.id)
        assert stored and key not in (stored.key_sha256, stored.key_hint) and stored.key_hint == key[:8]
        assert integrations.signed_in(session, key + "x", NOW) is None
        assert integrations.signed_in(session, "Bearer " + key, NOW) is None
    with pytest.raises(InvalidInput) as raised:
        make_integration(engine)
    assert raised.value.field == "name"
    with pytest.raises(InvalidInput) as raised:
        make_integration(engine, name="Other", establishment="NOPE")
    assert raised.value.field == "establishment"
    with Session(engine) as session, session.begin():
        integrations.revoke(session, actor=ADMIN, now=NOW, integration_id=row.id)
    with Session(engine) as session:
        assert integrations.signed_in(session, key, NOW) is None
        with pytest.raises(NotAllowed):
            integrations.revoke(session, actor=ADMIN, now=NOW, integration_id=row.id)
    assert [e.action for e in audit_entries(engine)] == ["integration.created", "integration.revoked"]


def test_the_same_feed_twice_changes_nothing_the_second_time(engine):
    _row, key = make_integration(engine)
    done, repeat = feed(engine, key, body(ROW))
    assert (done["added"], repeat) == (1, False)
    count = len(audit_entries(engine))
    again, repeat = feed(engine, key, body(ROW))
    assert again == done and repeat is True
    assert len(audit_entries(engine)) == count
    with Session(engine) as session:
        [doc] = session.scalars(select(Document).where(Document.entity == "prisoner")).all()
        assert doc.version == 1 and doc.payload["closed_visits"] is True
    assert any(e.actor == "integration Records system" for e in audit_entries(engine))
    # an Idempotency-Key sent twice with a different body is refused
    feed(engine, key, body(ROW), "night-1")
    with pytest.raises(NotAllowed):
        feed(engine, key, body(ROW | {"location": "Hall C"}), "night-1")


@pytest.mark.parametrize(
    ("data", "row", "field"),
    [
        (b"not json", 0, "body"),
        (b"[]", 0, "prisoners"),
        (b'{"prisoners": []}', 0, "prisoners"),
        (body("A1234BC"), 1, "prisoners"),
        (body(ROW | {"nickname": "Sam"}), 1, "nickname"),
        (body(ROW, ROW | {"date_of_birth": "31/02/1990"}), 2, "date_of_birth"),
        (body(ROW | {"status": 3}), 1, "status"),
        (body(ROW | {"prison_number": "A-1"}), 1, "prison_number"),
        (body(ROW | {"restrictions": ["curfew"]}), 1, "restrictions"),
        (body(ROW, ROW), 2, "prison_number"),
        (body(ROW | {"first_name": ""}), 1, "first_name"),
    ],
)
def test_a_bad_feed_names_the_row_and_field_and_writes_nothing(engine, data, row, field):
    _row, key = make_integration(engine)
    with pytest.raises(roster_feed.FeedRefused) as raised:
        feed(engine, key, data)
    assert (raised.value.problems[0][0], raised.value.problems[0][1]) == (row, field)
    with Session(engine) as session:
        assert session.scalars(select(Document).where(Document.entity == "prisoner")).all() == []
    assert [e.action for e in audit_entries(engine)] == ["integration.created"]
