"""Tables for the booking dialog: prisoners found, and the visitors tied to one prisoner."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal

from visitorcentre.core.ages import age_on
from visitorcentre.core.kinds import ListStatus
from visitorcentre.core.views import LinkedVisitor, PrisonerBrief
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _, short_date
from visitorcentre.ui.shared.table_model import Index as _Index
from visitorcentre.ui.shared.table_model import RecordTable

#: The PrisonerBrief or LinkedVisitor of a row.
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

LIST_STATUS_WORDS = {
    ListStatus.APPROVED: (status_signs.OK, N_("Approved")),
    ListStatus.PENDING: (status_signs.WARNING, N_("Not approved yet")),
    ListStatus.REMOVED: (status_signs.STOP, N_("Taken off the list")),
}


def ban_words(visitor: LinkedVisitor) -> str:
    """“Banned until 20 Dec 2026: assault on staff”, shown beside the person before anyone ticks them."""
    if visitor.ban_until:
        return _("Banned until {day}: {reason}").format(day=f"{visitor.ban_until:%d %b %Y}", reason=visitor.ban_reason)
    return _("Banned: {reason}").format(reason=visitor.ban_reason)


class PrisonerModel(RecordTable):
    """Prisoners matching what was typed."""

    COL_NUMBER, COL_NAME, COL_LOCATION, COL_RESTRICTIONS = range(4)
    WIDE = (COL_NAME, COL_RESTRICTIONS)  # the columns whose words share the width and wrap
    HEADERS = (N_("Prison number"), N_("Name"), N_("Location"), N_("Restrictions"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        prisoner: PrisonerBrief | None = self.row_at(index.row()) if index.isValid() else None
        if prisoner is None:
            return None
        if role == RECORD_ROLE:
            return prisoner
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                self.COL_NUMBER: prisoner.number,
                self.COL_NAME: prisoner.name,
                self.COL_LOCATION: prisoner.location,
                self.COL_RESTRICTIONS: "; ".join(prisoner.restrictions) or _("None"),
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_RESTRICTIONS and prisoner.restrictions:
            return status_signs.icon("warning")
        return None


class LinkedVisitorModel(RecordTable):
    """The prisoner's visitors; ticking someone puts them in the party (in the order ticked)."""

    COL_VISITING, COL_NAME, COL_AGE, COL_RELATIONSHIP, COL_LIST = range(5)
    WIDE = (COL_NAME, COL_LIST)  # a name never shrinks to nothing beside the list and bans
    HEADERS = (N_("Visiting"), N_("Name"), N_("Age"), N_("Relationship"), N_("Visitor list and bans"))

    party_changed = Signal()

    def __init__(self, today: date, parent=None):
        super().__init__(parent)
        self._today = today
        self._party: list[str] = []
        self._lead = ""

    def set_rows(self, rows: list) -> None:
        self._party = []
        self._lead = ""
        super().set_rows(rows)
        self.party_changed.emit()

    def party(self) -> list[str]:
        """Ticked visitor ids, in the order they were ticked."""
        return list(self._party)

    def set_lead(self, visitor_id: str) -> None:
        """Mark ``visitor_id`` as the lead in the table (the dialog's lead choice says who)."""
        self._lead = visitor_id
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_VISITING), self.index(len(self._rows) - 1, self.COL_VISITING))

    def visitor(self, visitor_id: str) -> LinkedVisitor | None:
        return next((v for v in self._rows if v.visitor_id == visitor_id), None)

    def age(self, visitor: LinkedVisitor) -> int:
        return age_on(visitor.date_of_birth, self._today)

    def tick(self, visitor_id: str, on: bool = True) -> None:
        row = next((i for i, v in enumerate(self._rows) if v.visitor_id == visitor_id), -1)
        if row >= 0:
            self.setData(
                self.index(row, self.COL_VISITING),
                Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
                Qt.ItemDataRole.CheckStateRole,
            )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COL_VISITING:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        visitor: LinkedVisitor | None = self.row_at(index.row()) if index.isValid() else None
        if visitor is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            if visitor.visitor_id not in self._party:
                self._party.append(visitor.visitor_id)
        elif visitor.visitor_id in self._party:
            self._party.remove(visitor.visitor_id)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.party_changed.emit()
        return True

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        visitor: LinkedVisitor | None = self.row_at(index.row()) if index.isValid() else None
        if visitor is None:
            return None
        if role == RECORD_ROLE:
            return visitor
        column = index.column()
        ticked = visitor.visitor_id in self._party
        sign, words = LIST_STATUS_WORDS.get(visitor.list_status, (status_signs.NOTE, visitor.list_status))
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_VISITING:
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_VISITING:
                if not ticked:
                    return ""
                return _("Lead") if self._lead == visitor.visitor_id else _("Yes")
            if column == self.COL_LIST and visitor.banned:
                return ban_words(visitor)
            return {
                self.COL_NAME: _("{name}\nborn {dob}").format(name=visitor.name, dob=short_date(visitor.date_of_birth)),
                self.COL_AGE: str(self.age(visitor)),
                self.COL_RELATIONSHIP: _(visitor.kind.replace("_", " ").capitalize()),
                self.COL_LIST: _(words),
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_LIST:
            return status_signs.icon(status_signs.STOP.icon if visitor.banned else sign.icon)
        return None
