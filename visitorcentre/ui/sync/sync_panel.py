"""The sync panel: how the desk's link to the central server stands, and the sync issues to look at.

Opened by clicking the sync status in the status bar (or Shift+F9). At the top, the state in
words — online or offline and why, the last sync, the changes waiting — and "Sync now (F9)".
Below, what sync could not sort out by itself, in plain words: a family checked in at two
desks, a record changed at two desks, a change the server would not take. A worker reads each,
does what it says, and dismisses it; dismissed ones can be shown again. Not modal: the desk
carries on behind it, and a sync running meanwhile updates it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.changes import Changes
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.sync_views import SyncIssue, SyncState
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.record_views import record_table
from visitorcentre.ui.shared.screen_fit import fit_to_screen
from visitorcentre.ui.sync import sync_words
from visitorcentre.ui.sync.sync_issues_model import ISSUE_ROLE, SyncIssuesModel
from visitorcentre.ui.sync.sync_runner import SyncRunner

#: What dismissing an issue changes (the sync issue itself).
SYNC_ISSUES = frozenset({"sync_issue"})


class SyncPanel(QDialog):
    """The state of the desk's sync, "Sync now", and the sync issues with "Dismiss"."""

    def __init__(self, desk, tasks: DeskTasks, runner: SyncRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self._runner = runner
        self.setObjectName("syncPanel")
        self.setWindowTitle(_("Sync with the central server"))
        fit_to_screen(self, 1100, 780)
        heading = QLabel(_("Sync with the central server"), self)
        heading.setProperty("role", "heading")
        self.state_icon = QLabel(self)
        self.state_line = QLabel("", self)
        self.state_line.setObjectName("syncStateLine")
        self.state_line.setWordWrap(True)
        self.state_line.setAccessibleName(_("Sync status"))
        self.state_details = QLabel("", self)
        self.state_details.setObjectName("syncStateDetails")
        self.state_details.setWordWrap(True)
        self.state_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_details.setAccessibleName(_("Sync details"))
        self.sync_button = QPushButton(_("Sync now  (F9)"), self)
        self.sync_button.setProperty("role", "primary")
        self.sync_button.setAccessibleName(_("Sync with the central server now"))
        issues_heading = QLabel(_("Sync issues"), self)
        issues_heading.setProperty("role", "subheading")
        intro = QLabel(
            _("What sync could not sort out by itself. Read each one, do what it says, then dismiss it."), self
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "subtle")
        self.model = SyncIssuesModel(self)
        self.view = record_table(self, self.model, "syncIssues", _("Sync issues"), (SyncIssuesModel.COL_MESSAGE,))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = QLabel(_("No sync issues to look at."), self)
        self.empty.setObjectName("syncNoIssues")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_dismissed = QCheckBox(_("Show dismissed issues too"), self)
        self.show_dismissed.setAccessibleName(_("Show the sync issues already dismissed"))
        self.dismiss_button = QPushButton(_("Dismiss  (Del)"), self)
        self.dismiss_button.setAccessibleName(_("Dismiss the selected sync issues: they have been dealt with"))
        self.message = FieldMessage(self, "syncPanel")
        close = QPushButton(_("Close"), self)
        close.setAccessibleName(_("Close the sync panel"))
        # lay out
        state_row = QHBoxLayout()
        state_row.addWidget(self.state_icon, 0, Qt.AlignmentFlag.AlignTop)
        state_text = QVBoxLayout()
        state_text.addWidget(self.state_line)
        state_text.addWidget(self.state_details)
        state_row.addLayout(state_text, 1)
        state_row.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_dismissed)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(state_row)
        layout.addWidget(issues_heading)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for first, second in (
            (self.view, self.dismiss_button),
            (self.dismiss_button, self.show_dismissed),
            (self.show_dismissed, self.sync_button),
            (self.sync_button, close),
        ):
            QWidget.setTabOrder(first, second)
        # wire
        self.sync_button.clicked.connect(self.sync_now)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.show_dismissed.toggled.connect(lambda _on: self.reload())
        close.clicked.connect(self.reject)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view).activated.connect(self.dismiss)
        QShortcut(QKeySequence("F9"), self).activated.connect(self.sync_now)
        # Bound slots only: Qt cuts them off when the panel closes; the runner lives on.
        runner.state_changed.connect(self.show_state)
        runner.started.connect(self._sync_started)
        runner.finished.connect(self._sync_finished)
        runner.failed.connect(self._sync_failed)
        tasks.changed.connect(self._records_changed)
        self.show_state(runner.state)
        self.reload()
        self.view.setFocus()

    # --- the state ------------------------------------------------------------------------------

    @Slot(object)
    def show_state(self, state: SyncState | None) -> None:
        status = sync_words.status(state, self._runner.running, sync_words.utc_now())
        self.state_icon.setPixmap(status_signs.icon(status.icon).pixmap(32, 32))
        self.state_icon.setAccessibleName(status.word)
        self.state_line.setText(status.text)
        self.state_details.setText(status.details)
        can_sync = self._runner.enrolled
        self.sync_button.setVisible(can_sync)
        self.sync_button.setEnabled(can_sync and not self._runner.running)
        self.sync_button.setText(_("Syncing…") if self._runner.running else _("Sync now  (F9)"))

    @Slot()
    def sync_now(self) -> None:
        self.message.clear()
        if not self._runner.sync_now(manual=True):
            if self._runner.running:
                self.message.say(_("A sync is already running; it will finish by itself."), status_signs.NOTE)
            else:
                self.message.say(_(sync_words.STANDALONE) + ".", status_signs.NOTE)
        self.show_state(self._runner.state)

    @Slot(bool)
    def _sync_started(self, _manual: bool) -> None:
        self.show_state(self._runner.state)

    @Slot(object, bool)
    def _sync_finished(self, result, _manual: bool) -> None:
        self.message.say(sync_words.result_words(result), status_signs.OK)
        self.reload()  # a sync may find issues without taking any records down

    @Slot(object)
    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(SYNC_ISSUES):
            self.reload()

    @Slot(str, bool)
    def _sync_failed(self, reason: str, _manual: bool) -> None:
        self.message.say(_("Could not sync: {reason} The desk carries on with its own records.").format(reason=reason))
        self.show_state(self._runner.state)

    # --- the issues -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the issues again (in the background)."""
        if not self._runner.capable:
            self._show_issues([])
            return
        include = self.show_dismissed.isChecked()
        self._tasks.run(
            lambda: self._desk.sync.issues(include_dismissed=include),
            self._show_issues,
            self._problem,
            key="sync-issues",
            label=_("Reading the sync issues…"),
        )

    def _show_issues(self, issues: list[SyncIssue]) -> None:
        if not shiboken6.isValid(self.model):  # the panel was closed while the issues were being read
            return
        self.model.set_rows(issues)
        self.view.resizeRowsToContents()
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if has_rows and not self.view.selectionModel().hasSelection():
            self.view.selectionModel().select(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def selected_issues(self) -> list[SyncIssue]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [self.model.index(row, 0).data(ISSUE_ROLE) for row in rows]

    def _update_buttons(self) -> None:
        self.dismiss_button.setEnabled(any(not issue.dismissed for issue in self.selected_issues()))

    @Slot()
    def dismiss(self) -> None:
        """Dismiss the selected issues (one after another, each its own write), then read them again."""
        chosen = [issue.id for issue in self.selected_issues() if not issue.dismissed]
        self.message.clear()
        if not chosen:
            self.message.say(_("Choose the issue you have dealt with, then press Dismiss."), status_signs.NOTE)
            return
        self.dismiss_button.setEnabled(False)
        desk = self._desk

        def dismiss_all() -> int:
            for issue_id in chosen:
                desk.sync.dismiss_issue(issue_id)
            return len(chosen)

        self._tasks.run(
            dismiss_all, self._dismissed, self._problem, label=_("Dismissing…"), changes=Changes.of(*SYNC_ISSUES)
        )

    def _dismissed(self, count: int) -> None:
        self.message.say(
            _("Dismissed. It stays in the list of dismissed issues.")
            if count == 1
            else _("{n} issues dismissed. They stay in the list of dismissed issues.").format(n=count),
            status_signs.OK,
        )
        self.view.clearSelection()  # the list and the status bar's count follow the runner's "changed"

    def _problem(self, error: VisitorCentreError) -> None:
        if not shiboken6.isValid(self.message):  # closed meanwhile
            return
        self.message.say(error.message)
        self._update_buttons()


def open_sync_panel(desk, tasks: DeskTasks, runner: SyncRunner, parent: QWidget | None) -> SyncPanel:
    """Open the sync panel (not modal: the desk carries on behind it)."""
    panel = SyncPanel(desk, tasks, runner, parent)
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    panel.show()
    return panel
