"""Roles are checked in the services: a desk worker is refused every manager action, a manager staff admin."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.staff_helpers import add_staff, desk_as
from visitorcentre.core.advice import AdviceRuleDraft
from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.kinds import ListStatus, RelationshipKind
from visitorcentre.core.roles import ADMIN, DESK, MANAGER, has_role, require_role
from visitorcentre.core.staff import NOBODY, Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.services.advice import rules as advice_service


def _draft() -> AdviceRuleDraft:
    return AdviceRuleDraft(
        category="dress",
        severity="must",
        text="No onesies in the visit room.",
        easy_read="No onesies.",
        pictogram="shirt",
    )


@pytest.fixture
def rule(world):
    advice_service.install_defaults(world.desk.ctx.unit_of_work(), "BAR", 20)
    return world.desk.advice.rules("BAR")


def _full_session(world) -> str:
    """Today's session full; returns another approved adult who could still come."""
    for who in (world.mum, world.gran):
        world.desk.visits.book_visit(world.session_today, world.prisoner, [who])
    return world.desk.visits.register_visitor(
        VisitorDetails("Rab", "Boyle", date(1979, 1, 1)), world.prisoner, RelationshipKind.FRIEND, ListStatus.APPROVED
    )


def _manager_actions(world, desk, rule, extra):
    """Every action the services keep for managers, as ``desk`` would attempt it."""
    feedback = world.desk.engagement.leave_feedback(4, "Nice staff")
    return {
        "add a visiting rule": lambda: desk.advice.add_rule(_draft()),
        "edit a visiting rule": lambda: desk.advice.edit_rule(rule[0].id, _draft(), rule[0].version),
        "retire a visiting rule": lambda: desk.advice.retire_rule(rule[1].id, "no longer needed"),
        "move a visiting rule": lambda: desk.advice.move_rule(rule[2].id, 0),
        "override capacity": lambda: desk.visits.book_visit(
            world.session_today, world.prisoner, [extra], overbook_reason="compassionate"
        ),
        "approve a child visit under a restriction": lambda: desk.visits.approve_child_visit(
            world.restricted, world.child, "assessment seen"
        ),
        "approve a visitor for the list": lambda: desk.visits.register_visitor(
            VisitorDetails("Ann", "Boyle", date(1980, 3, 3)),
            world.prisoner,
            RelationshipKind.FRIEND,
            ListStatus.APPROVED,
        ),
        "answer feedback": lambda: desk.engagement.respond_to_feedback(
            "Staff", "You liked the staff", "We told them", [feedback]
        ),
        "read the audit log": lambda: desk.staff.audit_entries(),
    }


class TestTheRoleCheck:
    def test_roles_rank_desk_manager_admin(self):
        assert has_role(ADMIN, MANAGER) and has_role(MANAGER, MANAGER) and has_role(ADMIN, ADMIN)
        assert not has_role(DESK, MANAGER) and not has_role(MANAGER, ADMIN) and not has_role("", DESK)
        assert not has_role("boss", DESK)

    def test_the_refusal_names_the_role_needed_and_who_asked(self):
        with pytest.raises(NotAllowed) as caught:
            require_role(Actor("Dee Desk", DESK), ADMIN, "enrol this desk")
        assert caught.value.field == "role"
        assert caught.value.message == "Only an admin can enrol this desk (Dee Desk is signed in as a desk worker)."
        with pytest.raises(NotAllowed, match="Only a manager can .* as an admin|Only a manager"):
            require_role(NOBODY, MANAGER, "read the audit log")
        require_role(Actor("Ann Admin", ADMIN), MANAGER, "read the audit log")  # no refusal


class TestServicesRefuse:
    def test_a_desk_worker_is_refused_each_manager_action_and_nothing_is_written(self, world, rule, ledger):
        extra = _full_session(world)
        worker = desk_as(world, "Dee Desk", DESK)
        try:
            actions = _manager_actions(world, worker, rule, extra)
            ledger.mark()
            for what, action in actions.items():
                with ledger.nothing_written(), pytest.raises(NotAllowed, match="manager") as caught:
                    action()
                assert "Only a manager" in caught.value.message, what
        finally:
            worker.close()

    def test_a_manager_may_do_each_of_them(self, world, rule):
        extra = _full_session(world)
        manager = desk_as(world, "Mo Manager", MANAGER)
        try:
            for action in _manager_actions(world, manager, rule, extra).values():
                action()
        finally:
            manager.close()

    def test_a_manager_is_refused_staff_admin_and_enrolment(self, world, ledger):
        add_staff(world)
        manager = desk_as(world, "Mo Manager", MANAGER)
        try:
            for action in (
                lambda: manager.staff.add_staff("Kim Bell", DESK, "1234", "1234"),
                lambda: manager.staff.disable_staff("Dee Desk"),
                lambda: manager.staff.require_admin("enrol this desk"),
            ):
                with ledger.nothing_written(), pytest.raises(NotAllowed, match="Only an admin"):
                    action()
        finally:
            manager.close()
        admin = desk_as(world, "Ann Admin", ADMIN)
        try:
            admin.staff.require_admin("enrol this desk")
            admin.staff.add_staff("Kim Bell", DESK, "1234", "1234")
        finally:
            admin.close()

    def test_the_audit_names_the_signed_in_staff_member(self, world, ledger):
        add_staff(world)
        world.desk.staff.sign_in("Dee Desk", "1111")
        ledger.mark()
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        assert reference and [(a.actor, a.action) for a in ledger.audit()] == [("Dee Desk", "book_visit")]
