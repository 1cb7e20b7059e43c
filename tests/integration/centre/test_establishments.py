"""Establishments at the centre: added by a national administrator, changed within one's scope, every value checked."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.server import pass_keys
from visitorcentre.server.centre import audit, establishments
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.models import Document, Feed

NOW = datetime(2026, 12, 3, 9, 30)
NATIONAL = Scope.national()


def add(engine, code="BAR", name="HMP Barlinnie", nation="scotland", scope=NATIONAL):
    with Session(engine) as session, session.begin():
        return establishments.add(session, scope, "Ann Admin", NOW, code, name, nation)


def rules(**changes):
    values = {
        "adult_age": "18",
        "max_adults": "3",
        "max_total": "6",
        "cutoff_minutes": "20",
        "locker_rule": "Lockers take £1 coins.",
        "cash_rule": "Up to £10 for the café.",
    }
    return values | changes


def change_rules(engine, version=1, scope=NATIONAL, code="BAR", **changes):
    with Session(engine) as session, session.begin():
        return establishments.change_rules(session, scope, "Ann Admin", NOW, code, version, **rules(**changes))


def test_a_new_establishment_reaches_every_desk_with_its_pass_key_and_an_audit_entry(engine):
    assert add(engine, code=" bar ") == "BAR"
    with Session(engine) as session:
        place = establishments.one(session, NATIONAL, "bar")
        assert (place.code, place.name, place.nation_name, place.adult_age, place.max_total) == (
            "BAR",
            "HMP Barlinnie",
            "Scotland",
            18,
            6,
        )
        assert session.scalars(select(Feed.scope).where(Feed.entity == "establishment")).all() == ["*"]
        assert pass_keys.current(session, "BAR") is not None
        entry = session.scalars(select(CentreAudit)).one()
        assert (entry.action, entry.establishment, entry.actor) == ("establishment.added", "BAR", "Ann Admin")
        assert audit.verify(session).ok


@pytest.mark.parametrize(
    ("code", "name", "nation", "field"),
    [
        ("", "HMP Barlinnie", "scotland", "code"),
        ("BAR-1", "HMP Barlinnie", "scotland", "code"),
        ("TOOLONGCODE", "HMP Barlinnie", "scotland", "code"),
        ("BAR", "   ", "scotland", "name"),
        ("BAR", "x" * 121, "scotland", "name"),
        ("BAR", "HMP Barlinnie", "france", "nation"),
        ("BAR", "HMP Barlinnie", "", "nation"),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field_and_writes_nothing(engine, code, name, nation, field):
    with pytest.raises(InvalidInput) as refused:
        add(engine, code, name, nation)
    assert refused.value.field == field
    with Session(engine) as session:
        assert session.scalars(select(Document)).all() == []
        assert session.scalars(select(CentreAudit)).all() == []


def test_only_a_national_administrator_adds_and_a_code_is_taken_once(engine):
    with pytest.raises(NotAllowed):
        add(engine, scope=Scope.of("BAR"))
    add(engine)
    with pytest.raises(InvalidInput, match="already") as refused:
        add(engine, name="Another")
    assert refused.value.field == "code"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"adult_age": "15"}, "adult_age"),
        ({"adult_age": "22"}, "adult_age"),
        ({"adult_age": "eighteen"}, "adult_age"),
        ({"adult_age": ""}, "adult_age"),
        ({"max_adults": "0"}, "max_adults"),
        ({"max_adults": "2.5"}, "max_adults"),
        ({"max_total": "2"}, "max_total"),  # fewer than the 3 adults allowed
        ({"cutoff_minutes": "-1"}, "cutoff_minutes"),
        ({"cutoff_minutes": "121"}, "cutoff_minutes"),
        ({"locker_rule": "x" * 2001}, "locker_rule"),
    ],
)
def test_visiting_rules_out_of_range_are_refused_naming_the_field(engine, changes, field):
    add(engine)
    with pytest.raises(InvalidInput) as refused:
        change_rules(engine, **changes)
    assert refused.value.field == field
    with Session(engine) as session:
        assert establishments.one(session, NATIONAL, "BAR").version == 1


def test_visiting_rules_changed_reach_the_desks_feed_with_before_and_after(engine):
    add(engine)
    changed = change_rules(engine, adult_age="16", max_adults="2", max_total="2", cutoff_minutes="0")
    assert (changed.adult_age, changed.max_adults, changed.max_total, changed.cutoff_minutes) == (16, 2, 2, 0)
    assert changed.version == 2
    with Session(engine) as session:
        entry = session.scalars(select(CentreAudit).where(CentreAudit.action == "establishment.rules_changed")).one()
        assert entry.detail["before"]["adult_age"] == 18 and entry.detail["after"]["adult_age"] == 16
        assert session.get(Document, ("establishment", changed.id)).payload["cash_rule"] == "Up to £10 for the café."


def test_a_change_based_on_an_old_version_is_refused(engine):
    add(engine)
    change_rules(engine, version=1)
    with pytest.raises(ChangedElsewhere):
        change_rules(engine, version=1, adult_age="21")


def test_an_establishment_administrator_sees_and_changes_only_their_own(engine):
    add(engine)
    add(engine, code="GRE", name="HMP Greenock")
    mine = Scope.of("GRE")
    with Session(engine) as session:
        assert [e.code for e in establishments.listed(session, mine)] == ["GRE"]
        assert [e.code for e in establishments.listed(session, NATIONAL)] == ["BAR", "GRE"]
        with pytest.raises(NotFound):
            establishments.one(session, mine, "BAR")
    with pytest.raises(NotFound):
        change_rules(engine, scope=mine)
    with pytest.raises(NotAllowed):
        change_rules(engine, scope=Scope.of("BAR", changes=False))
    change_rules(engine, scope=Scope.of("BAR"))


def test_details_and_contact_are_checked_and_saved(engine):
    add(engine)
    with Session(engine) as session, session.begin():
        with pytest.raises(InvalidInput) as refused:
            establishments.change_contact(
                session, NATIONAL, "Ann", NOW, "BAR", 1, address="", booking_line="call us", local_support=""
            )
        assert refused.value.field == "booking_line"
        establishments.change_contact(
            session,
            NATIONAL,
            "Ann",
            NOW,
            "BAR",
            1,
            address="81 Lee Avenue\nGlasgow G33 2QX",
            booking_line="0141 770 2059",
            local_support="  Barlinnie family centre —  in the visitor centre \n\n Kids' club\x00 — Saturdays ",
        )
    with Session(engine) as session, session.begin():
        place = establishments.one(session, NATIONAL, "BAR")
        assert place.local_support == "Barlinnie family centre — in the visitor centre\nKids' club — Saturdays"
        assert place.address == "81 Lee Avenue\nGlasgow G33 2QX"
        establishments.change_details(
            session, NATIONAL, "Ann", NOW, "BAR", place.version, name="HMP & YOI Barlinnie", nation="scotland"
        )
    with Session(engine) as session:
        assert establishments.one(session, NATIONAL, "BAR").name == "HMP & YOI Barlinnie"


def test_the_typed_copies_are_made_again_by_the_server_admin_verb(engine, capsys):
    from visitorcentre import cli
    from visitorcentre.server.centre import store, typed

    add(engine)
    with Session(engine) as session, session.begin():
        store.save(
            session,
            actor="Ann",
            action="prisoner.added",
            entity="prisoner",
            row_id="p1",
            fields={"establishment": "BAR", "prison_number": "A1", "first_name": "Ann", "last_name": "Lee"}
            | {"status": "convicted", "location": "", "no_child_contact": False, "closed_visits": False}
            | {"date_of_birth": "1990-01-01"},
            summary="Added a prisoner",
            now=NOW,
        )
        session.query(typed.TypedPrisoner).delete()
    url = engine.url.render_as_string(hide_password=False)
    assert cli.main(["server-admin", "--database-url", url, "rebuild-typed-copies"]) == 0
    assert "records copied: 1." in capsys.readouterr().out
    with Session(engine) as session:
        assert session.get(typed.TypedPrisoner, "p1").last_name == "Lee"


def test_seeing_everywhere_is_not_being_a_national_administrator(engine):
    with pytest.raises(NotAllowed):
        add(engine, scope=Scope(everywhere=True))
