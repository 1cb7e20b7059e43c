"""The Today board: today's sessions, their places, and how many families are expected, here and in the hall."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.changes import COST_OF_VISITS, VISITS, Changes
from visitorcentre.ui.check_in.sessions_model import SESSION_ROLE, TIME_ROLE, TodayModel
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.i18n import _, ngettext, weekday_date
from visitorcentre.ui.shared.table_model import shown_once_painted

if TYPE_CHECKING:
    from visitorcentre.core.views import SessionSummary

REFRESH_MS = 60_000
#: What makes the board choose its form again: the view's room, or its text size, changing.
_REFIT = (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange)


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
        # The columns are sized to what they show (``fit_columns``): the Session column to its times in
        # full, the Families to their counts, the Places take the rest; or the board folds to one column.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TodayModel.COL_SESSION, QHeaderView.ResizeMode.Stretch)
        self.view.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # (by name: see qt_names)
        self._fit_due = False  # fitted once, after whatever changed the board's room or its words
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
            # From the first sessions on (not before the first paint), the view's size and text size are watched.
            self.view.installEventFilter(self)
        selected = self.view.currentIndex().data(SESSION_ROLE)
        self.model.set_sessions(sessions)
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.view.selectRow(row)
        self.empty_label.setVisible(not sessions)
        self.empty_label.setText(_("There are no visiting sessions today."))
        self.fit_columns()

    # --- the board's form: three columns, or one where three do not fit -----------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The view was resized, or its text size changed: choose the board's form again."""
        if watched is self.view and event.type() in _REFIT:
            self._fit_soon()
        return False

    def _fit_soon(self) -> None:
        if not self._fit_due and self.model.rowCount():
            self._fit_due = True
            QTimer.singleShot(0, self.fit_columns)

    def fit_columns(self) -> None:
        """Three columns if each fits what it shows beside the others; else every fact in the one, folded.

        The session's times are never cut short: the Session column is at least as wide as the
        longest (the kind and the room wrap under them), and the board never narrower than that.
        """
        self._fit_due = False
        view, model = self.view, self.model
        if model.rowCount() == 0:
            return
        header = view.horizontalHeader()
        # The room for the columns: the view less its frame and a vertical scroll bar (whether or not one
        # shows, so that the bar coming and going as rows change height never flips the form).
        from PySide6.QtWidgets import QStyle  # (here: importing it makes its every enum, after the first paint)

        bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
        room = view.width() - 2 * view.frameWidth() - bar
        times = self._times_width()
        folded = times + self._text_inset(folded=True)
        view.setMinimumWidth(folded + 2 * view.frameWidth() + bar)  # the splitter leaves it at least this
        session = max(times + self._text_inset(folded=False), header.sectionSizeFromContents(0).width())
        others = [
            max(view.sizeHintForColumn(column), header.sectionSizeFromContents(column).width())
            for column in (TodayModel.COL_PLACES, TodayModel.COL_FAMILIES)
        ]
        compact = session + sum(others) > room
        model.set_compact(compact)
        for column in (TodayModel.COL_PLACES, TodayModel.COL_FAMILIES):
            view.setColumnHidden(column, compact)
        if compact:
            header.setSectionResizeMode(TodayModel.COL_SESSION, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(TodayModel.COL_PLACES, QHeaderView.ResizeMode.ResizeToContents)
            return
        # The Session column as wide as its longest line where there is room, and never less than its times.
        longest = view.sizeHintForColumn(TodayModel.COL_SESSION)
        header.setSectionResizeMode(TodayModel.COL_SESSION, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TodayModel.COL_PLACES, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(TodayModel.COL_SESSION, max(session, min(longest, room - sum(others))))

    def _times_width(self) -> int:
        metrics = self.view.fontMetrics()
        rows = range(self.model.rowCount())
        return max(metrics.horizontalAdvance(self.model.index(row, 0).data(TIME_ROLE)) for row in rows)

    def _text_inset(self, folded: bool) -> int:
        """How much narrower a Session cell's text is than the cell (its margins, and the sign beside it)."""
        view = self.view
        from PySide6.QtCore import QRect  # (here, as QStyle above)
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = QRect(0, 0, 1000, 100)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.text = "-"
        if folded or any(session.blocked for session in self.model.rows()):
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.decorationSize = view.iconSize() if view.iconSize().isValid() else option.decorationSize
        text = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        return option.rect.width() - text.width() + 2  # (a pixel each side, as text measures round)

    def _add_capacity_bars(self) -> None:
        # Added with the first sessions (there is nothing to draw before them): the bars' painter
        # loads Qt's style classes, a few ms that the window need not wait for.
        from visitorcentre.ui.check_in.capacity_bar import CapacityDelegate

        self.view.setItemDelegateForColumn(TodayModel.COL_PLACES, CapacityDelegate(self.view))

    def _chosen(self, index: QModelIndex) -> None:
        session = index.data(SESSION_ROLE)
        if session is not None:
            self.session_chosen.emit(session.id)
