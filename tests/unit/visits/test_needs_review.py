"""A change that reaches the desk (a sync's pull) flags exactly the booked visits whose checks it
makes worse, in plain words, and the desk worker settles each flag."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.centre_data import block, from_the_centre, restrict
from tests.conftest import TODAY
from tests.review_data import ban, list_status, prisoner
from tests.unit.ledger import visit_id
from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.db import models as m
from visitorcentre.desk.composition import open_desk


def _book(world, session, people, prisoner_id=None):
    return visit_id(world, world.desk.visits.book_visit(session, prisoner_id or world.prisoner, people))


def _flagged(world) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for flag in world.desk.visits.needing_review():
        found.setdefault(flag.visit_id, []).append(flag.reason)
    return found


def _session(world, session_id: str, days: int) -> None:
    from_the_centre(
        world,
        "visit_session",
        session_id,
        version=1,
        date=(TODAY + timedelta(days=days)).isoformat(),
        starts_at="14:00:00",
        ends_at="16:00:00",
        room="Visit Hall",
        kind="standard",
        capacity=5,
        details="",
        blocked_reason="",
    )


@pytest.fixture
def visits(world):
    """Tomorrow: mum and gran; in two days: mum alone, and a cancelled visit; today: gran and the child."""
    _session(world, "ses-later", days=2)
    both = _book(world, world.session_tomorrow, [world.mum, world.gran])
    mum_only = _book(world, "ses-later", [world.mum])
    today = _book(world, world.session_today, [world.gran, world.child])
    cancelled = _book(world, "ses-later", [world.gran])
    world.desk.visits.cancel(cancelled, "Family asked")
    return {"both": both, "mum_only": mum_only, "today": today, "cancelled": cancelled}


def test_a_ban_flags_every_booked_visit_with_that_visitor_and_says_what_changed(world, visits):
    ban(world, world.gran)
    assert _flagged(world) == {visits["both"]: ["ban"], visits["today"]: ["ban"]}
    (flag,) = [f for f in world.desk.visits.needing_review() if f.visit_id == visits["both"]]
    assert flag.words == "Margaret McDonald was banned on 22 November; the visit on 23 November includes Margaret."
    assert world.desk.visits.needing_review_count() == 2


def test_a_ban_ending_before_the_visit_flags_nothing_and_extending_it_does(world, visits):
    ban(world, world.gran, ends=-1, starts_on=(TODAY - timedelta(days=10)).isoformat())
    assert _flagged(world) == {}
    ban(world, world.gran, ends=0, version=2, starts_on=(TODAY - timedelta(days=10)).isoformat())
    assert _flagged(world) == {visits["today"]: ["ban"]}  # extended to today, not yet tomorrow
    ban(world, world.gran, ends=5, version=3, starts_on=(TODAY - timedelta(days=10)).isoformat())
    assert _flagged(world) == {visits["today"]: ["ban"], visits["both"]: ["ban"]}


def test_a_ban_on_another_prisoner_or_establishment_flags_nothing(world, visits):
    ban(world, world.gran, scope="prisoner", prisoner_id=world.restricted)
    assert _flagged(world) == {}
    ban(world, world.mum, row_id="ban-ended", ends=-1, starts_on=(TODAY - timedelta(days=9)).isoformat())
    assert _flagged(world) == {}


def test_taken_off_the_list_flags_the_visits_with_that_visitor(world, visits):
    list_status(world, "gran", world.prisoner, "removed")
    assert _flagged(world) == {visits["both"]: ["list_removal"], visits["today"]: ["list_removal"]}
    (flag,) = [f for f in world.desk.visits.needing_review() if f.visit_id == visits["today"]]
    assert "taken off John MacDonald's approved visitor list" in flag.words


def test_a_child_contact_restriction_flags_only_visits_with_a_child(world, visits):
    restrict(world, "no_child_contact", starts=0)
    assert _flagged(world) == {visits["today"]: ["restriction"]}
    (flag,) = world.desk.visits.needing_review()
    assert "Zoë MacDonald, who is under 18" in flag.words


def test_a_restriction_on_another_prisoner_flags_nothing(world, visits):
    restrict(world, "no_child_contact", prisoner=world.restricted, starts=0)
    assert _flagged(world) == {}


def test_a_prisoner_moved_or_released_flags_all_their_booked_visits(world, visits):
    _session(world, "ses-far", days=6)
    other = _book(world, "ses-far", [world.mum], prisoner_id=world.restricted)
    prisoner(world, establishment="GRE")
    flagged = _flagged(world)
    assert flagged == {
        visits["both"]: ["prisoner_moved"],
        visits["mum_only"]: ["prisoner_moved"],
        visits["today"]: ["prisoner_moved"],
    }
    assert other not in flagged


def test_a_release_flags_the_visits(world, visits):
    prisoner(world, status="released")
    assert set(_flagged(world)) == {visits["both"], visits["mum_only"], visits["today"]}
    assert all(
        f.words.startswith("John MacDonald was released on 22 November") for f in world.desk.visits.needing_review()
    )


def test_a_blocked_session_flags_only_its_bookings_and_offers_the_nearest_with_places(world, visits):
    block(world, world.session_today, "A lockdown")
    assert _flagged(world) == {visits["today"]: ["session_blocked"]}
    (flag,) = world.desk.visits.needing_review()
    assert "cancelled the 14:00 session on 22 November" in flag.words and "A lockdown" in flag.words


def test_the_same_change_again_raises_no_second_flag(world, visits):
    ban(world, world.gran)
    ban(world, world.gran, version=2, reason="threatening staff again")
    assert _flagged(world) == {visits["both"]: ["ban"], visits["today"]: ["ban"]}


def test_a_flag_survives_a_restart_and_goes_out_with_the_next_sync(world, visits):
    ban(world, world.gran)
    path = world.desk.ctx.db_path
    world.desk.close()
    desk = open_desk(path, actor=world.desk.ctx.actor, clock=world.clock, establishment="BAR")
    try:
        assert {f.visit_id for f in desk.visits.needing_review()} == {visits["both"], visits["today"]}
        with desk.ctx.reading() as session:
            ops = session.scalars(select(m.OutboxOp.operation).where(m.OutboxOp.entity == "visit_review")).all()
        assert ops == ["insert", "insert"]
    finally:
        desk.close()


def test_checked_and_goes_ahead_settles_it_with_who(world, visits, ledger):
    ban(world, world.gran)
    flag = next(f for f in world.desk.visits.needing_review() if f.visit_id == visits["both"])
    ledger.mark()
    world.desk.visits.resolve_review(flag.id, "goes_ahead", family_told="phoned", note="Gran will not come")
    ledger.expect(
        audit=[("Test Worker", "resolve_review", "visit_review", flag.id)],
        outbox=[("visit_review", flag.id, "update")],
    )
    (settled,) = [f for f in world.desk.visits.reviews_of_visit(visits["both"])]
    assert (settled.resolution, settled.resolved_by, settled.family_told) == ("goes_ahead", "Test Worker", "phoned")
    assert world.desk.visits.needing_review_count() == 1
    with pytest.raises(NotAllowed):
        world.desk.visits.resolve_review(flag.id, "goes_ahead")


def test_settling_refuses_a_wrong_resolution_or_way_of_telling(world, visits, ledger):
    ban(world, world.gran)
    flag = world.desk.visits.needing_review()[0]
    ledger.mark()
    with ledger.nothing_written():
        with pytest.raises(InvalidInput) as wrong:
            world.desk.visits.resolve_review(flag.id, "cancelled")
        assert wrong.value.field == "resolution"
        with pytest.raises(InvalidInput) as told:
            world.desk.visits.resolve_review(flag.id, "goes_ahead", family_told="carrier pigeon")
        assert told.value.field == "family_told"
        with pytest.raises(InvalidInput) as reason:
            world.desk.visits.cancel_for_review(flag.id, "   ")
        assert reason.value.field == "reason"


def test_cancelling_for_review_cancels_the_visit_and_settles_it(world, visits):
    ban(world, world.gran)
    flag = next(f for f in world.desk.visits.needing_review() if f.visit_id == visits["both"])
    world.desk.visits.cancel_for_review(flag.id, "Gran is banned", family_told="printed")
    assert world.desk.visits.visit(visits["both"]).status == "cancelled"
    (settled,) = world.desk.visits.reviews_of_visit(visits["both"])
    assert (settled.resolution, settled.family_told) == ("cancelled", "printed")


def test_a_booking_on_a_blocked_session_moves_to_the_nearest_with_places(world, visits):
    block(world, world.session_today, "A lockdown")
    (flag,) = world.desk.visits.needing_review()
    offered = world.desk.visits.nearest_sessions(visits["today"])
    assert [s.id for s in offered] == ["ses-later"]  # a standard session with places (not the family one, not past)
    assert (offered[0].capacity, offered[0].booked) == (5, 1)
    with pytest.raises(InvalidInput):
        world.desk.visits.move_booking(flag.id, world.session_today)
    world.desk.visits.move_booking(flag.id, "ses-later", family_told="phoned")
    moved = world.desk.visits.visit(visits["today"])
    assert moved.session.id == "ses-later" and moved.status == "booked"
    assert world.desk.visits.needing_review_count() == 0


def test_changing_the_party_takes_people_off_and_settles_the_flag(world, visits, ledger):
    ban(world, world.gran)
    flag = next(f for f in world.desk.visits.needing_review() if f.visit_id == visits["both"])
    ledger.mark()
    with ledger.nothing_written():
        for wrong in ([], [world.child], [world.mum, world.gran]):
            with pytest.raises(InvalidInput) as refused:
                world.desk.visits.change_party(flag.id, wrong)
            assert refused.value.field == "party"
    world.desk.visits.change_party(flag.id, [world.gran], family_told="printed")
    party = {m.visitor_id: m.outcome for m in world.desk.visits.visit(visits["both"]).party}
    assert party == {world.mum: "expected", world.gran: "cancelled"}
    (settled,) = world.desk.visits.reviews_of_visit(visits["both"])
    assert (settled.resolution, settled.family_told) == ("party_changed", "printed")
    with pytest.raises(NotAllowed):
        world.desk.visits.change_party(flag.id, [world.gran])
