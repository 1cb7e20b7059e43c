"""Staff only: a name and PIN before a family's screen (feedback mode, the hall door) gives way to the desk.

Those screens face the public. Behind them is the desk with the last family's visit open, so a
child pressing Esc and Enter must never reach it: leaving needs a member of staff's PIN, checked
as the sign-in screen checks it (wrong PINs counted, the name locked after too many, each try in
the audit log). The desk then carries on for whoever typed it, as after unlocking.

The dialog is window-modal but never blocks with ``exec()``: ``confirmed`` says staff may leave.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _


class StaffPinDialog(QDialog):
    """Asks a member of staff for their name and PIN; ``confirmed`` carries who they are."""

    #: The PIN was right (the Actor who typed it).
    confirmed = Signal(object)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget, title: str, explanation: str, action: str):
        super().__init__(parent)
        self.setObjectName("staffPinDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._desk = desk
        self._tasks = tasks
        self._checking = False
        heading = QLabel(title, self)
        heading.setProperty("role", "heading")
        explain = QLabel(explanation, self)
        explain.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setObjectName("staffPinName")
        self.name.setAccessibleName(_("Staff member's name"))
        self.name.setMaxLength(80)
        actor = desk.ctx.actor
        self.name.setText(actor.name if actor.role else "")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("staffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(_("Staff member's PIN"))
        self.pin.setMaxLength(128)
        self.name_message = FieldMessage(self, "staffPinName")
        self.pin_message = FieldMessage(self, "staffPin")
        name_label = QLabel(_("&Name"), self)
        name_label.setBuddy(self.name)
        pin_label = QLabel(_("&PIN"), self)
        pin_label.setBuddy(self.pin)
        self.ok_button = QPushButton(action, self)
        self.ok_button.setProperty("role", "primary")
        self.ok_button.setDefault(True)
        self.ok_button.setAccessibleName(action)
        back = QPushButton(_("Go back"), self)
        back.setAutoDefault(False)  # Enter always means the PIN typed, never "Go back"
        back.setAccessibleName(_("Go back without leaving"))
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(back, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(explain)
        for label, field, message in (
            (name_label, self.name, self.name_message),
            (pin_label, self.pin, self.pin_message),
        ):
            layout.addWidget(label)
            layout.addWidget(field)
            layout.addWidget(message)
        layout.addWidget(buttons)
        (self.pin if self.name.text() else self.name).setFocus()

    @Slot()
    def check(self) -> None:
        """Check the name and PIN in the background; a wrong one is said next to its field."""
        if self._checking:
            return
        self.name_message.clear()
        self.pin_message.clear()
        name, pin = self.name.text().strip(), self.pin.text()
        if not name:
            self.name_message.say(_("Type your name."))
            self.name.setFocus()
            return
        if not pin:
            self.pin_message.say(_("Type your PIN."))
            self.pin.setFocus()
            return
        self._checking = True
        self._tasks.run(
            lambda: self._desk.staff.sign_in(name, pin), self._right, self._wrong, label=_("Checking the PIN…")
        )

    def _right(self, actor) -> None:
        self._checking = False
        self.pin.clear()
        self.accept()
        self.confirmed.emit(actor)

    def _wrong(self, error: VisitorCentreError) -> None:
        self._checking = False
        self.pin.clear()
        if error.field == "name":
            self.name_message.say(error.message)
            self.name.setFocus()
            self.name.selectAll()
        else:
            self.pin_message.say(error.message, status_signs.STOP if error.field == "pin" else status_signs.WARNING)
            self.pin.setFocus()


def ask_staff_pin(
    desk, tasks: DeskTasks, parent: QWidget, title: str, explanation: str, action: str, then
) -> StaffPinDialog:
    """Open the PIN dialog over ``parent``; ``then()`` runs once the PIN is right. Returns the dialog."""
    dialog = StaffPinDialog(desk, tasks, parent, title, explanation, action)
    dialog.confirmed.connect(lambda _actor: then())
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    (dialog.pin if dialog.name.text() else dialog.name).setFocus()
    return dialog
