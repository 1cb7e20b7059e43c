"""Staff: argon2 PINs, adding and disabling staff, signing in, five wrong PINs and the five-minute lock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.staff_helpers import PINS, add_staff, desk_as
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.core.sign_in import SignInLocked, WrongPin
from visitorcentre.desk import open_desk
from visitorcentre.services.staff.members import hash_pin, pin_matches


class TestPinHashes:
    def test_round_trip(self):
        stored = hash_pin("2580")
        assert stored.startswith("$argon2id$") and "2580" not in stored
        assert pin_matches(stored, "2580")
        assert not pin_matches(stored, "2581")

    def test_salted_so_the_same_pin_hashes_differently(self):
        assert hash_pin("2580") != hash_pin("2580")

    def test_the_desk_uses_argon2s_default_costs_and_reads_any_costs_back(self):
        import argon2

        from visitorcentre.services.staff import members as staff

        assert staff.PasswordHasher is argon2.PasswordHasher
        stored = argon2.PasswordHasher().hash("2580")  # what a desk stores
        assert pin_matches(stored, "2580") and not pin_matches(stored, "0852")

    def test_a_damaged_hash_is_a_mismatch_not_a_crash(self):
        assert not pin_matches("not-a-hash", "2580")
        assert not pin_matches(hash_pin("2580")[:-6], "2580")


class TestAddingStaff:
    def test_an_admin_adds_staff_and_it_is_audited_without_the_pin(self, world, ledger):
        add_staff(world)
        people = {p.name: p for p in world.desk.staff.list_staff()}
        assert {n: p.role for n, p in people.items()} == {
            "Ann Admin": "admin",
            "Mo Manager": "manager",
            "Dee Desk": "desk",
        }
        rows = ledger.audit_rows()
        assert [r["action"] for r in rows] == ["staff_added"] * 3
        assert {r["actor"] for r in rows} == {"Ann Admin"}
        assert ledger.outbox() == []  # staff rows are not synced: the hash stays on the desk
        assert not any("4321" in str(r) for r in rows)
        with world.desk.ctx.engine.connect() as connection:
            stored = connection.exec_driver_sql("SELECT pin_hash FROM staff WHERE name = 'Dee Desk'").scalar()
        assert stored.startswith("$argon2id$") and pin_matches(stored, "1111")

    @pytest.mark.parametrize(
        "name, role, pin, again, field",
        [
            ("", "desk", "1234", "1234", "name"),
            ("   ", "desk", "1234", "1234", "name"),
            ("x" * 81, "desk", "1234", "1234", "name"),
            ("Kim", "boss", "1234", "1234", "role"),
            ("Kim", "desk", "123", "123", "pin"),
            ("Kim", "desk", " 1234", " 1234", "pin"),
            ("Kim", "desk", "1234", "1243", "pin_again"),
        ],
    )
    def test_mistakes_name_their_field_and_write_nothing(self, world, ledger, name, role, pin, again, field):
        admin = desk_as(world, "Ann Admin", "admin")
        try:
            with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
                admin.staff.add_staff(name, role, pin, again)
        finally:
            admin.close()
        assert caught.value.field == field

    def test_a_name_taken_in_any_spelling_of_spaces_or_capitals(self, world):
        add_staff(world)
        admin = desk_as(world, "Ann Admin", "admin")
        try:
            with pytest.raises(InvalidInput, match="already a staff member called “Dee Desk”") as caught:
                admin.staff.add_staff("  dee   DESK ", "desk", "9999", "9999")
        finally:
            admin.close()
        assert caught.value.field == "name"

    def test_the_first_admin_needs_no_role_but_only_once(self, world):
        nobody = desk_as(world, "Nobody signed in", "")
        try:
            actor = nobody.staff.add_first_admin("Ann Admin", "4321", "4321")
            assert (actor.name, actor.role) == ("Ann Admin", "admin")
            assert nobody.ctx.actor == actor
            with pytest.raises(NotAllowed, match="already has staff"):
                nobody.staff.add_first_admin("Sneaky Pete", "1234", "1234")
        finally:
            nobody.close()
        assert [p.name for p in world.desk.staff.list_staff()] == ["Ann Admin"]

    def test_disabled_staff_cannot_sign_in(self, world):
        add_staff(world)
        admin = desk_as(world, "Ann Admin", "admin")
        try:
            admin.staff.disable_staff("dee desk")
            with pytest.raises(NotAllowed, match="can no longer sign in"):
                world.desk.staff.sign_in("Dee Desk", "1111")
            with pytest.raises(NotAllowed, match="already disabled"):
                admin.staff.disable_staff("Dee Desk")
            with pytest.raises(NotFound):
                admin.staff.disable_staff("Nobody Atall")
        finally:
            admin.close()
        assert {p.name: p.disabled for p in world.desk.staff.list_staff()}["Dee Desk"] is True

    def test_the_only_admin_cannot_be_disabled(self, world):
        add_staff(world)
        admin = desk_as(world, "Ann Admin", "admin")
        try:
            with pytest.raises(NotAllowed, match="only admin"):
                admin.staff.disable_staff("Ann Admin")
        finally:
            admin.close()


class TestSigningIn:
    def test_sign_in_makes_the_desk_act_for_them(self, world, ledger):
        add_staff(world)
        ledger.mark()
        actor = world.desk.staff.sign_in(" mo manager ", "2222")
        assert (actor.name, actor.role) == ("Mo Manager", "manager")
        assert world.desk.ctx.actor == actor
        world.desk.visits.cancel(
            world.desk.visits.visit_for_scan(
                world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
            ),
            "family ill",
        )
        assert {a.actor for a in ledger.audit()} == {"Mo Manager"}
        assert "signed_in" in {a.action for a in ledger.audit()}

    def test_unknown_name(self, world):
        add_staff(world)
        with pytest.raises(NotFound) as caught:
            world.desk.staff.sign_in("Mystery Person", "1111")
        assert caught.value.field == "name"

    def test_five_wrong_pins_lock_the_name_for_five_minutes_and_it_is_recorded(self, world, ledger):
        add_staff(world)
        ledger.mark()
        for tries_left in (4, 3, 2, 1):
            with pytest.raises(WrongPin) as caught:
                world.desk.staff.sign_in("Dee Desk", "0000")
            assert caught.value.tries_left == tries_left and caught.value.field == "pin"
            assert f"{tries_left} more tr" in caught.value.message
        with pytest.raises(SignInLocked) as caught:
            world.desk.staff.sign_in("Dee Desk", "0000")
        assert caught.value.until == world.clock.now() + timedelta(minutes=5)
        assert "until 13:05" in caught.value.message
        with pytest.raises(SignInLocked):  # even the right PIN, while locked
            world.desk.staff.sign_in("Dee Desk", "1111")
        actions = [a.action for a in ledger.audit()]
        assert actions.count("sign_in_failed") == 4 and actions.count("sign_in_locked") == 1
        assert "sign_in_refused" in actions
        # Another member of staff can still sign in meanwhile.
        assert world.desk.staff.sign_in("Mo Manager", "2222").name == "Mo Manager"

    def test_the_lock_survives_a_restart_and_lifts_after_five_minutes(self, world):
        add_staff(world)
        for _ in range(5):
            with pytest.raises((WrongPin, SignInLocked)):
                world.desk.staff.sign_in("Dee Desk", "0000")
        world.desk.close()
        clock = FixedClock(world.clock.now() + timedelta(minutes=4, seconds=59))
        reopened = open_desk(world.desk.ctx.db_path, clock=clock, establishment="BAR")
        try:
            with pytest.raises(SignInLocked):
                reopened.staff.sign_in("Dee Desk", "1111")
            clock.moment += timedelta(seconds=1)
            assert reopened.staff.sign_in("Dee Desk", "1111").role == "desk"
            # The count starts again after the lock.
            with pytest.raises(WrongPin) as caught:
                reopened.staff.sign_in("Dee Desk", "0000")
            assert caught.value.tries_left == 4
        finally:
            reopened.close()

    def test_a_right_pin_resets_the_count(self, world):
        add_staff(world)
        for _ in range(3):
            with pytest.raises(WrongPin):
                world.desk.staff.sign_in("Dee Desk", "0000")
        world.desk.staff.sign_in("Dee Desk", "1111")
        with pytest.raises(WrongPin) as caught:
            world.desk.staff.sign_in("Dee Desk", "0000")
        assert caught.value.tries_left == 4

    def test_sign_out_leaves_nobody_who_can_do_a_managers_work(self, world):
        add_staff(world)
        world.desk.staff.sign_in("Mo Manager", "2222")
        world.desk.staff.sign_out()
        with pytest.raises(NotAllowed, match="Only a manager"):
            world.desk.visits.approve_child_visit(world.restricted, world.child, "assessment seen")

    def test_change_own_pin(self, world):
        add_staff(world)
        world.desk.staff.sign_in("Dee Desk", "1111")
        with pytest.raises(InvalidInput) as caught:
            world.desk.staff.change_pin("9999", "5555", "5555")
        assert caught.value.field == "current_pin"
        with pytest.raises(InvalidInput) as caught:
            world.desk.staff.change_pin("1111", "5555", "5556")
        assert caught.value.field == "pin_again"
        world.desk.staff.change_pin("1111", "5555", "5555")
        with pytest.raises(WrongPin):
            world.desk.staff.sign_in("Dee Desk", "1111")
        assert world.desk.staff.sign_in("Dee Desk", "5555").name == "Dee Desk"
        assert PINS["Dee Desk"] == "1111"
