"""The children travelling with the claimant: name, age on the visit day, and whose child they are.

Whose child matters: the prisoner's children always count for refreshments; the claimant's own
children count only when the claimant is the prisoner's spouse, civil partner or partner.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal

from visitorcentre.core.ages import age_on
from visitorcentre.core.cost_of_visits.views import Child
from visitorcentre.core.cost_of_visits.vocab import ChildOf
from visitorcentre.ui.shared.i18n import N_, _
from visitorcentre.ui.shared.table_model import Index, RecordTable


class ChildrenModel(RecordTable):
    """One ``Child`` a row; the "whose child" column is a tick box (ticked: the prisoner's child)."""

    COL_NAME, COL_AGE, COL_PRISONERS = range(3)
    HEADERS = (N_("Child"), N_("Age"), N_("The prisoner's child"))

    #: The children changed (re-quote).
    children_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.visit_date: date | None = None
        self.read_only = False

    def children(self) -> tuple[Child, ...]:
        return tuple(self._rows)

    def set_visit_date(self, day: date) -> None:
        self.visit_date = day
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_AGE), self.index(len(self._rows) - 1, self.COL_AGE))

    def add(self, child: Child) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(child)
        self.endInsertRows()
        self.children_changed.emit()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.children_changed.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_PRISONERS and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        child: Child | None = self.row_at(index.row())
        if child is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_PRISONERS:
            return (Qt.CheckState.Checked if child.child_of == ChildOf.PRISONER else Qt.CheckState.Unchecked).value
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == self.COL_NAME:
            return child.name or f"{child.date_of_birth:%d/%m/%Y}"
        if column == self.COL_AGE:
            return str(age_on(child.date_of_birth, self.visit_date)) if self.visit_date else ""
        if column == self.COL_PRISONERS:
            return _("Yes") if child.child_of == ChildOf.PRISONER else _("No: the claimant's own child")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        child: Child | None = self.row_at(index.row())
        if child is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.COL_PRISONERS:
            return False
        ticked = (
            value == Qt.CheckState.Checked
            if isinstance(value, Qt.CheckState)
            else int(value) == Qt.CheckState.Checked.value
        )
        self._rows[index.row()] = replace(child, child_of=ChildOf.PRISONER if ticked else ChildOf.CLAIMANT)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.COL_PRISONERS))
        self.children_changed.emit()
        return True
