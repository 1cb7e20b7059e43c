"""The Today board and the visit's actions on the kiosk screens: 1280×720, 1280×1024, 1366×768, and at large print.

At 1280 px wide the board has about 350 px: three columns (session, places, families) squeezed
into it cut the session's times short ("10:0…") and, at large print, scrolled the header
sideways. The board now folds to one column where three do not fit, and the times are never cut
short. With a visit open, its actions take at most two rows, so the party stays in view.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from tests.ui.window.conftest import KIOSK, LAPTOP, size_name
from visitorcentre.ui.check_in.sessions_model import TIME_ROLE, TodayModel, places_words

TALL = QSize(1280, 1024)

BOARD_CASES = [
    pytest.param((KIOSK, "en", 100), id="1280x720"),
    pytest.param((TALL, "en", 100), id="1280x1024"),
    pytest.param((LAPTOP, "en", 100), id="1366x768"),
    pytest.param((KIOSK, "en", 150), id="1280x720-large-print-150"),
    pytest.param((TALL, "en", 125), id="1280x1024-text-125"),
    pytest.param((KIOSK, "pl", 100), id="1280x720-polish"),
]

BAR_CASES = [
    pytest.param((KIOSK, "en", 100), id="1280x720"),
    pytest.param((TALL, "en", 100), id="1280x1024"),
    pytest.param((LAPTOP, "en", 100), id="1366x768"),
    pytest.param((KIOSK, "pl", 100), id="1280x720-polish"),
    pytest.param((KIOSK, "gd", 100), id="1280x720-gaelic"),
]


def open_a_visit(qtbot, desk) -> None:
    """Book a family of two into today's session and open their visit, as the desk does after a search."""
    world, window = desk.world, desk.window
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    visit = world.desk.visits.visit_for_scan(reference)
    window.open_visit(visit)
    panel = window.visit_panel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.id == visit, timeout=30_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30_000)
    qtbot.wait(50)  # the board and the bar lay themselves out again


def time_room(view: QTableView, row: int) -> tuple[int, int]:
    """(the width of the session's times, the width the Session cell has for its text) on ``row``."""
    index = view.model().index(row, TodayModel.COL_SESSION)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    text = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    return option.fontMetrics.horizontalAdvance(index.data(TIME_ROLE)), text.width()


def board_misfits(desk, when: str) -> list[str]:
    view = desk.window.board.view
    model = desk.window.board.model
    screen = size_name(desk.screen)
    wrong = []
    for row in range(model.rowCount()):
        needed, room = time_room(view, row)
        if needed > room:
            wrong.append(f"{screen} {when}: row {row}'s times need {needed} px, the Session column gives {room}")
        shown = " ".join(
            str(model.index(row, column).data())
            for column in range(model.columnCount())
            if not view.isColumnHidden(column)
        )
        session = model.session_at(row)
        for fact in (places_words(session), str(session.expected), str(session.in_hall)):
            if fact not in shown:
                wrong.append(f"{screen} {when}: row {row} does not show {fact!r}")
    header = view.horizontalHeader()
    if header.length() > view.viewport().width() or view.horizontalScrollBar().maximum() > 0:
        wrong.append(f"{screen} {when}: the header is {header.length()} px in {view.viewport().width()} px")
    return wrong


@pytest.mark.parametrize("desk_on", BOARD_CASES, indirect=True)
def test_the_board_shows_each_session_time_in_full_and_never_scrolls_sideways(qtbot, desk_on):
    wrong = board_misfits(desk_on, "at first")
    open_a_visit(qtbot, desk_on)
    wrong += board_misfits(desk_on, "with a visit open")
    assert wrong == [], "\n".join(wrong)


def test_the_board_keeps_three_columns_where_they_fit(qtbot, window):
    """At 1600×900 (the window fixture) the three columns fit: the board shows them, capacity bars and all."""
    view = window.board.view
    assert not window.board.model.compact
    assert not any(view.isColumnHidden(column) for column in range(3))
    needed, room = time_room(view, 0)
    assert needed <= room
    assert view.horizontalHeader().length() <= view.viewport().width()


def test_a_narrow_board_folds_and_widens_again(qtbot, window):
    """Dragging the board narrower folds it to one column; never narrower than its times; wider, three again."""
    board, splitter = window.board, window.splitter
    sizes = splitter.sizes()
    splitter.setSizes([200, sizes[1] + sizes[0] - 200, sizes[2]])
    qtbot.waitUntil(lambda: board.model.compact)
    assert [board.view.isColumnHidden(column) for column in range(3)] == [False, True, True]
    assert "Expected" in board.model.index(0, TodayModel.COL_SESSION).data()
    needed, room = time_room(board.view, 0)
    assert needed <= room
    splitter.setSizes(sizes)
    qtbot.waitUntil(lambda: not board.model.compact)
    assert not board.view.isColumnHidden(TodayModel.COL_FAMILIES)


@pytest.mark.parametrize("desk_on", BAR_CASES, indirect=True)
def test_the_visit_actions_take_at_most_two_rows(qtbot, desk_on):
    open_a_visit(qtbot, desk_on)
    panel = desk_on.window.visit_panel
    shown = [button for button in panel.page.findChildren(type(panel.check_in_button)) if button.isVisible()]
    bar = [button for button in shown if button.parent() is panel.check_in_button.parent()]
    rows = sorted({button.y() for button in bar})
    assert len(rows) <= 2, f"{len(rows)} rows: " + ", ".join(f"{b.text()} at y={b.y()}" for b in bar)
    assert panel.more_button in bar
    for button in bar:  # none of them off the bar's edge
        assert button.geometry().right() <= button.parentWidget().width(), button.text()


def test_the_less_used_actions_are_one_press_away_under_more(qtbot, window, world, answers):
    """Void pass, Did not come and Cancel visit are under "More": by Tab, as their buttons were, and working."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from visitorcentre.core.kinds import VisitStatus

    reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])
    visit = world.desk.visits.visit_for_scan(reference)
    window.open_visit(visit)
    panel = window.visit_panel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.id == visit)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    menu = panel.more_button.menu()
    folded = [panel.void_pass_button, panel.no_show_button, panel.cancel_button]
    assert [action.text() for action in menu.actions()] == [button.text() for button in folded]
    assert not any(button.isVisible() for button in folded) and panel.more_button.isVisible()
    assert panel.more_button.accessibleName()
    menu.aboutToShow.emit()
    assert [action.isEnabled() for action in menu.actions()] == [False, False, True]  # tomorrow: cancel only
    panel.travel_costs_button.setFocus()
    qtbot.keyClick(panel.travel_costs_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.more_button
    answers.reason = "The family asked to cancel"
    menu.actions()[2].trigger()
    qtbot.waitUntil(lambda: panel.detail.status == VisitStatus.CANCELLED)


def test_choosing_large_print_folds_the_board_and_normal_text_unfolds_it(qtbot, window):
    """Desk › Text size › Large print on a 1600-wide desk: three columns no longer fit, so the board folds."""
    from visitorcentre.ui.runtime.style import set_text_size

    board = window.board
    assert not board.model.compact
    try:
        set_text_size(150)
        qtbot.waitUntil(lambda: board.model.compact, timeout=10_000)
        needed, room = time_room(board.view, 0)
        assert needed <= room
        assert board.view.horizontalHeader().length() <= board.view.viewport().width()
    finally:
        set_text_size(100)
    qtbot.waitUntil(lambda: not board.model.compact, timeout=10_000)
