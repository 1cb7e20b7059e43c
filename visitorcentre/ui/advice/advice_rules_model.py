"""An establishment's visiting rules as a table, for the manager's rules editor.

One row per rule version: the current rules in their order first, then (when asked for) the
ones retired, replaced or starting later. Severity and whether the rule is in force are shown
as a sign with a word; a rule with no text in the chosen language says so in its own column.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _, short_date
from visitorcentre.ui.shared.table_model import Index as _Index
from visitorcentre.ui.shared.table_model import RecordTable

if TYPE_CHECKING:
    from visitorcentre.core.advice import AdviceRuleView

#: The AdviceRuleView of a row.
RULE_ROLE = Qt.ItemDataRole.UserRole + 1

#: The categories as a worker says them.
CATEGORY_NAMES = {
    "arrival": N_("Arriving"),
    "id": N_("ID"),
    "lockers": N_("Lockers"),
    "items": N_("What not to bring"),
    "dress": N_("What to wear"),
    "money": N_("Money"),
    "children": N_("Children and babies"),
}
LANGUAGE_WORDS = {"pl": N_("Polish"), "gd": N_("Gaelic"), "en": N_("English")}

_OLD = QColor("#5f6b76")


def category_name(category: str) -> str:
    return _(CATEGORY_NAMES.get(category, category))


def missing_words(language: str) -> str:
    """What the editor says about a rule with no text in ``language``."""
    return _("No {language} text yet: the English is printed instead.").format(
        language=_(LANGUAGE_WORDS.get(language, language))
    )


def in_force_words(rule: AdviceRuleView, today: date) -> tuple[str, status_signs.Sign]:
    """Whether the rule is in force today, as words and a sign."""
    if rule.retired:
        return _("Retired"), status_signs.STOP
    if rule.effective_from > today:
        return _("Starts {day}").format(day=short_date(rule.effective_from)), status_signs.NOTE
    if rule.ends_on is not None and rule.ends_on <= today:
        return _("Replaced"), status_signs.WARNING
    if rule.ends_on is not None:
        return _("In force until {day}").format(day=f"{rule.ends_on:%d %b}"), status_signs.OK
    return _("In force"), status_signs.OK


class AdviceRulesModel(RecordTable):
    """The rules of one establishment, in one language."""

    COL_POSITION, COL_CATEGORY, COL_SEVERITY, COL_TEXT, COL_FROM, COL_STATE = range(6)
    HEADERS = (N_("#"), N_("Category"), N_("Must or advice"), N_("What it says"), N_("From"), N_("In force"))

    def __init__(self, today: date, parent=None):
        super().__init__(parent)
        self.today = today

    def rule_at(self, row: int) -> AdviceRuleView | None:
        return self.row_at(row)

    def row_of(self, rule_id: str = "", rule_key: str = "") -> int:
        """The row of the rule version ``rule_id``, or else of the live version of ``rule_key`` (-1 if none)."""
        for row, rule in enumerate(self._rows):
            if rule_id and rule.id == rule_id:
                return row
        for row, rule in enumerate(self._rows):
            if rule_key and rule.rule_key == rule_key and not rule.retired and rule.ends_on is None:
                return row
        return -1

    def current(self) -> list[AdviceRuleView]:
        """The rules in force (or starting later) that a manager can still change, in their order."""
        return [r for r in self._rows if not r.retired and r.ends_on is None]

    def is_current(self, rule: AdviceRuleView) -> bool:
        return not rule.retired and rule.ends_on is None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rule = self.row_at(index.row()) if index.isValid() else None
        if rule is None:
            return None
        column = index.column()
        if role == RULE_ROLE:
            return rule
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(rule, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.COL_SEVERITY:
                return status_signs.icon(status_signs.rule_sign(rule.severity).icon)
            if column == self.COL_STATE:
                return status_signs.icon(in_force_words(rule, self.today)[1].icon)
            if column == self.COL_CATEGORY:
                return status_signs.pictogram(rule.pictogram)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_TEXT:
            return rule.easy_read or rule.text
        if role == Qt.ItemDataRole.ForegroundRole and not self.is_current(rule):
            return _OLD
        return None

    def _text(self, rule: AdviceRuleView, column: int) -> str:
        if column == self.COL_POSITION:
            return str(self.current().index(rule) + 1) if self.is_current(rule) else ""
        if column == self.COL_CATEGORY:
            return category_name(rule.category)
        if column == self.COL_SEVERITY:
            return _(status_signs.rule_sign(rule.severity).word)
        if column == self.COL_TEXT:
            if rule.missing_translation:
                return f"{rule.text}\n⚠ {missing_words(rule.language)}"
            return rule.text
        if column == self.COL_FROM:
            return short_date(rule.effective_from)
        if column == self.COL_STATE:
            return in_force_words(rule, self.today)[0]
        return ""
