"""The sign-in screen: it covers the whole desk until a member of staff signs in with their PIN.

Three faces: "Opening…" while the records open; "Set up the first admin" on a database with no
staff (name, PIN twice, a message next to the field at fault); and "Sign in" (name and PIN; a
wrong PIN says how many tries are left, a locked name says until when). On a demo database only,
it lists the demo staff and their PINs. It shows nothing of the visit underneath.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.roles import ROLE_NAMES
from visitorcentre.core.staff import Actor
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _

OPENING, FIRST_ADMIN, SIGN_IN = range(3)


def _pin_field(parent: QWidget, accessible: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible)
    field.setMaxLength(128)
    return field


def _row(parent: QWidget, layout: QVBoxLayout, label_text: str, field: QLineEdit, message: FieldMessage) -> None:
    label = QLabel(label_text, parent)
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field)
    layout.addWidget(message)


class SignInScreen(QWidget):
    """The full-screen sign-in (and first-admin) screen; ``signed_in`` carries who signed in."""

    signed_in = Signal(object)
    #: The staff member who was signed in leaves: nobody is signed in any more.
    sign_out_requested = Signal()

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        flags = Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(parent, flags)
        self.setObjectName("signInScreen")
        self.setWindowTitle(_("Sign in"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._desk = desk
        self._tasks = tasks
        self._may_close = False
        self.demo_staff: list = []
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_opening())
        self.pages.addWidget(self._build_first_admin())
        self.pages.addWidget(self._build_sign_in())
        centred_card(self, self.pages, 620)

    # --- the three faces ------------------------------------------------------------------------

    def _build_opening(self) -> QWidget:
        page = QWidget(self)
        text = QLabel(_("Opening the desk…"), page)
        text.setProperty("role", "heading")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(page).addWidget(text)
        return page

    def _build_first_admin(self) -> QWidget:
        page = QWidget(self)
        heading = QLabel(_("Set up the first admin"), page)
        heading.setProperty("role", "heading")
        explain = QLabel(
            _(
                "Nobody can sign in on this desk yet. The first person set up is its admin: they add "
                "the other staff. Choose a PIN of at least 4 characters that others cannot guess."
            ),
            page,
        )
        explain.setWordWrap(True)
        self.admin_name = QLineEdit(page)
        self.admin_name.setAccessibleName(_("The first admin's name"))
        self.admin_name.setMaxLength(80)
        self.admin_pin = _pin_field(page, _("Their PIN"))
        self.admin_again = _pin_field(page, _("The same PIN again"))
        self.admin_name_message = FieldMessage(page, "adminName")
        self.admin_pin_message = FieldMessage(page, "adminPin")
        self.admin_again_message = FieldMessage(page, "adminAgain")
        self.create_button = QPushButton(_("Set up and sign in"), page)
        self.create_button.setProperty("role", "primary")
        self.create_button.setAccessibleName(_("Set up the first admin and sign in"))
        layout = QVBoxLayout(page)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(explain)
        _row(page, layout, _("&Name"), self.admin_name, self.admin_name_message)
        _row(page, layout, _("&PIN"), self.admin_pin, self.admin_pin_message)
        _row(page, layout, _("PIN &again"), self.admin_again, self.admin_again_message)
        layout.addWidget(self.create_button)
        self.create_button.clicked.connect(self.create_first_admin)
        self.admin_again.returnPressed.connect(self.create_first_admin)
        return page

    def _build_sign_in(self) -> QWidget:
        page = QWidget(self)
        self.heading = QLabel(_("Sign in"), page)
        self.heading.setProperty("role", "heading")
        self.explain = QLabel(_("Type your name and PIN."), page)
        self.explain.setWordWrap(True)
        self.name = QLineEdit(page)
        self.name.setAccessibleName(_("Your name"))
        self.name.setMaxLength(80)
        self.pin = _pin_field(page, _("Your PIN"))
        self.name_message = FieldMessage(page, "signInName")
        self.pin_message = FieldMessage(page, "signInPin")
        self.sign_in_button = QPushButton(_("Sign in"), page)
        self.sign_in_button.setProperty("role", "primary")
        self.demo_box = QFrame(page)
        self.demo_box.setObjectName("demoStaff")
        self.demo_text = QLabel("", self.demo_box)
        self.demo_text.setWordWrap(False)  # short lines; a wrapped label in a stacked page can be cut short
        self.demo_text.setTextFormat(Qt.TextFormat.PlainText)
        QVBoxLayout(self.demo_box).addWidget(self.demo_text)
        self.demo_box.hide()
        layout = QVBoxLayout(page)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        _row(page, layout, _("&Name"), self.name, self.name_message)
        _row(page, layout, _("&PIN"), self.pin, self.pin_message)
        self.sign_out_button = QPushButton("", page)
        self.sign_out_button.setAccessibleName(_("Sign out: nobody stays signed in at this desk"))
        self.sign_out_button.hide()
        layout.addWidget(self.sign_in_button)
        layout.addWidget(self.sign_out_button)
        layout.addWidget(self.demo_box)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.pin.returnPressed.connect(self.sign_in)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.name.textEdited.connect(lambda _t: self.name_message.clear())
        self.pin.textEdited.connect(lambda _t: self.pin_message.clear())
        return page

    # --- what the lock shows --------------------------------------------------------------------

    def show_opening(self) -> None:
        self.pages.setCurrentIndex(OPENING)

    def show_first_admin(self) -> None:
        self.pages.setCurrentIndex(FIRST_ADMIN)
        self.admin_name.setFocus()

    def show_sign_in(self, locked_from: str = "", name: str = "", demo_staff: list | None = None) -> None:
        """The sign-in face; ``locked_from`` is who was signed in when the desk locked (their work is kept)."""
        if demo_staff is not None:
            self.demo_staff = list(demo_staff)
        self.sign_out_button.setText(_("Sign out {name}").format(name=locked_from))
        self.sign_out_button.setVisible(bool(locked_from))
        if locked_from:
            self.heading.setText(_("This desk is locked"))
            self.explain.setText(
                _(
                    "{name} was signed in; their work is kept. {name}, or another member of staff, sign in to carry on."
                ).format(name=locked_from)
            )
        else:
            self.heading.setText(_("Sign in"))
            self.explain.setText(_("Type your name and PIN."))
        if self.demo_staff:
            people = "\n".join(f"{p.name} ({_(ROLE_NAMES.get(p.role, p.role))}): PIN {p.pin}" for p in self.demo_staff)
            self.demo_text.setText(_("Demo database: these staff and PINs exist only here.") + "\n" + people)
        self.demo_box.setVisible(bool(self.demo_staff))
        self.name.setText(name)
        self.pin.clear()
        self.name_message.clear()
        self.pin_message.clear()
        self.sign_in_button.setEnabled(True)
        self.pages.setCurrentIndex(SIGN_IN)
        self.layout().activate()
        (self.pin if name else self.name).setFocus()

    # --- actions --------------------------------------------------------------------------------

    @Slot()
    def sign_in(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        name, pin = self.name.text(), self.pin.text()
        if not name.strip():
            self.name_message.say(_("Type your name."))
            self.name.setFocus()
            return
        if not pin:
            self.pin_message.say(_("Type your PIN."))
            self.pin.setFocus()
            return
        self.sign_in_button.setEnabled(False)
        self._tasks.run(
            lambda: self._desk.staff.sign_in(name, pin), self._done, self._refused, label=_("Checking the PIN…")
        )

    def _refused(self, error: VisitorCentreError) -> None:
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        if error.field == "name":
            self.name_message.say(error.message)
            self.name.setFocus()
            self.name.selectAll()
        else:
            self.pin_message.say(
                error.message,
                status_signs.STOP
                if error.field == "pin" and "cannot sign in until" in error.message
                else status_signs.WARNING,
            )
            self.pin.setFocus()

    @Slot()
    def create_first_admin(self) -> None:
        if not self.create_button.isEnabled():
            return
        for message in (self.admin_name_message, self.admin_pin_message, self.admin_again_message):
            message.clear()
        name, pin, again = self.admin_name.text(), self.admin_pin.text(), self.admin_again.text()
        self.create_button.setEnabled(False)
        self._tasks.run(
            lambda: self._desk.staff.add_first_admin(name, pin, again),
            self._done,
            self._admin_refused,
            label=_("Setting up the first admin…"),
        )

    def _admin_refused(self, error: VisitorCentreError) -> None:
        self.create_button.setEnabled(True)
        fields = {
            "name": (self.admin_name_message, self.admin_name),
            "pin": (self.admin_pin_message, self.admin_pin),
            "pin_again": (self.admin_again_message, self.admin_again),
        }
        message, field = fields.get(error.field or "", fields["name"])
        message.say(error.message)
        if field is not self.admin_name:
            self.admin_pin.clear()
            self.admin_again.clear()
            field = self.admin_pin
        field.setFocus()

    def _done(self, actor: Actor) -> None:
        self.sign_in_button.setEnabled(True)
        self.create_button.setEnabled(True)
        for field in (self.pin, self.admin_pin, self.admin_again):
            field.clear()
        self.signed_in.emit(actor)

    # --- it cannot simply be closed -------------------------------------------------------------

    def release(self) -> None:
        """Hide the screen (after a sign-in)."""
        self._may_close = True
        self.hide()
        self._may_close = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Esc does not get past the lock
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close or self.parent() is None or not self.parent().isVisible():
            event.accept()
        else:
            event.ignore()


def centred_card(screen: QWidget, content: QWidget, max_width: int) -> None:
    """Lay ``content`` out on ``screen`` in the sign-in card: centred, at most ``max_width`` wide, a little above the
    middle."""
    card = QFrame(screen)
    card.setObjectName("signInCard")
    card.setMaximumWidth(max_width)
    inside = QVBoxLayout(card)
    inside.setContentsMargins(40, 32, 40, 32)
    inside.addWidget(content)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, 3)
    row.addStretch(1)
    layout = QVBoxLayout(screen)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
