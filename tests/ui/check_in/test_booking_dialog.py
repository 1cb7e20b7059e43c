"""Booking a visit and a walk-in through the dialog: prisoner, party, session with places left."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from visitorcentre.core.kinds import ListStatus, RelationshipKind, VisitSource, VisitStatus
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.desk import open_desk
from visitorcentre.ui.check_in.booking_dialog import BookingDialog
from visitorcentre.ui.check_in.booking_model import LinkedVisitorModel
from visitorcentre.ui.check_in.sessions_model import SessionPickerModel
from visitorcentre.ui.runtime.tasks import DeskTasks


@pytest.fixture
def tasks(qtbot):
    helper = DeskTasks()
    yield helper
    helper.shutdown()


def fill_today(world) -> None:
    """Take both places in today's session."""
    friend = world.desk.visits.register_visitor(
        VisitorDetails("Ann", "Friel", date(1980, 3, 3)), world.prisoner, RelationshipKind.FRIEND, ListStatus.APPROVED
    )
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran])
    world.desk.visits.book_visit(world.session_today, world.prisoner, [friend])


def open_dialog(qtbot, desk, tasks, walk_in: bool, **kwargs) -> BookingDialog:
    dialog = BookingDialog(desk, tasks, walk_in, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sessions.rowCount() > 0)
    return dialog


def choose_prisoner(qtbot, dialog: BookingDialog, text: str) -> None:
    qtbot.keyClicks(dialog.prisoner_box, text)
    qtbot.waitUntil(lambda: dialog.chosen_prisoner() is not None)
    qtbot.waitUntil(lambda: dialog.party.rowCount() > 0)


def tick(dialog: BookingDialog, *visitor_ids: str) -> None:
    for visitor_id in visitor_ids:
        dialog.party.tick(visitor_id)


def choose_session(dialog: BookingDialog, session_id: str) -> None:
    dialog.session_view.selectRow(dialog.sessions.row_of(session_id))


def test_book_a_walk_in_through_the_dialog(qtbot, world, tasks):
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=True)
    # Walk-ins: today's sessions only, each with the places left.
    assert [dialog.sessions.session_at(r).id for r in range(dialog.sessions.rowCount())] == [world.session_today]
    assert dialog.sessions.index(0, SessionPickerModel.COL_PLACES).data() == "2 places left"
    choose_prisoner(qtbot, dialog, "S100001")
    assert dialog.chosen_prisoner().name == "John MacDonald"
    tick(dialog, world.mum, world.child)
    lead_row = next(r for r in range(dialog.party.rowCount()) if dialog.party.row_at(r).visitor_id == world.mum)
    assert dialog.party.index(lead_row, LinkedVisitorModel.COL_VISITING).data() == "Lead"
    choose_session(dialog, world.session_today)
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reference is not None)
    assert dialog.result() == QDialog.DialogCode.Accepted
    visit = world.desk.visits.visit(world.desk.visits.visit_for_scan(dialog.reference))
    assert visit.status == VisitStatus.ARRIVED and visit.source == VisitSource.WALK_IN
    assert [p.visitor_id for p in visit.party] == [world.mum, world.child]


def test_list_status_shows_in_words(qtbot, world, tasks):
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
    choose_prisoner(qtbot, dialog, "MacDonald")
    words = {
        dialog.party.row_at(r).visitor_id: dialog.party.index(r, LinkedVisitorModel.COL_LIST).data()
        for r in range(dialog.party.rowCount())
    }
    assert words[world.mum] == "Approved"
    assert words[world.pending] == "Not approved yet"


def test_missing_choices_are_shown_next_to_their_part_of_the_form(qtbot, world, tasks):
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert "Choose the prisoner" in dialog.prisoner_message.text()
    choose_prisoner(qtbot, dialog, "John")
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert "Tick at least one person" in dialog.party_message.text()
    assert not dialog.prisoner_message.text()
    tick(dialog, world.mum)
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert "Choose a session" in dialog.session_message.text()


def test_a_visitor_who_may_not_visit_is_explained_in_the_party(qtbot, world, tasks):
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
    choose_prisoner(qtbot, dialog, "S100001")
    tick(dialog, world.mum, world.banned)
    dialog.lead_choice.setCurrentIndex(dialog.lead_choice.findData(world.mum))  # two adults: the worker says who leads
    choose_session(dialog, world.session_tomorrow)
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.party_message.text()))
    assert "cannot be booked" in dialog.party_message.text()
    assert any("Craig Wilson is banned" in text for text in dialog.party_results.texts())
    assert dialog.reference is None


def test_a_full_session_can_be_overbooked_by_a_manager_with_a_reason(qtbot, world, tasks):
    fill_today(world)
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=True)
    assert dialog.sessions.index(0, SessionPickerModel.COL_PLACES).data() == "Full (2 of 2)"
    choose_prisoner(qtbot, dialog, "S100001")
    tick(dialog, world.mum)
    choose_session(dialog, world.session_today)
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.overbook.isHidden())
    assert "is full" in dialog.session_message.text()
    qtbot.keyClicks(dialog.overbook_reason, "Compassionate: last visit before transfer")
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reference is not None)
    visit = world.desk.visits.visit(world.desk.visits.visit_for_scan(dialog.reference))
    assert visit.overbooked_reason == "Compassionate: last visit before transfer"


def test_a_desk_worker_is_told_to_ask_a_manager(qtbot, world, tasks):
    fill_today(world)
    desk = open_desk(world.desk.ctx.db_path, actor=Actor("Desk Worker", "desk"), clock=world.clock, establishment="BAR")
    try:
        dialog = open_dialog(qtbot, desk, tasks, walk_in=True)
        choose_prisoner(qtbot, dialog, "S100001")
        tick(dialog, world.mum)
        choose_session(dialog, world.session_today)
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(dialog.session_message.text()))
        assert "ask a manager" in dialog.session_message.text()
        assert dialog.overbook.isHidden()
        tasks.shutdown()
    finally:
        desk.close()


def test_walk_in_from_the_main_window_opens_the_new_visit(qtbot, window, world, monkeypatch):
    def fill_in_and_book(dialog):
        qtbot.waitUntil(lambda: dialog.sessions.rowCount() > 0)
        choose_prisoner(qtbot, dialog, "S100001")
        tick(dialog, world.mum, world.child)
        choose_session(dialog, world.session_today)
        dialog.book()
        qtbot.waitUntil(lambda: dialog.reference is not None)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BookingDialog, "exec", fill_in_and_book)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    detail = window.visit_panel.detail
    assert detail.status == VisitStatus.ARRIVED
    assert "Walk-in booked" in window.notice.text() and detail.reference in window.notice.text()
    assert window.board.model.session_at(0).booked == 1
    assert window.visit_panel.check_in_button.isEnabled()


def test_a_new_visitor_can_be_registered_and_joins_the_party(qtbot, world, tasks, monkeypatch):
    from visitorcentre.ui.check_in.visitor_form import VisitorForm

    def fill_in_and_save(form):
        form.first_name.setText("Rhona")
        form.last_name.setText("Baird")
        form.date_of_birth.setText("03/02/1988")
        form.save()
        qtbot.waitUntil(lambda: form.result() == QDialog.DialogCode.Accepted)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VisitorForm, "exec", fill_in_and_save)
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
    assert not dialog.new_visitor_button.isEnabled()
    choose_prisoner(qtbot, dialog, "S100001")
    tick(dialog, world.mum)
    qtbot.mouseClick(dialog.new_visitor_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.party.party()) == 2)
    newcomer = dialog.party.visitor(dialog.party.party()[1])
    assert newcomer.name == "Rhona Baird" and newcomer.list_status == ListStatus.PENDING
    assert dialog.party.party()[0] == world.mum  # still the lead


def test_opened_for_a_visitor_it_starts_with_their_prisoner_and_them(qtbot, world, tasks):
    dialog = open_dialog(qtbot, world.desk, tasks, walk_in=True, visitor_id=world.gran)
    qtbot.waitUntil(lambda: dialog.party.party() == [world.gran])
    assert dialog.chosen_prisoner().id == world.prisoner
