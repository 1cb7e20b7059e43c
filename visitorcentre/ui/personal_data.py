"""A person's data, from the visitor form: "Export this person's data" and "Erase on request" (managers).

Both run through the background helper; the services check the role again, so a desk worker
who somehow reached the buttons is still refused. Erasing asks for the reason and a confirmation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.roles import MANAGER_ROLES
from visitorcentre.ui import reason_dialog, status_signs
from visitorcentre.ui.i18n import _
from visitorcentre.ui.tasks import DeskTasks


def choose_export_file(parent: QWidget | None, suggested: str) -> Path | None:
    """Where to save the export (tests replace this); None if the worker went back."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, _("Save this person's data"), suggested,
                                                  _("JSON files (*.json)"))
    return Path(chosen) if chosen else None


def is_manager(desk) -> bool:
    actor = getattr(desk, "actor", None)
    return getattr(actor, "role", "") in MANAGER_ROLES


class PersonalDataActions(QObject):
    """The two buttons and what they do, for one visitor; messages go to ``say(message, sign)``."""

    erased = Signal(str)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget, visitor_id: str, say):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self._parent = parent
        self.visitor_id = visitor_id
        self._say = say
        self.export_button = QPushButton(_("Export this person's data…"), parent)
        self.export_button.setObjectName("exportPersonalData")
        self.export_button.setAccessibleName(_("Export everything the desk holds about this person to a file"))
        self.export_button.clicked.connect(self.export)
        self.erase_button = QPushButton(_("Erase on request…"), parent)
        self.erase_button.setObjectName("erasePersonalData")
        self.erase_button.setAccessibleName(_("Erase this person's details at their request"))
        self.erase_button.clicked.connect(self.erase)

    def row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        return row

    def buttons(self) -> list[QPushButton]:
        return [self.export_button, self.erase_button]

    def _busy(self, busy: bool) -> None:
        for button in self.buttons():
            button.setEnabled(not busy)

    def export(self) -> None:
        """Ask where to save, then write everything held about the person (recorded in the audit)."""
        from visitorcentre.private_files import export_visitor_to

        path = choose_export_file(self._parent, f"visitor-{self.visitor_id[:8]}.json")
        if path is None:
            return
        desk, visitor_id = self._desk, self.visitor_id
        self._busy(True)
        self._tasks.run(lambda: export_visitor_to(desk, visitor_id, path), lambda data: self._exported(data, path),
                        self._failed, label=_("Exporting this person's data…"))

    def _exported(self, data: dict, path: Path) -> None:
        self._busy(False)
        self._say(_("Everything the desk holds about this person ({visits} visits, {applications} travel-cost "
                    "applications) is saved as {path}. Give it to them securely, then delete this copy.").format(
            visits=len(data["visits"]), applications=len(data["cost_applications"]), path=path), status_signs.OK)

    def erase(self, name: str = "") -> None:
        """Ask why and to confirm, then erase the person's details (keeping the figures for reports)."""
        who = name or _("this person")
        reason = reason_dialog.ask_reason(
            self._parent, _("Erase on request"),
            _("{who}'s name, date of birth, contact details, address, notes and travel-cost details will be removed "
              "for good, here and at the central office. The figures for reports are kept. This cannot be undone.")
            .format(who=who),
            _("Why (e.g. “asked in writing on 3 March”)"), _("Continue"))
        if not reason:
            return
        if not reason_dialog.confirm(self._parent, _("Erase {who}'s details?").format(who=who),
                                     _("This cannot be undone. The reason is recorded: “{reason}”.").format(reason=reason),
                                     _("Erase the details")):
            return
        desk, visitor_id = self._desk, self.visitor_id
        self._busy(True)
        self._tasks.run(lambda: desk.erase_visitor(visitor_id, reason), lambda _r: self._erased(), self._failed,
                        label=_("Erasing…"))

    def _erased(self) -> None:
        self._busy(False)
        self._say(_("The details are erased. The figures for reports are kept."), status_signs.OK)
        self.erased.emit(self.visitor_id)

    def _failed(self, error: VisitorCentreError) -> None:
        self._busy(False)
        self._say(error.message, status_signs.WARNING)
