"""The search results table: each visitor found, with their date of birth and nearest visit."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal

from visitorcentre.core.ages import age_on
from visitorcentre.core.kinds import PersonOutcome
from visitorcentre.ui.runtime.qt_names import DISPLAY_ROLE, USER_ROLE, Qt
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _, short_date
from visitorcentre.ui.shared.table_model import Index as _Index
from visitorcentre.ui.shared.table_model import RecordTable

if TYPE_CHECKING:
    from visitorcentre.core.views import VisitBrief, VisitorHit

#: The VisitorHit of a row.
HIT_ROLE = USER_ROLE + 1
#: The visitor id of a row.
VISITOR_ID_ROLE = USER_ROLE + 2


#: A person's own outcome that says more than their visit's status (the visit went ahead without them).
_OWN_OUTCOMES = frozenset({PersonOutcome.REFUSED, PersonOutcome.NO_SHOW, PersonOutcome.CANCELLED})


def person_sign(brief: VisitBrief) -> status_signs.Sign:
    """The sign for this person on the visit: their own outcome if they did not go in, else the visit's."""
    if brief.outcome in _OWN_OUTCOMES:
        return status_signs.outcome_sign(brief.outcome)
    return status_signs.visit_sign(brief.status)


def person_words(brief: VisitBrief) -> str:
    """“Refused” for a refused child on a checked-in visit; otherwise the visit's status."""
    if brief.outcome in _OWN_OUTCOMES:
        return status_signs.outcome_words(brief.outcome)
    return status_signs.visit_status_words(brief.status)


def visit_words(brief: VisitBrief | None, today: date, separator: str = " · ", here: str | None = None) -> str:
    """“ABC123 · Booked · Today 14:00” (or one fact a line), or that there is no visit.

    A visit at another establishment than ``here`` says where it is.
    """
    if brief is None:
        return _("No visits")
    if brief.date == today:
        when = _("Today {time}").format(time=f"{brief.starts_at:%H:%M}")
    elif brief.date.year == today.year:
        when = f"{brief.date:%a %d %b}"
    else:
        when = short_date(brief.date)
    parts = [brief.reference, person_words(brief), when]
    if here and brief.establishment != here:
        parts.append(_("At {place}, not here").format(place=brief.establishment_name or brief.establishment))
    return separator.join(parts)


class SearchResultsModel(RecordTable):
    """Visitors found by the search box.

    A hit holds the nearest visit its row shows; the nearest few, for the row's tool tip, are asked
    for (``wants_visits``) the first time that tool tip is wanted, and shown from then on.
    """

    COL_NAME, COL_DOB, COL_VISIT = range(3)
    HEADERS = (N_("Name"), N_("Date of birth"), N_("Nearest visit"))
    #: A row's tool tip wants the visitor's nearest visits (their id): hand them to ``set_visits``.
    wants_visits = Signal(str)

    def __init__(self, today: date, parent=None, here: str | None = None):
        super().__init__(parent)
        self._today = today
        self._here = here
        self._visits: dict[str, tuple[VisitBrief, ...]] = {}  # by visitor id, for the tool tips

    def set_hits(self, hits: list[VisitorHit], today: date | None = None, here: str | None = None) -> None:
        if today is not None:
            self._today = today
        if here is not None:
            self._here = here
        self._visits = {}
        self.set_rows(hits)

    def set_visits(self, visitor_id: str, visits: tuple[VisitBrief, ...]) -> None:
        """The visitor's nearest visits, for their row's tool tip."""
        self._visits[visitor_id] = visits

    def hit_at(self, row: int) -> VisitorHit | None:
        return self.row_at(row)

    def hits(self) -> list[VisitorHit]:
        return self.rows()

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
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
            return visit_words(nearest, self._today, "\n", self._here)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_VISIT and hit.visits:
            visits = self._visits.get(hit.visitor_id)
            if visits is None:
                self._visits[hit.visitor_id] = hit.visits  # asked for once
                self.wants_visits.emit(hit.visitor_id)
            return "\n".join(visit_words(v, self._today, here=self._here) for v in visits or hit.visits)
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_VISIT and nearest is not None:
            return status_signs.icon(person_sign(nearest).icon)
        return None
