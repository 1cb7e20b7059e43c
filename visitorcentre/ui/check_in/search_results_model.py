"""The search results table: each visitor found, with their date of birth and nearest visit."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from visitorcentre.core.ages import age_on
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _, short_date
from visitorcentre.ui.shared.table_model import Index as _Index
from visitorcentre.ui.shared.table_model import RecordTable

if TYPE_CHECKING:
    from visitorcentre.core.views import VisitBrief, VisitorHit

#: The VisitorHit of a row.
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The visitor id of a row.
VISITOR_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def visit_words(brief: VisitBrief | None, today: date, separator: str = " · ") -> str:
    """“ABC123 · Booked · Today 14:00” (or one fact a line), or that there is no visit."""
    if brief is None:
        return _("No visits")
    if brief.date == today:
        when = _("Today {time}").format(time=f"{brief.starts_at:%H:%M}")
    elif brief.date.year == today.year:
        when = f"{brief.date:%a %d %b}"
    else:
        when = short_date(brief.date)
    return separator.join((brief.reference, status_signs.visit_status_words(brief.status), when))


class SearchResultsModel(RecordTable):
    """Visitors found by the search box."""

    COL_NAME, COL_DOB, COL_VISIT = range(3)
    HEADERS = (N_("Name"), N_("Date of birth"), N_("Nearest visit"))

    def __init__(self, today: date, parent=None):
        super().__init__(parent)
        self._today = today

    def set_hits(self, hits: list[VisitorHit], today: date | None = None) -> None:
        if today is not None:
            self._today = today
        self.set_rows(hits)

    def hit_at(self, row: int) -> VisitorHit | None:
        return self.row_at(row)

    def hits(self) -> list[VisitorHit]:
        return self.rows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == HIT_ROLE:
            return hit
        if role == VISITOR_ID_ROLE:
            return hit.visitor_id
        nearest = hit.visits[0] if hit.visits else None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_NAME:
                return hit.name
            if column == self.COL_DOB:
                age = age_on(hit.date_of_birth, self._today)
                return _("{dob}\nage {age}").format(dob=short_date(hit.date_of_birth), age=age)
            return visit_words(nearest, self._today, "\n")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_VISIT and hit.visits:
            return "\n".join(visit_words(v, self._today) for v in hit.visits)
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_VISIT and nearest is not None:
            return status_signs.icon(status_signs.visit_sign(nearest.status).icon)
        return None
