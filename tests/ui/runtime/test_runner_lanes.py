"""The runner's lanes, its one "changed" signal and its one shutdown: records one at a time, the network beside them."""

from __future__ import annotations

import threading

import pytest

from tests.ui.helpers import HeldWork
from visitorcentre.core import changes
from visitorcentre.core.changes import EVERYTHING, Changes
from visitorcentre.core.errors import NotAllowed
from visitorcentre.ui.runtime import tasks as tasks_module
from visitorcentre.ui.runtime.tasks import CARE, NETWORK, RECORDS, STILL_SYNCING, DeskTasks

WAIT_S = 10


@pytest.fixture
def tasks(qtbot):
    runner = DeskTasks(progress_delay_ms=50)
    yield runner
    runner.shutdown()


class Overlap:
    """Counts how many jobs of each lane run at once."""

    def __init__(self):
        self._lock = threading.Lock()
        self.now = {RECORDS: 0, NETWORK: 0}
        self.most = {RECORDS: 0, NETWORK: 0}
        self.together = False  # a records job and a network job were running at the same moment

    def job(self, lane: str, release: threading.Event | None = None, entered: threading.Event | None = None):
        def run():
            with self._lock:
                self.now[lane] += 1
                self.most[lane] = max(self.most[lane], self.now[lane])
                self.together = self.together or (self.now[RECORDS] > 0 and self.now[NETWORK] > 0)
            if entered is not None:
                entered.set()
            if release is not None:
                release.wait(WAIT_S)
            with self._lock:
                self.now[lane] -= 1
            return lane

        return run


def test_a_network_job_runs_beside_records_jobs_which_never_overlap_each_other(qtbot, tasks):
    overlap = Overlap()
    network_in, network_out = threading.Event(), threading.Event()
    records_in = threading.Event()
    done = []
    tasks.run(overlap.job(NETWORK, network_out, network_in), done.append, lane=NETWORK)
    assert network_in.wait(WAIT_S)
    # With the sync still waiting on its "server", the records lane carries on, one job at a time.
    tasks.run(overlap.job(RECORDS, entered=records_in), done.append)
    for _n in range(5):
        tasks.run(overlap.job(RECORDS), done.append)
    assert records_in.wait(WAIT_S)
    qtbot.waitUntil(lambda: done.count(RECORDS) == 6)
    assert overlap.together and overlap.most[RECORDS] == 1
    assert tasks.lane_busy(NETWORK) and not tasks.busy  # a sync does not make the desk look busy
    network_out.set()
    qtbot.waitUntil(lambda: NETWORK in done)
    assert overlap.most[NETWORK] == 1


def test_each_lane_is_its_own_named_thread(qtbot, tasks):
    names = {}
    for lane in (RECORDS, NETWORK, CARE):
        tasks.run(
            lambda: threading.current_thread().name, lambda name, lane=lane: names.update({lane: name}), lane=lane
        )
    qtbot.waitUntil(lambda: len(names) == 3)
    assert names == {RECORDS: "desk-records", NETWORK: "desk-sync", CARE: "desk-care"}


# --- the one "changed" signal ---------------------------------------------------------------------


def test_changed_is_emitted_once_after_a_write_with_everything_it_wrote(qtbot, tasks):
    heard: list[Changes] = []
    tasks.changed.connect(heard.append)

    def two_writes():  # as two units of work committing in one job would
        changes.note({"visit"})
        changes.note({"visit_pass", "visit"})
        return "done"

    results = []
    tasks.run(two_writes, results.append)
    qtbot.waitUntil(lambda: results == ["done"] and not tasks.busy)
    qtbot.wait(20)
    assert heard == [Changes.of("visit", "visit_pass")]
    assert heard[0].touches(changes.VISITS) and not heard[0].touches(changes.RULES)


def test_a_read_changes_nothing_and_says_nothing(qtbot, tasks):
    heard = []
    tasks.changed.connect(heard.append)
    tasks.run(lambda: 42)
    qtbot.waitUntil(lambda: not tasks.busy)
    qtbot.wait(20)
    assert heard == []


def test_a_write_that_then_fails_still_says_what_it_wrote(qtbot, tasks):
    heard, errors = [], []
    tasks.changed.connect(heard.append)

    def half():
        changes.note({"visitor"})
        raise NotAllowed("Only a manager can do that.")

    tasks.run(half, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors) and bool(heard))
    assert heard == [Changes.of("visitor")]


def test_a_unit_of_work_notes_what_it_commits(world):
    from visitorcentre.core.visitor_details import VisitorDetails

    with changes.collecting() as written:
        world.desk.visits.register_visitor(
            VisitorDetails(first_name="Noted", last_name="Write", date_of_birth=world.clock.today().replace(year=1990))
        )
    assert written().touches("visitor")
    with changes.collecting() as read:
        world.desk.visits.search("Noted")
    assert not read()


# --- running alone, and shutting down ---------------------------------------------------------------


def test_work_that_runs_alone_waits_for_the_sync_and_holds_the_next_one(qtbot, tasks):
    order: list[str] = []
    sync = HeldWork(order, "first sync ended")
    tasks.run(sync, lane=NETWORK)
    assert sync.entered.wait(WAIT_S)
    restored = []
    heard = []
    tasks.changed.connect(heard.append)
    tasks.run_alone(lambda: order.append("restored") or "aside", restored.append, changes=EVERYTHING)
    tasks.run(lambda: order.append("second sync"), lane=NETWORK)  # e.g. the timer firing meanwhile
    qtbot.wait(100)
    assert order == []  # the restore waits for the sync in hand
    sync.released.set()
    qtbot.waitUntil(lambda: restored == ["aside"] and "second sync" in order)
    assert order == ["first sync ended", "restored", "second sync"]
    assert heard == [EVERYTHING]


def test_work_that_runs_alone_gives_up_if_the_sync_never_ends(qtbot, tasks, monkeypatch):
    monkeypatch.setattr(tasks_module, "QUIET_WAIT_S", 0.2)
    stuck = threading.Event()
    tasks.run(lambda: stuck.wait(WAIT_S), lane=NETWORK)
    errors, ran = [], []
    tasks.run_alone(lambda: ran.append(True), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].message == STILL_SYNCING and ran == []
    stuck.set()


def test_shutdown_with_a_sync_in_flight_returns_and_drops_what_comes_later(qtbot, monkeypatch):
    monkeypatch.setattr(tasks_module, "NETWORK_GRACE_S", 0.1)
    runner = DeskTasks()
    closing = []
    runner.closing.connect(lambda: closing.append(True))
    held, entered = threading.Event(), threading.Event()
    delivered, heard = [], []
    runner.changed.connect(heard.append)

    def sync():
        entered.set()
        held.wait(WAIT_S)
        changes.note({"visit"})
        return "synced"

    runner.run(sync, delivered.append, lane=NETWORK)
    queued = []
    runner.run(lambda: queued.append(True), lane=NETWORK)
    assert entered.wait(WAIT_S)
    runner.shutdown()
    assert closing == [True] and runner.closed
    assert runner.run(lambda: queued.append(True)) == 0  # nothing new starts
    held.set()  # the server answers after the desk has closed
    qtbot.wait(200)
    assert delivered == [] and heard == [] and queued == []
    runner.shutdown()  # a second call (the app quitting after the window closed) is harmless
    assert closing == [True]


def test_shutdown_lets_records_work_in_hand_finish(qtbot):
    runner = DeskTasks()
    entered, finished = threading.Event(), threading.Event()

    def write():
        entered.set()
        threading.Event().wait(0.2)
        finished.set()

    runner.run(write)
    assert entered.wait(WAIT_S)
    runner.shutdown()
    assert finished.is_set()


def test_quitting_the_app_stops_the_work_the_way_closing_the_window_does(qtbot, world, monkeypatch):
    import sys

    from PySide6.QtWidgets import QApplication

    from visitorcentre.ui.runtime.app import application, open_desk_window

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the desk window installs its own
    application()
    window = open_desk_window(world.desk)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.sync.runner.capable is not None)
    assert not window.tasks.closed
    QApplication.instance().aboutToQuit.emit()  # the session ending, or the last window gone
    assert window.tasks.closed
    assert not window.sync.runner.timer.isActive()
    assert window.tasks.run(lambda: None) == 0
