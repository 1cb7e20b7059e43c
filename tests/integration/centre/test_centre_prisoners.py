"""Prisoners at the centre: added, found, edited, moved and released, each audited; mistakes named by field."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.centre.prisoner_world import (
    ADMIN,
    NOW,
    add_prisoner,
    audit_entries,
    details,
    establishments,
    put,
)
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.server.centre import audit, prisoners, prisoners_find, store
from visitorcentre.server.models import Document, Feed


@pytest.fixture
def engine(engine):
    establishments(engine)
    return engine


def test_an_added_prisoner_is_stored_found_by_name_or_number_and_audited(engine):
    row_id = add_prisoner(engine, number="a 1234 bc")
    with Session(engine) as session:
        record = store.current(session, "prisoner", row_id)
        assert record is not None and record["prison_number"] == "A1234BC" and record["status"] == "convicted"
        for query in ("mcdon", "sean mac", "A1234BC", "a1234bc", ""):
            found = prisoners_find.find(session, None, query)
            assert [r.id for r in found.rows] == [row_id], query
        assert prisoners_find.find(session, None, "smith").total == 0
        assert prisoners_find.find(session, {"GRE"}, "mcdonald").total == 0  # another establishment's
        assert audit.verify(session).ok
    [entry] = audit_entries(engine)
    assert (entry.actor, entry.action, entry.establishment) == (ADMIN, "prisoner.added", "BAR")


@pytest.mark.parametrize(
    ("number", "changes", "field"),
    [
        ("", {}, "prison_number"),
        ("A12-34", {}, "prison_number"),
        ("A" * 21, {}, "prison_number"),
        ("B1", {"first_name": "  "}, "first_name"),
        ("B1", {"last_name": "x" * 81}, "last_name"),
        ("B1", {"last_name": "Nul\x00"}, "last_name"),
        ("B1", {"date_of_birth": None}, "date_of_birth"),
        ("B1", {"date_of_birth": date(2027, 1, 1)}, "date_of_birth"),
        ("B1", {"date_of_birth": date(1850, 1, 1)}, "date_of_birth"),
        ("B1", {"location": "x" * 41}, "location"),
        ("B1", {"status": "released"}, "status"),
        ("B1", {"status": "nonsense"}, "status"),
    ],
)
def test_a_mistake_is_named_by_field_and_writes_nothing(engine, number, changes, field):
    with pytest.raises(InvalidInput) as raised:
        add_prisoner(engine, number=number, **changes)
    assert raised.value.field == field
    with Session(engine) as session:
        assert session.scalars(select(Document).where(Document.entity == "prisoner")).all() == []
    assert audit_entries(engine) == []


def test_a_prison_number_already_on_a_roster_anywhere_is_refused(engine):
    add_prisoner(engine, number="A1234BC", establishment="GRE")
    with pytest.raises(InvalidInput, match="already on the roster") as raised:
        add_prisoner(engine, number="A1234BC", establishment="BAR")
    assert raised.value.field == "prison_number"


def test_only_ones_own_establishments_are_reached(engine):
    row_id = add_prisoner(engine)
    with Session(engine) as session:
        with pytest.raises(InvalidInput) as raised:
            prisoners.add(
                session, actor=ADMIN, scope={"GRE"}, now=NOW, establishment="BAR", number="Z9", details=details()
            )
        assert raised.value.field == "establishment"
        with pytest.raises(InvalidInput):
            prisoners.add(
                session, actor=ADMIN, scope=None, now=NOW, establishment="NOPE", number="Z9", details=details()
            )
        with pytest.raises(NotFound):
            prisoners_find.profile(session, {"GRE"}, row_id, NOW.date())
        with pytest.raises(NotFound):
            prisoners.edit(session, actor=ADMIN, scope={"GRE"}, now=NOW, prisoner_id=row_id, details=details())


def test_an_edit_changes_the_named_fields_with_a_new_version(engine):
    row_id = add_prisoner(engine)
    with Session(engine) as session, session.begin():
        prisoners.edit(
            session,
            actor=ADMIN,
            scope={"BAR"},
            now=NOW,
            prisoner_id=row_id,
            details=details(last_name="O'Brien", status="remand", location="Hall C"),
            version=1,
        )
    with Session(engine) as session:
        record = store.current(session, "prisoner", row_id)
        assert record and (record["last_name"], record["status"], record["version"]) == ("O'Brien", "remand", 2)
        assert prisoners_find.find(session, None, "obrien").total == 1
        assert prisoners_find.find(session, None, "macdonald").total == 0
        with pytest.raises(NotAllowed, match="Someone else"):
            prisoners.edit(session, actor=ADMIN, scope=None, now=NOW, prisoner_id=row_id, details=details(), version=1)
    entry = audit_entries(engine)[-1]
    assert entry.action == "prisoner.changed" and "last name" in entry.summary and "status" in entry.summary


def test_a_move_reaches_both_establishments_desks_and_audit_logs(engine):
    row_id = add_prisoner(engine)
    with Session(engine) as session, session.begin():
        prisoners.move(session, actor=ADMIN, scope=None, now=NOW, prisoner_id=row_id, to="gre", reason="Transfer")
    with Session(engine) as session:
        record = store.current(session, "prisoner", row_id)
        assert record and record["establishment"] == "GRE" and record["status"] == "convicted"
        scopes = set(session.scalars(select(Feed.scope).where(Feed.entity == "prisoner", Feed.row_id == row_id)))
        assert scopes == {"BAR", "GRE"}
        assert prisoners_find.find(session, {"GRE"}, "mcdonald").total == 1
        assert prisoners_find.find(session, {"BAR"}, "mcdonald").total == 0
        assert audit.verify(session).ok
    moves = [(e.action, e.establishment) for e in audit_entries(engine)[1:]]
    assert moves == [("prisoner.moved", "GRE"), ("prisoner.moved_out", "BAR")]
    with Session(engine) as session:
        with pytest.raises(InvalidInput) as raised:
            prisoners.move(session, actor=ADMIN, scope=None, now=NOW, prisoner_id=row_id, to="GRE")
        assert raised.value.field == "to"
        with pytest.raises(NotFound):  # an establishment administrator of BAR no longer sees them
            prisoners.move(session, actor=ADMIN, scope={"BAR"}, now=NOW, prisoner_id=row_id, to="BAR")
        with pytest.raises(InvalidInput) as raised:
            prisoners.move(session, actor=ADMIN, scope={"GRE"}, now=NOW, prisoner_id=row_id, to="NOPE")
        assert raised.value.field == "to"
    with Session(engine) as session, session.begin():  # GRE's administrator sends them back (a transfer out)
        prisoners.move(session, actor=ADMIN, scope={"GRE"}, now=NOW, prisoner_id=row_id, to="BAR")
    with Session(engine) as session:
        assert prisoners_find.find(session, {"GRE"}, "mcdonald").total == 0


def test_a_release_keeps_the_date_and_reason_in_the_audit_log(engine):
    row_id = add_prisoner(engine)
    with Session(engine) as session:
        with pytest.raises(InvalidInput) as raised:
            prisoners.release(
                session, actor=ADMIN, scope=None, now=NOW, prisoner_id=row_id, released_on=NOW.date(), reason=""
            )
        assert raised.value.field == "reason"
        with pytest.raises(InvalidInput) as raised:
            prisoners.release(
                session, actor=ADMIN, scope=None, now=NOW, prisoner_id=row_id, released_on=date(2027, 1, 1), reason="x"
            )
        assert raised.value.field == "released_on"
    with Session(engine) as session, session.begin():
        prisoners.release(
            session,
            actor=ADMIN,
            scope=None,
            now=NOW,
            prisoner_id=row_id,
            released_on=date(2026, 12, 2),
            reason="End of sentence",
        )
    with Session(engine) as session:
        assert (store.current(session, "prisoner", row_id) or {})["status"] == "released"
        with pytest.raises(NotAllowed):
            prisoners.release(
                session, actor=ADMIN, scope=None, now=NOW, prisoner_id=row_id, released_on=NOW.date(), reason="x"
            )
        with pytest.raises(NotAllowed):
            prisoners.edit(session, actor=ADMIN, scope=None, now=NOW, prisoner_id=row_id, details=details())
    entry = audit_entries(engine)[-1]
    assert entry.action == "prisoner.released" and "2026-12-02" in entry.summary and "End of sentence" in entry.summary


def test_the_profile_shows_the_visits_to_come_and_pages_split_a_long_list(engine):
    row_id = add_prisoner(engine)
    for n in range(30):
        add_prisoner(engine, number=f"B{n:03d}", last_name=f"Smith{n:02d}")
    with Session(engine) as session, session.begin():
        for day, status in (("2026-12-01", "booked"), ("2026-12-07", "booked"), ("2026-12-08", "cancelled")):
            put(
                session,
                "visit_session",
                f"s{day}",
                {
                    "establishment": "BAR",
                    "date": day,
                    "starts_at": "14:00:00",
                    "ends_at": "16:00:00",
                    "room": "Hall A",
                    "kind": "standard",
                    "capacity": 20,
                },
            )
            put(
                session,
                "visit",
                f"v{day}",
                {
                    "establishment": "BAR",
                    "reference": f"R{day[-2:]}",
                    "prisoner_id": row_id,
                    "session_id": f"s{day}",
                    "status": status,
                    "source": "phone",
                },
                "device-1",
            )
    with Session(engine) as session:
        shown = prisoners_find.profile(session, {"BAR"}, row_id, NOW.date())
        assert [v.reference for v in shown.visits] == ["R07"]
        first = prisoners_find.find(session, None, "smith", page=1, per_page=25)
        last = prisoners_find.find(session, None, "smith", page=9, per_page=25)
        assert (first.total, first.pages, len(first.rows)) == (30, 2, 25)
        assert (last.page, len(last.rows)) == (2, 5)
        assert [r.last_name for r in first.rows][:2] == ["Smith00", "Smith01"]
