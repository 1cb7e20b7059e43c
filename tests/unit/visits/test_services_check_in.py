"""The desk on the day: check in, refuse one person, the hall, check out and no-shows.

Every success writes exactly its audit event and outbox ops; every failure writes nothing at all.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.ledger import events, execute, party, visit_id
from visitorcentre.core.errors import ArrivalAfterCutOff, ChecksFailed, InvalidInput, NotAllowed
from visitorcentre.core.kinds import PersonOutcome, VisitStatus

ACTOR = "Test Worker"


def book_today(world, *who, prisoner=None) -> str:
    return visit_id(world, world.desk.visits.book_visit(world.session_today, prisoner or world.prisoner, list(who)))


def at(world, hour: int, minute: int) -> None:
    world.clock.moment = world.clock.moment.replace(hour=hour, minute=minute)


def outcomes(world, vid: str) -> dict[str, str]:
    return {visitor: outcome for _, visitor, outcome, _ in party(world, vid)}


def status(world, vid: str) -> str:
    return world.desk.visits.visit(vid).status


class TestCheckIn:
    def test_whole_family_checks_in(self, world, ledger):
        vid = book_today(world, world.mum, world.child)
        ledger.mark()
        world.desk.visits.check_in(vid)
        (mum, child) = party(world, vid)
        (ev_mum, ev_child) = events(world, vid)
        ledger.expect(
            audit=[(ACTOR, "check_in", "visit", vid)],
            outbox=[
                ("visit_person", mum[0], "update"),
                ("check_in_event", ev_mum[0], "insert"),
                ("visit_person", child[0], "update"),
                ("check_in_event", ev_child[0], "insert"),
                ("visit", vid, "update"),
            ],
        )
        assert status(world, vid) == VisitStatus.CHECKED_IN
        assert outcomes(world, vid) == {world.mum: "checked_in", world.child: "checked_in"}
        assert [(e[1], e[2], e[4]) for e in events(world, vid)] == [
            (world.mum, "checked_in", ACTOR),
            (world.child, "checked_in", ACTOR),
        ]

    def test_on_time_audit_has_no_late_reason(self, world, ledger):
        vid = book_today(world, world.mum, world.child)
        at(world, 13, 45)
        ledger.mark()
        world.desk.visits.check_in(vid, late_reason="given but not needed")
        (event,) = ledger.audit_rows()
        assert event["detail"] == {"present": [world.mum, world.child]}
        assert "after the cut-off" not in event["summary"]
        assert world.desk.visits.visit(vid).late_reason == ""
        assert "late_allowed" not in [e[2] for e in events(world, vid)]

    def test_check_in_by_the_reference_as_scanned(self, world):
        reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
        world.desk.visits.check_in(reference.lower())
        assert status(world, visit_id(world, reference)) == VisitStatus.CHECKED_IN

    def test_exactly_at_the_cut_off_needs_no_reason(self, world):
        vid = book_today(world, world.mum)
        at(world, 13, 45)
        world.desk.visits.check_in(vid)
        assert status(world, vid) == VisitStatus.CHECKED_IN
        assert world.desk.visits.visit(vid).late_reason == ""

    def test_after_the_cut_off_without_a_reason(self, world, ledger):
        vid = book_today(world, world.mum)
        at(world, 13, 46)
        for reason in ("", "   "):
            with ledger.nothing_written(), pytest.raises(ArrivalAfterCutOff) as caught:
                world.desk.visits.check_in(vid, late_reason=reason)
            assert caught.value.field == "late_reason"
            assert "13:46" in caught.value.message and "13:45" in caught.value.message
            assert "14:00" in caught.value.message

    def test_after_the_cut_off_with_a_reason(self, world, ledger):
        vid = book_today(world, world.mum)
        at(world, 13, 52)
        ledger.mark()
        world.desk.visits.check_in(vid, late_reason="  bus from Easterhouse was late ")
        (mum,) = party(world, vid)
        checked, late = events(world, vid)
        (event,) = ledger.audit_rows()
        ledger.expect(
            audit=[(ACTOR, "check_in", "visit", vid)],
            outbox=[
                ("visit_person", mum[0], "update"),
                ("check_in_event", checked[0], "insert"),
                ("check_in_event", late[0], "insert"),
                ("visit", vid, "update"),
            ],
        )
        assert late[1:] == (None, "late_allowed", "bus from Easterhouse was late", ACTOR)
        assert world.desk.visits.visit(vid).late_reason == "bus from Easterhouse was late"
        assert event["detail"] == {"present": [world.mum], "late_reason": "bus from Easterhouse was late"}
        assert "after the cut-off" in event["summary"]

    def test_refuse_one_person_then_the_rest_check_in(self, world, ledger):
        vid = book_today(world, world.mum, world.gran, world.child)
        ledger.mark()
        world.desk.visits.refuse(vid, world.gran, "  No photo ID ")
        gran_row = party(world, vid)[1]
        (refused,) = events(world, vid)
        ledger.expect(
            audit=[(ACTOR, "refuse_visitor", "visit", vid)],
            outbox=[
                ("visit_person", gran_row[0], "update"),
                ("check_in_event", refused[0], "insert"),
                ("visit", vid, "update"),
            ],
        )
        assert refused[1:] == (world.gran, "refused", "No photo ID", ACTOR)
        assert status(world, vid) == VisitStatus.BOOKED  # the rest are still expected
        world.desk.visits.check_in(vid)
        assert outcomes(world, vid) == {world.mum: "checked_in", world.gran: "refused", world.child: "checked_in"}
        assert party(world, vid)[1][3] == "No photo ID"
        assert status(world, vid) == VisitStatus.CHECKED_IN

    def test_refusing_the_only_adult_leaves_the_child_unable_to_go_in(self, world, ledger):
        vid = book_today(world, world.mum, world.child)
        world.desk.visits.refuse(vid, world.mum, "under the influence")
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.check_in(vid)
        assert {"no_adult", "lead_under_18"} <= {r.code for r in caught.value.results}

    def test_refusing_everyone_refuses_the_visit(self, world, ledger):
        vid = book_today(world, world.mum, world.child)
        world.desk.visits.refuse(vid, world.child, "not on the list today")
        assert status(world, vid) == VisitStatus.BOOKED
        world.desk.visits.refuse(vid, world.mum, "under the influence")
        assert status(world, vid) == VisitStatus.REFUSED
        assert set(outcomes(world, vid).values()) == {PersonOutcome.REFUSED}
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.check_in(vid)

    def test_a_child_of_a_restricted_prisoner_stops_check_in_until_a_manager_approves(self, world, ledger, desk_worker):
        # The family booked before the roster marked Darren as no child contact.
        execute(world, "UPDATE prisoner SET no_child_contact = 0 WHERE id = ?", (world.restricted,))
        other = visit_id(
            world, world.desk.visits.book_visit(world.session_tomorrow, world.restricted, [world.mum, world.child])
        )
        execute(world, "UPDATE prisoner SET no_child_contact = 1 WHERE id = ?", (world.restricted,))
        world.clock.moment = world.clock.moment.replace(hour=9) + timedelta(days=1)

        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            desk_worker.visits.check_in(other)
        (stop,) = [r for r in caught.value.results if r.stops]
        assert stop.code == "child_restricted" and stop.visitor_id == world.child
        assert "Zoë MacDonald" in stop.message and "manager" in stop.next_step

        with ledger.nothing_written(), pytest.raises(NotAllowed):
            desk_worker.visits.approve_child_visit(world.restricted, world.child, "I know the family")

        ledger.mark()
        approval = world.desk.visits.approve_child_visit(world.restricted, world.child, "Social work assessment seen")
        ledger.expect(
            audit=[(ACTOR, "approve_child_visit", "child_approval", approval)],
            outbox=[("child_approval", approval, "insert")],
        )
        desk_worker.visits.check_in(other)
        assert status(world, other) == VisitStatus.CHECKED_IN
        assert outcomes(world, other) == {world.mum: "checked_in", world.child: "checked_in"}

    def test_a_ban_that_arrived_after_booking_stops_that_person_only(self, world, ledger):
        vid = book_today(world, world.mum, world.gran)
        execute(
            world,
            "INSERT INTO ban (id, visitor_id, scope, prisoner_id, reason, starts_on, ends_on, "
            "establishment, created_at, updated_at, version) VALUES "
            "('ban-2', ?, 'all', NULL, 'assault on staff', '2026-11-20', NULL, 'BAR', "
            "'2026-11-20 09:00:00', '2026-11-20 09:00:00', 1)",
            (world.gran,),
        )
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.check_in(vid)
        assert "Margaret McDonald" in caught.value.message
        world.desk.visits.refuse(vid, world.gran, "banned: assault on staff")
        world.desk.visits.check_in(vid)
        assert outcomes(world, vid) == {world.mum: "checked_in", world.gran: "refused"}

    def test_only_those_present_check_in_the_others_did_not_come(self, world, ledger):
        vid = book_today(world, world.mum, world.gran, world.child)
        ledger.mark()
        world.desk.visits.check_in(vid, present=[world.mum, world.child])
        mum, gran, child = party(world, vid)
        evs = events(world, vid)
        assert [(e[1], e[2]) for e in evs] == [
            (world.mum, "checked_in"),
            (world.gran, "did_not_come"),
            (world.child, "checked_in"),
        ]
        ledger.expect(
            audit=[(ACTOR, "check_in", "visit", vid)],
            outbox=[
                ("visit_person", mum[0], "update"),
                ("check_in_event", evs[0][0], "insert"),
                ("visit_person", gran[0], "update"),
                ("check_in_event", evs[1][0], "insert"),
                ("visit_person", child[0], "update"),
                ("check_in_event", evs[2][0], "insert"),
                ("visit", vid, "update"),
            ],
        )
        assert outcomes(world, vid) == {world.mum: "checked_in", world.gran: "no_show", world.child: "checked_in"}

    def test_present_subset_is_checked_as_the_party_going_in(self, world, ledger):
        vid = book_today(world, world.mum, world.child)
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.check_in(vid, present=[world.child])  # mum is not here
        assert "no_adult" in {r.code for r in caught.value.results}

    def test_nobody_ticked_present(self, world, ledger):
        vid = book_today(world, world.mum)
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.check_in(vid, present=[])
        assert "nobody_left" in {r.code for r in caught.value.results}

    def test_present_must_be_in_the_party(self, world, ledger):
        vid = book_today(world, world.mum)
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.check_in(vid, present=[world.mum, world.gran])
        assert caught.value.field == "party"

    def test_visit_of_another_day(self, world, ledger):
        vid = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.check_in(vid)
        assert "not today" in caught.value.message and "Monday 23 November" in caught.value.message

    def test_double_check_in(self, world, ledger):
        vid = book_today(world, world.mum)
        world.desk.visits.check_in(vid)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.check_in(vid)

    def test_cancelled_visit_cannot_be_checked_in(self, world, ledger):
        vid = book_today(world, world.mum)
        world.desk.visits.cancel(vid, "phoned to cancel")
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.check_in(vid)


class TestRefuse:
    def test_refuse_needs_a_reason(self, world, ledger):
        vid = book_today(world, world.mum, world.child)
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.refuse(vid, world.child, "  ")
        assert caught.value.field == "reason"

    def test_refuse_someone_not_in_the_party(self, world, ledger):
        vid = book_today(world, world.mum)
        with ledger.nothing_written(), pytest.raises(InvalidInput):
            world.desk.visits.refuse(vid, world.gran, "not on the booking")

    def test_refuse_the_same_person_twice(self, world, ledger):
        vid = book_today(world, world.mum, world.gran)
        world.desk.visits.refuse(vid, world.gran, "no ID")
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.refuse(vid, world.gran, "no ID")
        assert "Margaret McDonald" in caught.value.message

    def test_refuse_after_check_in(self, world):
        vid = book_today(world, world.mum, world.gran)
        world.desk.visits.check_in(vid)
        world.desk.visits.refuse(vid, world.gran, "found with a phone at the search")
        assert outcomes(world, vid)[world.gran] == "refused"
        assert status(world, vid) == VisitStatus.CHECKED_IN

    def test_refuse_on_a_finished_visit(self, world, ledger):
        vid = book_today(world, world.mum)
        world.desk.visits.check_in(vid)
        world.desk.visits.check_out(vid)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.refuse(vid, world.mum, "too late")

    @pytest.mark.parametrize("days_later", [0, 2])  # the day before the visit, and the day after it
    def test_refuse_only_on_the_visits_own_day(self, world, ledger, days_later):
        vid = visit_id(
            world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran])
        )
        world.clock.moment += timedelta(days=days_later)
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.refuse(vid, world.gran, "no ID")
        assert "not today" in caught.value.message and "Monday 23 November" in caught.value.message
        assert outcomes(world, vid)[world.gran] == "expected"

    def test_refusing_the_only_adult_of_a_walk_in_before_check_in_is_allowed(self, world, ledger):
        vid = visit_id(world, world.desk.visits.walk_in(world.session_today, world.prisoner, [world.mum, world.child]))
        world.desk.visits.refuse(vid, world.mum, "under the influence")
        assert outcomes(world, vid) == {world.mum: "refused", world.child: "expected"}
        assert status(world, vid) == VisitStatus.ARRIVED
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.check_in(vid)
        assert "no_adult" in {r.code for r in caught.value.results}

    @pytest.mark.parametrize("into_the_hall", [False, True])
    def test_refusing_the_only_adult_once_in_would_leave_the_child_alone(self, world, ledger, into_the_hall):
        vid = book_today(world, world.mum, world.child)
        world.desk.visits.check_in(vid)
        if into_the_hall:
            world.desk.visits.enter_hall(vid)
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.refuse(vid, world.mum, "aggressive to staff")
        assert "Siobhán MacDonald" in caught.value.message and "only adult" in caught.value.message
        assert outcomes(world, vid) == {world.mum: "checked_in", world.child: "checked_in"}
        assert status(world, vid) == (VisitStatus.IN_HALL if into_the_hall else VisitStatus.CHECKED_IN)

    def test_refusing_one_of_two_adults_once_in_leaves_the_other_with_the_child(self, world):
        vid = book_today(world, world.mum, world.gran, world.child)
        world.desk.visits.check_in(vid)
        world.desk.visits.enter_hall(vid)
        world.desk.visits.refuse(vid, world.mum, "aggressive to staff")
        assert outcomes(world, vid) == {world.mum: "refused", world.gran: "checked_in", world.child: "checked_in"}
        assert status(world, vid) == VisitStatus.IN_HALL
        with pytest.raises(NotAllowed):
            world.desk.visits.refuse(vid, world.gran, "aggressive to staff")  # now she is the only adult

    def test_an_adult_who_did_not_come_does_not_count(self, world, ledger):
        vid = book_today(world, world.mum, world.gran, world.child)
        world.desk.visits.check_in(vid, present=[world.gran, world.child])
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.refuse(vid, world.gran, "found with a phone at the search")

    def test_refusing_the_child_first_then_the_adult_refuses_everyone(self, world):
        vid = book_today(world, world.mum, world.child)
        world.desk.visits.check_in(vid)
        world.desk.visits.refuse(vid, world.child, "found with a phone at the search")
        world.desk.visits.refuse(vid, world.mum, "found with a phone at the search")
        assert set(outcomes(world, vid).values()) == {PersonOutcome.REFUSED}
        assert status(world, vid) == VisitStatus.REFUSED

    def test_who_counts_as_an_adult_is_the_establishments_adult_age(self, world, ledger):
        vid = book_today(world, world.mum, world.teen, world.child)
        world.desk.visits.check_in(vid)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.refuse(vid, world.mum, "aggressive to staff")  # Kyle is 17; adults are 18 here
        execute(world, "UPDATE establishment SET adult_age = 16 WHERE code = 'BAR'")
        world.desk.visits.refuse(vid, world.mum, "aggressive to staff")
        assert outcomes(world, vid) == {world.mum: "refused", world.teen: "checked_in", world.child: "checked_in"}


class TestHallAndCheckOut:
    def test_into_the_hall_and_out(self, world, ledger):
        vid = book_today(world, world.mum)
        world.desk.visits.check_in(vid)
        ledger.mark()
        world.desk.visits.enter_hall(vid)
        (hall,) = [e for e in events(world, vid) if e[2] == "in_hall"]
        ledger.expect(
            audit=[(ACTOR, "enter_hall", "visit", vid)],
            outbox=[("check_in_event", hall[0], "insert"), ("visit", vid, "update")],
        )
        assert status(world, vid) == VisitStatus.IN_HALL
        world.desk.visits.check_out(vid)
        (out,) = [e for e in events(world, vid) if e[2] == "checked_out"]
        ledger.expect(
            audit=[(ACTOR, "check_out", "visit", vid)],
            outbox=[("check_in_event", out[0], "insert"), ("visit", vid, "update")],
        )
        assert status(world, vid) == VisitStatus.COMPLETED

    def test_check_out_straight_from_checked_in(self, world):
        vid = book_today(world, world.mum)
        world.desk.visits.check_in(vid)
        world.desk.visits.check_out(vid)
        assert status(world, vid) == VisitStatus.COMPLETED

    def test_cannot_check_out_before_check_in(self, world, ledger):
        vid = book_today(world, world.mum)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.check_out(vid)

    def test_cannot_check_out_twice(self, world, ledger):
        vid = book_today(world, world.mum)
        world.desk.visits.check_in(vid)
        world.desk.visits.check_out(vid)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.check_out(vid)

    def test_cannot_go_into_the_hall_unchecked(self, world, ledger):
        vid = book_today(world, world.mum)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.enter_hall(vid)


class TestNoShow:
    def test_no_show_once_the_cut_off_has_passed(self, world, ledger):
        vid = book_today(world, world.mum, world.child)
        at(world, 13, 46)
        ledger.mark()
        world.desk.visits.no_show(vid)
        mum, child = party(world, vid)
        (ev,) = events(world, vid)
        ledger.expect(
            audit=[(ACTOR, "no_show", "visit", vid)],
            outbox=[
                ("visit_person", mum[0], "update"),
                ("visit_person", child[0], "update"),
                ("check_in_event", ev[0], "insert"),
                ("visit", vid, "update"),
            ],
        )
        assert ev[1:3] == (None, "no_show")
        assert status(world, vid) == VisitStatus.NO_SHOW
        assert set(outcomes(world, vid).values()) == {PersonOutcome.NO_SHOW}

    @pytest.mark.parametrize("hour, minute", [(9, 0), (13, 0), (13, 44), (13, 45)])
    def test_not_while_the_family_can_still_arrive(self, world, ledger, hour, minute):
        vid = book_today(world, world.mum)
        at(world, hour, minute)
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.no_show(vid)
        assert "not a no-show yet" in caught.value.message
        assert "13:45" in caught.value.message and "Sunday 22 November" in caught.value.message
        assert status(world, vid) == VisitStatus.BOOKED

    def test_the_cut_off_is_the_establishments_own(self, world, ledger):
        execute(world, "UPDATE establishment SET cutoff_minutes = 30 WHERE code = 'BAR'")
        vid = book_today(world, world.mum)
        at(world, 13, 30)
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.no_show(vid)
        assert "13:30" in caught.value.message
        at(world, 13, 31)
        world.desk.visits.no_show(vid)
        assert status(world, vid) == VisitStatus.NO_SHOW

    def test_a_walk_in_waiting_at_the_desk_is_not_a_no_show_before_the_cut_off(self, world, ledger):
        vid = visit_id(world, world.desk.visits.walk_in(world.session_today, world.prisoner, [world.mum]))
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.no_show(vid)

    def test_not_before_its_day(self, world, ledger):
        vid = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        at(world, 23, 59)
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.no_show(vid)
        assert "09:45" in caught.value.message and "Monday 23 November" in caught.value.message

    def test_a_past_visit_can_be_marked_the_next_day(self, world):
        vid = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        world.clock.moment += timedelta(days=2)
        world.desk.visits.no_show(vid)
        assert status(world, vid) == VisitStatus.NO_SHOW

    def test_refused_person_stays_refused(self, world):
        vid = book_today(world, world.mum, world.gran)
        world.desk.visits.refuse(vid, world.gran, "no ID")
        at(world, 13, 46)
        world.desk.visits.no_show(vid)
        assert outcomes(world, vid) == {world.mum: "no_show", world.gran: "refused"}

    def test_checked_in_visit_is_not_a_no_show(self, world, ledger):
        vid = book_today(world, world.mum)
        world.desk.visits.check_in(vid)
        at(world, 13, 46)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.no_show(vid)

    def test_a_no_show_is_neither_expected_nor_holding_a_place(self, world):
        vid = book_today(world, world.mum)
        at(world, 13, 46)
        world.desk.visits.no_show(vid)
        summary = next(s for s in world.desk.visits.today() if s.id == world.session_today)
        assert summary.expected == 0 and summary.booked == 0
