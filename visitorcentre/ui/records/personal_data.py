"""A person's data, from the visitor form: "Export this person's data" and "Erase on request" (managers).

Both run through the background helper; the services check the role again, so a desk worker
who somehow reached the buttons is still refused. Erasing asks for the reason and a confirmation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.roles import MANAGER_ROLES
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import reason_dialog, status_signs
from visitorcentre.ui.shared.i18n import _


def choose_export_file(parent: QWidget | None, suggested: str) -> Path | None:
    """Where to save the export (tests replace this); None if the worker went back."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save this person's data"), suggested, _("JSON files (*.json)")
    )
    return Path(chosen) if chosen else None


def is_manager(desk) -> bool:
    actor = getattr(getattr(desk, "ctx", None), "actor", None)
    return getattr(actor, "role", "") in MANAGER_ROLES


class PersonalDataActions(QObject):
    """The two buttons and what they do, for one visitor; messages go to ``say(message, sign)``."""

    erased = Signal(str)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget, visitor_id: str, say, name=lambda: ""):
        super().__init__(parent)
        self._name = name  # the person's first name as the form shows it, for the questions
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
        # What was done, said calmly beside the buttons (the form's own message line is for problems).
        self.done_sign = QLabel(parent)
        self.done = QLabel("", parent)
        self.done.setObjectName("personalDataDone")
        self.done.setWordWrap(True)
        self.done.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_sign.hide()
        self.done.hide()

    def row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.done_sign, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.done, 1)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _tell(self, message: str) -> None:
        self.done_sign.setPixmap(status_signs.icon(status_signs.OK.icon).pixmap(22, 22))
        self.done_sign.setAccessibleName(_(status_signs.OK.word))
        self.done.setText(f"{_(status_signs.OK.word)}: {message}")
        self.done_sign.show()
        self.done.show()

    def text(self) -> str:
        """What was last done ("" if nothing yet)."""
        return "" if self.done.isHidden() else self.done.text()

    def buttons(self) -> list[QPushButton]:
        return [self.export_button, self.erase_button]

    def _busy(self, busy: bool) -> None:
        for button in self.buttons():
            button.setEnabled(not busy)

    def export(self) -> None:
        """Ask where to save, then write everything held about the person (recorded in the audit)."""
        from visitorcentre.files.private import export_visitor_to

        path = choose_export_file(self._parent, f"visitor-{self.visitor_id[:8]}.json")
        if path is None:
            return
        desk, visitor_id = self._desk, self.visitor_id
        self._busy(True)
        self._tasks.run(
            lambda: export_visitor_to(desk, visitor_id, path),
            lambda data: self._exported(data, path),
            self._failed,
            label=_("Exporting this person's data…"),
        )

    def _exported(self, data: dict, path: Path) -> None:
        self._busy(False)
        self._tell(
            _(
                "Everything the desk holds about this person ({visits} visits, {applications} travel-cost "
                "applications) is saved as {path}. Give it to them securely, then delete this copy."
            ).format(visits=len(data["visits"]), applications=len(data["cost_applications"]), path=path)
        )

    def erase(self) -> None:
        """Ask why and to confirm, then erase the person's details (keeping the figures for reports)."""
        who = self._name() or _("this person")
        reason = reason_dialog.ask_reason(
            self._parent,
            _("Erase on request"),
            _(
                "{who}'s name, date of birth, contact details, address, notes and travel-cost details will be removed "
                "for good, here and at the central office. The figures for reports are kept. This cannot be undone."
            ).format(who=who),
            _("Why (e.g. “asked in writing on 3 March”)"),
            _("Continue"),
        )
        if not reason:
            return
        if not reason_dialog.confirm(
            self._parent,
            _("Erase {who}'s details?").format(who=who),
            _("This cannot be undone. The reason is recorded: “{reason}”.").format(reason=reason),
            _("Erase the details"),
        ):
            return
        desk, visitor_id = self._desk, self.visitor_id
        self._busy(True)
        self._tasks.run(
            lambda: desk.records.erase_visitor(visitor_id, reason),
            lambda _r: self._erased(),
            self._failed,
            label=_("Erasing…"),
        )

    def _erased(self) -> None:
        self._busy(False)
        self._tell(_("The details are erased. The figures for reports are kept."))
        self.erased.emit(self.visitor_id)

    def _failed(self, error: VisitorCentreError) -> None:
        self._busy(False)
        self.done_sign.hide()
        self.done.hide()
        self._say(error.message, status_signs.WARNING)
