"""The journey's expenses as a table the worker types into, with add and remove controls and the message line.

Add an expense by choosing its kind and pressing Add (or Ctrl+Plus); the new row's first box to
type into opens at once. Costs are typed as on the ticket ("4.20", "£4.20", "4,20"); a cost the
desk cannot read is refused with a sentence next to the table, and the row keeps its old value.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.cost_of_visits.views import Expense, Quote
from visitorcentre.core.cost_of_visits.vocab import EXPENSE_LABELS, MILEAGE_TYPES, ExpenseType
from visitorcentre.ui.cost_of_visits.expenses_model import ExpensesModel, expense_label
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _


class RoomyCells(QStyledItemDelegate):
    """Cells measured with room for the stylesheet's large tick boxes (else "Return journey" is cut short)."""

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        if index.flags() & Qt.ItemFlag.ItemIsUserCheckable or index.data(Qt.ItemDataRole.CheckStateRole) is not None:
            size.setWidth(size.width() + 24)
        return size


class ExpensesTable(QWidget):
    """The expenses model in a table view, with "Add" by kind and "Remove"."""

    #: The expenses changed (re-quote).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ExpensesModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("expensesTable")
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Expenses of the journey"))
        self.view.setAccessibleDescription(_("Type miles, days or costs; press Space to tick a box"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(True)
        self.view.setItemDelegate(RoomyCells(self.view))
        self.view.setIconSize(QSize(48, 48))  # the attached receipt, small, beside "Have it"
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ExpensesModel.COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kind = QComboBox(self)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(12)
        self.kind.setObjectName("expenseKind")
        self.kind.setAccessibleName(_("Kind of expense to add"))
        for code in EXPENSE_LABELS:
            self.kind.addItem(expense_label(code), str(code))
        kind_label = QLabel(_("Add an expense:"), self)
        kind_label.setBuddy(self.kind)
        self.add_button = QPushButton(_("Add  (Ctrl++)"), self)
        self.add_button.setObjectName("addExpense")
        self.add_button.setAccessibleName(_("Add the expense"))
        self.remove_button = QPushButton(_("Remove expense"), self)
        self.remove_button.setObjectName("removeExpense")
        self.remove_button.setAccessibleName(_("Remove the selected expense"))
        self.message = FieldMessage(self, "expenses")
        controls = QHBoxLayout()
        controls.addWidget(kind_label)
        controls.addWidget(self.kind)
        controls.addWidget(self.add_button)
        controls.addStretch(1)
        controls.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button.clicked.connect(self.remove_selected)
        for keys in ("Ctrl++", "Ctrl+="):
            QShortcut(QKeySequence(keys), self, self.add_chosen)
        self.model.problem.connect(self._problem)
        self.model.expenses_changed.connect(self._changed)
        self.model.modelReset.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    # --- rows -----------------------------------------------------------------------------------

    def set_expenses(self, expenses: tuple[Expense, ...]) -> None:
        self.model.set_expenses(expenses)
        self.view.resizeRowsToContents()

    def expenses(self) -> tuple[Expense, ...]:
        return self.model.expenses()

    def add(self, kind: str) -> int:
        """Add an expense of ``kind`` and start typing into its first box; returns its row."""
        row = self.model.add(kind)
        column = (
            ExpensesModel.COL_AMOUNT
            if kind in MILEAGE_TYPES or kind == ExpenseType.CAR_HIRE
            else ExpensesModel.COL_COST
        )
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        if self.view.isVisible():
            self.view.edit(index)
        return row

    def add_chosen(self) -> None:
        if self.add_button.isEnabled():
            self.add(self.kind.currentData())

    def remove_selected(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and not self.model.read_only:
            self.model.remove(index.row())

    def set_read_only(self, read_only: bool) -> None:
        """A submitted application's expenses are shown, not changed."""
        self.model.read_only = read_only
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        self._update_buttons()

    def show_quote(self, quote: Quote | None) -> None:
        self.model.show_quote(quote)
        self.view.resizeRowsToContents()

    # --- messages -------------------------------------------------------------------------------

    def _problem(self, row: int, column: int, message: str) -> None:
        what = expense_label(self.model.row_at(row).type)
        self.message.say(_("{what} (row {row}): {message}").format(what=what, row=row + 1, message=message))
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)

    def _changed(self) -> None:
        self.message.clear()
        self._update_buttons()
        self.view.resizeRowsToContents()
        self.changed.emit()

    def _update_buttons(self) -> None:
        editable = not self.model.read_only
        self.add_button.setEnabled(editable)
        self.kind.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.view.currentIndex().isValid() and self.model.rowCount() > 0)

    def show_problem(self, message: str) -> None:
        self.message.say(message)
