"""Centre > Connect to the central server…: enrol a desk that was set up on its own at first run.

An admin types the server's address and a one-time enrolment code for this desk's establishment.
The enrolment (sync/connect_later.py) runs on the desk's background helper; then the desk's own
sync starts at once, with its progress in the status bar, and sends up everything done here.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import may_narrow, within_screen


def connect(desk, server_url: str, code: str) -> str:
    """On the desk's worker: admins only; enrol the desk set up on its own; returns its establishment."""
    from visitorcentre.sync import connect_later

    desk.staff.require_admin(_("connect this desk to the central server"))
    url = server_url.strip()
    if url and "://" not in url:
        url = "https://" + url
    return connect_later.enrol_existing(desk.ctx.db_path, url, code, transport=desk.sync.transport)


class ConnectLaterDialog(QDialog):
    """Address and code, a message next to the field at fault, Connect and Close."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setWindowTitle(_("Connect to the central server"))
        self._window = window
        self.working = False
        explain = QLabel(
            _(
                "This desk works on its own. To connect it, type the central server's address and a "
                "one-time enrolment code for this desk's establishment. Everything done here is kept and "
                "sent up; the establishment's visiting rules become the central team's."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.address = QLineEdit(self)
        self.address.setAccessibleName(_("The central server's address"))
        self.address.setPlaceholderText("https://visits.example.scot")
        self.code = QLineEdit(self)
        self.code.setAccessibleName(_("The one-time enrolment code"))
        self.code.setMaxLength(64)
        self.address_message = FieldMessage(self, "laterAddress")
        self.code_message = FieldMessage(self, "laterCode")
        self.state = QLabel("", self)
        self.state.setWordWrap(True)
        may_narrow(explain, self.state)
        self.connect_button = QPushButton(_("Connect"), self)
        self.connect_button.setProperty("role", "primary")
        self.close_button = QPushButton(_("Close"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        for text, field, message in (
            (_("Server &address"), self.address, self.address_message),
            (_("Enrolment &code"), self.code, self.code_message),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field)
            layout.addWidget(message)
        layout.addWidget(self.state)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addStretch(1)
        row.addWidget(self.connect_button)
        layout.addLayout(row)
        self.setMinimumWidth(within_screen(self, 560))
        self.connect_button.clicked.connect(self.connect_now)
        self.code.returnPressed.connect(self.connect_now)
        self.close_button.clicked.connect(self.reject)
        self.address.textEdited.connect(lambda _t: self.address_message.clear())
        self.code.textEdited.connect(lambda _t: self.code_message.clear())

    @Slot()
    def connect_now(self) -> None:
        if self.working:
            return
        typed = address_and_code(self.address, self.address_message, self.code, self.code_message)
        if typed is None:
            return
        address, code = typed
        self._working(True)
        desk = self._window.desk
        self._window.tasks.run(
            lambda: connect(desk, address, code),
            self._connected,
            self._refused,
            label=_("Connecting to the central server…"),
        )

    def _working(self, working: bool) -> None:
        self.working = working
        for widget in (self.address, self.code, self.connect_button, self.close_button):
            widget.setEnabled(not working)
        self.state.setText(_("Connecting to the central server…") if working else "")

    def _refused(self, error: VisitorCentreError) -> None:
        from visitorcentre.core.errors import SyncUnavailable
        from visitorcentre.desk.first_run import explain_refusal

        self._working(False)
        message, field = explain_refusal(error) if isinstance(error, SyncUnavailable) else (error.message, error.field)
        if field == "code":
            self.code_message.say(message)
            self.code.setFocus()
        else:
            self.address_message.say(message, status_signs.STOP if field not in ("url",) else status_signs.WARNING)
            self.address.setFocus()

    def _connected(self, establishment: str) -> None:
        self._working(False)
        self._window.notice.say(
            _(
                "This desk is now connected to the central server for {code}. Its first sync "
                "has started; the status bar shows how far it has got."
            ).format(code=establishment)
        )
        self._window.sync.runner.start(sync_at_once=True)
        self.accept()


def open_dialog(window) -> ConnectLaterDialog | None:
    """Show the dialog (not modal to the event loop: tests and the desk carry on)."""
    if window.sync.runner.enrolled:
        window.notice.say(
            _("This desk is connected to the central server already; Shift+F9 shows its sync."), status_signs.NOTE
        )
        return None
    dialog = ConnectLaterDialog(window)
    window.connect_later_dialog = dialog
    dialog.open()
    return dialog


def address_and_code(
    address: QLineEdit, address_message: FieldMessage, code: QLineEdit, code_message: FieldMessage
) -> tuple[str, str] | None:
    """The server address and enrolment code typed, or None after saying next to the field what is missing."""
    address_message.clear()
    code_message.clear()
    typed_address, typed_code = address.text().strip(), code.text().strip()
    if not typed_address:
        address_message.say(_("Type the central server's address, such as https://visits.example.scot."))
        address.setFocus()
        return None
    if not typed_code:
        code_message.say(_("Type the one-time enrolment code the central team gave you."))
        code.setFocus()
        return None
    return typed_address, typed_code
