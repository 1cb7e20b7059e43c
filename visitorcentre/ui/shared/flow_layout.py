"""A layout that wraps its widgets onto more rows when the space is narrow (buttons that reflow).

Qt has no flow layout of its own. ``FlowLayout`` places its widgets left to right and starts a
new row when the next one would not fit, so a row of buttons that needs 1,400 px on one line
still shows every button, on two or three rows, in a window 1,000 px wide. With ``columns=True``
the widgets sit in a grid of equal cells (as many columns as fit), which keeps a panel's
buttons tidy; otherwise each keeps its own width. Its smallest width is its widest widget.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QLayoutItem, QWidget


class FlowLayout(QHBoxLayout):
    """Widgets in rows that wrap at the layout's width (a grid of equal cells with ``columns``); it never expands.

    A QHBoxLayout that keeps its items itself and places them itself (every QBoxLayout method that
    would look at its own list is answered here), so the box layout's own list stays empty. That
    is only for what it answers when asked which ways it expands: none, as a box with nothing in it,
    without Python being asked. Asked in Python, the answer is a ``Qt.Orientation``, and that makes
    Qt's whole namespace (see ui/runtime/qt_names.py) in the window's first paint.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, columns: bool = False):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._columns = columns
        #: Heights for widths asked already (Qt asks several times as it lays out a window once).
        self._heights: dict[int, int] = {}
        self.setSpacing(spacing)

    # --- the QLayout interface ---------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width not in self._heights:
            self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return self._heights[width]

    def invalidate(self) -> None:
        """A widget was added, taken, shown, hidden or changed its size: measure again."""
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        QLayout.setGeometry(self, rect)  # (a layout's own: the box layout would place what it does not hold)
        self._arrange(rect, move=True)

    def addWidget(self, widget: QWidget) -> None:  # type: ignore[override]  # noqa: N802 (Qt's name)
        QLayout.addWidget(self, widget)  # (into this layout's own list, through addItem)

    def maximumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        return QLayout.maximumSize(self)  # (as large as it likes, as any layout)

    def minimumHeightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self.heightForWidth(width)

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown) + self.spacing() * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest widget: everything else wraps under it."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # --- placing -------------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the widgets in ``rect`` (only measure unless ``move``); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        shown = self._shown()
        if not shown:
            return 0
        gap = self.spacing()
        hints = [item.sizeHint() for item in shown]
        if self._columns:
            cell = max(hint.width() for hint in hints)
            cell = max(cell, max(item.minimumSize().width() for item in shown))
            columns = max(1, min(len(shown), (area.width() + gap) // (cell + gap)))
            cell = max((area.width() - gap * (columns - 1)) // columns, 1)
            widths = [cell] * len(shown)
        else:
            columns = 0
            widths = [min(hint.width(), area.width()) for hint in hints]
        x, y, row_height, in_row = area.x(), area.y(), 0, 0
        for item, hint, width in zip(shown, hints, widths, strict=True):
            full = (columns and in_row == columns) or (not columns and in_row and x + width > area.right() + 1)
            if full:
                x, y, in_row = area.x(), y + row_height + gap, 0
                row_height = 0
            height = hint.height()
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + gap
            row_height = max(row_height, height)
            in_row += 1
        return y + row_height - rect.y() + margins.bottom()


def labelled(parent: QWidget, label: QWidget, field: QWidget, stretch: int = 0) -> QWidget:
    """A label and its field kept side by side, to go in a FlowLayout (they wrap as one)."""
    cell = QWidget(parent)
    row = QHBoxLayout(cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field, stretch)
    return cell


class Columns(QBoxLayout):
    """Columns side by side when there is room for them all, one above the other when there is not.

    Its smallest width is its widest column's, so a window holding it can be narrow; below the
    width the columns need side by side they stack (and the window's body scrolls).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QBoxLayout.Direction.LeftToRight, parent)

    def _columns(self) -> list[QLayoutItem]:
        items = (self.itemAt(i) for i in range(self.count()))
        return [item for item in items if item is not None and not item.isEmpty()]

    def _side_by_side(self) -> int:
        """The width the columns need side by side."""
        shown = self._columns()
        margins = self.contentsMargins()
        widths = sum(item.minimumSize().width() for item in shown)
        return widths + self.spacing() * max(len(shown) - 1, 0) + margins.left() + margins.right()

    def minimumSize(self) -> QSize:
        size = super().minimumSize()
        if self.direction() == QBoxLayout.Direction.LeftToRight:
            margins = self.contentsMargins()
            widest = max((item.minimumSize().width() for item in self._columns()), default=0)
            size.setWidth(widest + margins.left() + margins.right())
        return size

    def setGeometry(self, rect: QRect) -> None:
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if rect.width() >= self._side_by_side()
            else QBoxLayout.Direction.TopToBottom
        )
        if wanted != self.direction():
            self.setDirection(wanted)
        super().setGeometry(rect)
