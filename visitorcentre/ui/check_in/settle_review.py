"""Settling one visit that needs review: what changed in plain words, then "checked, goes ahead",
the party changed, or cancelled with a reason, with how the family was told (a printed letter,
which it prints here, or a phone call). A booking on a blocked session is offered the nearest
sessions with places and moved there. Opened from the visit panel and from the review list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core import review
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.views import ReviewFlag, SessionSummary
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.i18n import _, ngettext, weekday_date
from visitorcentre.ui.shared.print_flow import A4, Document, print_document
from visitorcentre.ui.shared.screen_fit import fit_to_screen

#: Qt.UserRole: the id a list item stands for.
_ID = 256


def family_told_choices() -> list[tuple[str, str]]:
    """How the family was told, as the box offers it: (words, value)."""
    return [(_("Not told yet"), ""), (_("Phoned"), "phoned"), (_("Printed letter"), "printed")]


def flag_heading(flag: ReviewFlag) -> str:
    """The flagged visit in one line: day, time, reference, lead visitor."""
    return f"{flag.day:%a %d %b} {flag.starts_at:%H:%M} · {flag.reference} · {flag.lead}"


class SettleReview(QDialog):
    """One flag: its words, the ways to settle it, and (for a blocked session) where to move it."""

    #: The flag was settled (its id).
    settled = Signal(str)

    def __init__(self, desk, tasks: DeskTasks, flag: ReviewFlag, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settleReview")
        self.setWindowTitle(_("Settle a visit that needs review"))
        self._desk, self._tasks, self.flag = desk, tasks, flag
        heading = QLabel(flag_heading(flag), self)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        self.words = QLabel(flag.words, self)
        self.words.setObjectName("reviewWords")
        self.words.setWordWrap(True)
        self.words.setAccessibleName(_("What changed"))
        grid = QGridLayout()
        self.told = QComboBox(self)
        self.told.setObjectName("familyTold")
        for words, value in family_told_choices():
            self.told.addItem(words, value)
        self.letter_button = QPushButton(_("Print a &letter for the family…"), self)
        self.letter_button.setObjectName("reviewLetter")
        self.letter_button.setAccessibleName(_("Print a letter telling the family, in their language"))
        self.letter_button.clicked.connect(self.print_letter)
        told_row = QHBoxLayout()
        told_row.addWidget(self.told, 1)
        told_row.addWidget(self.letter_button)
        self.note = QLineEdit(self)
        self.note.setObjectName("reviewNote")
        self.note.setPlaceholderText(_("For example: checked with the security manager"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("cancelReason")
        for row, (text, field) in enumerate(
            (
                (_("How the &family was told"), told_row),
                (_("Who &checked it, or what changed"), self.note),
                (_("&Reason, if cancelling"), self.reason),
            )
        ):
            label = QLabel(text, self)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            if isinstance(field, QHBoxLayout):
                label.setBuddy(self.told)
                grid.addLayout(field, row, 1)
            else:
                label.setBuddy(field)
                grid.addWidget(field, row, 1)
        grid.setColumnStretch(1, 1)
        self.goes_ahead = QPushButton(_("Checked, &goes ahead"), self)
        self.goes_ahead.setObjectName("reviewGoesAhead")
        self.goes_ahead.setProperty("role", "primary")
        self.party_changed = QPushButton(_("&Party changed"), self)
        self.party_changed.setObjectName("reviewPartyChanged")
        self.cancel_visit = QPushButton(_("Cancel the &visit"), self)
        self.cancel_visit.setObjectName("reviewCancel")
        self.goes_ahead.clicked.connect(self._goes_ahead)
        self.party_changed.clicked.connect(self._party_changed)
        self.cancel_visit.clicked.connect(self._cancel)
        settle_row = QHBoxLayout()
        for button in (self.goes_ahead, self.party_changed, self.cancel_visit):
            settle_row.addWidget(button)
        self.sessions_label = QLabel(_("&Nearest sessions with places"), self)
        self.sessions = QListWidget(self)
        self.sessions.setObjectName("nearestSessions")
        self.sessions.setAccessibleName(_("Nearest sessions with places"))
        self.sessions_label.setBuddy(self.sessions)
        self.move_button = QPushButton(_("&Move the booking here"), self)
        self.move_button.setObjectName("moveBooking")
        self.move_button.setEnabled(False)
        self.move_button.clicked.connect(self._move)
        self.sessions.itemActivated.connect(lambda _item: self._move())
        self.party_label = QLabel(_("&Who no longer comes on this visit (tick, then “Party changed”)"), self)
        self.party_label.setWordWrap(True)
        self.party = QListWidget(self)
        self.party.setObjectName("partyToTakeOff")
        self.party.setAccessibleName(_("Who no longer comes on this visit"))
        self.party_label.setBuddy(self.party)
        blocked = flag.reason == review.SESSION_BLOCKED
        for widget in (self.sessions_label, self.sessions, self.move_button):
            widget.setVisible(blocked)
        for widget in (self.party_label, self.party):
            widget.setVisible(not blocked)
        self.message = QLabel("", self)
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.words)
        layout.addWidget(self.sessions_label)
        layout.addWidget(self.sessions, 1)
        layout.addWidget(self.move_button)
        layout.addWidget(self.party_label)
        layout.addWidget(self.party, 1)
        layout.addLayout(grid)
        layout.addLayout(settle_row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        fit_to_screen(self, 720, 600)
        for button in self.findChildren(QPushButton):  # Enter on a list chooses its row, never a button
            button.setAutoDefault(False)
        if blocked:
            self._tasks.run(
                lambda: desk.visits.nearest_sessions(flag.visit_id),
                self.show_sessions,
                key="nearest-sessions",
                label=_("Loading…"),
            )
        else:
            self._tasks.run(
                lambda: desk.visits.visit(flag.visit_id), self.show_party, key="settle-party", label=_("Loading…")
            )

    def show_party(self, detail) -> None:
        """The people still expected on the visit, each with a tick box (none ticked)."""
        self.party.clear()
        for member in detail.party if detail is not None else ():
            if member.outcome != "expected":
                continue
            item = QListWidgetItem(member.name)
            item.setData(_ID, member.visitor_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.party.addItem(item)
        if self.party.count():
            self.party.setCurrentRow(0)

    def taken_off(self) -> list[str]:
        """The visitors ticked as no longer coming."""
        items = (self.party.item(row) for row in range(self.party.count()))
        return [item.data(_ID) for item in items if item.checkState() == Qt.CheckState.Checked]

    def show_sessions(self, found: list[SessionSummary]) -> None:
        """The nearest sessions with places, nearest first; the first is chosen."""
        self.sessions.clear()
        for slot in found:
            places = slot.capacity - slot.booked
            left = ngettext("{count} place left", "{count} places left", places).format(count=places)
            when = f"{weekday_date(slot.date)} {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"
            text = f"{when} · {slot.room} · {left}"
            item = QListWidgetItem(text)
            item.setData(_ID, slot.id)
            self.sessions.addItem(item)
        if found:
            self.sessions.setCurrentRow(0)
            self.sessions.setFocus()
        else:
            self.sessions.addItem(_("No session nearby has a place. Cancel the visit, or phone the family."))
        self.move_button.setEnabled(bool(found))

    def _told(self) -> str:
        return self.told.currentData()

    def _run(self, work, done_words: str) -> None:
        self._tasks.run(work, lambda _result: self._done(done_words), self._problem, label=_("Saving…"))

    def _goes_ahead(self) -> None:
        told, note = self._told(), self.note.text()
        self._run(
            lambda: self._desk.visits.resolve_review(self.flag.id, review.GOES_AHEAD, family_told=told, note=note),
            _("Checked: the visit goes ahead."),
        )

    def _party_changed(self) -> None:
        ids, told, note = self.taken_off(), self._told(), self.note.text()
        if not ids:
            self.message.setText(_("Tick who no longer comes on this visit."))
            self.party.setFocus()
            return
        self._run(
            lambda: self._desk.visits.change_party(self.flag.id, ids, family_told=told, note=note),
            _("Settled: the party changed."),
        )

    def _cancel(self) -> None:
        told, reason = self._told(), self.reason.text()
        if not reason.strip():
            self.message.setText(_("Please give a reason for cancelling the visit."))
            self.reason.setFocus()
            return
        self._run(
            lambda: self._desk.visits.cancel_for_review(self.flag.id, reason, family_told=told),
            _("The visit is cancelled."),
        )

    def _move(self) -> None:
        item = self.sessions.currentItem()
        session_id = item.data(_ID) if item is not None else None
        if not session_id or not self.move_button.isEnabled():
            return
        told = self._told()
        self._run(
            lambda: self._desk.visits.move_booking(self.flag.id, session_id, family_told=told),
            _("The booking is moved to {session}.").format(session=item.text()),
        )

    def _done(self, words: str) -> None:
        self.message.setText(words)
        self.settled.emit(self.flag.id)
        self.accept()

    def _problem(self, error: VisitorCentreError) -> None:
        self.message.setText(str(error))

    def print_letter(self) -> None:
        """Preview and print the family's letter; once printed, the family was told by letter."""
        flag = self.flag
        document = Document(
            _("Letter to the family about visit {reference}").format(reference=flag.reference),
            f"letter-{flag.reference}.pdf",
            A4,
            lambda: self._desk.visits.review_letter_pdf(flag.id),
            label=_("Making the letter…"),
        )
        print_document(self, self._tasks, self._desk, document, self._letter_done, self.message.setText)

    def _letter_done(self, choice) -> None:
        if choice.how in ("print", "save"):
            self.told.setCurrentIndex(self.told.findData("printed"))
            self.message.setText(_("The letter is ready. Now settle the visit."))
