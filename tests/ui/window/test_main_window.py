"""The main window: three areas, status bar, shortcuts, and a calm face when something goes wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import settle
from visitorcentre.ui.check_in.sessions_model import (
    ARRIVED_ROLE,
    EXPECTED_ROLE,
    IN_HALL_ROLE,
    KIND_ROLE,
    ROOM_ROLE,
    TIME_ROLE,
    TodayModel,
)
from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.runtime.tasks import GENERIC_PROBLEM


def test_three_areas_side_by_side(window):
    assert [window.splitter.widget(i) for i in range(3)] == [window.board, window.search, window.visit_panel]


def test_the_today_board_shows_today_s_sessions(qtbot, window, world):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    window.board.refresh()
    settle(qtbot, window)
    model = window.board.model
    assert model.rowCount() == 1  # tomorrow's and yesterday's sessions are not on today's board
    index = model.index(0, TodayModel.COL_SESSION)
    assert (index.data(TIME_ROLE), index.data(KIND_ROLE), index.data(ROOM_ROLE)) == (
        "14:00–16:00",
        "Standard visit",
        "Visit Hall",
    )
    assert (index.data(EXPECTED_ROLE), index.data(ARRIVED_ROLE), index.data(IN_HALL_ROLE)) == (1, 0, 0)
    assert model.index(0, TodayModel.COL_PLACES).data() == "1 place left"
    assert model.index(0, TodayModel.COL_FAMILIES).data() == "Expected 1\nArrived 0\nIn hall 0"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Session", "Places", "Families"]
    assert window.board.timer.isActive()


def test_status_bar_shows_where_who_and_the_connection(qtbot, window):
    qtbot.waitUntil(lambda: window.status.establishment.text() == "HMP Barlinnie")
    assert window.status.staff.text() == "Staff: Test Worker (manager)"
    # The test desk is not enrolled (or has no sync at all): it says calmly that it works on its own.
    qtbot.waitUntil(lambda: window.sync.runner.capable is not None)
    assert window.sync.indicator.text() == "Works on its own — not connected to a central server"
    assert window.sync.indicator.parent() is window.status.connection


def test_shortcuts_reach_the_search_from_anywhere(qtbot, window):
    window.board.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search.box
    window.board.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is window.search.box


def test_f9_on_a_desk_without_a_central_server_says_so_calmly(qtbot, window):
    qtbot.waitUntil(lambda: window.sync.runner.capable is not None)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert (
        "works on its own" in window.notice.text() and "Everything is kept safely on this desk" in window.notice.text()
    )
    assert not window.sync.runner.running and not window.sync.runner.timer.isActive()


def test_controls_have_accessible_names(window):
    panel = window.visit_panel
    for widget in (
        window.search.box,
        window.search.view,
        window.board.view,
        panel.party_view,
        panel.check_in_button,
        panel.refuse_button,
        panel.check_out_button,
        panel.no_show_button,
        panel.cancel_button,
        window.book_button,
        window.walk_in_button,
        window.new_visitor_button,
    ):
        assert widget.accessibleName(), widget.objectName()


def test_buttons_are_big_enough_to_touch(qtbot, window):
    for button in (window.visit_panel.check_in_button, window.book_button):
        assert button.height() >= 44


def test_something_going_wrong_is_said_calmly(qtbot, world, answers, monkeypatch):
    def broken(day=None):
        raise OSError("disk I/O error")

    monkeypatch.setattr(world.desk.visits, "today", broken)
    application()
    main = build_main_window(world.desk)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: bool(main.notice.text()))
    assert GENERIC_PROBLEM in main.notice.text()
    assert "OSError" not in main.notice.text() and "Traceback" not in main.notice.text()
    settle(qtbot, main)
    main.close()


def test_double_clicking_a_result_opens_the_visit(qtbot, window, world):
    reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])
    search = window.search
    qtbot.keyClicks(search.box, "margaret")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    rect = search.view.visualRect(search.model.index(0, 0))
    qtbot.mouseClick(search.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(search.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    assert window.visit_panel.detail.reference == reference


def test_new_visitor_and_visitor_details_open_the_form(qtbot, window, world, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from visitorcentre.ui.check_in.visitor_form import VisitorForm

    opened = []

    def fill_in_and_save(form):
        opened.append(form.visitor_id)
        if form.visitor_id is None:
            form.first_name.setText("Rhona")
            form.last_name.setText("Baird")
            form.date_of_birth.setText("03/02/1988")
        else:
            qtbot.waitUntil(lambda: form.save_button.isEnabled())
            form.phone.setText("0141 555 0101")
        form.save()
        qtbot.waitUntil(lambda: form.result() == QDialog.DialogCode.Accepted)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VisitorForm, "exec", fill_in_and_save)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [None]
    assert "details are saved" in window.notice.text()
    qtbot.keyClicks(window.search.box, "rhona baird")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    visitor_id = window.search.model.hit_at(0).visitor_id
    assert opened == [None, visitor_id]
    assert world.desk.visits.visitor_record(visitor_id).details.phone == "0141 555 0101"
    settle(qtbot, window)
