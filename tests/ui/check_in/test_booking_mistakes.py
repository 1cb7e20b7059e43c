"""Booking as a tired worker does it, by keys: bans before ticking, an adult lead, messages that go, Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.check_in.test_booking_dialog import choose_session, fill_today, open_dialog, tasks  # noqa: F401
from visitorcentre.ui.check_in.booking_model import LinkedVisitorModel


def find_prisoner(qtbot, dialog, text: str) -> None:
    qtbot.keyClicks(dialog.prisoner_box, text)
    qtbot.waitUntil(lambda: dialog.chosen_prisoner() is not None and dialog.party.rowCount() > 0)


def row_of(dialog, visitor_id: str) -> int:
    return next(r for r in range(dialog.party.rowCount()) if dialog.party.row_at(r).visitor_id == visitor_id)


def tick(qtbot, dialog, visitor_id: str) -> None:
    """Move to the person's tick box and press Space, as a worker does (again to untick)."""
    view = dialog.party_view
    view.setFocus()
    view.setCurrentIndex(dialog.party.index(row_of(dialog, visitor_id), LinkedVisitorModel.COL_VISITING))
    qtbot.keyClick(view, Qt.Key.Key_Space)


def choose_lead(qtbot, dialog, typed: str) -> None:
    dialog.lead_choice.setFocus()
    qtbot.keyClicks(dialog.lead_choice, typed)


def beside(dialog, visitor_id: str) -> str:
    return dialog.party.index(row_of(dialog, visitor_id), LinkedVisitorModel.COL_LIST).data()


def press_book(qtbot, dialog) -> None:
    dialog.book_button.setFocus()
    qtbot.keyClick(dialog.book_button, Qt.Key.Key_Return)


def test_bans_and_approval_show_beside_each_person_before_anyone_is_ticked(qtbot, world, tasks):  # noqa: F811
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
    find_prisoner(qtbot, dialog, "S100001")
    assert dialog.party.party() == []
    assert beside(dialog, world.banned).startswith("Banned until")
    assert "passing contraband" in beside(dialog, world.banned)
    assert beside(dialog, world.pending) == "Not approved yet"
    assert beside(dialog, world.mum) == "Approved"
    banned_row = row_of(dialog, world.banned)
    icon = dialog.party.index(banned_row, LinkedVisitorModel.COL_LIST).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()


def test_the_lead_visitor_is_chosen_and_is_never_a_child(qtbot, world, tasks):  # noqa: F811
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=True)
    find_prisoner(qtbot, dialog, "S100001")
    tick(qtbot, dialog, world.child)  # the child ticked first
    assert not dialog.lead_choice.isEnabled() and dialog.lead_choice.lead() is None
    choose_session(dialog, world.session_today)
    press_book(qtbot, dialog)
    assert "An adult (18 or over) must come" in dialog.party_message.text()
    tick(qtbot, dialog, world.mum)
    tick(qtbot, dialog, world.gran)
    choices = [dialog.lead_choice.itemText(i) for i in range(dialog.lead_choice.count())]
    assert choices == ["Siobhán MacDonald", "Margaret McDonald"]  # the adults, never Zoë
    assert dialog.lead_choice.lead() is None  # two adults: the worker chooses
    press_book(qtbot, dialog)
    assert "Choose the lead visitor" in dialog.party_message.text()
    assert dialog.reference is None
    choose_lead(qtbot, dialog, "Marg")
    assert dialog.lead_choice.lead() == world.gran
    assert dialog.party_message.text() == ""  # the cause is fixed: the message has gone
    assert dialog.party.index(row_of(dialog, world.gran), LinkedVisitorModel.COL_VISITING).data() == "Lead"
    assert dialog.party.index(row_of(dialog, world.child), LinkedVisitorModel.COL_VISITING).data() == "Yes"
    press_book(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.reference is not None)
    visit = world.desk.visits.visit(world.desk.visits.visit_for_scan(dialog.reference))
    assert [p.visitor_id for p in visit.party] == [world.gran, world.child, world.mum]


def test_a_refusal_message_goes_when_its_cause_is_fixed(qtbot, world, tasks):  # noqa: F811
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
    find_prisoner(qtbot, dialog, "S100001")
    tick(qtbot, dialog, world.mum)
    tick(qtbot, dialog, world.banned)
    choose_lead(qtbot, dialog, "Siob")
    choose_session(dialog, world.session_tomorrow)
    press_book(qtbot, dialog)
    qtbot.waitUntil(lambda: "cannot be booked" in dialog.party_message.text())
    assert dialog.party_results.isVisible()
    tick(qtbot, dialog, world.banned)  # Craig stays at home
    assert dialog.party_message.text() == "" and not dialog.party_results.isVisible()


def test_the_overbooking_reason_message_goes_once_a_reason_is_typed(qtbot, world, tasks):  # noqa: F811
    fill_today(world)
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=True)
    find_prisoner(qtbot, dialog, "S100001")
    tick(qtbot, dialog, world.mum)
    choose_session(dialog, world.session_today)
    press_book(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.overbook.isHidden())
    press_book(qtbot, dialog)
    assert "Say why the session may be overbooked" in dialog.session_message.text()
    qtbot.keyClicks(dialog.overbook_reason, "Compassionate")
    assert "Say why" not in dialog.session_message.text()


@pytest.mark.parametrize("presses", [1, 2, 3])
def test_enter_after_a_refusal_never_closes_the_dialog_or_loses_the_typing(qtbot, world, tasks, presses):  # noqa: F811
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
    closed = []
    dialog.finished.connect(closed.append)
    find_prisoner(qtbot, dialog, "S100001")
    tick(qtbot, dialog, world.mum)
    tick(qtbot, dialog, world.banned)
    choose_lead(qtbot, dialog, "Siob")
    choose_session(dialog, world.session_tomorrow)
    qtbot.keyClicks(dialog.notes, "Needs a high chair")
    press_book(qtbot, dialog)
    qtbot.waitUntil(lambda: "cannot be booked" in dialog.party_message.text() and not tasks.busy)
    for _press in range(presses):  # the tired worker presses Enter again, wherever the keyboard now is
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not tasks.busy)
    assert dialog.isVisible() and closed == []
    assert dialog.notes.text() == "Needs a high chair"
    assert set(dialog.party.party()) == {world.mum, world.banned}
