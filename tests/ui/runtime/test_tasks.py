"""The one background helper: off the GUI thread, one job at a time, calm errors, stale results dropped."""

from __future__ import annotations

import logging
import threading

import pytest

from visitorcentre.core.errors import NotAllowed, VisitorCentreError
from visitorcentre.ui.runtime.tasks import GENERIC_PROBLEM, DeskTasks


@pytest.fixture
def tasks(qtbot):
    helper = DeskTasks(progress_delay_ms=50)
    yield helper
    helper.shutdown()


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot, tasks):
    gui_thread = threading.get_ident()
    seen = {}
    tasks.run(lambda: threading.get_ident(), lambda worker: seen.update(worker=worker, back=threading.get_ident()))
    qtbot.waitUntil(lambda: "worker" in seen)
    assert seen["worker"] != gui_thread
    assert seen["back"] == gui_thread


def test_jobs_run_one_at_a_time_in_order(qtbot, tasks):
    order, running = [], []

    def job(n):
        running.append(n)
        assert len(running) == 1, "two jobs ran at once"
        order.append(n)
        running.remove(n)
        return n

    for n in range(6):
        tasks.run(lambda n=n: job(n))
    qtbot.waitUntil(lambda: not tasks.busy)
    assert order == list(range(6))


def test_a_desk_error_reaches_the_caller_as_it_is(qtbot, tasks):
    errors = []

    def refuse():
        raise NotAllowed("Visit ABC123 is cancelled; it cannot be checked in.", "visit")

    tasks.run(refuse, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], NotAllowed) and errors[0].field == "visit"


def test_an_unexpected_error_is_logged_and_shown_calmly(qtbot, tasks, caplog):
    errors = []

    def broken():
        raise ZeroDivisionError("a bug")

    with caplog.at_level(logging.ERROR, logger="visitorcentre.ui.runtime.tasks"):
        tasks.run(broken, on_error=errors.append, label="a broken job")
        qtbot.waitUntil(lambda: bool(errors))
    assert type(errors[0]) is VisitorCentreError
    assert errors[0].message == GENERIC_PROBLEM and "Traceback" not in errors[0].message
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_an_error_nobody_handles_becomes_a_problem_message(qtbot, tasks):
    def refuse():
        raise NotAllowed("Only a manager can do that.")

    with qtbot.waitSignal(tasks.problem) as signal:
        tasks.run(refuse)
    assert signal.args == ["Only a manager can do that."]


def test_only_the_newest_job_of_a_key_delivers(qtbot, tasks):
    started, release = threading.Event(), threading.Event()
    delivered = []

    def slow():
        started.set()
        release.wait(10)
        return "old"

    tasks.run(slow, delivered.append, key="search")
    qtbot.waitUntil(started.is_set)
    tasks.run(lambda: "queued and already out of date", delivered.append, key="search")
    tasks.run(lambda: "new", delivered.append, key="search")
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy)
    assert delivered == ["new"]


def test_progress_is_shown_for_slow_work_and_cleared_after(qtbot, tasks):
    release = threading.Event()
    with qtbot.waitSignal(tasks.busy_changed) as shown:
        tasks.run(lambda: release.wait(10), label="Searching…")
    assert shown.args == [True, "Searching…"]
    with qtbot.waitSignal(tasks.busy_changed) as cleared:
        release.set()
    assert cleared.args == [False, ""]
