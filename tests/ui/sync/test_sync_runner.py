"""The sync runner on its own: which desks can sync, its signals, and progress that never floods the desk."""

from __future__ import annotations

import threading

from tests.conftest import NOW
from tests.ui.sync_helpers import FakeSync
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.desk.context import DeskContext
from visitorcentre.desk.on_demand import DeskOnDemand
from visitorcentre.ui.runtime.app import application
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.sync.sync_runner import MINUTE_MS, SyncRunner, desk_can_sync


class SyncOnlyDesk(FakeSync):
    """A desk that is nothing but its sync (and its interval)."""

    def sync_interval_minutes(self) -> int:
        return 3


class DeskWithoutSync:
    """A desk from before sync (the Desk on a branch without the sync client)."""

    establishment = "BAR"


def test_a_desk_without_sync_is_found_out_even_behind_desk_on_demand():
    plain = DeskOnDemand(
        DeskContext("desk.sqlite3", Actor("Test Worker"), FixedClock(NOW)), lambda ctx: DeskWithoutSync()
    )
    assert not desk_can_sync(DeskWithoutSync())
    assert not desk_can_sync(plain)  # it answers every name, so the desk inside is asked
    assert plain.is_open
    assert desk_can_sync(SyncOnlyDesk())
    assert desk_can_sync(
        DeskOnDemand(DeskContext("desk.sqlite3", Actor("Test Worker"), FixedClock(NOW)), lambda ctx: SyncOnlyDesk())
    )


def run_one(qtbot, runner: SyncRunner) -> list:
    heard: list = []
    runner.started.connect(lambda manual: heard.append(("started", manual)))
    runner.finished.connect(lambda result, manual: heard.append(("finished", result.as_json(), manual)))
    runner.failed.connect(lambda reason, manual: heard.append(("failed", reason, manual)))
    return heard


def test_start_reads_the_state_and_interval_then_syncs(qtbot):
    application()
    desk = SyncOnlyDesk(pending=2)
    tasks = DeskTasks()
    runner = SyncRunner(desk, tasks)
    heard = run_one(qtbot, runner)
    states = []
    runner.state_changed.connect(states.append)
    runner.start()
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard == [("started", False), ("finished", {"pushed": 2, "pulled": 0, "pending": 0, "issues": 0}, False)]
    assert runner.timer.interval() == 3 * MINUTE_MS and runner.timer.isActive()
    assert states[0].pending == 2 and states[-1].online is True and states[-1].pending == 0
    runner.shutdown()
    assert not runner.timer.isActive() and runner.sync_now() is False
    tasks.shutdown()


def test_start_without_syncing_at_once(qtbot):
    application()
    desk = SyncOnlyDesk()
    tasks = DeskTasks()
    runner = SyncRunner(desk, tasks)
    runner.start(sync_at_once=False)
    qtbot.waitUntil(lambda: runner.capable is not None)
    assert desk.calls == 0 and runner.timer.isActive()
    tasks.shutdown()


def test_progress_is_passed_on_at_most_once_a_percent(qtbot):
    application()
    desk = SyncOnlyDesk()
    desk.pull_steps = [(done, 100_000) for done in range(0, 100_001, 10)]  # 10,001 reports from the client
    tasks = DeskTasks()
    runner = SyncRunner(desk, tasks)
    reports = []
    runner.progress.connect(lambda done, total: reports.append(done))
    runner.start()
    qtbot.waitUntil(lambda: desk.calls == 1 and not runner.running)
    assert 90 <= len(reports) <= 102
    assert reports[-1] == 100_000 and reports == sorted(reports)
    tasks.shutdown()


def test_a_failure_is_remembered_until_a_sync_works(qtbot):
    application()
    desk = SyncOnlyDesk()
    desk.fail_with = "The central server refused this desk: it has been revoked."
    tasks = DeskTasks()
    runner = SyncRunner(desk, tasks)
    heard = run_one(qtbot, runner)
    runner.start()
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard[-1] == ("failed", desk.fail_with, False)
    assert runner.state.online is False and runner.state.last_error == desk.fail_with
    # a state read meanwhile (which might not know of the failure) still shows it
    desk.online, desk.last_error = None, ""
    runner.refresh_state()
    qtbot.waitUntil(lambda: not tasks.busy)
    assert runner.state.online is False and runner.failure == desk.fail_with
    desk.fail_with = ""
    assert runner.sync_now(manual=True)
    qtbot.waitUntil(lambda: len(heard) == 4)
    assert heard[-1][0] == "finished" and runner.failure == "" and runner.state.online is True
    tasks.shutdown()


def test_a_state_that_cannot_be_read_at_start_is_tried_again(qtbot):
    application()
    desk = SyncOnlyDesk()
    broken = [True]
    real_state = desk.sync_state

    def sync_state():
        if broken[0]:
            raise OSError("database is locked")
        return real_state()

    desk.sync_state = sync_state
    tasks = DeskTasks()
    runner = SyncRunner(desk, tasks)
    runner.start()
    qtbot.waitUntil(lambda: runner.capable is False)
    assert runner.retry.isActive() and not runner.timer.isActive() and runner.state is None
    broken[0] = False
    runner.retry.timeout.emit()
    qtbot.waitUntil(lambda: desk.calls == 1 and not runner.running)
    assert runner.capable and runner.state.online is True and runner.timer.isActive()
    tasks.shutdown()


def test_the_runners_shutdown_with_a_sync_in_flight_stops_it_all_cleanly(qtbot, monkeypatch):
    from visitorcentre.ui.runtime import tasks as tasks_module

    monkeypatch.setattr(tasks_module, "NETWORK_GRACE_S", 0.1)
    application()
    desk = SyncOnlyDesk(pending=1)
    desk.hold = threading.Event()
    tasks = DeskTasks()
    runner = SyncRunner(desk, tasks)
    heard = run_one(qtbot, runner)
    runner.start()
    qtbot.waitUntil(desk.entered.is_set)
    assert runner.running and desk.threads == ["desk-sync"]  # on the runner's network lane
    tasks.shutdown()  # the window closing, or the app quitting: the one way everything stops
    assert not runner.timer.isActive() and not runner.retry.isActive()
    assert runner.sync_now(manual=True) is False
    desk.hold.set()  # the server answers after the desk has closed: nothing more is said
    qtbot.waitUntil(lambda: desk.at_once == 0)
    qtbot.wait(50)
    assert heard == [("started", False)] and desk.calls == 1
