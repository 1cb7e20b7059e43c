"""Support for families: needs chosen at booking shown at check-in, and the support directory printed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.ui.check_in.booking_dialog import BookingDialog


def test_support_needs_chosen_at_booking_show_in_the_visit_panel(qtbot, window, world):
    dialog = BookingDialog(world.desk, window.tasks, walk_in=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sessions.rowCount() > 0)
    qtbot.keyClicks(dialog.prisoner_box, "S100001")
    qtbot.waitUntil(lambda: dialog.party.rowCount() > 0)
    dialog.party.tick(world.mum)
    dialog.party.tick(world.child)
    dialog.session_view.selectRow(dialog.sessions.row_of(world.session_today))
    picker = dialog.support_needs
    for code in ("sensory_aids", "quiet_space"):
        box = picker.boxes[code]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
    qtbot.keyClicks(picker.other, "Wheelchair user")
    assert picker.needs() == ("sensory_aids", "quiet_space", "Wheelchair user")
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reference is not None)
    visit_id = world.desk.visits.visit_for_scan(dialog.reference)
    assert world.desk.visits.visit(visit_id).support_needs == ("sensory_aids", "quiet_space", "Wheelchair user")
    window.open_visit(visit_id)
    panel = window.visit_panel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.id == visit_id)
    assert panel.support_needs.isVisible()
    words = panel.support_needs.text.text()
    assert words.startswith("Support needed:")
    assert "Sensory aids" in words and "A quiet space" in words and "Wheelchair user" in words


def test_a_visit_without_needs_shows_no_support_sign(qtbot, window, world):
    visit_id = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    )
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    assert not window.visit_panel.support_needs.isVisible()
    assert window.visit_panel.support_button.isVisible()


def test_the_support_directory_opens_from_the_visit_panel_and_prints(qtbot, window, world, printing):
    visit_id = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    )
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    qtbot.mouseClick(window.visit_panel.support_button, Qt.MouseButton.LeftButton)
    directory = window.engagement.support_screen
    qtbot.waitUntil(lambda: directory is not None and bool(directory.services) and not window.tasks.busy)
    assert any(service.national for service in directory.services)
    assert any(service.category == "helpline" for service in directory.services)
    qtbot.mouseClick(directory.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(printing.printed) and not window.tasks.busy)
    assert page_count(printing.printed[0][1]) >= 1
