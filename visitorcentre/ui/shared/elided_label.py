"""A label that shortens its text with "…" instead of widening the window; the whole text is in its tooltip.

The status bar's words (the establishment, who is signed in, what is being done) can be long:
a QLabel would make the window as wide as the longest of them. ``ElidedLabel`` asks for the
room its whole text needs but makes do with a few letters; ``text()`` is always the whole text,
and so are its tooltip and accessible description, so a screen reader reads it all.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: The fewest letters shown before the "…".
SHORTEST = 6


class ElidedLabel(QLabel):
    """One line of text, shortened with "…" when there is not room for all of it."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        """Show ``text`` (shortened if need be); the tooltip and accessible description carry all of it."""
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._fit()
        self.updateGeometry()

    def text(self) -> str:
        """The whole text, however much of it shows."""
        return self._full

    def _spare(self) -> int:
        margins = self.contentsMargins()
        return 2 * self.margin() + margins.left() + margins.right() + 4  # and room for a glyph's overhang

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self._full) + self._spare()
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        shortest = self.fontMetrics().horizontalAdvance(self._full[:SHORTEST] + "…") + self._spare()
        return QSize(min(shortest, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(self.width() - self._spare(), 0)
        metrics = self.fontMetrics()
        fits = metrics.horizontalAdvance(self._full) <= room  # elidedText can cut a text of exactly the room
        shown = self._full if fits else metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != super().text():
            super().setText(shown)
