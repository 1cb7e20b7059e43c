"""Feedback mode: a family (or a child, with the faces) leaves a rating and a comment; staff leave the mode."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import TODAY
from tests.ui.helpers import settle
from tests.unit.staff_helpers import PINS, add_staff


def open_mode(qtbot, window):
    mode = window.engagement.open_feedback_mode()
    qtbot.waitUntil(mode.isVisible)
    return mode


def tick(qtbot, box) -> None:
    """Click a check box on its box (a wide check box's middle is past its words)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))


def all_feedback(world):
    return world.desk.engagement.feedback(TODAY - timedelta(days=1), TODAY + timedelta(days=1))


def test_a_child_picks_a_face_and_sends_anonymously(qtbot, window, world):
    mode = open_mode(qtbot, window)
    tick(qtbot, mode.child)
    qtbot.mouseClick(mode.faces.faces[4], Qt.MouseButton.LeftButton)  # "Very happy"
    assert mode.faces.rating() == 5
    qtbot.keyClicks(mode.comment, "I liked the toys")
    qtbot.mouseClick(mode.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mode.pages.currentIndex() == 1)
    assert "Very happy" in mode.thanks_more.text()
    [left] = all_feedback(world)
    assert (left.rating, left.comment, left.by_child, left.anonymous, left.name) == (
        5,
        "I liked the toys",
        True,
        True,
        "",
    )
    qtbot.mouseClick(mode.done_button, Qt.MouseButton.LeftButton)  # ready for the next family, empty
    assert mode.pages.currentIndex() == 0 and mode.faces.rating() is None and not mode.comment.toPlainText()


def test_faces_can_be_chosen_by_keyboard(qtbot, window):
    mode = open_mode(qtbot, window)
    mode.faces.faces[0].setFocus()
    qtbot.keyClick(mode.faces.faces[0], Qt.Key.Key_2)
    assert mode.faces.rating() == 2


def test_giving_a_name_keeps_it(qtbot, window, world):
    mode = open_mode(qtbot, window)
    mode.faces.choose(2)
    qtbot.keyClicks(mode.comment, "The queue was long")
    tick(qtbot, mode.give_name)
    assert mode.name.isVisible()
    qtbot.mouseClick(mode.send_button, Qt.MouseButton.LeftButton)
    assert "write your name" in mode.name_message.text()  # next to the name, nothing sent yet
    assert all_feedback(world) == []
    qtbot.keyClicks(mode.name, "Mary Smith")
    qtbot.mouseClick(mode.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mode.pages.currentIndex() == 1)
    [left] = all_feedback(world)
    assert (left.rating, left.anonymous, left.name, left.by_child) == (2, False, "Mary Smith", False)


def test_a_face_is_needed_before_sending(qtbot, window, world):
    mode = open_mode(qtbot, window)
    qtbot.mouseClick(mode.send_button, Qt.MouseButton.LeftButton)
    assert "choose a face" in mode.rating_message.text()
    settle(qtbot, window)
    assert all_feedback(world) == []


def test_keys_a_child_can_press_never_leave_feedback_mode(qtbot, window, world):
    add_staff(world)
    visit_id = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    )
    window.open_visit(visit_id)  # the last family's visit is open on the desk underneath
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    mode = open_mode(qtbot, window)
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_Return):
        target = QApplication.focusWidget() or mode
        qtbot.keyClick(target, key)
        settle(qtbot, window)
        assert mode.isVisible()
    mode.close()  # Alt+F4 asks for the PIN too
    assert mode.isVisible() and mode.pin_dialog is not None and mode.pin_dialog.isVisible()


def test_staff_leave_feedback_mode_with_their_pin(qtbot, window, world):
    add_staff(world)
    mode = open_mode(qtbot, window)
    qtbot.keyClick(mode.faces.faces[2], Qt.Key.Key_Escape)
    dialog = mode.pin_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Staff" in dialog.windowTitle()
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Dee Desk")
    qtbot.keyClicks(dialog.pin, "9999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "PIN is not right" in dialog.pin_message.text())
    assert mode.isVisible() and dialog.isVisible() and dialog.pin.text() == ""
    qtbot.keyClicks(dialog.pin, PINS["Dee Desk"])
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not mode.isVisible())
    assert window.desk.ctx.actor.name == "Dee Desk"  # the desk carries on for whoever typed the PIN
    assert "Dee Desk" in window.status.staff.text()


def test_feedback_mode_starts_for_the_open_visit(qtbot, window, world):
    visit_id = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    )
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    mode = window.engagement.feedback_mode
    qtbot.waitUntil(lambda: mode is not None and mode.isVisible())
    assert mode.visit_id == visit_id


def test_a_refusal_is_said_in_the_familys_language_at_a_desk_in_english(qtbot, window, world):
    mode = open_mode(qtbot, window)
    mode.open(None, "pl")  # (as for a family whose record says Polish: tests/ui/check_in/test_family_language.py)
    mode.faces.choose(4)
    tick(qtbot, mode.give_name)
    mode.name.setText("Ż" * 81)  # (pasted: longer than a name may be)
    qtbot.mouseClick(mode.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(mode.name_message.text()))
    assert "Imię może mieć najwyżej 80 znaków." in mode.name_message.text()
    assert window.menu.bar.actions()[0].text() == "&Desk" and all_feedback(world) == []
