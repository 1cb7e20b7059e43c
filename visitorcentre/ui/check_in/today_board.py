"""The Today board: today's sessions, their places, and how many families are expected, here and in the hall."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from visitorcentre.core.changes import COST_OF_VISITS, VISITS, Changes
from visitorcentre.ui.check_in.sessions_model import SESSION_ROLE, TodayModel
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.i18n import _, ngettext, weekday_date
from visitorcentre.ui.shared.table_model import shown_once_painted

if TYPE_CHECKING:
    from visitorcentre.core.views import SessionSummary

REFRESH_MS = 60_000


class TodayBoard(QWidget):
    """Today's sessions for the desk's establishment, refreshed after every change to visits and every minute."""

    #: A session was chosen (its id).
    session_chosen = Signal(str)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("todayBoard")
        self._desk = desk
        self._tasks = tasks
        heading = QLabel(_("Today"), self)
        heading.setProperty("role", "heading")
        # The day is written in when the board first loads, just after the first paint: writing a
        # date in the desk's language loads Babel and its locale data, a good part of the start-up.
        self.day_label = QLabel("", self)
        self.day_label.setWordWrap(True)  # never widens the board on a narrow screen
        self.day_label.setProperty("role", "subtle")
        self.model = TodayModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("todayTable")
        shown_once_painted(self.view, self.model)  # (its own headers would make Qt's namespace: see there)
        self.view.setAccessibleName(_("Today's sessions"))
        self.view.setAccessibleDescription(
            _("Each session with its places, and how many families are expected, have arrived and are in the hall")
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TodayModel.COL_SESSION, QHeaderView.ResizeMode.Stretch)
        self.view.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # (by name: see qt_names)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.view.doubleClicked.connect(self._chosen)
        self.empty_label = QLabel(_("Loading today's sessions…"), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "subtle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(heading)
        layout.addWidget(self.day_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        self.review_button = QPushButton("", self)  # "N visits need review": opens the list
        self.review_button.setObjectName("needsReview")
        self.review_button.setVisible(False)
        self.review_button.clicked.connect(self.open_reviews)
        layout.addWidget(self.review_button)
        self.information_button = QPushButton("", self)  # "N travel-costs applications need information"
        self.information_button.setObjectName("needsInformation")
        self.information_button.setVisible(False)
        self.information_button.clicked.connect(self.open_information_requests)
        layout.addWidget(self.information_button)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        tasks.changed.connect(self._records_changed)

    def start(self) -> None:
        """Load the board now and keep it fresh."""
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        """Reload today's sessions in the background."""
        self.load_sessions()
        self._tasks.run(self._desk.visits.needing_review_count, self.show_review_count, key="review-count")
        self.refresh_information()

    def load_sessions(self) -> None:
        """Today's sessions alone (the desk's first read: the counts need the records open in full)."""
        self._tasks.run(self._desk.visits.today, self.show_sessions, key="today", label=_("Loading today's sessions…"))
        if not self.day_label.text():  # the first time, once the read is on its way (then each answer writes it)
            self.day_label.setText(weekday_date(self._desk.ctx.clock.today()))

    def refresh_information(self) -> None:
        self._tasks.run(
            self._desk.costs.information_request_count, self.show_information_count, key="information-count"
        )

    def show_information_count(self, count: int) -> None:
        from visitorcentre.ui.cost_of_visits.information_requests import count_words

        self.information_button.setText(count_words(count))
        self.information_button.setAccessibleName(
            count_words(count) + " — " + _("open the list to attach what the families brought")
        )
        self.information_button.setVisible(count > 0)

    def open_information_requests(self):
        """The travel-costs applications waiting for the family's information; returns the list."""
        from visitorcentre.ui.cost_of_visits.information_requests import InformationRequests

        self.information_requests = InformationRequests(self._desk, self._tasks, self)
        self.information_requests.finished.connect(lambda _result: self.refresh_information())
        self.information_requests.open()
        return self.information_requests

    def show_review_count(self, count: int) -> None:
        self.review_button.setText(
            ngettext("{count} visit needs review", "{count} visits need review", count).format(count=count)
        )
        self.review_button.setVisible(count > 0)

    def open_reviews(self) -> None:
        from visitorcentre.ui.check_in.review_list import ReviewList

        self.reviews = ReviewList(self._desk, self._tasks, self)
        self.reviews.finished.connect(lambda _result: self.refresh())
        self.reviews.open()

    @Slot(object)
    def _records_changed(self, changes: Changes) -> None:
        """A desk action (or a sync) changed visits: read the board again."""
        if changes.touches(VISITS, "visit_review"):
            self.refresh()
        elif changes.touches(COST_OF_VISITS):
            self.refresh_information()

    def show_sessions(self, sessions: list[SessionSummary]) -> None:
        self.day_label.setText(weekday_date(self._desk.ctx.clock.today()))
        if self.view.itemDelegateForColumn(TodayModel.COL_PLACES) is None:
            self._add_capacity_bars()
        selected = self.view.currentIndex().data(SESSION_ROLE)
        self.model.set_sessions(sessions)
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.view.selectRow(row)
        self.empty_label.setVisible(not sessions)
        self.empty_label.setText(_("There are no visiting sessions today."))

    def _add_capacity_bars(self) -> None:
        # Added with the first sessions (there is nothing to draw before them): the bars' painter
        # loads Qt's style classes, a few ms that the window need not wait for.
        from visitorcentre.ui.check_in.capacity_bar import CapacityDelegate

        self.view.setItemDelegateForColumn(TodayModel.COL_PLACES, CapacityDelegate(self.view))

    def _chosen(self, index: QModelIndex) -> None:
        session = index.data(SESSION_ROLE)
        if session is not None:
            self.session_chosen.emit(session.id)
