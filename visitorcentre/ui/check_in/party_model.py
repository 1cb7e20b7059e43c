"""The visiting party as a table: who is here, their age, their outcome and their checks in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from visitorcentre.core.kinds import PersonOutcome
from visitorcentre.core.severity import Severity
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _
from visitorcentre.ui.shared.table_model import Index as _Index
from visitorcentre.ui.shared.table_model import RecordTable

if TYPE_CHECKING:
    from visitorcentre.core.checks import CheckResult
    from visitorcentre.core.views import PartyMember

#: The PartyMember of a row.
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
#: The worst Severity of the row's checks.
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2
#: The row's check results in full plain words (what is wrong and what to do next).
CHECKS_TEXT_ROLE = Qt.ItemDataRole.UserRole + 3

_STOP_BACKGROUND = QColor("#fdecea")
_WARNING_BACKGROUND = QColor("#fff4d6")


class PartyModel(RecordTable):
    """The people on one visit, lead visitor first; the “Here” column records who has come.

    The Checks column shows each person's sign and word; CHECKS_TEXT_ROLE (and the tooltip)
    holds the results in full, which the visit panel lists under the table.
    """

    COL_HERE, COL_NAME, COL_AGE, COL_OUTCOME, COL_CHECKS = range(5)
    HEADERS = (N_("Here"), N_("Name"), N_("Age"), N_("Outcome"), N_("Checks"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._results: dict[str, list[CheckResult]] = {}
        self._present: set[str] = set()
        self._can_tick = False

    # --- filling --------------------------------------------------------------------------------

    def set_party(self, members: tuple[PartyMember, ...] | list[PartyMember], can_tick: bool) -> None:
        """Show ``members``; everyone still expected starts ticked as here."""
        self.beginResetModel()
        self._rows = list(members)
        self._results = {m.visitor_id: list(m.results) for m in self._rows}
        self._can_tick = can_tick
        self._present = {m.visitor_id for m in self._rows if m.outcome == PersonOutcome.EXPECTED}
        self.endResetModel()

    def show_results(self, results: list[CheckResult]) -> None:
        """Replace each person's checks with ``results`` (from a check-in that was stopped)."""
        self.beginResetModel()
        self._results = {m.visitor_id: [r for r in results if r.visitor_id == m.visitor_id] for m in self._rows}
        self.endResetModel()

    def clear(self) -> None:
        self.set_party([], False)

    # --- questions ------------------------------------------------------------------------------

    def member_at(self, row: int) -> PartyMember | None:
        return self.row_at(row)

    def members(self) -> list[PartyMember]:
        return list(self._rows)

    def present(self) -> list[str]:
        """Visitor ids ticked as here, in party order."""
        return [m.visitor_id for m in self._rows if m.visitor_id in self._present]

    def set_present(self, visitor_id: str, here: bool) -> None:
        row = next((i for i, m in enumerate(self._rows) if m.visitor_id == visitor_id), -1)
        if row >= 0:
            self.setData(
                self.index(row, self.COL_HERE),
                Qt.CheckState.Checked if here else Qt.CheckState.Unchecked,
                Qt.ItemDataRole.CheckStateRole,
            )

    def results_for(self, visitor_id: str) -> list[CheckResult]:
        return list(self._results.get(visitor_id, []))

    def stopped(self) -> list[PartyMember]:
        """People whose checks stop them going in."""
        return [m for m in self._rows if any(r.stops for r in self._results.get(m.visitor_id, []))]

    # --- Qt model -------------------------------------------------------------------------------

    def _tickable(self, member: PartyMember) -> bool:
        return self._can_tick and member.outcome == PersonOutcome.EXPECTED

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        member = self.member_at(index.row()) if index.isValid() else None
        if member is not None and index.column() == self.COL_HERE and self._tickable(member):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        member = self.member_at(index.row()) if index.isValid() else None
        if member is None or role != Qt.ItemDataRole.CheckStateRole or not self._tickable(member):
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._present.add(member.visitor_id)
        else:
            self._present.discard(member.visitor_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole])
        return True

    def checks_text(self, member: PartyMember) -> str:
        """The person's checks in full plain words."""
        return self._checks_text(member, self._results.get(member.visitor_id, []))

    def _checks_text(self, member: PartyMember, results: list[CheckResult]) -> str:
        if member.outcome == PersonOutcome.REFUSED:
            return _("Refused: {reason}").format(reason=member.reason) if member.reason else _("Refused.")
        if not results:
            if member.outcome in (PersonOutcome.NO_SHOW, PersonOutcome.CANCELLED):
                return ""
            return _("OK: nothing stops {name} going in.").format(name=member.name.split(" ")[0])
        return "\n".join(status_signs.result_text(r) for r in results)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        member = self.member_at(index.row()) if index.isValid() else None
        if member is None:
            return None
        column = index.column()
        results = self._results.get(member.visitor_id, [])
        severity = status_signs.worst(results)
        if member.outcome == PersonOutcome.REFUSED:
            severity = Severity.STOP
        if role == MEMBER_ROLE:
            return member
        if role == SEVERITY_ROLE:
            return severity
        if role == CHECKS_TEXT_ROLE:
            return self._checks_text(member, results)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_HERE and self._tickable(member):
            return Qt.CheckState.Checked if member.visitor_id in self._present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == self.COL_HERE:
                return (
                    (_("Here") if member.visitor_id in self._present else _("Not here"))
                    if self._tickable(member)
                    else ""
                )
            if column == self.COL_CHECKS:
                return self._checks_text(member, results)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_HERE:
                return None
            if column == self.COL_NAME:
                return member.name + (_("\n(lead visitor)") if index.row() == 0 else "")
            if column == self.COL_AGE:
                return (_("{age}, adult") if member.is_adult else _("{age}, child")).format(age=member.age)
            if column == self.COL_OUTCOME:
                return status_signs.outcome_words(member.outcome)
            if member.outcome in (PersonOutcome.NO_SHOW, PersonOutcome.CANCELLED):
                return ""
            return _(status_signs.severity_sign(severity).word)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.COL_CHECKS and member.outcome not in (PersonOutcome.NO_SHOW, PersonOutcome.CANCELLED):
                return status_signs.icon(status_signs.severity_sign(severity).icon)
            if column == self.COL_OUTCOME:
                return status_signs.icon(status_signs.outcome_sign(member.outcome).icon)
        if role == Qt.ItemDataRole.BackgroundRole:
            if severity is Severity.STOP:
                return _STOP_BACKGROUND
            if severity is Severity.WARNING:
                return _WARNING_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_CHECKS:
                return self._checks_text(member, results)
            if member.support_needs:
                return _("Support needs: {needs}").format(needs=member.support_needs)
        return None
