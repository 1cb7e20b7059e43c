"""Looking after the desk's records at start-up: the check, the daily backup, and the screen for damaged records.

``RecordsCheck`` runs after the first paint on the runner's care lane, so checking a large file
never holds up a search or a check-in: ``PRAGMA quick_check``, then today's backup if there is
none yet. If the records are damaged, ``DamagedRecordsScreen`` says so in plain words and offers
the latest good backup by its date; restoring it keeps the damaged file aside (never deleted) and
reopens the desk. The restore runs alone on the records lane: a sync that is running finishes
first and no other starts until the file is back, and afterwards every screen reads the records
again (the runner's ``changed``). With no backup it says who to call.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visitorcentre.config import paths
from visitorcentre.core.changes import EVERYTHING
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime.tasks import CARE, DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, long_date
from visitorcentre.ui.shared.screen_fit import may_narrow, within_screen

log = logging.getLogger(__name__)

WHO_TO_CALL = _(
    "Please call your centre manager, or the prison's IT helpdesk, and tell them: “the visitor centre "
    "desk's records are damaged and there is no backup”. Do not delete or move the file yourself."
)


class RecordsCheck(QObject):
    """The start-up check and daily backup, on the runner's care lane; ``damaged`` says what to offer."""

    #: (what is wrong, the latest good backup or None)
    damaged = Signal(str, object)
    #: The start-up care finished (its StartUpCare), whatever it found.
    done = Signal(object)

    def __init__(self, db_path: Path, tasks: DeskTasks, parent: QObject | None = None, clock=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._tasks = tasks
        self._clock = clock
        self.result = None

    def start(self) -> None:
        from visitorcentre.db import backups  # plain sqlite3: cheap to load

        path, now = self.db_path, (self._clock.now() if self._clock else datetime.now())

        def care():
            keep = backups.kept_setting(path, backups.DAILY_KEPT_KEY, 7)
            return backups.start_up_care(path, paths.backup_dir(), keep, now)

        self._tasks.run(
            care,
            self._cared,
            lambda error: log.error("Start-up check failed: %s", error.message),
            label=_("Checking the desk's records…"),
            lane=CARE,
        )

    def _cared(self, result) -> None:
        self.result = result
        if not result.health.ok:
            self.damaged.emit(result.health.problem, result.latest_backup)
        self.done.emit(result)


class DamagedRecordsScreen(QDialog):
    """The records are damaged: what happened, the backup on offer (by date), and restoring it."""

    #: The backup was restored: (the backup's label, where the damaged file was kept)
    restored = Signal(str, str)

    def __init__(self, desk, tasks: DeskTasks, db_path: Path, problem: str, backup, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self._db_path = Path(db_path)
        self.backup = backup
        self.setObjectName("damagedRecords")
        self.setWindowTitle(_("The desk's records are damaged"))
        self.setMinimumSize(within_screen(self, 900), 420)
        heading = QLabel(_("The desk's records are damaged"), self)
        heading.setProperty("role", "heading")
        sign = QLabel(self)
        sign.setPixmap(status_signs.icon(status_signs.STOP.icon).pixmap(48, 48))
        sign.setAccessibleName(_(status_signs.STOP.word))
        top = QHBoxLayout()
        top.addWidget(sign)
        top.addWidget(heading, 1)
        what = QLabel(
            _(
                "Stop: this desk cannot safely use its records. The file that holds them has been damaged — "
                "perhaps by a power cut or a failing disk. The desk has stopped using it so that nothing "
                "more is lost."
            ),
            self,
        )
        what.setWordWrap(True)
        self.offer = QLabel(self)
        self.offer.setObjectName("backupOffer")
        self.offer.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "fieldError")
        self.message.hide()
        detail = QLabel(_("What the check found: {problem}").format(problem=problem), self)
        detail.setWordWrap(True)
        detail.setProperty("role", "subtle")
        may_narrow(what, self.offer, self.message, detail)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(self)
        self.restore_button.setProperty("role", "primary")
        self.close_button = QPushButton(_("Close the desk"), self)
        self.close_button.setAccessibleName(_("Close the desk without restoring"))
        self.close_button.clicked.connect(self.reject)
        if backup is not None:
            self.offer.setText(
                _(
                    "The latest good backup was taken on {when}. Restoring it brings back everything the "
                    "desk held then; anything done after that will need to be entered again (check "
                    "today's day list). The damaged file is kept aside for support staff, not deleted."
                ).format(when=backup.label())
            )
            self.restore_button.setText(_("Restore the backup of {day}").format(day=long_date(backup.taken)))
            self.restore_button.setAccessibleName(self.restore_button.text())
            self.restore_button.clicked.connect(self.restore)
            self.restore_button.setDefault(True)
        else:
            self.offer.setText(_("There is no backup of these records on this desk. ") + WHO_TO_CALL)
            self.restore_button.hide()
            self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(what)
        layout.addWidget(self.offer)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(detail)
        layout.addLayout(buttons)

    def restore(self) -> None:
        """Restore the backup on the records lane, alone (after any sync in hand), then reopen the records."""
        from visitorcentre.sync import restored

        desk, path, backup = self._desk, self._db_path, self.backup

        def work():  # after any sync of the desk has finished; no connection may stay open on the file
            return restored.restore_backup(path, backup.path, datetime.now(), before=desk.close)

        self.restore_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self._tasks.run_alone(work, self._restored, self._failed, label=_("Restoring the backup…"), changes=EVERYTHING)

    def _restored(self, aside) -> None:
        self.restored.emit(self.backup.label(), str(aside))
        self.accept()

    def _failed(self, error: VisitorCentreError) -> None:
        self.close_button.setEnabled(True)
        self.message.setText(
            _("Warning: the backup could not be restored: {why} ").format(why=error.message) + WHO_TO_CALL
        )
        self.message.show()


def watch_records(window) -> RecordsCheck | None:
    """Start the records check for the main window's desk; a damaged file opens the screen over the window."""
    ctx = getattr(window.desk, "ctx", None)
    path = getattr(ctx, "db_path", None)
    if not isinstance(path, (str, Path)):
        return None
    check = RecordsCheck(path, window.tasks, window, clock=ctx.clock)
    check.damaged.connect(lambda problem, backup: show_damaged_records(window, Path(path), problem, backup))
    check.start()
    return check


def show_damaged_records(window, path: Path, problem: str, backup) -> DamagedRecordsScreen:
    """The damaged-records screen over ``window`` (once); restoring reloads the desk, closing closes it."""
    screen = getattr(window, "damaged_records_screen", None)
    if screen is not None and screen.isVisible():
        return screen
    screen = DamagedRecordsScreen(window.desk, window.tasks, path, problem, backup, window)
    window.damaged_records_screen = screen

    def restored(label: str, aside: str) -> None:
        window.notice.say(
            _(
                "The backup of {when} is restored and the desk is working again. Anything done since then "
                "needs entering again. The damaged file is kept as {aside}."
            ).format(when=label, aside=aside),
            status_signs.OK,
        )
        window.status.start(window.tasks)  # the establishment's name, if the records never opened before

    screen.restored.connect(restored)
    screen.rejected.connect(window.close)
    screen.setWindowModality(Qt.WindowModality.WindowModal)
    screen.show()
    return screen
