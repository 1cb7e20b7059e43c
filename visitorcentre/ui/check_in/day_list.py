"""The day list: every visit booked for a date, printed the way the desk prints it each morning.

Ctrl+L (or the "Day list" button) asks for the date — today unless the worker picks another —
then previews the list and prints it on the A4 printer last used, or saves it as a PDF — through
the one printing flow (``ui/shared/print_flow.py``), which makes and renders it off the GUI thread.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, weekday_date
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.shared.print_flow import A4, Document, print_document
from visitorcentre.ui.shared.screen_fit import within_screen

#: The printer remembered for day lists (an A4 printer), alongside the passes' "a6" and "receipt".
DAY_LIST = A4


class DayListDialog(QDialog):
    """Which day's list to print: today, tomorrow, or any date from the calendar."""

    def __init__(self, parent: QWidget | None, today: date):
        super().__init__(parent)
        self.setObjectName("dayListDialog")
        self.setWindowTitle(_("Day list"))
        self.setMinimumWidth(within_screen(self, 560))
        heading = QLabel(_("Print the day list"), self)
        heading.setProperty("role", "heading")
        explanation = QLabel(
            _("Every visit booked for the day, session by session, with the party and the prisoner. Choose the day:"),
            self,
        )
        explanation.setWordWrap(True)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.date_edit.setAccessibleName(_("The day of the list"))
        label = QLabel(_("Day"), self)
        label.setBuddy(self.date_edit)
        today_button = QPushButton(_("Today"), self)
        tomorrow_button = QPushButton(_("Tomorrow"), self)
        today_button.setAccessibleName(_("The list for today"))
        tomorrow_button.setAccessibleName(_("The list for tomorrow"))
        today_button.clicked.connect(lambda: self._set(today))
        tomorrow_button.clicked.connect(lambda: self._set(today + timedelta(days=1)))
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.date_edit, 1)
        row.addWidget(today_button)
        row.addWidget(tomorrow_button)
        buttons = QDialogButtonBox(self)
        show = QPushButton(_("Show the day list"), self)
        show.setProperty("role", "primary")
        show.setDefault(True)
        show.setAccessibleName(_("Show the day list before printing"))
        back = QPushButton(_("Go back"), self)
        back.setAccessibleName(_("Go back without printing"))
        buttons.addButton(show, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(back, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.date_edit.setFocus()

    def _set(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def day(self) -> date:
        return self.date_edit.date().toPython()


def ask_day(parent: QWidget | None, today: date) -> date | None:
    """The day chosen, or None if the worker went back."""
    dialog = DayListDialog(parent, today)
    return dialog.day() if dialog.exec() == QDialog.DialogCode.Accepted else None


def day_words(day: date, today: date) -> str:
    if day == today:
        return _("today")
    if day == today + timedelta(days=1):
        return _("tomorrow")
    return weekday_date(day)


class DayListPrinting(QObject):
    """Ctrl+L: choose the day, preview the list, print it or save it."""

    def __init__(self, desk, tasks: DeskTasks, notice: NoticeBar, window: QWidget):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._notice = notice
        self._window = window

    def print_day_list(self, day: date | None = None) -> None:
        """Ask for the day (unless given), then preview and print its list."""
        today = self._desk.ctx.clock.today()
        day = day or ask_day(self._window, today)
        if day is None:
            return
        desk = self._desk
        words = day_words(day, today)
        document = Document(
            _("Day list for {day}").format(day=words),
            f"day-list-{day:%Y-%m-%d}.pdf",
            DAY_LIST,
            lambda: desk.passes.day_list_pdf(day),
            label=_("Making the day list…"),
        )
        print_document(
            self._window,
            self._tasks,
            desk,
            document,
            lambda choice: self._done(choice, words),
            lambda message: self._notice.say(message, status_signs.WARNING),
        )

    def _done(self, choice, words: str) -> None:
        if choice.how == "save":
            message = _("The day list for {day} is saved as {path}.").format(day=words, path=choice.path)
        else:
            message = _("The day list for {day} is printed on {printer}.").format(day=words, printer=choice.printer)
        self._notice.say(message, status_signs.OK)
