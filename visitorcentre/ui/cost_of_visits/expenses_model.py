"""The journey's expenses as an editable table: miles or days, cost in pounds and pence, and what each pays.

One ``Expense`` (the scheme's own frozen record) a row, changed with ``dataclasses.replace``.
The "Pays" and "Note" columns come from the latest quote, so the worker sees each line's amount
and whether its receipt is still needed as they type.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal

from visitorcentre.core.cost_of_visits.quote_words import note_words
from visitorcentre.core.cost_of_visits.views import Expense, Quote
from visitorcentre.core.cost_of_visits.vocab import EXPENSE_LABELS, MILEAGE_TYPES, RECEIPT_TYPES, ExpenseType
from visitorcentre.core.errors import InvalidInput
from visitorcentre.ui.cost_of_visits.pounds_and_pence import format_pence, parse_pounds, pence_as_typed
from visitorcentre.ui.shared.i18n import N_, _, ngettext
from visitorcentre.ui.shared.table_model import Index, RecordTable

EXPENSE_ROLE = Qt.ItemDataRole.UserRole + 1

#: The yes/no question each type asks, in the "Condition" column.
CONDITIONS = {
    ExpenseType.CAR: ("return_journey", N_("Return")),
    ExpenseType.MOTORCYCLE: ("return_journey", N_("Return")),
    ExpenseType.TAXI: ("no_public_transport", N_("No bus or train")),
    ExpenseType.ACCOMMODATION: ("pre_approved", N_("Approved first")),
}


def expense_label(kind: str) -> str:
    return _(EXPENSE_LABELS.get(kind, kind.replace("_", " ").capitalize()))


def new_expense(kind: str) -> Expense:
    """A fresh row of ``kind``: a car journey is a return journey unless the worker says otherwise."""
    return Expense(type=kind, return_journey=kind in MILEAGE_TYPES)


class ExpensesModel(RecordTable):
    """The expenses of one application; edits are checked as they are typed."""

    COL_TYPE, COL_AMOUNT, COL_COST, COL_CONDITION, COL_RECEIPT, COL_PAYS, COL_NOTE = range(7)
    HEADERS = (
        N_("Expense"),
        N_("Miles / days"),
        N_("Cost paid"),
        N_("Condition"),
        N_("Receipt"),
        N_("Pays"),
        N_("Note"),
    )

    #: Something typed could not be taken: (row, column, what to type instead).
    problem = Signal(int, int, str)
    #: The expenses changed (re-quote).
    expenses_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._quote: Quote | None = None
        self._pictures: dict = {}
        self.read_only = False

    # --- the rows -------------------------------------------------------------------------------

    def expenses(self) -> tuple[Expense, ...]:
        return tuple(self._rows)

    def set_expenses(self, expenses) -> None:
        self.set_rows(expenses)

    def add(self, kind: str) -> int:
        """Add an expense of ``kind`` at the end; returns its row."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(new_expense(kind))
        self.endInsertRows()
        self.expenses_changed.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.expenses_changed.emit()

    def show_quote(self, quote: Quote | None) -> None:
        """Show what each row pays (the quote's items are in the rows' order)."""
        self._quote = quote
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_PAYS), self.index(len(self._rows) - 1, self.COL_NOTE))

    def show_receipts(self, pictures: dict) -> None:
        """Small pictures of the attached receipts, by expense row (shown in the Receipt column)."""
        self._pictures = dict(pictures)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_RECEIPT), self.index(len(self._rows) - 1, self.COL_RECEIPT))

    def _item(self, row: int):
        items = self._quote.items if self._quote else ()
        return items[row] if row < len(items) else None

    # --- what each cell shows -------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        expense = self.row_at(index.row())
        if expense is None or self.read_only:
            return flags
        column = index.column()
        if column == self.COL_AMOUNT and (expense.type in MILEAGE_TYPES or expense.type == ExpenseType.CAR_HIRE):
            flags |= Qt.ItemFlag.ItemIsEditable
        elif column == self.COL_COST and expense.type not in MILEAGE_TYPES:
            flags |= Qt.ItemFlag.ItemIsEditable
        elif column == self.COL_CONDITION and expense.type in CONDITIONS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif column == self.COL_RECEIPT and expense.type in RECEIPT_TYPES:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        expense: Expense | None = self.row_at(index.row())
        if expense is None:
            return None
        column = index.column()
        if role == EXPENSE_ROLE:
            return expense
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == self.COL_CONDITION and expense.type in CONDITIONS:
                return _checked(getattr(expense, CONDITIONS[expense.type][0]))
            if column == self.COL_RECEIPT and expense.type in RECEIPT_TYPES:
                return _checked(expense.receipt)
            return None
        if role == Qt.ItemDataRole.EditRole:
            if column == self.COL_AMOUNT:
                value = expense.miles_one_way if expense.type in MILEAGE_TYPES else expense.days
                return "" if value is None else str(value)
            if column == self.COL_COST:
                return pence_as_typed(expense.cost_pence)
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_RECEIPT:
            return self._pictures.get(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_AMOUNT:
            return _("Miles one way (car or motorcycle), or days (car hire)")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COL_AMOUNT, self.COL_COST, self.COL_PAYS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(expense, index.row(), column)
        return None

    def _text(self, expense: Expense, row: int, column: int) -> str:
        if column == self.COL_TYPE:
            return expense_label(expense.type)
        if column == self.COL_AMOUNT:
            if expense.type in MILEAGE_TYPES:
                return (
                    _("{miles} miles").format(miles=expense.miles_one_way)
                    if expense.miles_one_way
                    else _("type the miles")
                )
            if expense.type == ExpenseType.CAR_HIRE:
                return _("{days} days").format(days=expense.days) if expense.days else _("type the days")
            return ""
        if column == self.COL_COST:
            if expense.type in MILEAGE_TYPES:
                return _("by the mile")
            return format_pence(expense.cost_pence) if expense.cost_pence is not None else _("type the cost")
        if column == self.COL_CONDITION:
            return _(CONDITIONS[expense.type][1]) if expense.type in CONDITIONS else ""
        if column == self.COL_RECEIPT:
            if expense.type not in RECEIPT_TYPES:
                return _("Not needed")
            return _("Have it") if expense.receipt else _("Still needed")
        item = self._item(row)
        if column == self.COL_PAYS:
            return format_pence(item.amount_pence) if item is not None else ""
        if column == self.COL_NOTE:
            return note_words(item.note, _, format_pence, ngettext) if item is not None else ""
        return ""

    # --- editing --------------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        expense: Expense | None = self.row_at(index.row())
        if expense is None or self.read_only:
            return False
        column = index.column()
        try:
            if role == Qt.ItemDataRole.CheckStateRole:
                ticked = _is_checked(value)
                if column == self.COL_CONDITION and expense.type in CONDITIONS:
                    changed = replace(expense, **{CONDITIONS[expense.type][0]: ticked})
                elif column == self.COL_RECEIPT and expense.type in RECEIPT_TYPES:
                    changed = replace(expense, receipt=ticked)
                else:
                    return False
            elif role == Qt.ItemDataRole.EditRole and column == self.COL_COST:
                text = str(value)
                changed = replace(expense, cost_pence=parse_pounds(text, "cost_pence") if text.strip() else None)
            elif role == Qt.ItemDataRole.EditRole and column == self.COL_AMOUNT:
                changed = self._amount(expense, str(value))
            else:
                return False
        except InvalidInput as error:
            self.problem.emit(index.row(), column, error.message)
            return False
        self._rows[index.row()] = changed
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.expenses_changed.emit()
        return True

    def _amount(self, expense: Expense, text: str) -> Expense:
        text = text.strip().replace(",", ".").removesuffix("miles").removesuffix("days").strip()
        if expense.type in MILEAGE_TYPES:
            try:
                miles = Decimal(text) if text else None
            except InvalidOperation:
                miles = Decimal(-1)
            if miles is not None and (miles < 0 or miles != miles.quantize(Decimal("0.1"))):
                raise InvalidInput(_("Type the miles one way as a number, for example 42 or 42.5."), "miles_one_way")
            return replace(expense, miles_one_way=miles)
        if text and not text.isdigit():
            raise InvalidInput(_("Type the number of days the car was hired, for example 2."), "days")
        return replace(expense, days=int(text) if text else None)


def _checked(value: bool) -> int:
    return (Qt.CheckState.Checked if value else Qt.CheckState.Unchecked).value


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value
