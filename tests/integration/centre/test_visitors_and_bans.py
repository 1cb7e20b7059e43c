"""Finding visitors across the establishments a user looks after, their record, and bans added and lifted."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.centre.centre_world import NOW, add_establishment, add_prisoner, add_visitor, book
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.server import documents
from visitorcentre.server.centre import audit, bans, visitors
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.models import Feed

TODAY = date(2026, 12, 3)
ANN = Reach.national("Ann Admin")
BOB = Reach.of("Bob at Barlinnie", ["BAR"])


@pytest.fixture
def world(engine):
    """Mary registered at BAR; Zara at GRN; Kim at GRN who also visits a prisoner at BAR (shared with BAR)."""
    with Session(engine) as session, session.begin():
        for code in ("BAR", "GRN"):
            add_establishment(session, code)
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_prisoner(session, "p2", "GRN", "Aisha", "Khan", "B2345CD")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", "1970-02-03")
        add_visitor(session, "v2", "GRN", "Zara", "MacDonald", "1990-01-01")
        add_visitor(session, "v3", "GRN", "Kim", "Macdonald", "1985-05-05")
        book(session, "visit1", "s-unknown", "ABC123", "p1", ["v3"], establishment="BAR")
        relationship = {
            "id": "r1",
            "establishment": "BAR",
            "version": 1,
            "created_at": "2026-12-01T10:00:00",
            "updated_at": "2026-12-01T10:00:00",
            "visitor_id": "v1",
            "prisoner_id": "p1",
            "kind": "parent",
            "list_status": "approved",
        }
        documents.put(session, "relationship", "r1", relationship, "device-1", NOW)
    return engine


def names(found) -> list[str]:
    return [f"{v.first_name} {v.last_name}" for v in found]


def test_a_national_administrator_finds_everyone_by_any_spelling(world):
    with Session(world) as session:
        found, more = visitors.find(session, ANN, "mc donald")
        assert sorted(names(found)) == ["Kim Macdonald", "Mary MacDonald", "Zara MacDonald"] and not more
        born, _ = visitors.find(session, ANN, "MacDonald", date(1990, 1, 1))
        assert names(born) == ["Zara MacDonald"]
        assert names(visitors.find(session, ANN, "mar mac")[0]) == ["Mary MacDonald"]


def test_an_establishment_administrator_finds_their_own_and_those_their_desks_were_sent(world):
    with Session(world) as session:
        found, _ = visitors.find(session, BOB, "macdonald")
        assert sorted(names(found)) == ["Kim Macdonald", "Mary MacDonald"]  # Kim visits at BAR
        with pytest.raises(NotFound):
            visitors.record(session, BOB, "v2")
        assert session.scalars(select(Feed.scope).where(Feed.row_id == "v3")).all() != []


@pytest.mark.parametrize("typed", ["", " ", "m", "!!"])
def test_a_search_needs_two_letters(world, typed):
    with Session(world) as session, pytest.raises(InvalidInput) as refused:
        visitors.find(session, ANN, typed)
    assert refused.value.field == "name"


def test_a_visitors_record_shows_relationships_and_bans(world):
    with Session(world) as session, session.begin():
        bans.add_ban(
            session,
            BOB,
            "v1",
            scope="prisoner",
            establishment="",
            prison_number="a1234bc",
            reason="Passed an item",
            starts_on="1/12/2026",
            ends_on="1/6/2027",
            now=NOW,
        )
    with Session(world) as session:
        seen = visitors.record(session, BOB, "v1")
    assert seen.details["first_name"] == "Mary"
    assert [(r.prisoner, r.kind, r.list_status) for r in seen.relationships] == [
        ("Seán MacDonald (A1234BC)", "parent", "approved")
    ]
    (ban,) = seen.bans
    assert (ban.scope, ban.prisoner, ban.reason, ban.ends_on) == (
        "prisoner",
        "Seán MacDonald (A1234BC)",
        "Passed an item",
        "2027-06-01",
    )
    assert ban.in_force(TODAY) and not ban.in_force(date(2027, 6, 2))


def test_only_a_national_administrator_bans_from_every_establishment(world):
    with Session(world) as session, session.begin():
        with pytest.raises(NotAllowed) as refused:
            bans.add_ban(
                session,
                BOB,
                "v1",
                scope="all",
                establishment="",
                prison_number="",
                reason="Violence",
                starts_on="2026-12-03",
                ends_on="",
                now=NOW,
            )
        assert refused.value.field == "scope"
        everywhere = bans.add_ban(
            session,
            ANN,
            "v3",
            scope="all",
            establishment="",
            prison_number="",
            reason="Violence",
            starts_on="2026-12-03",
            ends_on="",
            now=NOW,
        )
    with Session(world) as session:
        scopes = set(session.scalars(select(Feed.scope).where(Feed.entity == "ban", Feed.row_id == everywhere["id"])))
        assert scopes == {"BAR", "GRN"}  # wherever Kim's details go
        assert [b.scope for b in visitors.record(session, BOB, "v3").bans] == ["all"]  # Bob sees it, cannot lift it
    with Session(world) as session, session.begin():
        with pytest.raises(NotAllowed):
            bans.lift_ban(session, BOB, everywhere["id"], "Appeal upheld", TODAY, NOW)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scope": "galaxy"}, "scope"),
        ({"scope": "establishment", "establishment": ""}, "establishment"),
        ({"scope": "establishment", "establishment": "GRN"}, "establishment"),
        ({"scope": "prisoner", "prison_number": ""}, "prison_number"),
        ({"scope": "prisoner", "prison_number": "B2345CD"}, "prison_number"),  # held at GRN
        ({"reason": "  "}, "reason"),
        ({"starts_on": ""}, "starts_on"),
        ({"starts_on": "32/1/2027"}, "starts_on"),
        ({"ends_on": "1/11/2026"}, "ends_on"),
    ],
)
def test_each_mistake_in_a_ban_is_named_and_nothing_is_written(world, changes, field):
    fields = {
        "scope": "establishment",
        "establishment": "BAR",
        "prison_number": "",
        "reason": "Violence",
        "starts_on": "3/12/2026",
        "ends_on": "",
    }
    with Session(world) as session, session.begin():
        with pytest.raises((InvalidInput, NotAllowed)) as refused:
            bans.add_ban(session, BOB, "v1", now=NOW, **(fields | changes))
        assert refused.value.field == field
        assert visitors.record(session, ANN, "v1").bans == []


def test_lifting_a_ban_needs_a_reason_and_keeps_it_on_the_record(world):
    with Session(world) as session, session.begin():
        ban = bans.add_ban(
            session,
            BOB,
            "v1",
            scope="establishment",
            establishment="bar",
            prison_number="",
            reason="Aggressive to staff",
            starts_on="2026-12-01",
            ends_on="",
            now=NOW,
        )
        with pytest.raises(InvalidInput) as no_reason:
            bans.lift_ban(session, BOB, ban["id"], "", TODAY, NOW)
        assert no_reason.value.field == "reason"
        lifted = bans.lift_ban(session, BOB, ban["id"], "Apology accepted", TODAY, NOW)
        assert (lifted["lifted_on"], lifted["lifted_reason"], lifted["version"]) == (
            "2026-12-03",
            "Apology accepted",
            2,
        )
        with pytest.raises(NotAllowed, match="already lifted"):
            bans.lift_ban(session, BOB, ban["id"], "Again", TODAY, NOW)
        with pytest.raises(NotFound):
            bans.lift_ban(session, Reach.of("Gill at Greenock", ["GRN"]), ban["id"], "Not mine", TODAY, NOW)
        assert audit.verify(session).ok
    with Session(world) as session:
        (line,) = visitors.record(session, ANN, "v1").bans
        assert line.lifted_reason == "Apology accepted" and not line.in_force(TODAY)
