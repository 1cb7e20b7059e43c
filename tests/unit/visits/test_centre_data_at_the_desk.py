"""What the centre enters, as the desk uses it: restrictions, blocked sessions, lifted bans, moved prisoners.

Each record reaches the test desk as a sync's pull stores it (sync.pulled.store), then the
desk worker books, opens and checks in visits as usual.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.centre_data import block, from_the_centre, restrict
from tests.conftest import TODAY
from tests.unit.ledger import visit_id
from visitorcentre.core.errors import ChecksFailed, NotAllowed


def test_a_blocked_session_is_not_offered_and_cannot_be_booked(world, ledger):
    block(world, world.session_today, "Staff training")
    assert world.session_today not in [s.id for s in world.desk.visits.bookable_sessions()]
    (board,) = [s for s in world.desk.visits.today() if s.id == world.session_today]
    assert board.blocked and board.blocked_reason == "Staff training"
    with ledger.nothing_written(), pytest.raises(NotAllowed) as refused:
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    assert refused.value.field == "session" and "Staff training" in refused.value.message


def test_a_visit_already_booked_on_a_session_blocked_later_stops_at_check_in(world, ledger):
    vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
    block(world, world.session_today, "A lockdown in the prison")
    detail = world.desk.visits.visit(vid)
    (stop,) = [r for r in detail.party_results if r.code == "session_blocked"]
    assert stop.message == "The prison has cancelled this session: A lockdown in the prison."
    ledger.mark()
    with ledger.nothing_written(), pytest.raises(ChecksFailed):
        world.desk.visits.check_in(vid)


def test_a_restriction_from_the_centre_shows_in_the_visit_panel_and_stops_a_child(world):
    vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child]))
    restrict(world, "no_child_contact", ends=30)
    detail = world.desk.visits.visit(vid)
    assert any(r.startswith("No child contact") and "Public protection review" in r for r in detail.restrictions)
    (child,) = [p for p in detail.party if p.visitor_id == world.child]
    assert [r.code for r in child.results] == ["child_restricted"]
    with pytest.raises(ChecksFailed):
        world.desk.visits.check_in(vid)


def test_a_child_cannot_be_booked_while_a_restriction_is_in_force(world):
    assert world.desk.visits.find_prisoners("S100001")[0].restrictions == ()
    restrict(world, "no_child_contact")
    (john,) = world.desk.visits.find_prisoners("S100001")  # the booking dialog says so before booking
    assert john.restrictions == ("No child contact without a manager's approval (Public protection review)",)
    with pytest.raises(ChecksFailed):
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.child])


def test_a_lifted_restriction_no_longer_shows_or_stops(world):
    restrict(world, "no_child_contact", lifted=0)
    vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child]))
    detail = world.desk.visits.visit(vid)
    assert detail.restrictions == ()
    world.desk.visits.check_in(vid)


def test_another_restriction_warns_with_its_detail_and_the_family_still_goes_in(world):
    restrict(world, "other", detail="No physical contact: a table between")
    vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
    detail = world.desk.visits.visit(vid)
    assert any("No physical contact" in r for r in detail.restrictions)
    (warning,) = [r for r in detail.party_results if r.code == "other_restriction"]
    assert "No physical contact: a table between" in warning.message
    world.desk.visits.check_in(vid)  # a restriction's warning asks for no late reason
    assert world.desk.visits.visit(vid).status == "checked_in"


def test_a_lifted_ban_lets_the_visitor_in_again(world):
    vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
    assert world.desk.visits.visit(vid).party[0].results == ()
    ban = {
        "visitor_id": world.banned,
        "scope": "all",
        "prisoner_id": None,
        "reason": "passing contraband",
        "starts_on": (TODAY - timedelta(days=30)).isoformat(),
        "ends_on": None,
    }
    with pytest.raises(ChecksFailed):
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.banned])
    from_the_centre(world, "ban", "ban-1", **ban, lifted_on=TODAY.isoformat(), lifted_reason="Appeal upheld")
    world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.banned])


def test_a_prisoner_moved_by_the_centre_is_taken_and_their_visit_stops(world):
    vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
    from_the_centre(
        world,
        "prisoner",
        world.prisoner,
        establishment="GRE",
        prison_number="S100001",
        first_name="John",
        last_name="MacDonald",
        date_of_birth=None,
        location="",
        status="convicted",
        no_child_contact=False,
        closed_visits=False,
    )
    (stop,) = [r for r in world.desk.visits.visit(vid).party_results if r.stops]
    assert stop.code == "prisoner_moved"
    world.desk.visits.cancel(vid, "John has moved to HMP Greenock")


def test_a_ban_lifted_at_the_centre_no_longer_keeps_the_visitors_details(world):
    with pytest.raises(NotAllowed, match="ban in force"):
        world.desk.records.erase_visitor(world.banned, "asked by letter")
    from_the_centre(
        world,
        "ban",
        "ban-1",
        visitor_id=world.banned,
        scope="all",
        prisoner_id=None,
        reason="passing contraband",
        starts_on=(TODAY - timedelta(days=30)).isoformat(),
        ends_on=None,
        lifted_on=TODAY.isoformat(),
        lifted_reason="Appeal upheld",
    )
    world.desk.records.erase_visitor(world.banned, "asked by letter")
