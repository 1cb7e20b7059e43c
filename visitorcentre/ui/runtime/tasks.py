"""The one background runner: desk work off the GUI thread, in lanes, and one "changed" signal after writes.

Every call the desk app makes to ``Desk`` goes through ``DeskTasks.run``. Work runs in lanes,
each a thread of its own taking one job at a time, in order:

- ``RECORDS`` (the default): the database — searches, check-ins, printouts. SQLite prefers one
  writer, and a worker's actions must not overtake each other.
- ``NETWORK``: the sync with the central server, which may wait on the network for a long time
  and so never holds up the records lane.
- ``CARE``: the start-up check of the records file and the daily backup (long reads of the whole
  file, which must not hold up a search either).

The result or the error comes back on the GUI thread. A "busy" signal is raised only when
records work has taken longer than ``PROGRESS_DELAY_MS``, so quick jobs never flicker (the other
lanes have indicators of their own).

After any job that wrote something (its units of work note what they wrote, see
``core/changes.py``), ``changed`` is emitted once with a ``Changes``; screens subscribe to it and
refresh themselves, instead of each action refreshing them by hand. ``run_alone`` is for work
that replaces the records file (restoring a backup): it waits for the other lanes to finish what
they are doing and holds new work for them until it is done, so no sync writes to a file being
replaced. ``shutdown`` is the one way everything stops: the main window's close, the
application's quit and the tests all use it.

Search-as-you-type passes a ``key``: each new job with that key gets a higher generation, a
queued job that is already out of date is skipped, and a result that arrives after a newer
request has been made is dropped, so a slow old search never replaces a newer one.

A ``VisitorCentreError`` reaches the caller as it is (its message is for the worker to read);
anything else is logged with its traceback and reaches the caller as a calm, generic
``VisitorCentreError`` — never a traceback on screen.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from functools import cached_property
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from visitorcentre.core import changes as changes_
from visitorcentre.core.changes import Changes
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime.lanes import Lane
from visitorcentre.ui.runtime.qt_names import Qt
from visitorcentre.ui.shared.i18n import _, say

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600
#: How long work that must run alone waits for a sync to finish before it gives up.
QUIET_WAIT_S = 300
#: How long closing waits for a sync already talking to the server (it cannot be cut off mid-request).
NETWORK_GRACE_S = 1.0
RECORDS, NETWORK, CARE = "records", "network", "care"
#: Thread names, as the log and a debugger show them.
THREAD_NAMES = {RECORDS: "desk-records", NETWORK: "desk-sync", CARE: "desk-care"}
GENERIC_PROBLEM = _(
    "Something went wrong on this desk, so that was not done. Please try again. "
    "If it keeps happening, tell a manager: the details are in the desk's log."
)
STILL_SYNCING = _(
    "A sync with the central server is still running, so the desk's records were not replaced. Try again in a minute."
)

_SKIPPED = object()


class _Relay(QObject):
    """Carries results from the lanes back to the GUI thread (it lives there, and outlives the window)."""

    finished = Signal(int, object, object)  # job, result, Changes
    failed = Signal(int, object, object)  # job, VisitorCentreError, Changes


def _emit(signal, *args) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the application has gone while the network kept a lane waiting
        log.debug("Background work finished after the desk app closed")


def _job(
    job_id: int, fn: Callable[[], Any], relay: _Relay, is_stale: Callable[[], bool], label: str
) -> Callable[[], None]:
    """The work as a lane runs it: skipped if out of date, its writes collected, its outcome relayed."""

    def run() -> None:  # on the lane's thread
        if is_stale():
            _emit(relay.finished, job_id, _SKIPPED, changes_.NOTHING)
            return
        with changes_.collecting() as written:
            try:
                result = fn()
            except VisitorCentreError as exc:
                _emit(relay.failed, job_id, exc, written())
            except Exception:
                log.exception("Background work failed (%s)", label or getattr(fn, "__name__", "job"))
                _emit(relay.failed, job_id, VisitorCentreError(GENERIC_PROBLEM), written())
            else:
                _emit(relay.finished, job_id, result, written())

    return run


class _Pending:
    """A job handed to a lane, until its answer is back (a plain class: no dataclasses before the first paint)."""

    __slots__ = ("after", "changes", "generation", "key", "label", "lane", "on_done", "on_error", "records")

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[VisitorCentreError], None] | None,
        key: str | None,
        generation: int,
        label: str,
        lane: str,
        changes: Changes,
        after: Callable[[], None] | None = None,
        records: bool = False,  # counts as records work ("busy") though on another lane (records jobs always do)
    ) -> None:
        self.on_done, self.on_error, self.key, self.generation = on_done, on_error, key, generation
        self.label, self.lane, self.changes, self.after = label, lane, changes, after
        self.records = records or lane == RECORDS


class DeskTasks(QObject):
    """Runs callables off the GUI thread, in lanes, and hands back results (and what changed) on the GUI thread."""

    #: (busy, what is happening) — raised only after PROGRESS_DELAY_MS, lowered when all records work is done.
    busy_changed = Signal(bool, str)
    #: A message for the worker, from a job that gave no ``on_error``.
    problem = Signal(str)
    #: Every records job has finished (or been dropped).
    idle = Signal()
    #: A job wrote something: its ``Changes``, once, after its result was handed back.
    changed = Signal(object)
    #: The desk app is closing: stop timers and start no more work.
    closing = Signal()

    def __init__(self, parent: QObject | None = None, progress_delay_ms: int = PROGRESS_DELAY_MS):
        super().__init__(parent)
        self._lanes = {name: Lane(THREAD_NAMES[name]) for name in (RECORDS, NETWORK, CARE)}
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._held: list[tuple[str, Callable[[], None]]] = []  # work for the other lanes while one job runs alone
        self._alone = 0
        self._busy_shown = False
        self._progress = QTimer(self)
        self._progress.setSingleShot(True)
        self._progress.setInterval(progress_delay_ms)
        self._progress.timeout.connect(self._show_progress)
        self._closed = False

    # --- asking for work ----------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[VisitorCentreError], None] | None = None,
        key: str | None = None,
        label: str = "",
        lane: str = RECORDS,
        changes: Changes = changes_.NOTHING,
        as_records: bool = False,
    ) -> int:
        """Run ``fn()`` on ``lane``; ``on_done(result)`` or ``on_error(error)`` follow on the GUI thread.

        With a ``key``, only the newest job of that key delivers its result. ``changes``: what the
        job changes beyond what its units of work note (e.g. ``EVERYTHING`` for a restored backup).
        ``as_records``: the job counts as records work (``busy``) though it runs on another lane.
        """
        return self._submit(fn, _Pending(on_done, on_error, key, 0, label, lane, changes, records=as_records))

    def run_alone(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[VisitorCentreError], None] | None = None,
        label: str = "",
        changes: Changes = changes_.NOTHING,
    ) -> int:
        """Run ``fn()`` on the records lane once the other lanes are quiet (a running sync finishes first).

        New work for the other lanes waits until ``fn`` is done. If a sync is still running after
        ``QUIET_WAIT_S``, ``fn`` is not run and ``on_error`` hears why.
        """
        if self._closed:
            return 0
        others = [lane for name, lane in self._lanes.items() if name != RECORDS]
        self._alone += 1

        def alone() -> Any:
            for lane in others:
                if not lane.wait_quiet(QUIET_WAIT_S):
                    raise VisitorCentreError(STILL_SYNCING)
            return fn()

        return self._submit(alone, _Pending(on_done, on_error, None, 0, label, RECORDS, changes, after=self._release))

    def announce(self, changes: Changes) -> None:
        """Tell the screens that ``changes`` happened (work outside a job: records a sync took down)."""
        if changes and not self._closed:
            self.changed.emit(changes)

    @property
    def busy(self) -> bool:
        """True while any records job is queued, running, or waiting to deliver its result."""
        return any(p.records for p in self._pending.values())

    def lane_busy(self, lane: str) -> bool:
        """True while ``lane`` has work queued, running, or waiting to deliver its result."""
        return any(p.lane == lane for p in self._pending.values())

    @property
    def closed(self) -> bool:
        return self._closed

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """The one way the work stops: drop queued work, wait (a while) for what is running, deliver nothing more.

        Records work in hand is given up to ``timeout_ms`` to finish. A sync still waiting on the
        server after ``NETWORK_GRACE_S`` is left to end on its own — nothing is lost: what it
        saves is saved in whole transactions, and changes waiting to go leave the outbox only
        once the server has them — its daemon thread keeps the app from nothing, and whatever
        it reports afterwards is dropped.
        """
        if self._closed:
            return
        self._closed = True
        self.closing.emit()
        self._held.clear()
        for lane in self._lanes.values():
            lane.stop()
        remaining = timeout_ms / 1000
        for name in (RECORDS, CARE, NETWORK):
            allowed = min(remaining, NETWORK_GRACE_S) if name == NETWORK else remaining
            remaining -= allowed - self._lanes[name].join(allowed)
            if self._lanes[name].alive:
                log.warning("The %s work was still running when the desk closed; it is left to finish", name)
        self._pending.clear()
        self._progress.stop()
        if self._busy_shown:
            self._busy_shown = False
            self.busy_changed.emit(False, "")

    # --- the lanes ----------------------------------------------------------------------------

    @cached_property
    def _relay(self) -> _Relay:
        """What brings each job's outcome back to the GUI thread, made with the first job (after the first paint:
        naming the connection's kind makes Qt's namespace, see ui/runtime/qt_names.py)."""
        # Parentless on purpose: a sync still waiting on the network when the window goes must find
        # its relay alive; Python keeps it while either side holds it.
        relay = _Relay()
        relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        relay.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        return relay

    def _submit(self, fn: Callable[[], Any], pending: _Pending) -> int:
        if self._closed:
            return 0
        job_id = next(self._ids)
        key = pending.key
        if key is not None:
            pending.generation = self._latest.get(key, 0) + 1
            self._latest[key] = pending.generation
        self._pending[job_id] = pending

        def is_stale(key=key, generation=pending.generation) -> bool:
            return key is not None and self._latest.get(key) != generation

        work = _job(job_id, fn, self._relay, is_stale, pending.label)
        if pending.lane != RECORDS and self._alone:
            self._held.append((pending.lane, work))
        else:
            self._lanes[pending.lane].put(work)
        if pending.records and not self._progress.isActive() and not self._busy_shown:
            self._progress.start()
        return job_id

    def _release(self) -> None:
        """Work that ran alone is done: the held work goes to its lanes."""
        self._alone -= 1
        if self._alone or self._closed:
            return
        held, self._held = self._held, []
        for lane, work in held:
            self._lanes[lane].put(work)

    # --- results (GUI thread) -----------------------------------------------------------------

    def _take(self, job_id: int) -> tuple[_Pending | None, bool]:
        """The job's pending entry, and whether its result is still wanted."""
        pending = self._pending.pop(job_id, None)
        if pending is not None and pending.key is not None and self._latest.get(pending.key) != pending.generation:
            log.debug("Dropped an out-of-date result for %s", pending.key)
            return pending, False
        return pending, pending is not None

    @Slot(int, object, object)
    def _on_finished(self, job_id: int, result: object, written: Changes) -> None:
        pending, wanted = self._take(job_id)
        try:
            if wanted and result is not _SKIPPED and pending.on_done is not None:
                pending.on_done(result)
        finally:
            self._after_job(pending, written | pending.changes if pending is not None else written)

    @Slot(int, object, object)
    def _on_failed(self, job_id: int, error: VisitorCentreError, written: Changes) -> None:
        pending, wanted = self._take(job_id)
        error.message = say(error.message)  # a core refusal (core/words.Said) in the desk's language
        try:
            if wanted:
                if pending.on_error is not None:
                    pending.on_error(error)
                else:
                    self.problem.emit(error.message)
        finally:
            self._after_job(pending, written)

    def _after_job(self, pending: _Pending | None, written: Changes) -> None:
        if self._closed:
            return
        try:
            if pending is not None and pending.after is not None:
                pending.after()
            self.announce(written)
        finally:
            if pending is None or pending.records:
                self._records_settled()

    def _records_settled(self) -> None:
        if self.busy:
            if self._busy_shown:
                self.busy_changed.emit(True, self._current_label())
            return
        self._progress.stop()
        if self._busy_shown:
            self._busy_shown = False
            self.busy_changed.emit(False, "")
        self.idle.emit()

    def _current_label(self) -> str:
        labels = [p.label for p in self._pending.values() if p.label and p.records]
        return labels[0] if labels else _("Working…")

    @Slot()
    def _show_progress(self) -> None:
        if self.busy and not self._busy_shown:
            self._busy_shown = True
            self.busy_changed.emit(True, self._current_label())
