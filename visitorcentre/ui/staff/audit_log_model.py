"""The audit log as a table: when, who, what, which record, and the summary (newest first)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from visitorcentre.ui.shared.i18n import N_
from visitorcentre.ui.shared.table_model import Index, RecordTable

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
#: The value a column sorts by (times and sequence numbers sort as themselves, not as text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def action_words(action: str) -> str:
    """``signed_in`` as "signed in": the stored action, readable."""
    return action.replace("_", " ")


class AuditLogModel(RecordTable):
    """One audit entry a row; read-only."""

    HEADERS = (N_("No."), N_("When"), N_("Staff"), N_("Action"), N_("Record"), N_("What happened"))
    COL_SEQ, COL_WHEN, COL_STAFF, COL_ACTION, COL_RECORD, COL_SUMMARY = range(6)

    def data(self, index: Index = QModelIndex(), role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == ENTRY_ROLE:
            return entry
        if role == SORT_ROLE:
            return (
                entry.seq,
                entry.at,
                entry.actor.casefold(),
                entry.action,
                f"{entry.entity} {entry.entity_id}",
                entry.summary.casefold(),
            )[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_SEQ:
                return str(entry.seq)
            if column == self.COL_WHEN:
                return f"{entry.at:%d %b %Y %H:%M:%S}"
            if column == self.COL_STAFF:
                return entry.actor
            if column == self.COL_ACTION:
                return action_words(entry.action)
            if column == self.COL_RECORD:
                return f"{entry.entity.replace('_', ' ')} {entry.entity_id[:8]}"
            return entry.summary
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_RECORD:
            return f"{entry.entity} {entry.entity_id}"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_SUMMARY:
            return entry.summary
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def sorting_proxy(model: AuditLogModel, parent=None) -> QSortFilterProxyModel:
    """A proxy that sorts by each column's own value (click a header to sort)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
