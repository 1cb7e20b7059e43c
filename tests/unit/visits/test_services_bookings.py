"""Booking visits, walk-ins, cancelling, and a manager's approval for a child: what the desk does and gets wrong.

Every success writes exactly its audit event and outbox ops; every failure writes nothing at all.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.unit.ledger import Audit, execute, party, visit_id
from visitorcentre.core.errors import ChecksFailed, InvalidInput, NotAllowed, NotFound, SessionFull
from visitorcentre.core.kinds import ListStatus, PersonOutcome, RelationshipKind, VisitSource, VisitStatus
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.services.visits import bookings

ACTOR = "Test Worker"


def approved_adult(world, first: str, last: str, prisoner: str | None = None) -> str:
    """Another adult on the prisoner's approved list (registered at the desk)."""
    return world.desk.visits.register_visitor(
        VisitorDetails(first, last, date(1980, 3, 3)),
        prisoner or world.prisoner,
        RelationshipKind.FRIEND,
        ListStatus.APPROVED,
    )


def fill_today(world) -> list[str]:
    """Book both places of today's 14:00 session."""
    return [
        visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [who]))
        for who in (world.mum, world.gran)
    ]


def places(world, session_id: str):
    day = world.clock.today() + timedelta(days=1) if session_id == world.session_tomorrow else world.clock.today()
    return next(s for s in world.desk.visits.today(day) if s.id == session_id)


# --- booking --------------------------------------------------------------------------------------


class TestBookVisit:
    def test_booking_writes_the_visit_its_party_audit_and_outbox(self, world, ledger):
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.child])
        vid = visit_id(world, reference)
        mum_row, child_row = party(world, vid)
        ledger.expect(
            audit=[(ACTOR, "book_visit", "visit", vid)],
            outbox=[
                ("visit", vid, "insert"),  # the visit before the rows that point at it
                ("visit_person", mum_row[0], "insert"),
                ("visit_person", child_row[0], "insert"),
            ],
        )
        detail = world.desk.visits.visit(vid)
        assert detail.status == VisitStatus.BOOKED and detail.source == VisitSource.PHONE
        assert [p.visitor_id for p in detail.party] == [world.mum, world.child]  # lead first
        assert all(p.outcome == PersonOutcome.EXPECTED for p in detail.party)
        assert detail.overbooked_reason == ""

    def test_audit_event_says_who_what_and_for_whom(self, world, ledger):
        reference = world.desk.visits.book_visit(
            world.session_tomorrow, world.prisoner, [world.mum], source=VisitSource.DESK, notes="  needs the ramp  "
        )
        (event,) = ledger.audit_rows()
        assert event["establishment"] == "BAR"
        assert reference in event["summary"] and "Siobhán MacDonald" in event["summary"]
        assert "John MacDonald" in event["summary"]
        assert "overbooked" not in event["detail"]
        assert world.desk.visits.visit(visit_id(world, reference)).notes == "needs the ramp"

    def test_reference_is_short_and_unambiguous(self, world):
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        assert len(reference) == 6 and not set(reference) & set("ILOU")

    def test_prisoner_can_be_given_by_prison_number(self, world):
        reference = world.desk.visits.book_visit(world.session_tomorrow, "s100001", [world.mum])
        assert world.desk.visits.visit(visit_id(world, reference)).prisoner_id == world.prisoner

    def test_banned_person_is_refused_with_the_reason(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.banned])
        assert "Craig Wilson" in caught.value.message
        banned = [r for r in caught.value.results if r.code == "banned"]
        assert banned and banned[0].visitor_id == world.banned and banned[0].next_step

    def test_pending_person_is_refused(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.pending])
        assert "list_pending" in [r.code for r in caught.value.results]
        assert "Agnieszka" in caught.value.message

    def test_released_prisoner(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.released, [world.mum])
        assert "prisoner_released" in [r.code for r in caught.value.results]
        assert "Peter Grant" in caught.value.message

    def test_prisoner_held_elsewhere_cannot_be_booked_here(self, world, ledger):
        execute(world, "UPDATE prisoner SET establishment = 'GRE' WHERE id = ?", (world.prisoner,))
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        assert "prisoner_moved" in [r.code for r in caught.value.results]

    def test_child_alone_is_refused(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.teen, world.child])
        assert {"no_adult", "lead_under_18"} <= {r.code for r in caught.value.results}

    def test_teen_cannot_lead_but_may_come_with_an_adult(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(ChecksFailed):
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.teen, world.mum])
        assert world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.teen])

    def test_child_of_a_no_contact_prisoner_needs_approval(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(ChecksFailed) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.restricted, [world.mum, world.child])
        (stop,) = [r for r in caught.value.results if r.stops]
        assert stop.code == "child_restricted" and stop.visitor_id == world.child
        assert "Zoë" in stop.message

    def test_session_full(self, world, ledger):
        fill_today(world)
        extra = approved_adult(world, "Ann", "Boyle")
        with ledger.nothing_written(), pytest.raises(SessionFull) as caught:
            world.desk.visits.book_visit(world.session_today, world.prisoner, [extra])
        assert caught.value.field == "session"
        assert "full" in caught.value.message and "2 of 2" in caught.value.message
        assert "manager" in caught.value.message

    def test_manager_can_overbook_with_a_reason_recorded_in_the_audit(self, world, ledger):
        fill_today(world)
        extra = approved_adult(world, "Ann", "Boyle")
        ledger.mark()
        reference = world.desk.visits.book_visit(
            world.session_today, world.prisoner, [extra], overbook_reason="  Compassionate: travelled from Shetland "
        )
        vid = visit_id(world, reference)
        (row,) = party(world, vid)
        (event,) = ledger.audit_rows()
        ledger.expect(
            audit=[(ACTOR, "book_visit", "visit", vid)],
            outbox=[("visit", vid, "insert"), ("visit_person", row[0], "insert")],
        )
        assert event["detail"]["overbooked"] == {
            "places": 2,
            "taken": 2,
            "reason": "Compassionate: travelled from Shetland",
        }
        assert "overbooked by Test Worker" in event["summary"]
        assert world.desk.visits.visit(vid).overbooked_reason == "Compassionate: travelled from Shetland"
        summary = places(world, world.session_today)
        assert summary.booked == 3 and summary.places_left == 0

    def test_overbook_reason_is_ignored_while_there_is_room(self, world, ledger):
        reference = world.desk.visits.book_visit(
            world.session_today, world.prisoner, [world.mum], overbook_reason="just in case"
        )
        (event,) = ledger.audit_rows()
        assert "overbooked" not in event["detail"]
        assert world.desk.visits.visit(visit_id(world, reference)).overbooked_reason == ""

    def test_desk_worker_cannot_overbook(self, world, ledger, desk_worker):
        fill_today(world)
        extra = approved_adult(world, "Ann", "Boyle")
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            desk_worker.visits.book_visit(world.session_today, world.prisoner, [extra], overbook_reason="she is upset")
        assert "manager" in caught.value.message
        with ledger.nothing_written(), pytest.raises(SessionFull):
            desk_worker.visits.book_visit(world.session_today, world.prisoner, [extra])

    def test_desk_worker_can_book_a_free_place(self, world, ledger, desk_worker):
        reference = desk_worker.visits.book_visit(world.session_today, world.prisoner, [world.mum])
        vid = visit_id(world, reference)
        assert ledger.audit() == [Audit("Desk Worker", "book_visit", "visit", vid)]

    def test_session_already_finished(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.book_visit(world.session_past, world.prisoner, [world.mum])
        assert "already finished" in caught.value.message

    def test_todays_session_once_it_has_ended(self, world, ledger):
        world.clock.moment = datetime.combine(world.clock.today(), datetime.min.time()).replace(hour=16)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])

    def test_todays_session_while_it_is_on_can_still_be_booked(self, world):
        world.clock.moment = world.clock.moment.replace(hour=15, minute=30)
        assert world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])

    def test_same_visitor_twice_in_one_session(self, world, ledger):
        first = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.restricted, [world.mum])
        assert "Siobhán MacDonald" in caught.value.message and first in caught.value.message

    def test_same_visitor_may_come_again_after_a_cancellation(self, world):
        first = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        world.desk.visits.cancel(visit_id(world, first), "wrong day")
        assert world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])

    def test_same_visitor_twice_in_the_party(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.child, world.mum])
        assert caught.value.field == "party"

    def test_empty_party(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [])
        assert caught.value.field == "party"

    @pytest.mark.parametrize("what", ["session", "prisoner", "visitor"])
    def test_unknown_records(self, world, ledger, what):
        args = {"session": world.session_tomorrow, "prisoner": world.prisoner, "visitor": world.mum}
        args[what] = "no-such-id"
        with ledger.nothing_written(), pytest.raises(NotFound) as caught:
            world.desk.visits.book_visit(args["session"], args["prisoner"], [args["visitor"]])
        assert caught.value.field == what


# --- walk-ins -------------------------------------------------------------------------------------


class TestWalkIn:
    def test_walk_in_today_is_arrived(self, world, ledger):
        reference = world.desk.visits.walk_in(world.session_today, world.prisoner, [world.mum, world.child])
        vid = visit_id(world, reference)
        rows = party(world, vid)
        ledger.expect(
            audit=[(ACTOR, "walk_in", "visit", vid)],
            outbox=[("visit", vid, "insert")] + [("visit_person", r[0], "insert") for r in rows],
        )
        detail = world.desk.visits.visit(vid)
        assert detail.status == VisitStatus.ARRIVED and detail.source == VisitSource.WALK_IN
        assert places(world, world.session_today).booked == 1

    @pytest.mark.parametrize("session", ["session_tomorrow", "session_past"])
    def test_walk_in_only_today(self, world, ledger, session):
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            world.desk.visits.walk_in(getattr(world, session), world.prisoner, [world.mum])
        assert "today" in caught.value.message

    def test_walk_in_still_runs_the_checks(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(ChecksFailed):
            world.desk.visits.walk_in(world.session_today, world.prisoner, [world.banned])

    def test_walk_in_into_a_full_session(self, world, ledger):
        fill_today(world)
        extra = approved_adult(world, "Ann", "Boyle")
        with ledger.nothing_written(), pytest.raises(SessionFull):
            world.desk.visits.walk_in(world.session_today, world.prisoner, [extra])

    def test_walked_in_family_can_be_checked_in(self, world):
        vid = visit_id(world, world.desk.visits.walk_in(world.session_today, world.prisoner, [world.mum]))
        world.desk.visits.check_in(vid)
        assert world.desk.visits.visit(vid).status == VisitStatus.CHECKED_IN


# --- cancelling -----------------------------------------------------------------------------------


class TestCancel:
    def test_cancel_needs_a_reason(self, world, ledger):
        vid = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        for reason in ("", "   "):
            with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
                world.desk.visits.cancel(vid, reason)
            assert caught.value.field == "reason"

    def test_cancel_frees_the_place(self, world, ledger):
        first, _ = fill_today(world)
        extra = approved_adult(world, "Ann", "Boyle")
        ledger.mark()
        world.desk.visits.cancel(first, "  family phoned: car broke down ")
        (row,) = party(world, first)
        ledger.expect(
            audit=[(ACTOR, "cancel_visit", "visit", first)],
            outbox=[("visit_person", row[0], "update"), ("visit", first, "update")],
        )
        detail = world.desk.visits.visit(first)
        assert detail.status == VisitStatus.CANCELLED
        assert [p.outcome for p in detail.party] == [PersonOutcome.CANCELLED]
        assert places(world, world.session_today).places_left == 1
        assert world.desk.visits.book_visit(world.session_today, world.prisoner, [extra])

    def test_cancel_by_reference_as_typed(self, world):
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        world.desk.visits.cancel(reference.lower(), "rebooked")
        assert world.desk.visits.visit(visit_id(world, reference)).status == VisitStatus.CANCELLED

    def test_cannot_cancel_a_visit_that_has_started(self, world, ledger):
        vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
        world.desk.visits.check_in(vid)
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.cancel(vid, "changed mind")

    def test_cannot_cancel_twice(self, world, ledger):
        vid = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        world.desk.visits.cancel(vid, "rebooked")
        with ledger.nothing_written(), pytest.raises(NotAllowed):
            world.desk.visits.cancel(vid, "rebooked again")

    def test_unknown_visit(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(NotFound):
            world.desk.visits.cancel("ZZZZZZ", "no idea")


# --- a manager's approval for a child -------------------------------------------------------------


class TestChildApproval:
    def test_manager_approval_lets_the_child_be_booked(self, world, ledger):
        approval = world.desk.visits.approve_child_visit(world.restricted, world.child, "Social work assessment 14/11")
        ledger.expect(
            audit=[(ACTOR, "approve_child_visit", "child_approval", approval)],
            outbox=[("child_approval", approval, "insert")],
        )
        vid = visit_id(
            world, world.desk.visits.book_visit(world.session_tomorrow, world.restricted, [world.mum, world.child])
        )
        child = next(p for p in world.desk.visits.visit(vid).party if p.visitor_id == world.child)
        (result,) = child.results
        assert result.code == "child_approved" and "Test Worker" in result.message

    def test_desk_worker_cannot_approve(self, world, ledger, desk_worker):
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            desk_worker.visits.approve_child_visit(world.restricted, world.child, "looks fine")
        assert "manager" in caught.value.message

    def test_approval_needs_a_note(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.approve_child_visit(world.restricted, world.child, "  ")
        assert caught.value.field == "note"

    def test_approval_cannot_end_in_the_past(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            bookings.approve_child_visit(
                world.desk.ctx.unit_of_work(),
                world.restricted,
                world.child,
                "assessed",
                valid_until=world.clock.today() - timedelta(days=1),
            )
        assert caught.value.field == "valid_until"

    def test_approval_that_ends_before_the_visit_does_not_cover_it(self, world, ledger):
        bookings.approve_child_visit(
            world.desk.ctx.unit_of_work(), world.restricted, world.child, "assessed", valid_until=world.clock.today()
        )
        with ledger.nothing_written(), pytest.raises(ChecksFailed):
            world.desk.visits.book_visit(world.session_tomorrow, world.restricted, [world.mum, world.child])


def test_the_ledger_notices_a_write(world, ledger):
    """The 'nothing written' checks above would catch a half-written action."""
    with pytest.raises(AssertionError, match="visit"):
        with ledger.nothing_written():
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
