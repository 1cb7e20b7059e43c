"""Syncing in the background: on a timer, on demand, one sync at a time, on the runner's network lane.

A sync waits on the network, sometimes for a long time; the desk must not wait with it. So
``desk.sync.now`` runs on the runner's network lane (``ui/runtime/tasks.py``) — not on the
records lane, where searches and check-ins queue — and its result, its progress and its failure
come back to the GUI thread. Quick local reads (``desk.sync.state``, the interval) go through the
records lane like any other read. Records a sync takes down are announced through the runner's
``changed`` signal, so every screen showing them reads them again.

- At most one sync at a time: asking again while one runs says so and starts nothing.
- The timer is single-shot and is started again only when a sync has finished, so a slow
  server never piles runs up behind each other; the next run is one interval after the last.
- A desk that is not enrolled (or a desk without sync at all) runs no timer.
- A failure is remembered (offline, with the reason) until the next sync works.
- When the runner shuts down, the timers stop and no new sync starts (``DeskTasks.shutdown``).
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from visitorcentre.core.changes import EVERYTHING
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime import signal_refs
from visitorcentre.ui.runtime.qt_names import Qt
from visitorcentre.ui.runtime.tasks import NETWORK, DeskTasks
from visitorcentre.ui.shared.i18n import _, say

if TYPE_CHECKING:
    from visitorcentre.core.sync_views import SyncState

log = logging.getLogger(__name__)

MINUTE_MS = 60_000
#: Progress reports are passed on at most once a percent, however often the client reports.
PROGRESS_STEPS = 100
SYNC_PROBLEM = _(
    "The sync stopped because of a problem on this desk. The desk carries on with its own records; "
    "the details are in the desk's log."
)


def desk_can_sync(desk: Any) -> bool:
    """Whether this Desk has sync at all (a DeskOnDemand is opened first: it answers every name).

    Call it off the GUI thread: it may open the database.
    """
    opened = getattr(type(desk), "opened", None)
    real = desk.opened() if opened is not None else desk
    sync = getattr(real, "sync", None)
    return callable(getattr(sync, "state", None)) and callable(getattr(sync, "now", None))


class _Relay(QObject):
    """Carries the sync's progress to the GUI thread (it lives there, and outlives the window)."""

    progress = Signal(int, int)


class SyncRunner(QObject):
    """Runs ``desk.sync.now`` on the network lane, on a timer and on demand, and keeps the latest state."""

    #: The latest SyncState (None: this desk cannot sync at all).
    state_changed = Signal(object)
    #: A sync started (True: asked for by the worker).
    started = Signal(bool)
    #: (done, total) during a long pull.
    progress = Signal(int, int)
    #: A sync finished: (SyncResult, manual).
    finished = Signal(object, bool)
    #: A sync failed: (plain reason, manual).
    failed = Signal(str, bool)

    def __init__(self, desk, tasks: DeskTasks, parent: QObject | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.timer = QTimer(self)
        self.timer.setObjectName("syncTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.sync_now(manual=False))
        self.capable: bool | None = None  # None until the desk has been asked
        self.retry = QTimer(self)  # when the state could not be read at start
        self.retry.setSingleShot(True)
        self.retry.setInterval(MINUTE_MS)
        self.retry.timeout.connect(lambda: self._closed or self.start())
        self.state: SyncState | None = None
        self.failure = ""  # the reason the last sync failed, "" once one works
        self._running = False
        self._closed = False
        tasks.closing.connect(self.shutdown)

    @cached_property
    def _relay(self) -> _Relay:
        """What brings a sync's progress back to the GUI thread, made with the first sync (naming the
        connection's kind makes Qt's namespace, not wanted before the first paint: see ui/runtime/qt_names.py)."""
        # Parentless on purpose: a sync thread still waiting on the network when the window goes
        # must find its relay alive; Python keeps it while either side holds it.
        relay = _Relay()
        relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        return relay

    # --- starting and stopping ------------------------------------------------------------------

    def start(self, sync_at_once: bool = True) -> None:
        """Find out whether and how often this desk syncs; if it is enrolled, sync (and then on the timer)."""
        signal_refs.guard()  # the desk app runs all day, emitting signals; see ui/signal_refs.py
        self._tasks.run(
            self._look,
            lambda found: self._looked(found, sync_at_once),
            self._look_failed,
            label=_("Checking the link to the central server…"),
        )

    def _look(self) -> tuple[SyncState, int] | None:  # on the desk's worker
        if not desk_can_sync(self._desk):
            return None
        return self._desk.sync.state(), self._desk.sync.interval_minutes()

    def _looked(self, found: tuple[SyncState, int] | None, sync_at_once: bool) -> None:
        if found is None:
            self.capable = False
            log.info("This desk has no sync: it works on its own")
            self._set_state(None)
            return
        self.capable = True
        state, minutes = found
        self.timer.setInterval(minutes * MINUTE_MS)
        self._set_state(state)
        if state.enrolled and sync_at_once:
            self.sync_now(manual=False)

    def _look_failed(self, error: VisitorCentreError) -> None:
        log.warning("Could not read the desk's sync state (trying again in a minute): %s", error.message)
        self.capable = False
        self._set_state(None)
        self.retry.start()

    def shutdown(self) -> None:
        """Stop the timer; a sync still running finishes (or is cut off with the app) on its own."""
        self._closed = True
        self.timer.stop()
        self.retry.stop()

    @property
    def enrolled(self) -> bool:
        return bool(self.capable and self.state is not None and self.state.enrolled)

    @property
    def running(self) -> bool:
        """True while a sync is under way (from its start until its result is back on the GUI thread)."""
        return self._running

    # --- syncing --------------------------------------------------------------------------------

    @Slot()
    def sync_now(self, manual: bool = True) -> bool:
        """Start a sync unless one is running or the desk is not enrolled; True if one started."""
        if self._closed or self.running or not self.enrolled:
            return False
        self.timer.stop()
        relay, desk = self._relay, self._desk
        self._running = True
        self.started.emit(manual)
        self._tasks.run(
            lambda: _sync(desk, relay),
            lambda outcome: self._on_done(*outcome, manual),
            lambda error: self._on_done(None, error.message, None, manual),
            lane=NETWORK,
            label=_("Syncing…"),
        )
        return True

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self._closed and self.running:
            self.progress.emit(done, total)

    def _on_done(self, result, error: str | None, state: SyncState | None, manual: bool) -> None:
        self._running = False
        if self._closed:
            return
        self.failure = error or ""
        if state is not None:
            self._set_state(state)
        elif self.state is not None:
            self._set_state(self.state)
        if error is None:
            if result is not None and result.pulled:
                self._tasks.announce(EVERYTHING)  # records came down: every screen reads them again
            self.finished.emit(result, manual)
        else:
            self.failed.emit(error, manual)
        self._arm()

    def _arm(self) -> None:
        """Next background sync one interval from now, when enrolled and idle."""
        if self.enrolled and not self.running and not self._closed:
            self.timer.start()
        else:
            self.timer.stop()

    # --- the state ------------------------------------------------------------------------------

    def refresh_state(self) -> None:
        """Read the state again (e.g. after a desk action added a change waiting to go)."""
        if self.capable and not self._closed:
            self._tasks.run(
                self._desk.sync.state,
                self._set_state,
                key="sync-state",
                on_error=lambda error: log.warning("Could not read the sync state: %s", error.message),
            )

    def _set_state(self, state: SyncState | None) -> None:
        if state is not None and self.failure:
            import dataclasses  # (with the sync's first answer: nothing before the first paint needs it)

            state = dataclasses.replace(state, online=False, last_error=self.failure)
        self.state = state
        if not self.enrolled:
            self.timer.stop()  # e.g. a desk that was never enrolled: nothing to sync with
        elif not self.running and not self.timer.isActive() and not self._closed:
            self.timer.start()
        self.state_changed.emit(state)


def _sync(desk, relay: _Relay) -> tuple:
    """On the network lane: one ``sync_now``, then the state it left — (result, error message, state)."""
    reported = [-1]

    def progress(done: int, total: int) -> None:
        step = done * PROGRESS_STEPS // total if total > 0 else 0
        if step != reported[0] or done >= total:
            reported[0] = step
            _emit(relay.progress, done, total)

    result = error = None
    try:
        result = desk.sync.now(progress=progress)
    except VisitorCentreError as exc:
        error = say(exc.message)  # a core refusal (core/words.Said) in the desk's language
    except Exception:
        log.exception("The sync failed")
        error = SYNC_PROBLEM
    state = None
    try:
        state = desk.sync.state()
    except Exception:
        log.exception("Could not read the sync state after a sync")
    return result, error, state


def _emit(signal, *args) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the application has gone while the network kept us waiting
        log.debug("A sync finished after the desk app closed")
