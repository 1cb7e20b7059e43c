"""The first-run screen: a desk with no database is set up here instead of opening an empty window.

Two ways: "Connect to the central server now" (its address and the one-time enrolment code;
the enrolment and the first pull run on the background helper with progress) or "Set up this
desk to work on its own for now" (choose the establishment; an admin connects it later with
``visitorcentre enrol``). Then the desk window opens and the sign-in screen asks for the first
admin (ui/sign_in.py); once they are set up the desk is open, signed in as them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.clock import Clock
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.desk import first_run
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import fit_to_screen
from visitorcentre.ui.staff.sign_in import centred_card
from visitorcentre.ui.sync.connect_later import address_and_code

CHOICE, CONNECT, ON_ITS_OWN = range(3)


class _Progress(QObject):
    """Carries the first pull's progress from the background worker to the screen."""

    moved = Signal(int, int)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "heading")
    return label


def _explain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def _field(parent: QWidget, layout: QVBoxLayout, label_text: str, field: QWidget, message: FieldMessage) -> None:
    label = QLabel(label_text, parent)
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field)
    layout.addWidget(message)


class FirstRunScreen(QWidget):
    """Sets up a new desk database at ``db_path``; ``ready`` carries a note for the desk once it exists."""

    ready = Signal(str)

    def __init__(self, db_path: Path, clock: Clock | None = None, transport=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("firstRunScreen")
        self.setWindowTitle(_("Set up this desk"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.db_path = Path(db_path)
        self.clock = clock or Clock()
        self.transport = transport  # tests: an in-process central server
        self.tasks = DeskTasks(self)
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved, Qt.ConnectionType.QueuedConnection)
        self.working = False
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_choice())
        self.pages.addWidget(self._build_connect())
        self.pages.addWidget(self._build_on_its_own())
        centred_card(self, self.pages, 680)

    # --- the pages ------------------------------------------------------------------------------

    def _build_choice(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(_heading(_("Set up this desk"), page))
        layout.addWidget(
            _explain(
                _(
                    "This is the first time the Visitor Centre desk has started on this computer. "
                    "Connect it to your central server, or set it up to work on its own for now "
                    "and connect it later."
                ),
                page,
            )
        )
        self.connect_choice = QPushButton(_("Connect to the central server now"), page)
        self.connect_choice.setProperty("role", "primary")
        self.connect_choice.setAccessibleName(_("Connect to the central server now, with an enrolment code"))
        self.own_choice = QPushButton(_("Set up this desk to work on its own for now"), page)
        self.own_choice.setAccessibleName(_("Set up this desk to work on its own for now; connect it later"))
        layout.addWidget(self.connect_choice)
        layout.addWidget(self.own_choice)
        layout.addWidget(_explain(_("The records will be kept in {path}.").format(path=self.db_path), page))
        self.connect_choice.clicked.connect(self.show_connect)
        self.own_choice.clicked.connect(self.show_on_its_own)
        return page

    def _build_connect(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setSpacing(8)
        layout.addWidget(_heading(_("Connect to the central server"), page))
        layout.addWidget(
            _explain(
                _(
                    "Type the server's address and the one-time enrolment code the central team "
                    "gave you. The desk then takes its establishment's records, which can take "
                    "a few minutes."
                ),
                page,
            )
        )
        self.address = QLineEdit(page)
        self.address.setAccessibleName(_("The central server's address"))
        self.address.setPlaceholderText("https://visits.example.scot")
        self.code = QLineEdit(page)
        self.code.setAccessibleName(_("The one-time enrolment code"))
        self.code.setMaxLength(64)
        self.address_message = FieldMessage(page, "serverAddress")
        self.code_message = FieldMessage(page, "enrolmentCode")
        _field(page, layout, _("Server &address"), self.address, self.address_message)
        _field(page, layout, _("Enrolment &code"), self.code, self.code_message)
        self.progress_text = QLabel("", page)
        self.progress_text.setWordWrap(True)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        layout.addWidget(self.progress_text)
        layout.addWidget(self.progress_bar)
        self.connect_button = QPushButton(_("Connect"), page)
        self.connect_button.setProperty("role", "primary")
        self.connect_button.setAccessibleName(_("Connect this desk to the central server"))
        self.connect_back = QPushButton(_("Back"), page)
        layout.addLayout(self._buttons(self.connect_back, self.connect_button))
        self.connect_button.clicked.connect(self.connect_now)
        self.code.returnPressed.connect(self.connect_now)
        self.address.returnPressed.connect(self.code.setFocus)
        self.connect_back.clicked.connect(self.show_choice)
        self.address.textEdited.connect(lambda _t: self.address_message.clear())
        self.code.textEdited.connect(lambda _t: self.code_message.clear())
        return page

    def _build_on_its_own(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setSpacing(8)
        layout.addWidget(_heading(_("Work on its own for now"), page))
        layout.addWidget(
            _explain(
                _(
                    "Choose the establishment this desk serves. Its visiting rules start from "
                    "published defaults, which a manager can change. An admin can connect this "
                    "desk to the central server later; its records go up then."
                ),
                page,
            )
        )
        self.establishment = QComboBox(page)
        self.establishment.setAccessibleName(_("The establishment this desk serves"))
        self.establishment.addItem(_("Choose the establishment…"), "")
        for found in first_run.establishment_list():
            self.establishment.addItem(found.name, found.code)
        self.establishment_message = FieldMessage(page, "establishment")
        _field(page, layout, _("&Establishment"), self.establishment, self.establishment_message)
        self.establishment.currentIndexChanged.connect(lambda _i: self.establishment_message.clear())
        self.set_up_button = QPushButton(_("Set up this desk"), page)
        self.set_up_button.setProperty("role", "primary")
        self.own_back = QPushButton(_("Back"), page)
        layout.addLayout(self._buttons(self.own_back, self.set_up_button))
        self.set_up_button.clicked.connect(self.set_up_on_its_own)
        self.own_back.clicked.connect(self.show_choice)
        return page

    @staticmethod
    def _buttons(back: QPushButton, go: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(go)
        return row

    # --- moving between pages -------------------------------------------------------------------

    @Slot()
    def show_choice(self) -> None:
        if not self.working:
            self.pages.setCurrentIndex(CHOICE)
            self.connect_choice.setFocus()

    @Slot()
    def show_connect(self) -> None:
        self.pages.setCurrentIndex(CONNECT)
        self.address.setFocus()

    @Slot()
    def show_on_its_own(self) -> None:
        self.pages.setCurrentIndex(ON_ITS_OWN)
        self.establishment.setFocus()

    def _set_working(self, working: bool, text: str = "") -> None:
        self.working = working
        for button in (self.connect_button, self.connect_back, self.set_up_button, self.own_back):
            button.setEnabled(not working)
        for field in (self.address, self.code, self.establishment):
            field.setEnabled(not working)
        self.progress_text.setText(text)
        self.progress_bar.setVisible(working and self.pages.currentIndex() == CONNECT)
        self.progress_bar.setRange(0, 0)

    # --- connecting now -------------------------------------------------------------------------

    @Slot()
    def connect_now(self) -> None:
        if self.working:
            return
        typed = address_and_code(self.address, self.address_message, self.code, self.code_message)
        if typed is None:
            return
        address, code = typed
        self._set_working(True, _("Connecting to the central server…"))
        path, transport, progress = self.db_path, self.transport, self._progress.moved.emit
        self.tasks.run(
            lambda: first_run.enrol_new(path, address, code, transport, progress),
            self._enrolled,
            self._connect_refused,
            label=_("Connecting to the central server…"),
        )

    @Slot(int, int)
    def _moved(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        self.progress_text.setText(
            _("Taking the establishment's records from the central server: {done} of {total}…").format(
                done=done, total=total
            )
            if total
            else _("Taking the establishment's records from the central server…")
        )

    def _connect_refused(self, error: VisitorCentreError) -> None:
        self._set_working(False)
        if error.field == "code":
            self.code_message.say(error.message)
            self.code.setFocus()
            self.code.selectAll()
        else:
            self.address_message.say(error.message)
            self.address.setFocus()
            self.address.selectAll()

    def _enrolled(self, pulled: first_run.FirstPull) -> None:
        self._set_working(False)
        if pulled.problem:
            note = _(
                "This desk is connected for {code}, but its first sync did not finish: {problem} It tries "
                "again by itself."
            ).format(code=pulled.establishment, problem=pulled.problem)
        else:
            note = _("This desk is connected for {code}; {count} records taken from the central server.").format(
                code=pulled.establishment, count=pulled.pulled
            )
        self.ready.emit(note)

    # --- on its own -----------------------------------------------------------------------------

    @Slot()
    def set_up_on_its_own(self) -> None:
        if self.working:
            return
        code = self.establishment.currentData() or ""
        if not code:
            self.establishment_message.say(_("Choose the establishment this desk serves from the list."))
            self.establishment.setFocus()
            return
        self._set_working(True, _("Setting up this desk…"))
        path, now = self.db_path, self.clock.utcnow()
        self.tasks.run(
            lambda: first_run.set_up_on_its_own(path, code, now),
            self._set_up,
            self._own_refused,
            label=_("Setting up this desk…"),
        )

    def _own_refused(self, error: VisitorCentreError) -> None:
        self._set_working(False)
        self.establishment_message.say(error.message)

    def _set_up(self, name: str) -> None:
        self._set_working(False)
        self.ready.emit(_("This desk is set up for {name}, on its own for now.").format(name=name))

    # --- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.working:
            event.ignore()  # an enrolment half-way through finishes or fails first; nothing is left half-made
            return
        self.tasks.shutdown()
        event.accept()


def start(desk, open_desk: Callable[[str], None], transport=None) -> FirstRunScreen:
    """Show the first-run screen for ``desk`` (a DeskOnDemand whose file is missing); ``open_desk(note)`` follows."""
    screen = FirstRunScreen(desk.ctx.db_path, desk.ctx.clock, transport)

    def ready(note: str) -> None:
        open_desk(note)  # the desk window shows before this screen goes, so the app does not end between
        screen.close()

    screen.ready.connect(ready)
    fit_to_screen(screen, 1600, 900)
    screen.showMaximized()
    return screen
