"""Book a visit, or book a walk-in for today: who they visit, who is coming, and which session.

Problems are shown next to the part of the form they concern (the error's ``field``). When the
chosen session is full, a manager may overbook it with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.errors import ChecksFailed, SessionFull, VisitorCentreError
from visitorcentre.core.kinds import VisitSource
from visitorcentre.core.roles import MANAGER_ROLES
from visitorcentre.ui.check_in.booking_layout import lay_out_booking
from visitorcentre.ui.check_in.booking_model import RECORD_ROLE, LinkedVisitorModel, PrisonerModel
from visitorcentre.ui.check_in.check_results import ResultsList
from visitorcentre.ui.check_in.lead_visitor import LeadVisitorChoice
from visitorcentre.ui.check_in.sessions_model import SESSION_ROLE, SessionPickerModel
from visitorcentre.ui.check_in.support_needs_picker import SupportNeedsPicker
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.record_views import record_table
from visitorcentre.ui.shared.screen_fit import fit_to_screen

DEBOUNCE_MS = 150


class BookingDialog(QDialog):
    """The booking form; ``walk_in`` offers only today's sessions and books the family as arrived."""

    def __init__(
        self,
        desk,
        tasks: DeskTasks,
        walk_in: bool = False,
        parent: QWidget | None = None,
        visitor_id: str | None = None,
        session_id: str | None = None,
    ):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.walk_in = walk_in
        self.reference: str | None = None
        self._tick_after_load = visitor_id
        self._session_wanted = session_id
        self._reloading_sessions = False
        self._booking = False
        self._is_manager = desk.ctx.actor.role in MANAGER_ROLES
        self.setObjectName("bookingDialog")
        self.setWindowTitle(_("Walk-in visit") if walk_in else _("Book a visit"))
        fit_to_screen(self, 1500, 860)
        heading = QLabel(_("Walk-in visit for today") if walk_in else _("Book a visit"), self)
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "For a family who has come without a booking: choose one of today's sessions. They are "
                "booked as arrived, ready to check in."
            )
            if walk_in
            else _("Choose who they are visiting, who is coming, and the session."),
            self,
        )
        intro.setWordWrap(True)
        # 1. the prisoner
        self.prisoner_box = QLineEdit(self)
        self.prisoner_box.setPlaceholderText(_("Prisoner's name or prison number"))
        self.prisoner_box.setAccessibleName(_("Find the prisoner"))
        self.prisoners = PrisonerModel(self)
        found = _("Prisoners found")
        self.prisoner_view = record_table(self, self.prisoners, "prisonerTable", found, PrisonerModel.WIDE, 2)
        self.prisoner_message = FieldMessage(self, "prisoner")
        # 2. the party
        self.party = LinkedVisitorModel(desk.ctx.clock.today(), self)
        self.party_view = record_table(self, self.party, "partyPicker", _("Who is coming"), LinkedVisitorModel.WIDE, 3)
        party_hint = QLabel(
            _("Tick everyone who is coming, then choose the lead visitor: an adult, 18 or over."),
            self,
        )
        party_hint.setWordWrap(True)
        party_hint.setProperty("role", "subtle")
        self.party_message = FieldMessage(self, "party")
        self.lead_choice = LeadVisitorChoice(self.party, self)
        self.lead_label = QLabel(_("&Lead visitor"), self)
        self.lead_label.setBuddy(self.lead_choice)
        self.new_visitor_button = QPushButton(_("New visitor for this prisoner…"), self)
        self.new_visitor_button.setAccessibleName(_("Register a new visitor for the chosen prisoner"))
        self.new_visitor_button.setEnabled(False)
        self.new_visitor_button.setAutoDefault(False)  # Enter books; it never opens another form
        self.new_visitor_button.clicked.connect(self.register_new_visitor)
        self.party_results = ResultsList(self)
        self.party_results.hide()
        # 3. the session
        self.sessions = SessionPickerModel(self)
        places = _("Sessions, with places left")
        self.session_view = record_table(self, self.sessions, "sessionPicker", places, SessionPickerModel.WIDE, 3)
        self.session_message = FieldMessage(self, "session")
        self.overbook = QFrame(self)
        self.overbook.setObjectName("overbook")
        self.overbook_label = QLabel(
            _(
                "This session is full. As a manager you can still book the visit into it: "
                "say why (it is kept in the record)."
            ),
            self.overbook,
        )
        self.overbook_label.setWordWrap(True)
        self.overbook_reason = QLineEdit(self.overbook)
        self.overbook_reason.setAccessibleName(_("Reason for overbooking"))
        self.overbook_reason.setPlaceholderText(_("Why this family must have this session"))
        overbook_layout = QVBoxLayout(self.overbook)
        overbook_layout.setContentsMargins(8, 8, 8, 8)
        overbook_layout.addWidget(self.overbook_label)
        overbook_layout.addWidget(self.overbook_reason)
        self.overbook.hide()
        self.source_label = QLabel(_("How was it booked?"), self)
        self.source = QComboBox(self)
        self.source.setAccessibleName(_("How the visit was booked"))
        self.source.addItem(_("At the desk"), VisitSource.DESK)
        self.source.addItem(_("By phone"), VisitSource.PHONE)
        self.source.setVisible(not walk_in)
        self.source_label.setVisible(not walk_in)
        self.source_label.setBuddy(self.source)
        self.notes_label = QLabel(_("Notes for the hall staff"), self)
        self.notes = QLineEdit(self)
        self.notes_label.setBuddy(self.notes)
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setPlaceholderText(_("Optional, for example: needs a high chair"))
        self.support_needs = SupportNeedsPicker(self)
        self.form_message = FieldMessage(self, "form")
        self.book_button = QPushButton(_("Book the walk-in") if walk_in else _("Book the visit"), self)
        self.book_button.setObjectName("bookButton")
        self.book_button.setProperty("role", "primary")
        self.book_button.setAccessibleName(self.book_button.text())
        self.book_button.setDefault(True)
        close = QPushButton(_("Close"), self)
        close.setAccessibleName(_("Close without booking"))
        close.setAutoDefault(False)  # Enter never closes the form and loses what was typed
        close.clicked.connect(self.reject)
        lay_out_booking(self, heading, intro, party_hint, close)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._find_prisoners)
        self.prisoner_box.textEdited.connect(lambda _t: self._debounce.start())
        self.prisoner_view.selectionModel().selectionChanged.connect(self._prisoner_chosen)
        self.session_view.selectionModel().selectionChanged.connect(self._session_changed)
        # A message goes as soon as its cause is put right.
        self.party.party_changed.connect(self._party_changed)
        self.lead_choice.lead_changed.connect(lambda _lead: self.party_message.clear())
        self.overbook_reason.textEdited.connect(self._overbook_reason_typed)
        self.book_button.clicked.connect(self.book)
        self._load_sessions()
        if visitor_id:
            self._load_prisoners_of(visitor_id)
        self.prisoner_box.setFocus()

    # --- loading --------------------------------------------------------------------------------

    def _load_sessions(self) -> None:
        self._tasks.run(
            lambda: self._desk.visits.bookable_sessions(today_only=self.walk_in),
            self._show_sessions,
            self._show_problem,
            key="booking-sessions",
            label=_("Loading sessions…"),
        )

    def _show_sessions(self, sessions) -> None:
        chosen = self.chosen_session()
        wanted_id = chosen.id if chosen else self._session_wanted
        self._reloading_sessions = True
        try:
            self.sessions.set_sessions(sessions)
        finally:
            self._reloading_sessions = False
        if not sessions:
            self.session_message.say(
                _("There are no sessions left today.")
                if self.walk_in
                else _("There are no sessions to book in the coming weeks.")
            )
        wanted = self.sessions.row_of(wanted_id) if wanted_id else -1
        if wanted >= 0:
            self._reloading_sessions = chosen is not None  # the same session again: keep its messages
            self.session_view.selectRow(wanted)
            self._reloading_sessions = False

    def _find_prisoners(self) -> None:
        text = self.prisoner_box.text().strip()
        self.prisoner_message.clear()
        self._tasks.run(
            lambda: self._desk.visits.find_prisoners(text),
            self._show_prisoners,
            self._show_problem,
            key="booking-prisoners",
            label=_("Searching…"),
        )

    def _load_prisoners_of(self, visitor_id: str) -> None:
        establishment = self._desk.ctx.establishment
        self._tasks.run(
            lambda: [p for p in self._desk.visits.prisoners_of(visitor_id) if p.establishment == establishment],
            self._show_prisoners,
            self._show_problem,
            key="booking-prisoners",
        )

    def _show_prisoners(self, prisoners) -> None:
        self.prisoners.set_rows(prisoners)
        if len(prisoners) == 1:
            self.prisoner_view.selectRow(0)
        elif not prisoners and self.prisoner_box.text().strip():
            self.prisoner_message.say(
                _("No prisoner here matches “{text}”. Check the name or the prison number.").format(
                    text=self.prisoner_box.text().strip()
                )
            )

    def _prisoner_chosen(self, *_args) -> None:
        prisoner = self.chosen_prisoner()
        self.party.set_rows([])
        self.party_results.hide()
        self.new_visitor_button.setEnabled(prisoner is not None)
        if prisoner is None:
            return
        self.prisoner_message.clear()
        self._tasks.run(
            lambda: self._desk.visits.linked_visitors(prisoner.id),
            self._show_party,
            self._show_problem,
            key="booking-party",
            label=_("Loading visitors…"),
        )

    def _show_party(self, visitors, ticked: list[str] | None = None) -> None:
        self.party.set_rows(visitors)
        for visitor_id in ticked or []:
            self.party.tick(visitor_id)
        if not visitors:
            self.party_message.say(
                _(
                    "Nobody is on this prisoner's visitor list yet. Register the visitor first "
                    "(Ctrl+N in the main window)."
                )
            )
        if self._tick_after_load:
            self.party.tick(self._tick_after_load)
            self._tick_after_load = None

    def register_new_visitor(self) -> None:
        """Register someone who is not yet tied to the prisoner; they join the party once saved."""
        from visitorcentre.ui.check_in.visitor_form import VisitorForm

        prisoner = self.chosen_prisoner()
        if prisoner is None:
            return
        form = VisitorForm(self._desk, self._tasks, prisoner_id=prisoner.id, parent=self)
        if form.exec() != QDialog.DialogCode.Accepted or not form.visitor_id:
            return
        ticked = self.party.party()
        self._tick_after_load = form.visitor_id
        self._tasks.run(
            lambda: self._desk.visits.linked_visitors(prisoner.id),
            lambda visitors: self._show_party(visitors, ticked),
            self._show_problem,
            key="booking-party",
            label=_("Loading visitors…"),
        )

    def _party_changed(self) -> None:
        self.party_message.clear()
        self.party_results.hide()

    def _overbook_reason_typed(self, text: str) -> None:
        if text.strip() and self.session_message.text().endswith(self._say_why()):
            self.session_message.clear()

    @staticmethod
    def _say_why() -> str:
        return _("Say why the session may be overbooked, or choose another session.")

    def _session_changed(self, *_args) -> None:
        if self._reloading_sessions:
            return
        self.session_message.clear()
        self.overbook.hide()
        self.overbook_reason.clear()

    # --- booking --------------------------------------------------------------------------------

    def chosen_prisoner(self):
        """The highlighted prisoner (a row merely holding the keyboard focus is not chosen)."""
        rows = self.prisoner_view.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def chosen_session(self):
        rows = self.session_view.selectionModel().selectedRows()
        return rows[0].data(SESSION_ROLE) if rows else None

    def book(self) -> None:
        """Book the visit (or say, next to the field, what is missing)."""
        if self._booking:
            return
        for message in (self.prisoner_message, self.party_message, self.session_message, self.form_message):
            message.clear()
        self.party_results.hide()
        prisoner, session, party = self.chosen_prisoner(), self.chosen_session(), self.party.party()
        if prisoner is None:
            self.prisoner_box.setFocus()
            self.prisoner_message.say(_("Choose the prisoner they are visiting."))
            return
        if not party:
            self.party_view.setFocus()
            self.party_message.say(_("Tick at least one person who is coming."))
            return
        lead = self.lead_choice.lead()
        if lead is None:
            self.lead_choice.setFocus()
            self.party_message.say(
                _("Choose the lead visitor: an adult who is coming.")
                if self.lead_choice.count()
                else _("An adult (18 or over) must come and lead the visit: tick one.")
            )
            return
        party = [lead, *(visitor_id for visitor_id in party if visitor_id != lead)]
        if session is None:
            self.session_view.setFocus()
            self.session_message.say(_("Choose a session."))
            return
        overbook = self.overbook_reason.text().strip() if self.overbook.isVisible() else ""
        if self.overbook.isVisible() and not overbook:
            self.session_message.say(self._say_why())
            self.overbook_reason.setFocus()
            return
        notes = self.notes.text()
        source, needs = self.source.currentData(), self.support_needs.needs()

        def walk_in():
            return self._desk.visits.walk_in(session.id, prisoner.id, party, overbook, notes, support_needs=needs)

        def book_visit():
            return self._desk.visits.book_visit(
                session.id, prisoner.id, party, source, overbook, notes, support_needs=needs
            )

        # Not disabled while it books: a disabled button hands the keyboard on to "Close".
        self._booking = True
        self._tasks.run(walk_in if self.walk_in else book_visit, self._booked, self._refused, label=_("Booking…"))

    def _booked(self, reference: str) -> None:
        self._booking = False
        self.reference = reference
        self.accept()

    def _refused(self, error: VisitorCentreError) -> None:
        self._booking = False
        if isinstance(error, SessionFull):
            if self._is_manager:
                self.session_message.say(error.message)
                self.overbook.show()
                self.overbook_reason.setFocus()
            else:
                self.session_message.say(
                    _("This session is full. Choose another session, or ask a manager to overbook it."),
                    status_signs.STOP,
                )
            self._load_sessions()
            return
        if isinstance(error, ChecksFailed):
            self.party_message.say(_("This visit cannot be booked as it is:"), status_signs.STOP)
            self.party_results.set_results([r for r in error.results if r.stops])
            return
        self._show_problem(error)

    def _show_problem(self, error: VisitorCentreError) -> None:
        target = {"session": self.session_message, "party": self.party_message, "prisoner": self.prisoner_message}.get(
            error.field or "", self.form_message
        )
        target.say(error.message)
