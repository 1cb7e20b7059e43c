"""The manager's audit log: filters, sorting, the chain's state, CSV export; desk workers are turned away."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from PySide6.QtCore import QDate, Qt

from tests.ui.helpers import settle
from tests.unit.staff_helpers import add_staff
from visitorcentre.core.staff import Actor
from visitorcentre.ui.staff import audit_viewer
from visitorcentre.ui.staff.audit_log_model import AuditLogModel


def open_viewer(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    viewer = window.staff_tools.audit_viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.loads > 0 and hasattr(viewer, "chain_report") and not window.tasks.busy)
    return viewer


def some_history(world) -> None:
    """Bookings and a cancellation by the manager, then a child approval two days later by another."""
    for who in (world.mum, world.gran):
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [who])
    world.desk.visits.cancel(world.desk.visits.visit_for_scan(reference), "family ill")


def test_filters_narrow_the_entries(qtbot, window, world):
    some_history(world)
    add_staff(world)  # three staff_added entries by Ann Admin
    viewer = open_viewer(qtbot, window)
    assert viewer.model.rowCount() == 6 and "6 entries" in viewer.count.text()
    assert viewer.chain_report.ok and "intact" in viewer.chain.text() and viewer.chain.text().startswith("OK")
    # Newest first, and a header click sorts.
    first = viewer.proxy.index(0, AuditLogModel.COL_SEQ).data()
    assert first == "6"
    viewer.view.sortByColumn(AuditLogModel.COL_SEQ, Qt.SortOrder.AscendingOrder)
    assert viewer.proxy.index(0, AuditLogModel.COL_SEQ).data() == "1"
    loads = viewer.loads
    viewer.staff.setCurrentIndex(viewer.staff.findData("Ann Admin"))
    qtbot.waitUntil(lambda: viewer.loads > loads and not window.tasks.busy)
    assert viewer.model.rowCount() == 3
    assert {viewer.model.index(r, AuditLogModel.COL_STAFF).data() for r in range(3)} == {"Ann Admin"}
    loads = viewer.loads
    viewer.staff.setCurrentIndex(0)
    viewer.action.setCurrentIndex(viewer.action.findData("cancel_visit"))
    qtbot.waitUntil(lambda: viewer.loads > loads and not window.tasks.busy)
    assert viewer.model.rowCount() == 1
    assert viewer.model.index(0, AuditLogModel.COL_ACTION).data() == "cancel visit"
    loads = viewer.loads
    viewer.action.setCurrentIndex(0)
    qtbot.keyClicks(viewer.text, "staff")
    qtbot.waitUntil(lambda: viewer.loads > loads and viewer.model.rowCount() == 3 and not window.tasks.busy)
    viewer.text.clear()
    tomorrow = world.clock.today() + timedelta(days=1)
    viewer.start.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    qtbot.waitUntil(lambda: bool(viewer.range_message.text()) and not window.tasks.busy)
    assert "before the start" in viewer.range_message.text()
    viewer.close()


def test_csv_export_writes_what_the_filters_show(qtbot, window, world, tmp_path, monkeypatch):
    some_history(world)
    viewer = open_viewer(qtbot, window)
    target = tmp_path / "audit"
    monkeypatch.setattr(
        audit_viewer.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kwargs: (str(target), "CSV files (*.csv)")),
    )
    qtbot.mouseClick(viewer.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "audit.csv"
    qtbot.waitUntil(lambda: written.exists() and not window.tasks.busy)
    lines = written.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("seq,at,staff,action") and len(lines) == 4
    assert "Saved 3 entries" in viewer.message.text()
    viewer.close()


def test_a_broken_chain_shows_in_words(qtbot, window, world):
    some_history(world)
    with sqlite3.connect(world.desk.ctx.db_path) as connection:
        connection.execute("DELETE FROM audit_event WHERE seq = 2")
    viewer = open_viewer(qtbot, window)
    assert not viewer.chain_report.ok
    assert viewer.chain.text().startswith("Stop: The audit log has been tampered with at entry 3")
    viewer.close()


def test_a_desk_worker_cannot_open_it(qtbot, window, world):
    world.desk.ctx.actor = Actor("Dee Desk", "desk")
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.staff_tools.audit_viewer is None
    assert "for managers" in window.notice.text_label.text()
    # And if a screen were opened anyway, the service refuses to read the log.
    viewer = audit_viewer.AuditViewer(world.desk, window.tasks, window)
    qtbot.addWidget(viewer)
    settle(qtbot, window)
    assert viewer.model.rowCount() == 0 and "Only a manager can read the audit log" in viewer.message.text()
    assert not viewer.export_button.isEnabled()
