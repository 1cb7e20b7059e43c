"""Tables of families' feedback and of the "you said, we did" responses, for the manager's screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from visitorcentre.ui.check_in.sessions_model import kind_label
from visitorcentre.ui.engagement.face_scale import face_word
from visitorcentre.ui.shared.i18n import N_, _, short_date
from visitorcentre.ui.shared.table_model import Index, RecordTable

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


class FeedbackModel(RecordTable):
    """Feedback, newest first: when, the face, who (a child? a name?), what they said, answered yet."""

    HEADERS = (N_("When"), N_("Face"), N_("From"), N_("What they said"), N_("Answered"))
    COL_WHEN, COL_RATING, COL_FROM, COL_COMMENT, COL_ANSWERED = range(5)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == RECORD_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            column = index.column()
            if column == self.COL_WHEN:
                about = f"\n{kind_label(item.session_kind)}" if item.session_kind else ""
                return f"{item.given_at:%d %b %H:%M}{about}"
            if column == self.COL_RATING:
                return f"{item.rating} – {face_word(item.rating)}"
            if column == self.COL_FROM:
                who = _("A child") if item.by_child else _("A family")
                name = item.name if not item.anonymous and item.name else _("anonymous")
                visit = (
                    "\n" + _("Visit {reference}").format(reference=item.visit_reference) if item.visit_reference else ""
                )
                return f"{who} ({name}){visit}"
            if column == self.COL_COMMENT:
                return item.comment or _("(no comment)")
            if column == self.COL_ANSWERED:
                return _("✓ Yes") if item.responded else _("Not yet")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_RATING:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def ids_of(self, rows: list[int]) -> list[str]:
        """The ids of the feedback on ``rows``."""
        return [self._rows[row].id for row in rows if 0 <= row < len(self._rows)]


class ResponsesModel(RecordTable):
    """The "you said, we did" responses, newest first."""

    HEADERS = (N_("When"), N_("Theme"), N_("You said"), N_("We did"))
    COL_WHEN, COL_THEME, COL_SAID, COL_DID = range(4)

    def data(self, index: Index = QModelIndex(), role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == RECORD_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (short_date(item.responded_on), item.theme, item.you_said, item.we_did)[index.column()]
        return None
