"""Sync at the desk: the status-bar indicator, F9, the sync panel, and a desk that never waits on the network."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import settle
from tests.ui.sync_helpers import DOUBLE_CHECK_IN, REJECTED, FakeSync, issue
from visitorcentre.config import settings
from visitorcentre.core.kinds import VisitStatus
from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.sync.sync_issues_model import SyncIssuesModel
from visitorcentre.ui.sync.sync_runner import MINUTE_MS

OFFLINE_REASON = "The central server could not be reached (connection refused)."


@pytest.fixture
def fake(monkeypatch, world) -> FakeSync:
    """The desk's sync methods, with a central server the test controls."""
    return FakeSync().install(monkeypatch, world.desk)


@pytest.fixture
def open_desk(qtbot, world, answers):
    """Opens the main window once the test has set up its server; waits for the start-up sync to end."""
    opened = []

    def open_it():
        application()
        main = build_main_window(world.desk)
        main.scanner.enabled = False
        qtbot.addWidget(main)
        main.resize(1600, 900)
        main.show()
        runner = main.sync.runner
        qtbot.waitUntil(lambda: runner.capable is not None and not runner.running)
        settle(qtbot, main)
        opened.append(main)
        return main

    yield open_it
    for main in opened:
        main.close()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, key, modifier)


def open_visit_by_search(qtbot, window, text: str, name: str):
    """Type ``text`` in the search, choose ``name`` and press Enter, as a worker does."""
    search = window.search
    qtbot.keyClicks(search.box, text)
    qtbot.waitUntil(lambda: any(h.name == name for h in search.model.hits()))
    search.view.selectRow(next(i for i, h in enumerate(search.model.hits()) if h.name == name))
    qtbot.keyClick(search.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    return window.visit_panel.detail


# --- the indicator --------------------------------------------------------------------------------


def test_an_enrolled_desk_syncs_at_start_and_shows_online(qtbot, fake, open_desk):
    fake.pending = 2
    window = open_desk()
    assert fake.calls == 1
    assert window.sync.indicator.text() == "Online · last sync just now · nothing waiting to send"
    assert window.sync.indicator.status.icon == "online" and window.sync.indicator.status.word == "Online"
    assert "https://central.example.scot" in window.sync.indicator.button.toolTip()
    assert window.sync.runner.timer.isActive()  # the next background sync is on its way


def test_the_indicator_counts_changes_waiting_and_issues(qtbot, fake, open_desk, world):
    window = open_desk()
    fake.pending = 3
    fake.issues = [DOUBLE_CHECK_IN]
    window.sync.refresh_state()
    qtbot.waitUntil(lambda: "3 changes waiting" in window.sync.indicator.text())
    assert window.sync.indicator.text().endswith("· 1 sync issue")
    # a desk action adds a change waiting to go: after the runner's "changed", the state is read again
    fake.pending = 4
    window.tasks.run(lambda: world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
    qtbot.waitUntil(lambda: "4 changes waiting" in window.sync.indicator.text())


def test_last_sync_is_said_as_time_ago_and_kept_up_to_date(qtbot, fake, open_desk):
    window = open_desk()
    indicator = window.sync.indicator
    moments = [datetime.now(UTC) + timedelta(minutes=2, seconds=5)]
    indicator._now = lambda: moments[0]
    indicator.tick.timeout.emit()
    assert "last sync 2 min ago" in indicator.text()
    moments[0] += timedelta(hours=1, minutes=18)
    indicator.tick.timeout.emit()
    assert "last sync 1 h 20 min ago" in indicator.text()
    assert indicator.tick.isActive()


def test_a_desk_that_is_not_enrolled_works_on_its_own_with_no_timer(qtbot, monkeypatch, world, open_desk):
    fake = FakeSync(enrolled=False).install(monkeypatch, world.desk)
    window = open_desk()
    assert window.sync.indicator.text() == "Works on its own — not connected to a central server"
    assert window.sync.indicator.status.icon == "standalone"
    assert not window.sync.runner.timer.isActive()
    press(qtbot, window, Qt.Key.Key_F9)
    assert "works on its own" in window.notice.text()
    assert fake.calls == 0


# --- syncing on demand ----------------------------------------------------------------------------


def test_f9_syncs_now_and_says_what_went_up_and_came_down(qtbot, fake, open_desk, world):
    window = open_desk()
    fake.pending, fake.pulled = 3, 12
    refreshed = []
    window.board.refresh = lambda: refreshed.append("board")  # records came down: the board is read again
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: fake.calls == 2 and not window.sync.runner.running)
    assert window.notice.text() == "OK: Synced with the central server: 3 changes sent, 12 records taken down."
    assert window.sync.indicator.text() == "Online · last sync just now · nothing waiting to send"
    assert refreshed == ["board"]
    assert window.sync.runner.timer.isActive()


def test_a_slow_sync_does_not_hold_up_a_search_or_a_check_in(qtbot, fake, open_desk, world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    window = open_desk()
    fake.hold = threading.Event()
    try:
        press(qtbot, window, Qt.Key.Key_F9)
        assert fake.entered.wait(5)
        assert window.sync.indicator.text().startswith("Syncing…")
        # The worker carries on: a search, opening the visit, checking the family in.
        detail = open_visit_by_search(qtbot, window, "siobhan", "Siobhán MacDonald")
        assert detail.reference == reference
        qtbot.mouseClick(window.visit_panel.check_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: world.desk.visits.visit(detail.id).status == VisitStatus.CHECKED_IN)
        settle(qtbot, window)
        assert window.sync.runner.running and fake.at_once == 1  # the sync is still waiting on the server
    finally:
        fake.hold.set()
    qtbot.waitUntil(lambda: not window.sync.runner.running)
    assert fake.threads[-1] == "desk-sync"  # its own thread, not the desk's worker


def test_a_failing_sync_shows_offline_and_the_reason(qtbot, fake, open_desk):
    window = open_desk()
    fake.fail_with = OFFLINE_REASON
    fake.pending = 5
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.sync.indicator.text().startswith("Offline"))
    indicator = window.sync.indicator
    assert indicator.text() == "Offline · last sync just now · 5 changes waiting"
    assert indicator.status.icon == "offline"
    assert f"Last try: {OFFLINE_REASON}" in indicator.button.toolTip()
    assert window.notice.text().startswith(f"Warning: Could not sync: {OFFLINE_REASON}")
    assert "will be sent when the line is back" in window.notice.text()
    # the desk tries again on its own later
    assert window.sync.runner.timer.isActive()
    # ... and a later sync that works clears the reason
    fake.fail_with = ""
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.sync.indicator.text().startswith("Online"))
    assert "Last try" not in indicator.button.toolTip()


def test_an_unexpected_error_in_a_sync_is_said_calmly(qtbot, fake, open_desk, monkeypatch):
    window = open_desk()

    def broken(progress=None):
        raise OSError("disk I/O error")

    monkeypatch.setattr(window.desk.sync, "now", broken)
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.sync.indicator.text().startswith("Offline"))
    assert "problem on this desk" in window.notice.text() and "OSError" not in window.notice.text()
    assert not window.sync.runner.running


def test_a_background_sync_that_fails_says_nothing_but_offline(qtbot, fake, open_desk):
    window = open_desk()
    window.notice.hide()
    fake.fail_with = OFFLINE_REASON
    window.sync.runner.timer.timeout.emit()
    qtbot.waitUntil(lambda: window.sync.indicator.text().startswith("Offline"))
    assert window.notice.text() == ""


def test_a_long_first_pull_shows_a_progress_bar(qtbot, fake, open_desk):
    window = open_desk()
    indicator = window.sync.indicator
    indicator.progress_delay_ms = 0  # the sync has already taken "long enough"
    fake.pull_steps = [(25_000, 100_000), (100_000, 100_000)]
    fake.between_steps = threading.Event()
    try:
        press(qtbot, window, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: indicator.progress_bar.isVisible())
        assert indicator.progress_bar.text() == "25,000 of 100,000 records"
        assert indicator.progress_bar.value() == 25_000 and indicator.progress_bar.maximum() == 100_000
    finally:
        fake.between_steps.set()
    qtbot.waitUntil(lambda: not window.sync.runner.running)
    assert not indicator.progress_bar.isVisible()


def test_a_quick_sync_shows_no_progress_bar(qtbot, fake, open_desk):
    window = open_desk()
    window.sync.indicator.progress_delay_ms = 60_000
    fake.pull_steps = [(10, 40), (40, 40)]
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: fake.calls == 2 and not window.sync.runner.running)
    assert not window.sync.indicator.progress_bar.isVisible()


# --- one sync at a time, on a timer that does not pile up -----------------------------------------


def test_syncs_never_overlap_whatever_asks_for_them(qtbot, fake, open_desk):
    window = open_desk()
    runner = window.sync.runner
    fake.hold = threading.Event()
    try:
        press(qtbot, window, Qt.Key.Key_F9)
        assert fake.entered.wait(5)
        assert not runner.timer.isActive()  # no timer runs while a sync waits
        press(qtbot, window, Qt.Key.Key_F9)
        assert window.notice.text() == "Note: A sync is already running; it will finish by itself."
        runner.timer.timeout.emit()  # the timer firing regardless
        assert runner.sync_now(manual=False) is False
        qtbot.wait(50)
        assert fake.calls == 2  # the start-up sync and this one
    finally:
        fake.hold.set()
    qtbot.waitUntil(lambda: not runner.running)
    assert fake.most_at_once == 1
    assert runner.timer.isActive()  # armed again once the sync finished


def test_a_short_timer_with_a_slow_server_does_not_pile_up_runs(qtbot, fake, open_desk):
    window = open_desk()
    runner = window.sync.runner
    runner.timer.setInterval(5)  # far shorter than the server takes
    fake.hold = threading.Event()
    runner.timer.start()
    qtbot.waitUntil(lambda: runner.running)
    qtbot.wait(100)  # twenty intervals
    assert fake.calls == 2 and fake.most_at_once == 1
    runner.timer.stop()
    fake.hold.set()
    qtbot.waitUntil(lambda: not runner.running)
    runner.shutdown()


def test_the_timer_interval_comes_from_the_settings(qtbot, fake, open_desk, world):
    with world.desk.ctx.write_sessions() as session:
        settings.put(session, settings.SYNC_INTERVAL_MINUTES, 7)
        session.commit()
    window = open_desk()
    assert window.sync.runner.timer.interval() == 7 * MINUTE_MS
    assert window.sync.runner.timer.isSingleShot()


@pytest.mark.parametrize("stored", [0, -3, "often", 100_000, True])
def test_a_nonsense_interval_falls_back_to_five_minutes(qtbot, fake, open_desk, world, stored):
    with world.desk.ctx.write_sessions() as session:
        settings.put(session, settings.SYNC_INTERVAL_MINUTES, stored)
        session.commit()
    window = open_desk()
    assert window.sync.runner.timer.interval() == 5 * MINUTE_MS


def test_closing_the_window_mid_sync_does_not_wait_for_the_server(qtbot, fake, open_desk):
    window = open_desk()
    fake.hold = threading.Event()
    press(qtbot, window, Qt.Key.Key_F9)
    assert fake.entered.wait(5)
    window.close()
    assert not window.sync.runner.timer.isActive()
    fake.hold.set()  # the answer arrives after the window has gone: nothing happens
    qtbot.waitUntil(lambda: fake.at_once == 0)
    qtbot.wait(50)
    assert not window.sync.runner.timer.isActive()


# --- the sync panel -------------------------------------------------------------------------------


def test_the_panel_lists_issues_in_plain_words_and_dismisses_them(qtbot, fake, open_desk):
    fake.issues = [REJECTED, DOUBLE_CHECK_IN]
    window = open_desk()
    assert window.sync.indicator.text().endswith("· 2 sync issues")
    press(qtbot, window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    model = panel.model
    kinds = [model.index(r, SyncIssuesModel.COL_KIND).data() for r in range(2)]
    assert kinds == ["Warning: Checked in at two desks", "Warning: Not accepted by the central server"]
    assert "checked in at two desks" in model.index(0, SyncIssuesModel.COL_MESSAGE).data()
    assert model.index(0, SyncIssuesModel.COL_KIND).data(Qt.ItemDataRole.FontRole).bold()
    assert panel.state_line.text().startswith("Online")
    # the newest is selected: dismiss it with the button
    assert [i.id for i in panel.selected_issues()] == ["iss-double"]
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert fake.issues[1].dismissed and not fake.issues[0].dismissed
    assert panel.message.text() == "OK: Dismissed. It stays in the list of dismissed issues."
    qtbot.waitUntil(lambda: window.sync.indicator.text().endswith("· 1 sync issue"))
    # the other with the Delete key
    panel.view.selectRow(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert panel.empty.isVisible() and not panel.view.isVisible()
    qtbot.waitUntil(lambda: "sync issue" not in window.sync.indicator.text())
    # dismissed ones can be shown again, and cannot be dismissed twice
    panel.show_dismissed.setChecked(True)
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert model.index(0, SyncIssuesModel.COL_KIND).data().startswith("Dismissed: ")
    panel.view.selectRow(0)
    assert not panel.dismiss_button.isEnabled()
    settle(qtbot, window)


def test_dismissing_with_nothing_chosen_or_an_issue_already_gone(qtbot, fake, open_desk):
    fake.issues = [REJECTED]
    window = open_desk()
    panel = window.sync.open_panel()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.view.clearSelection()
    panel.dismiss()
    assert panel.message.text() == "Note: Choose the issue you have dealt with, then press Dismiss."
    panel.view.selectRow(0)
    fake.issues = []  # dealt with at another desk meanwhile
    panel.dismiss()
    qtbot.waitUntil(lambda: "no longer there" in panel.message.text())
    settle(qtbot, window)


def test_the_panel_shows_the_reason_when_offline_and_syncs_from_its_button(qtbot, fake, open_desk):
    window = open_desk()
    fake.fail_with = OFFLINE_REASON
    panel = window.sync.open_panel()
    qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.state_line.text().startswith("Offline"))
    assert f"Last try: {OFFLINE_REASON}" in panel.state_details.text()
    assert panel.message.text().startswith(f"Warning: Could not sync: {OFFLINE_REASON}")
    fake.fail_with = ""
    fake.arriving = [DOUBLE_CHECK_IN]
    qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.state_line.text().startswith("Online")
    assert "1 sync issue to look at" in panel.message.text()
    settle(qtbot, window)


def test_clicking_the_status_opens_the_panel_once(qtbot, fake, open_desk):
    window = open_desk()
    qtbot.mouseClick(window.sync.indicator.button, Qt.MouseButton.LeftButton)
    panel = window.sync.panel
    assert panel is not None and panel.isVisible()
    press(qtbot, window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert window.sync.panel is panel
    panel.close()
    qtbot.waitUntil(lambda: window.sync.panel is None)
    settle(qtbot, window)


def test_a_background_sync_that_finds_a_double_check_in_says_so(qtbot, fake, open_desk):
    window = open_desk()
    fake.arriving = [DOUBLE_CHECK_IN]
    window.sync.runner.timer.timeout.emit()
    qtbot.waitUntil(lambda: "Sync found something to look at" in window.notice.text())
    assert window.notice.text().startswith("Warning: ")
    assert "1 sync issue" in window.notice.text() and "Shift+F9" in window.notice.text()


def test_an_issue_of_a_kind_the_desk_does_not_know_is_still_listed(qtbot, fake, open_desk):
    fake.issues = [
        issue(
            "iss-odd", "schema_too_new", "The central server is newer than this desk. Ask for the desk to be updated."
        )
    ]
    window = open_desk()
    panel = window.sync.open_panel()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.index(0, SyncIssuesModel.COL_KIND).data() == "Note: Schema too new"
    settle(qtbot, window)


def test_f9_before_the_records_are_open_asks_for_a_moment(qtbot, fake, world, answers):
    application()
    main = build_main_window(world.desk)  # not shown yet: nothing has been read
    qtbot.addWidget(main)
    assert main.sync.sync_now() is False
    assert main.notice.text() == "Note: The desk is still opening its records; press F9 again in a moment."
    assert fake.calls == 0
    main.close()
