"""The table of sync issues: when, what happened (with its sign and word), and what to do, in plain words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from visitorcentre.core.sync_views import SyncIssue
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _
from visitorcentre.ui.shared.table_model import Index, RecordTable
from visitorcentre.ui.sync import sync_words

ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1

#: A family checked in twice, a record changed at two desks, a change the server would not take:
#: each is something to look at (Warning); a desk the server refuses is a Stop.
_SIGNS = {
    "double_check_in": status_signs.WARNING,
    "conflict": status_signs.WARNING,
    "rejected": status_signs.WARNING,
    "refused": status_signs.STOP,
}


def issue_sign(issue: SyncIssue) -> status_signs.Sign:
    """The sign for an issue (a dismissed one is only a note now)."""
    return status_signs.NOTE if issue.dismissed else _SIGNS.get(issue.kind, status_signs.NOTE)


class SyncIssuesModel(RecordTable):
    """Sync issues, open ones first and newest first within each."""

    HEADERS = (N_("When"), N_("What happened"), N_("What it means and what to do"))
    COL_WHEN, COL_KIND, COL_MESSAGE = range(3)

    def set_rows(self, rows) -> None:
        ordered = sorted(rows, key=lambda issue: sync_words.as_utc(issue.raised_at), reverse=True)
        super().set_rows(sorted(ordered, key=lambda issue: issue.dismissed))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        issue: SyncIssue | None = self.row_at(index.row()) if index.isValid() else None
        if issue is None:
            return None
        column = index.column()
        if role == ISSUE_ROLE:
            return issue
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_WHEN:
                return sync_words.local_time(issue.raised_at)
            if column == self.COL_KIND:
                sign = issue_sign(issue)
                state = _("Dismissed") if issue.dismissed else _(sign.word)
                return f"{state}: {sync_words.issue_kind(issue)}"
            return issue.message
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_KIND:
            return status_signs.icon(issue_sign(issue).icon)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Record: {entity} {row_id}").format(entity=issue.entity, row_id=issue.row_id)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_KIND and not issue.dismissed:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (issue.dismissed or column == self.COL_KIND):
            return QColor("#4a5561") if issue.dismissed else QColor(issue_sign(issue).colour)
        return None

    def open_count(self) -> int:
        return sum(1 for issue in self._rows if not issue.dismissed)
