"""The manager's staff tools in the main window: the audit log (Ctrl+Shift+A, and Centre ▸ Audit log…).

It is reached from the menu bar rather than a status-bar button (the status bar is full at
1600 px). A desk worker asking for it is told it is for managers; the service refuses them too,
whatever the screen does.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from visitorcentre.core.roles import MANAGER, has_role
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.notice import NoticeBar

AUDIT_KEY = "Ctrl+Shift+A"


class StaffTools(QObject):
    """Opens the audit log for the main window."""

    def __init__(self, desk, tasks: DeskTasks, notice: NoticeBar, window: QWidget):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._notice = notice
        self._window = window
        self.audit_viewer = None

    def buttons(self) -> list[QPushButton]:
        """No buttons of their own: the menu bar and the shortcut open the audit log."""
        return []

    def shortcuts(self) -> dict:
        return {(AUDIT_KEY,): self.open_audit_log}

    @Slot()
    def open_audit_log(self):
        """The audit log (managers only)."""
        if not has_role(self._desk.ctx.actor.role, MANAGER):
            self._notice.say(_("The audit log is for managers. Ask a manager to open it."), status_signs.NOTE)
            return None
        if self.audit_viewer is not None:
            self.audit_viewer.raise_()
            self.audit_viewer.activateWindow()
            return self.audit_viewer
        from visitorcentre.ui.staff.audit_viewer import open_audit_viewer

        self.audit_viewer = open_audit_viewer(self._desk, self._tasks, self._window)
        self.audit_viewer.destroyed.connect(lambda *_a: setattr(self, "audit_viewer", None))
        return self.audit_viewer
