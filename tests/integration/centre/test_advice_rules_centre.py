"""Advice rules at the centre: the desk's versioned rules, checked field by field, and shared both ways with a desk."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW
from tests.integration.servers import ServerProcess
from tests.integration.sync_world import empty_desk_database
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.desk import open_desk
from visitorcentre.server.centre import advice_rules, desks, establishments
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.advice_rules import Wording
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.models import Feed
from visitorcentre.sync.enrolment import enrol

NATIONAL = Scope.national()
TODAY = NOW.date()


@pytest.fixture
def engine(engine):
    with Session(engine) as session, session.begin():
        establishments.add(session, NATIONAL, "Ann Admin", NOW, "BAR", "HMP Barlinnie", "scotland")
        establishments.add(session, NATIONAL, "Ann Admin", NOW, "GRE", "HMP Greenock", "scotland")
    return engine


def add_rule(engine, scope=NATIONAL, code="BAR", **changes) -> advice_rules.Rule:
    values = {"category": "dress", "severity": "must", "text": "No hooded tops in the visit room."} | changes
    with Session(engine) as session, session.begin():
        return advice_rules.add(session, scope, "Ann Admin", NOW, code, Wording(**values))


def listed(engine, code="BAR", on=TODAY):
    with Session(engine) as session:
        return advice_rules.rules(session, NATIONAL, code, on)


def test_a_rule_added_at_the_centre_goes_to_its_establishments_feed_and_the_audit_log(engine):
    rule = add_rule(engine, easy_read="No hoodies.", translations={"pl": ("Bez bluz z kapturem.", "")})
    assert rule.state == "in force" and rule.rule_key == rule.id and rule.position == 0
    assert add_rule(engine, text="Bring photo ID.", category="id").position == 1
    with Session(engine) as session:
        scopes = session.scalars(select(Feed.scope).where(Feed.entity == "advice_rule")).all()
        assert scopes == ["BAR", "BAR"]
        assert session.scalars(select(CentreAudit.action).where(CentreAudit.entity == "advice_rule")).all() == [
            "advice_rule.added",
            "advice_rule.added",
        ]
    assert [r.text for r in listed(engine)] == ["No hooded tops in the visit room.", "Bring photo ID."]
    assert listed(engine)[0].translations == {"pl": {"text": "Bez bluz z kapturem.", "easy_read": ""}}
    assert listed(engine, "GRE") == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "x" * 601}, "text"),
        ({"category": "food"}, "category"),
        ({"severity": "maybe"}, "severity"),
        ({"pictogram": "unicorn"}, "pictogram"),
        ({"effective_from": "yesterday"}, "effective_from"),
        ({"effective_from": (TODAY - timedelta(days=1)).isoformat()}, "effective_from"),
        ({"effective_from": (TODAY + timedelta(days=731)).isoformat()}, "effective_from"),
        ({"translations": {"fr": ("Bonjour", "")}}, "translations"),
        ({"translations": {"pl": ("x" * 601, "")}}, "text_pl"),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field(engine, changes, field):
    with pytest.raises(InvalidInput) as refused:
        add_rule(engine, **changes)
    assert refused.value.field == field
    assert listed(engine) == []


def test_rewording_keeps_the_old_wording_until_the_new_one_starts_and_retiring_ends_it(engine):
    first = add_rule(engine)
    later = (TODAY + timedelta(days=7)).isoformat()
    with Session(engine) as session, session.begin():
        new = advice_rules.reword(
            session,
            NATIONAL,
            "Ann Admin",
            NOW,
            first.id,
            1,
            Wording("dress", "must", "No hoods.", effective_from=later),
        )
    assert new.rule_key == first.rule_key and new.state == "starts later"
    states = {r.text: r.state for r in listed(engine)}
    assert states == {"No hooded tops in the visit room.": "in force", "No hoods.": "starts later"}
    assert {r.text: r.state for r in listed(engine, on=TODAY + timedelta(days=7))}["No hoods."] == "in force"
    with Session(engine) as session, session.begin():
        with pytest.raises(NotAllowed):  # the old wording is replaced: only the newest can change
            advice_rules.retire(session, NATIONAL, "Ann", NOW, first.id, 2, "Not needed")
        with pytest.raises(ChangedElsewhere):
            advice_rules.retire(session, NATIONAL, "Ann", NOW, new.id, 7, "Not needed")
        with pytest.raises(InvalidInput) as refused:
            advice_rules.retire(session, NATIONAL, "Ann", NOW, new.id, 1, " ")
        assert refused.value.field == "reason"
        gone = advice_rules.retire(session, NATIONAL, "Ann", NOW, new.id, 1, "Hoods are allowed now")
    assert gone.state == "retired" and gone.retired_reason == "Hoods are allowed now"


def test_another_establishments_rules_are_out_of_reach(engine):
    rule = add_rule(engine)
    with Session(engine) as session, session.begin():
        with pytest.raises(NotFound):
            advice_rules.rules(session, Scope.of("GRE"), "BAR", TODAY)
        with pytest.raises(NotFound):
            advice_rules.retire(session, Scope.of("GRE"), "Ann", NOW, rule.id, 1, "mine now")
        with pytest.raises(NotAllowed):
            advice_rules.add(session, Scope.of("BAR", changes=False), "Ann", NOW, "BAR", Wording("id", "must", "ID"))


def test_an_edit_at_either_end_shows_at_the_other_through_a_real_server(engine, tmp_path):
    """The console writes a version through the store; a desk's editor writes one and pushes it."""
    url = engine.url_text
    server = ServerProcess(url).start()
    try:
        with Session(engine) as session, session.begin():
            made = desks.make_code(session, NATIONAL, "Ann Admin", datetime.utcnow(), "BAR", server.address)
        path = empty_desk_database(tmp_path / "desk.sqlite3")
        assert enrol(path, server.address, made.code, "Desk 1") == "BAR"
        desk = open_desk(path, actor=Actor("Mo Manager", "manager"), clock=FixedClock(NOW))
        try:
            desk.sync.now()
            centre_rule = add_rule(engine, text="Lockers take £1 coins.", category="lockers")
            with Session(engine) as session, session.begin():  # the visiting rules travel the same way
                establishments.change_rules(
                    session,
                    NATIONAL,
                    "Ann Admin",
                    NOW,
                    "BAR",
                    1,
                    adult_age=16,
                    max_adults=2,
                    max_total=4,
                    cutoff_minutes=30,
                    locker_rule="£1 coins",
                    cash_rule="",
                )
            desk.sync.now()
            with desk.ctx.reading() as reading:
                here = reading.scalars(select(m.Establishment).where(m.Establishment.code == "BAR")).one()
                assert (here.adult_age, here.max_adults, here.max_total, here.cutoff_minutes) == (16, 2, 4, 30)
            at_desk = {r.text: r for r in desk.advice.rules()}
            assert "Lockers take £1 coins." in at_desk

            # The desk's manager rewords it; the centre sees the new version and the old one replaced.
            draft = desk.advice.rule_draft(centre_rule.id)
            draft.text = "Lockers take £1 coins; the key goes with you."
            desk.advice.edit_rule(centre_rule.id, draft, at_desk["Lockers take £1 coins."].version)
            desk.sync.now()
            seen = {r.text: r for r in listed(engine)}
            assert seen["Lockers take £1 coins; the key goes with you."].state == "in force"
            assert seen["Lockers take £1 coins."].state == "replaced"
            assert seen["Lockers take £1 coins; the key goes with you."].changed_by == "Mo Manager"

            # The centre rewords the desk's version; the desk shows the centre's wording only.
            newest = seen["Lockers take £1 coins; the key goes with you."]
            with Session(engine) as session, session.begin():
                advice_rules.reword(
                    session,
                    NATIONAL,
                    "Ann Admin",
                    NOW,
                    newest.id,
                    newest.version,
                    Wording("lockers", "must", "Bring a £1 coin for the locker."),
                )
            desk.sync.now()
            assert [r.text for r in desk.advice.rules()] == ["Bring a £1 coin for the locker."]
            assert isinstance(desk.advice.rules()[0].effective_from, date)
        finally:
            desk.close()
    finally:
        server.stop()
