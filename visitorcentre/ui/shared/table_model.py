"""What every list on the desk has in common: one record a row, and translatable column headers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

from visitorcentre.ui.runtime.qt_names import DISPLAY_ROLE, Qt
from visitorcentre.ui.shared.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

Index = QModelIndex | QPersistentModelIndex


class RecordTable(QAbstractTableModel):
    """A flat table of records; subclasses name their ``HEADERS`` (marked with ``N_``) and their ``data``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        """Show ``rows`` instead of what was there."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        """The record on ``row``, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None


def shown_once_painted(view: QTableView, model: RecordTable) -> None:
    """Show ``model`` in ``view`` from just after the window's first paint; until then a stand-in with its headers.

    Asking a Python model for its headers hands it a ``Qt.Orientation``, and that makes Qt's whole
    namespace (see ui/runtime/qt_names.py), which the first paint does without. The stand-in is a
    plain Qt model with the same column headers and no rows, as ``model`` has before its first
    load; ``model`` takes its place with ``show_own_model`` (the window calls it once painted), or
    as soon as it has rows to show. Call it where ``view.setModel(model)`` would be.
    """
    from PySide6.QtGui import QStandardItemModel

    stand_in = QStandardItemModel(0, len(model.HEADERS), view)
    stand_in.setHorizontalHeaderLabels([_(header) for header in model.HEADERS])
    view.setModel(stand_in)
    model.modelReset.connect(lambda: show_own_model(view, model))
    model.rowsInserted.connect(lambda *_: show_own_model(view, model))


def show_own_model(view: QTableView, model: RecordTable) -> None:
    """``view`` shows ``model`` (the same headers as its stand-in, and the header's sizing kept), if not already."""
    stand_in = view.model()
    if stand_in is not model:
        view.setModel(model)
        stand_in.deleteLater()
