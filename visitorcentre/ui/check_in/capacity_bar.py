"""The Today board's capacity bars: each session's places drawn as a bar with the words on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from visitorcentre.ui.check_in.sessions_model import CAPACITY_ROLE, SESSION_ROLE, places_sign, places_words

if TYPE_CHECKING:
    from visitorcentre.core.views import SessionSummary

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
        painter.drawText(
            text_area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), places_words(session)
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):
        size = super().sizeHint(option, index)
        words = index.data(Qt.ItemDataRole.DisplayRole) or ""
        size.setHeight(max(size.height() + 18, 56))
        size.setWidth(max(option.fontMetrics.horizontalAdvance(words) + 16, 100))
        return size
