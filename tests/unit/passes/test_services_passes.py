"""Issuing, reprinting and voiding passes, and the hall door: each write is whole, audited and queued."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from tests.unit.ledger import visit_id
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.services.passes import visit_passes as passes
from visitorcentre.services.passes.visit_passes import ReprintNeedsReason

ACTOR = "Test Worker"


def checked_in(world, *who) -> str:
    vid = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, list(who or [world.mum])))
    world.desk.visits.check_in(vid)
    return vid


def token_of(world, vid: str) -> str:
    with world.desk.ctx.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT token FROM visit_pass WHERE visit_id = ? AND NOT voided", (vid,)
        ).scalar()


class TestIssue:
    def test_first_print_makes_the_key_and_the_pass(self, world, ledger):
        vid = checked_in(world, world.mum, world.child)
        ledger.mark()
        pdf = world.desk.passes.issue_pass(vid)
        assert pdf.startswith(b"%PDF")
        audit = ledger.audit()
        assert [a.action for a in audit] == ["create_pass_key", "issue_pass"]
        # A desk on its own makes its key, but the key never goes into the outbox: keys are the centre's.
        assert [op.entity for op in ledger.outbox()] == ["visit_pass"]
        status = world.desk.passes.pass_status(vid)
        assert status.times_printed == 1 and status.serial and not status.voided
        assert status.last_printed_at == world.clock.now()

    def test_the_second_pass_reuses_the_key(self, world, ledger):
        world.desk.passes.issue_pass(checked_in(world, world.mum))
        other = checked_in(world, world.gran)
        ledger.mark()
        world.desk.passes.issue_pass(other)
        assert [a.action for a in ledger.audit()] == ["issue_pass"]

    def test_reprint_needs_a_reason_and_writes_nothing_without_one(self, world, ledger):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        with ledger.nothing_written(), pytest.raises(ReprintNeedsReason) as refused:
            world.desk.passes.issue_pass(vid)
        assert refused.value.times_printed == 1 and "already been printed once" in str(refused.value)
        world.desk.passes.issue_pass(vid, reprint_reason="printer jammed")
        with pytest.raises(ReprintNeedsReason, match="printed 2 times"):
            world.desk.passes.issue_pass(vid, "receipt")

    def test_reprint_keeps_the_token_counts_and_records_the_reason(self, world, ledger):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        first = token_of(world, vid)
        ledger.mark()
        world.desk.passes.issue_pass(vid, "receipt", reprint_reason="  card got wet ")
        rows = ledger.audit_rows()
        assert [r["action"] for r in rows] == ["reprint_pass"]
        assert rows[0]["detail"]["reason"] == "card got wet" and rows[0]["detail"]["times_printed"] == 2
        assert rows[0]["actor"] == ACTOR
        assert token_of(world, vid) == first
        assert world.desk.passes.pass_status(vid).times_printed == 2

    def test_only_after_check_in_and_on_the_day(self, world, ledger):
        booked = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
        with ledger.nothing_written(), pytest.raises(NotAllowed, match="check the family in first"):
            world.desk.passes.issue_pass(booked)
        world.desk.visits.cancel(booked, "family rang")
        with pytest.raises(NotAllowed, match="cancelled"):
            world.desk.passes.issue_pass(booked)

    def test_unknown_visit_and_layout(self, world, ledger):
        vid = checked_in(world)
        with ledger.nothing_written():
            with pytest.raises(NotFound):
                world.desk.passes.issue_pass("NOSUCH")
            with pytest.raises(InvalidInput, match="layout"):
                world.desk.passes.issue_pass(vid, layout="a4")

    def test_a_failed_render_leaves_nothing_behind(self, world, ledger, monkeypatch):
        vid = checked_in(world)
        import visitorcentre.printing.passes as printing

        def broken(*args, **kwargs):
            raise RuntimeError("printer driver fell over")

        monkeypatch.setattr(printing, "pass_pdf", broken)
        with ledger.nothing_written(), pytest.raises(RuntimeError):
            world.desk.passes.issue_pass(vid)
        assert world.desk.passes.pass_status(vid).times_printed == 0

    def test_preview_records_nothing_and_is_not_a_pass(self, world, ledger):
        vid = checked_in(world)
        with ledger.nothing_written():
            pdf = world.desk.passes.preview_pass(vid, "receipt")
        assert pdf.startswith(b"%PDF")


class TestVoid:
    def test_void_needs_a_reason(self, world, ledger):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        with ledger.nothing_written(), pytest.raises(InvalidInput) as refused:
            world.desk.passes.void_pass(vid, "  ")
        assert refused.value.field == "reason"

    def test_void_is_audited_and_queued_and_the_door_refuses_it(self, world, ledger):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        token = token_of(world, vid)
        ledger.mark()
        world.desk.passes.void_pass(vid, "pass lost in the car park")
        rows = ledger.audit_rows()
        assert [r["action"] for r in rows] == ["void_pass"]
        assert rows[0]["detail"]["reason"] == "pass lost in the car park"
        assert [(op.entity, op.operation) for op in ledger.outbox()] == [("visit_pass", "update")]
        status = world.desk.passes.pass_status(vid)
        assert status.voided and status.voided_reason == "pass lost in the car park"
        assert world.desk.passes.verify_token(token).reason == "voided"
        door = world.desk.passes.door_scan(token)
        assert not door.valid and door.reason == "voided"

    def test_printing_after_a_void_issues_a_new_serial(self, world):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        old = world.desk.passes.pass_status(vid).serial
        old_token = token_of(world, vid)
        world.desk.passes.void_pass(vid, "lost")
        world.desk.passes.issue_pass(vid)  # a new pass, not a reprint: no reason needed
        status = world.desk.passes.pass_status(vid)
        assert status.serial != old and not status.voided and status.times_printed == 1
        assert world.desk.passes.verify_token(token_of(world, vid)).valid
        assert not world.desk.passes.verify_token(old_token).valid

    def test_nothing_to_void(self, world, ledger):
        vid = checked_in(world)
        with ledger.nothing_written(), pytest.raises(NotAllowed, match="no pass"):
            world.desk.passes.void_pass(vid, "why not")


class TestHallDoor:
    def test_valid_scan_marks_the_visit_in_the_hall_then_says_so(self, world, ledger):
        vid = checked_in(world, world.mum, world.child)
        world.desk.passes.issue_pass(vid)
        token = token_of(world, vid)
        ledger.mark()
        world.clock.moment = world.clock.moment.replace(hour=14, minute=2)
        first = world.desk.passes.door_scan(token)
        assert first.valid and first.reason == "ok"
        assert first.prisoner_name == "John MacDonald" and first.prisoner_number == "S100001"
        assert first.party == ("Siobhán MacDonald", "Zoë MacDonald (child, born 1 May 2017)")
        assert [a.action for a in ledger.audit()] == ["enter_hall"]
        again = world.desk.passes.door_scan(token)
        assert again.valid and again.reason == "already_in_hall"
        assert again.message == "Already in the hall since 14:02." and again.in_hall_since == time(14, 2)

    def test_not_yet_checked_in(self, world):
        ref = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
        passes.issue_pass(world.desk.ctx.unit_of_work(), ref, ahead=True)
        door = world.desk.passes.door_scan(token_of(world, visit_id(world, ref)))
        assert not door.valid and door.reason == "not_checked_in"

    def test_yesterdays_and_tomorrows_passes(self, world):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        token = token_of(world, vid)
        world.clock.moment += timedelta(days=1)
        assert world.desk.passes.door_scan(token).reason == "expired"
        world.clock.moment -= timedelta(days=2)
        assert world.desk.passes.door_scan(token).reason == "not_yet"

    def test_another_establishments_pass(self, world):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        world.desk.ctx.establishment = "GRE"
        door = world.desk.passes.door_scan(token_of(world, vid))
        assert not door.valid and door.reason == "other_establishment"

    @pytest.mark.parametrize(
        "text", ["", "garbage", "https://www.gov.scot/", "VC1ABC", "4006381333931", "\x1b[A", "x" * 100_000]
    )
    def test_anything_else_is_not_valid_and_changes_nothing(self, world, ledger, text):
        with ledger.nothing_written():
            door = world.desk.passes.door_scan(text)
        assert not door.valid and door.reason in ("not_ours", "altered") and door.message

    def test_a_truncated_real_token(self, world):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        door = world.desk.passes.door_scan(token_of(world, vid)[:100])
        assert not door.valid and door.reason == "altered"


class TestPrinterMemory:
    def test_remembered_per_layout(self, world):
        assert world.desk.settings.printer_for("a6") == ""
        world.desk.settings.remember_printer("a6", "Card printer")
        world.desk.settings.remember_printer("receipt", "EPSON TM-T20")
        assert (world.desk.settings.printer_for("a6"), world.desk.settings.printer_for("receipt")) == (
            "Card printer",
            "EPSON TM-T20",
        )
        with pytest.raises(InvalidInput):
            world.desk.settings.printer_for("a3")


def test_the_private_key_is_never_in_the_audit(world):
    world.desk.passes.issue_pass(checked_in(world))
    with world.desk.ctx.engine.connect() as connection:
        private = connection.exec_driver_sql("SELECT private_key FROM pass_key").scalar()
        audit = connection.exec_driver_sql("SELECT summary || detail FROM audit_event").scalars().all()
    assert private and not any(private in row for row in audit)


class TestReplacedKey:
    def test_a_copy_of_a_pass_whose_key_was_replaced_is_refused_and_a_new_pass_is_made_after_voiding(
        self, world, ledger
    ):
        vid = checked_in(world)
        world.desk.passes.issue_pass(vid)
        with world.desk.ctx.engine.begin() as connection:  # the key retired yesterday, as after a rotation
            connection.exec_driver_sql(
                "UPDATE pass_key SET retired_on = ?, active = 0",
                ((world.clock.today() - timedelta(days=1)).isoformat(),),
            )
        old = token_of(world, vid)
        assert world.desk.passes.verify_token(old).reason == "key_replaced"
        with ledger.nothing_written(), pytest.raises(NotAllowed, match="void it, then print a new pass"):
            world.desk.passes.issue_pass(vid, reprint_reason="printer jammed")
        world.desk.passes.void_pass(vid, "printed with a replaced key")
        world.desk.passes.issue_pass(vid)
        assert token_of(world, vid) != old and world.desk.passes.verify_token(token_of(world, vid)).valid
