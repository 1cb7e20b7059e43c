"""A fire alarm: the worker presses Ctrl+Shift+E, reads who is in the building, and prints the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import settle
from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.ui.check_in.evacuation import EvacuationDialog


def _visit(world, reference: str) -> str:
    return world.desk.visits.visit_for_scan(reference)


def _shown(dialog: EvacuationDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_key_shows_everyone_inside_and_prints_the_list(qtbot, window, world, printing):
    desk = world.desk
    inside = _visit(world, desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child]))
    desk.visits.book_visit(world.session_today, world.prisoner, [world.gran])  # booked, not arrived
    desk.visits.check_in(inside)
    settle(qtbot, window)

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.evacuation.dialog is not None and window.evacuation.dialog.inside is not None)
    dialog = window.evacuation.dialog
    assert dialog.isVisible()
    reference = desk.visits.visit(inside).reference
    assert _shown(dialog) == [
        [reference, "Siobhán MacDonald", "Adult", "13:00", "Checked in"],
        [reference, "Zoë MacDonald", "Child (9)", "13:00", "Checked in"],
    ]
    assert "2 people in the building: 1 adult and 1 child, in 1 family" in dialog.count.text()
    dialog.grab().save("/tmp/ef/evacuation-dialog.png")

    # The family goes into the hall: the list read again says so.
    desk.visits.enter_hall(inside)
    dialog.reload()
    qtbot.waitUntil(lambda: _shown(dialog)[0][4] == "In the hall")

    # Enter prints it (Print is the default button) on the A4 printer.
    printing.printer = "Desk card printer"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(printing.printed), timeout=30_000)
    assert printing.previews[0].printout.title == "Everyone in the building"
    qtbot.waitUntil(lambda: "printed on" in dialog.notice.text(), timeout=30_000)
    assert page_count(printing.printed[0][1]) == 1

    # Escape closes it; the menu opens it again.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.evacuation.dialog is None)
    window.menu.actions["evacuation"].trigger()
    qtbot.waitUntil(lambda: window.evacuation.dialog is not None)
    QApplication.processEvents()
    window.evacuation.dialog.close()
