"""The Today board: today's sessions, their places, and how many families are expected, here and in the hall."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRect, QTimer, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget)

from visitorcentre.ui.i18n import _
from visitorcentre.ui.models.sessions import CAPACITY_ROLE, SESSION_ROLE, TodayModel, places_sign, places_words
from visitorcentre.ui.tasks import DeskTasks

if TYPE_CHECKING:
    from visitorcentre.core.views import SessionSummary

REFRESH_MS = 60_000
_BAR_COLOURS = {"ok": "#2e7d32", "warning": "#e09b00", "stop": "#c62828"}


class CapacityDelegate(QStyledItemDelegate):
    """Paints a session's places as a bar with the words on it (“3 places left”, “Full”)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        session: SessionSummary | None = index.data(SESSION_ROLE)
        booked, capacity = index.data(CAPACITY_ROLE) or (0, 0)
        if session is None:
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        area = option.rect.adjusted(6, 6, -6, -6)
        bar = QRect(area.left(), area.bottom() - 9, area.width(), 10)
        painter.setPen(QColor("#5f6b76"))
        painter.setBrush(QColor("#e6e9ec"))
        painter.drawRect(bar.adjusted(0, 0, -1, -1))
        share = min(booked / capacity, 1.0) if capacity else 1.0
        filled = QRect(bar.left(), bar.top(), int(bar.width() * share), bar.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_BAR_COLOURS[places_sign(session).icon]))
        painter.drawRect(filled)
        text_area = QRect(area.left(), area.top(), area.width(), area.height() - 12)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        painter.setFont(option.font)
        painter.drawText(text_area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         places_words(session))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):
        size = super().sizeHint(option, index)
        words = index.data(Qt.ItemDataRole.DisplayRole) or ""
        size.setHeight(max(size.height() + 18, 56))
        size.setWidth(max(option.fontMetrics.horizontalAdvance(words) + 16, 100))
        return size


class TodayBoard(QWidget):
    """Today's sessions for the desk's establishment, refreshed after every action and every minute."""

    #: A session was chosen (its id).
    session_chosen = Signal(str)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("todayBoard")
        self._desk = desk
        self._tasks = tasks
        heading = QLabel(_("Today"), self)
        heading.setProperty("role", "heading")
        self.day_label = QLabel(f"{desk.clock.today():%A %d %B %Y}", self)
        self.day_label.setProperty("role", "subtle")
        self.model = TodayModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("todayTable")
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Today's sessions"))
        self.view.setAccessibleDescription(_("Each session with its places, and how many families are expected, "
                                             "have arrived and are in the hall"))
        self.view.setItemDelegateForColumn(TodayModel.COL_PLACES, CapacityDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TodayModel.COL_SESSION, QHeaderView.ResizeMode.Stretch)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        """Load the board now and keep it fresh."""
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        """Reload today's sessions in the background."""
        self._tasks.run(self._desk.today, self.show_sessions, key="today", label=_("Loading today's sessions…"))

    def show_sessions(self, sessions: list[SessionSummary]) -> None:
        self.day_label.setText(f"{self._desk.clock.today():%A %d %B %Y}")
        selected = self.view.currentIndex().data(SESSION_ROLE)
        self.model.set_sessions(sessions)
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.view.selectRow(row)
        self.empty_label.setVisible(not sessions)
        self.empty_label.setText(_("There are no visiting sessions today."))

    def _chosen(self, index: QModelIndex) -> None:
        session = index.data(SESSION_ROLE)
        if session is not None:
            self.session_chosen.emit(session.id)
