"""Hall door mode, driven by scanner keystrokes: VALID lets the family in, anything else is NOT VALID."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import settle
from tests.ui.printing_helpers import token_of
from tests.unit.staff_helpers import PINS, add_staff
from visitorcentre.core.kinds import VisitStatus
from visitorcentre.ui.passes import hall_door


def printed_pass(world) -> tuple[str, str]:
    """A family checked in, with their pass printed: (visit id, the text on its QR code)."""
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    visit_id = world.desk.visits.visit_for_scan(reference)
    world.desk.visits.check_in(visit_id)
    world.desk.passes.issue_pass(visit_id)
    return visit_id, token_of(world, visit_id)


def scan(qtbot, window, door, text: str) -> None:
    """Type ``text`` and Enter into the door view, as a scanner in keyboard mode does."""
    problems = []
    window.tasks.problem.connect(problems.append)
    qtbot.keyClicks(door.scan_input, text)
    qtbot.keyClick(door.scan_input, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert QApplication.activeModalWidget() is None and problems == []  # never an error dialog or message


@pytest.fixture
def door(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F11)
    opened = window.hall_door
    assert opened is not None and opened.isVisible() and opened.isFullScreen()
    assert opened.kind == hall_door.IDLE and "Scan the next pass" in opened.texts()
    return opened


def test_a_valid_pass_lets_the_family_in_and_a_second_scan_says_already_in_the_hall(qtbot, window, world, door):
    visit_id, token = printed_pass(world)
    scan(qtbot, window, door, token)
    assert door.kind == hall_door.VALID
    assert door.word.text() == "VALID"
    assert "John MacDonald (S100001)" in door.texts()
    assert "Siobhán MacDonald" in door.texts() and "Zoë MacDonald" in door.texts()
    assert world.desk.visits.visit(visit_id).status == VisitStatus.IN_HALL
    assert door.icon.accessibleName() == "OK"  # a word and an icon, never colour alone

    scan(qtbot, window, door, token)
    assert door.kind == hall_door.ALREADY
    assert door.word.text() == "ALREADY IN THE HALL"
    assert "Since 13:00: this pass was scanned before." in door.texts()


@pytest.mark.parametrize(
    "garbage",
    [
        "kjh2k3j4h5 asdf",
        "https://example.com/visit?ref=ABC123",
        "WIFI:T:WPA;S:VisitorsWiFi;P:secret;;",
        "9780141036144",
        "VC1",
        "%%%%ÄÖÜ¿¡",
        "x" * 5000,
    ],
)
def test_anything_scanned_that_is_not_a_pass_is_not_valid(qtbot, window, door, garbage):
    scan(qtbot, window, door, garbage)
    assert door.kind == hall_door.NOT_VALID
    assert door.word.text() == "NOT VALID"
    assert "visitor centre desk" in door.texts()


def test_a_truncated_or_altered_pass_is_not_valid(qtbot, window, world, door):
    visit_id, token = printed_pass(world)
    scan(qtbot, window, door, token[: len(token) // 2])
    assert door.kind == hall_door.NOT_VALID
    altered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    scan(qtbot, window, door, altered)
    assert door.kind == hall_door.NOT_VALID
    assert world.desk.visits.visit(visit_id).status == VisitStatus.CHECKED_IN


def test_a_voided_pass_is_not_valid_in_plain_words(qtbot, window, world, door):
    visit_id, token = printed_pass(world)
    world.desk.passes.void_pass(visit_id, "Printed for the wrong visit")
    scan(qtbot, window, door, token)
    assert door.kind == hall_door.NOT_VALID
    assert "cancelled (voided) at the desk" in door.texts()
    assert world.desk.visits.visit(visit_id).status == VisitStatus.CHECKED_IN


def test_a_desk_failure_still_gives_a_calm_not_valid(qtbot, window, world, door, monkeypatch):
    def broken(text):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(world.desk.passes, "door_scan", broken)
    scan(qtbot, window, door, "anything at all")
    assert door.kind == hall_door.NOT_VALID
    assert "could not be checked just now" in door.texts()


def test_a_scanner_burst_reaches_the_door(qtbot, window, world, door):
    visit_id, token = printed_pass(world)
    window.scanner.enabled = True
    window.scanner.install()
    try:
        qtbot.keyClicks(door.scan_input, token)  # as fast as a scanner: the listener takes it as a scan
        qtbot.keyClick(door.scan_input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: door.kind == hall_door.VALID)
    finally:
        window.scanner.uninstall()
    assert door.scan_input.text() == ""
    assert world.desk.visits.visit(visit_id).status == VisitStatus.IN_HALL
    assert window.visit_panel.detail is None  # the scan was for the door, not the desk's search


def test_the_result_clears_to_scan_the_next_pass(qtbot, window, door):
    scan(qtbot, window, door, "not a pass")
    door.show_idle()  # what the 30-second timer does
    assert door.kind == hall_door.IDLE and "Scan the next pass" in door.texts()


def test_leaving_door_mode_needs_a_staff_pin(qtbot, window, world, door):
    add_staff(world)
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Return):
        qtbot.keyClick(QApplication.focusWidget() or door, key)
        settle(qtbot, window)
        assert door.isVisible()
    dialog = door.pin_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Escape)  # going back: door mode carries on
    assert door.isVisible() and door.pin_dialog is None
    door.close()  # Alt+F4 asks for the PIN too
    assert door.isVisible()
    dialog = door.pin_dialog
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Mo Manager")
    qtbot.keyClicks(dialog.pin, PINS["Mo Manager"])
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not door.isVisible())
    assert window.desk.ctx.actor.name == "Mo Manager"


def test_two_identical_results_in_a_row_are_told_apart(qtbot, window, door):
    scan(qtbot, window, door, "not a pass")
    first = (door.texts(), door.stamp.text(), door.word.accessibleName())
    assert "Scan 1 at" in door.stamp.text() and "same result" not in door.stamp.text()
    door._mark_fresh(False)  # what the timer does a moment later
    scan(qtbot, window, door, "not a pass")
    second = (door.texts(), door.stamp.text(), door.word.accessibleName())
    assert door.kind == hall_door.NOT_VALID and door.word.text() == "NOT VALID"
    assert second != first  # the screen changed, and a screen reader hears a new name
    assert "Scan 2 at" in door.stamp.text() and "the same result as the scan before" in door.stamp.text()
    assert door.panel.property("fresh") is True  # the frame flashes white (no animation)
    door.show_idle()
    scan(qtbot, window, door, "still not a pass")
    assert "Scan 3 at" in door.stamp.text()
