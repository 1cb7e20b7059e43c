"""The one background helper: desk work runs off the GUI thread, one job at a time.

Every call the desk app makes to ``Desk`` goes through ``DeskTasks.run``. Jobs run in order on
a single worker thread (SQLite prefers one writer, and a worker's actions must not overtake
each other); the result or the error comes back on the GUI thread. A "busy" signal is raised
only when work has taken longer than ``PROGRESS_DELAY_MS``, so quick jobs never flicker.

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
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Qt, Signal, Slot

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.shared.i18n import _

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600
GENERIC_PROBLEM = _("Something went wrong on this desk, so that was not done. Please try again. "
                    "If it keeps happening, tell a manager: the details are in the desk's log.")

_SKIPPED = object()


class _Relay(QObject):
    """Carries results from the worker thread back to the GUI thread (it lives on the GUI thread)."""

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay, is_stale: Callable[[], bool], label: str):
        super().__init__()
        self._job_id = job_id
        self._fn = fn
        self._relay = relay
        self._is_stale = is_stale
        self._label = label

    def run(self) -> None:  # runs on the worker thread
        if self._is_stale():
            self._relay.finished.emit(self._job_id, _SKIPPED)
            return
        try:
            result = self._fn()
        except VisitorCentreError as exc:
            self._relay.failed.emit(self._job_id, exc)
        except Exception:
            log.exception("Background work failed (%s)", self._label or getattr(self._fn, "__name__", "job"))
            self._relay.failed.emit(self._job_id, VisitorCentreError(GENERIC_PROBLEM))
        else:
            self._relay.finished.emit(self._job_id, result)


@dataclass
class _Pending:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[VisitorCentreError], None] | None
    key: str | None
    generation: int
    label: str


class DeskTasks(QObject):
    """Runs callables off the GUI thread, one at a time, and hands back results on the GUI thread."""

    #: (busy, what is happening) — raised only after PROGRESS_DELAY_MS, lowered when all work is done.
    busy_changed = Signal(bool, str)
    #: A message for the worker, from a job that gave no ``on_error``.
    problem = Signal(str)
    #: Every job has finished (or been dropped).
    idle = Signal()

    def __init__(self, parent: QObject | None = None, progress_delay_ms: int = PROGRESS_DELAY_MS):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._busy_shown = False
        self._progress = QTimer(self)
        self._progress.setSingleShot(True)
        self._progress.setInterval(progress_delay_ms)
        self._progress.timeout.connect(self._show_progress)
        self._closed = False

    # --- asking for work ----------------------------------------------------------------------

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[VisitorCentreError], None] | None = None, key: str | None = None,
            label: str = "") -> int:
        """Run ``fn()`` in the background; ``on_done(result)`` or ``on_error(error)`` follow on the GUI thread.

        With a ``key``, only the newest job of that key delivers its result.
        """
        if self._closed:
            return 0
        job_id = next(self._ids)
        generation = 0
        if key is not None:
            generation = self._latest.get(key, 0) + 1
            self._latest[key] = generation
        self._pending[job_id] = _Pending(on_done, on_error, key, generation, label)

        def is_stale(key=key, generation=generation) -> bool:
            return key is not None and self._latest.get(key) != generation

        self._pool.start(_Job(job_id, fn, self._relay, is_stale, label))
        if not self._progress.isActive() and not self._busy_shown:
            self._progress.start()
        return job_id

    @property
    def busy(self) -> bool:
        """True while any job is queued, running, or waiting to deliver its result."""
        return bool(self._pending)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Drop queued work and wait for the running job (when the window closes)."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
        self._pending.clear()
        self._progress.stop()

    # --- results (GUI thread) -----------------------------------------------------------------

    def _take(self, job_id: int) -> _Pending | None:
        pending = self._pending.pop(job_id, None)
        if pending is not None and pending.key is not None and self._latest.get(pending.key) != pending.generation:
            log.debug("Dropped an out-of-date result for %s", pending.key)
            pending = None
        return pending

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        pending = self._take(job_id)
        try:
            if pending is not None and result is not _SKIPPED and pending.on_done is not None:
                pending.on_done(result)
        finally:
            self._after_job()

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: VisitorCentreError) -> None:
        pending = self._take(job_id)
        try:
            if pending is not None:
                if pending.on_error is not None:
                    pending.on_error(error)
                else:
                    self.problem.emit(error.message)
        finally:
            self._after_job()

    def _after_job(self) -> None:
        if self._pending:
            if self._busy_shown:
                self.busy_changed.emit(True, self._current_label())
            return
        self._progress.stop()
        if self._busy_shown:
            self._busy_shown = False
            self.busy_changed.emit(False, "")
        self.idle.emit()

    def _current_label(self) -> str:
        labels = [p.label for p in self._pending.values() if p.label]
        return labels[0] if labels else _("Working…")

    @Slot()
    def _show_progress(self) -> None:
        if self._pending and not self._busy_shown:
            self._busy_shown = True
            self.busy_changed.emit(True, self._current_label())
