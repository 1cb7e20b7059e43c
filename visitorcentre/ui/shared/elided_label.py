"""A label that shortens its text with "…" instead of widening the window; the whole text is in its tooltip.

The status bar's words (the establishment, who is signed in, what is being done) can be long:
a QLabel would make the window as wide as the longest of them. ``ElidedLabel`` asks for the
room its whole text needs but makes do with a few letters; ``text()`` is always the whole text,
and so are its tooltip and accessible description, so a screen reader reads it all.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QResizeEvent, QTextLayout
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: The fewest letters shown before the "…".
SHORTEST = 6


def elide_right(font: QFontMetrics, text: str, width: int) -> str:
    """``text`` cut short with "…" to fit ``width`` in the font that ``font`` measures: what Qt's
    ``font.elidedText(text, Qt.TextElideMode.ElideRight, width)`` gives, by the same steps
    (tests/ui/shared/test_elided_label.py compares them).

    Not Qt's own call: naming its elide mode makes Qt's whole namespace (ui/runtime/qt_names.py), and the
    status bar's words are shortened in the window's first paint. Like Qt, it cuts between whole letters
    (a letter and its accents stay together), measuring each start as it sits in the whole text.
    """
    metrics = QFontMetricsF(font)  # (in fractions of a pixel, as Qt measures)
    if len(text) <= 1 or metrics.horizontalAdvance(text) <= width:
        return text
    ellipsis = "\u2026" if metrics.inFontUcs4(0x2026) else "..."
    room = width - metrics.horizontalAdvance(ellipsis)
    if room < 0:
        return ""
    layout = QTextLayout(text)  # where each letter ends, whatever the font (Qt counts in UTF-16, as here)
    units = text.encode("utf-16-le")
    end = cut = 0
    while True:
        cut, end = end, layout.nextCursorPosition(end)
        if end >= len(units) // 2 or metrics.horizontalAdvance(text, end) >= room:
            break
    return units[: 2 * cut].decode("utf-16-le") + ellipsis


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
        shown = self._full if fits else elide_right(metrics, self._full, room)
        if shown != super().text():
            super().setText(shown)
