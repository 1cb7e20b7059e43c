"""What the centre enters, on the desk's screens: a blocked session on the Today board and not in the
booking dialog, and a prisoner's restrictions in the visit panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.centre_data import block, restrict
from tests.ui.check_in.test_booking_dialog import open_dialog
from tests.ui.check_in.test_check_in_desk import open_by_search
from tests.ui.helpers import settle
from visitorcentre.core.changes import EVERYTHING
from visitorcentre.ui.check_in.sessions_model import BLOCKED_ROLE, TodayModel
from visitorcentre.ui.runtime.tasks import DeskTasks


def synced(qtbot, window) -> None:
    """Records came down from the centre: the screens read again, as after a sync."""
    window.tasks.changed.emit(EVERYTHING)
    settle(qtbot, window)


def test_a_session_the_prison_blocked_says_so_on_the_today_board(qtbot, window, world, tmp_path):
    block(world, world.session_today, "Staff training")
    synced(qtbot, window)
    model = window.board.model
    qtbot.waitUntil(lambda: model.index(0, TodayModel.COL_SESSION).data(BLOCKED_ROLE) != "")
    session = model.index(0, TodayModel.COL_SESSION)
    assert session.data().endswith("\nBlocked — Staff training")
    assert "Blocked — Staff training" in session.data(Qt.ItemDataRole.AccessibleTextRole)
    assert session.data(Qt.ItemDataRole.DecorationRole) is not None  # the stop sign, not colour alone
    assert model.index(0, TodayModel.COL_PLACES).data() == "Blocked"
    assert window.grab().save(str(tmp_path / "board-blocked.png"))  # (to look at by hand)


def test_the_booking_dialog_does_not_offer_a_blocked_session(qtbot, world):
    block(world, world.session_today, "Staff training")
    tasks = DeskTasks()
    try:
        dialog = open_dialog(qtbot, world.desk, tasks, walk_in=False)
        offered = [dialog.sessions.session_at(row).id for row in range(dialog.sessions.rowCount())]
        assert world.session_tomorrow in offered and world.session_today not in offered
    finally:
        tasks.shutdown()


def test_the_visit_panel_shows_the_centres_restrictions_and_what_they_mean(qtbot, window, world, tmp_path):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    restrict(world, "no_child_contact", ends=30)
    restrict(world, "other", starts=-1, detail="No physical contact: a table between")
    synced(qtbot, window)
    open_by_search(qtbot, window, "macdonald", "Siobhán MacDonald")

    panel = window.visit_panel
    lines = panel.restrictions_label.text().split("\n")
    assert len(lines) == 2 and all(line.startswith("Warning: ") for line in lines)
    assert "No child contact without a manager's approval until" in lines[0]
    assert "Public protection review" in lines[0]
    assert lines[1].startswith("Warning: No physical contact: a table between")
    texts = panel.results.texts()
    assert any("Zoë MacDonald is 9" in text for text in texts)
    assert any("No physical contact: a table between" in text for text in texts)
    assert window.grab().save(str(tmp_path / "visit-panel.png"))  # (to look at by hand)


def test_checking_in_a_visit_on_a_session_the_prison_cancelled_says_why_and_what_to_do(qtbot, window, world):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    block(world, world.session_today, "A lockdown in the prison")
    synced(qtbot, window)
    open_by_search(qtbot, window, "siobhan", "Siobhán MacDonald")
    panel = window.visit_panel
    assert any("The prison has cancelled this session: A lockdown in the prison." in t for t in panel.results.texts())
    qtbot.mouseClick(panel.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "The prison has cancelled this session" in window.notice.text())
    assert "another session" in window.notice.text() and "Refuse the people" not in window.notice.text()
    assert world.desk.visits.visit(panel.detail.id).status == "booked"
