"""Sync in the main window: the status-bar indicator, F9 "sync now", Shift+F9 the sync panel, calm notices.

The main window makes one ``DeskSync`` and calls ``start()`` once the records are open. It
owns the ``SyncRunner`` (background and on-demand syncs on the runner's network lane), puts the
``SyncIndicator`` in the status bar, and says what happened in the notice bar: after a sync the
worker asked for, after a failure the worker asked for, and when a background sync finds a new
issue to look at (a family checked in at two desks, say). A background sync that cannot reach
the server says nothing more than "Offline" in the status bar: the desk simply carries on.
After any desk action that wrote something (the runner's ``changed`` signal) the count of
changes waiting to go is read again; when the runner shuts down, so does all of this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.sync import sync_words
from visitorcentre.ui.sync.sync_indicator import SyncIndicator
from visitorcentre.ui.sync.sync_runner import SyncRunner

if TYPE_CHECKING:
    from visitorcentre.core.sync_views import SyncState

KEYS = {"sync_now": "F9", "panel": "Shift+F9"}


class DeskSync(QObject):
    """The desk app's side of sync, for the main window."""

    def __init__(self, desk, tasks: DeskTasks, notice: NoticeBar, window: QWidget):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._notice = notice
        self._window = window
        self.panel = None
        self._open_issues: int | None = None
        self.runner = SyncRunner(desk, tasks, self)
        bar = window.statusBar()
        holder = getattr(bar, "connection", None)  # the status bar's place for the connection
        self.indicator = SyncIndicator(holder if holder is not None else bar)
        if holder is not None and holder.layout() is not None:
            holder.layout().addWidget(self.indicator)
        else:
            bar.addPermanentWidget(self.indicator)
        self.runner.state_changed.connect(self._state_changed)
        self.runner.started.connect(self.indicator.sync_started)
        self.runner.progress.connect(self.indicator.show_progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.indicator.clicked.connect(self.open_panel)
        tasks.changed.connect(self._records_changed)
        tasks.closing.connect(self.shutdown)

    def start(self) -> None:
        """Once the records are open: read the state, and sync now and then on the timer if enrolled."""
        self.runner.start()

    def shutdown(self) -> None:
        """Stop the timers and close the panel (the runner's ``closing`` calls it)."""
        self.runner.shutdown()
        self.indicator.tick.stop()
        if self.panel is not None:
            self.panel.close()

    def shortcuts(self) -> dict:
        """Key sequences and what they do (the main window makes the shortcuts)."""
        return {(KEYS["sync_now"],): self.sync_now, (KEYS["panel"],): self.open_panel}

    def buttons(self) -> list[QPushButton]:
        """The status bar's sync button, in tab order."""
        return [self.indicator.button]

    def refresh_state(self) -> None:
        """After a desk action (the runner's ``changed``): the count of changes waiting has moved."""
        self.runner.refresh_state()

    @Slot(object)
    def _records_changed(self, _changes) -> None:
        self.refresh_state()

    # --- what the worker asks for ---------------------------------------------------------------

    @Slot()
    def sync_now(self) -> bool:
        """F9: sync now, or say calmly why not."""
        runner = self.runner
        if runner.capable is None:
            self._notice.say(_("The desk is still opening its records; press F9 again in a moment."), status_signs.NOTE)
            return False
        if not runner.enrolled:
            self._notice.say(
                _(
                    "This desk works on its own: it is not connected to a central server, so there is "
                    "nothing to sync. Everything is kept safely on this desk."
                ),
                status_signs.NOTE,
            )
            return False
        if runner.running:
            self._notice.say(_("A sync is already running; it will finish by itself."), status_signs.NOTE)
            return False
        return runner.sync_now(manual=True)

    @Slot()
    def open_panel(self):
        """The sync panel (Shift+F9, or a click on the sync status)."""
        if self.panel is not None:
            self.panel.raise_()
            self.panel.activateWindow()
            return self.panel
        from visitorcentre.ui.sync.sync_panel import open_sync_panel

        self.panel = open_sync_panel(self._desk, self._tasks, self.runner, self._window)
        self.panel.destroyed.connect(self._panel_closed)
        return self.panel

    @Slot()
    def _panel_closed(self) -> None:
        self.panel = None

    # --- what the runner reports ----------------------------------------------------------------

    @Slot(object)
    def _state_changed(self, state: SyncState | None) -> None:
        self.indicator.show_state(state)
        if state is None or not state.enrolled or self.runner.running:
            return  # mid-sync counts are read again when it ends
        seen, self._open_issues = self._open_issues, state.open_issues
        if seen is not None and state.open_issues > seen:
            self._notice.say(
                _(
                    "Sync found something to look at: {issues}. Press Shift+F9, or click the sync status, to read it."
                ).format(issues=sync_words.issues_count(state.open_issues)),
                status_signs.WARNING,
            )

    @Slot(object, bool)
    def _finished(self, result, manual: bool) -> None:
        self.indicator.sync_ended()
        if manual and self.panel is None:
            self._notice.say(sync_words.result_words(result), status_signs.OK)

    @Slot(str, bool)
    def _failed(self, reason: str, manual: bool) -> None:
        self.indicator.sync_ended()
        if manual and self.panel is None:
            self._notice.say(
                _(
                    "Could not sync: {reason} The desk carries on with its own records; the changes "
                    "are kept and will be sent when the line is back."
                ).format(reason=reason),
                status_signs.WARNING,
            )
