"""Step 2 of a travel-costs application: the journey — expenses, children, escort, hours away — and the total.

The running total is worked out again on every change (the quote is pure and quick), so the
family sees what they will be paid as the worker types, and which receipts are still needed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.cost_of_visits.views import ApplicationForm, Child, Quote
from visitorcentre.core.cost_of_visits.vocab import ChildOf
from visitorcentre.core.errors import InvalidInput
from visitorcentre.ui.check_in.visitor_form import parse_date
from visitorcentre.ui.cost_of_visits.expenses_table import ExpensesTable, RoomyCells
from visitorcentre.ui.cost_of_visits.pounds_and_pence import format_pence
from visitorcentre.ui.cost_of_visits.travelling_children_model import ChildrenModel
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.flow_layout import Columns
from visitorcentre.ui.shared.i18n import _


class JourneyStep(QWidget):
    """Expenses on the left; who travelled, hours away and the running total on the right."""

    #: Something was typed or ticked: quote again.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.expenses = ExpensesTable(self)
        self.children = ChildrenModel(self)
        self.children_view = QTableView(self)
        self.children_view.setObjectName("childrenTable")
        self.children_view.setModel(self.children)
        self.children_view.setAccessibleName(_("Children who travelled"))
        self.children_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.children_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.children_view.setTabKeyNavigation(False)
        self.children_view.setItemDelegate(RoomyCells(self.children_view))
        self.children_view.verticalHeader().hide()
        header = self.children_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChildrenModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.children_view.setMaximumHeight(170)
        self.child_name = QLineEdit(self)
        self.child_name.setPlaceholderText(_("Child's first name"))
        self.child_name.setAccessibleName(_("Name of a child to add"))
        self.child_dob = QLineEdit(self)
        self.child_dob.setObjectName("child_date_of_birth")
        self.child_dob.setPlaceholderText(_("day/month/year"))
        self.child_dob.setAccessibleName(_("Date of birth of the child to add"))
        self.add_child_button = QPushButton(_("Add child"), self)
        self.add_child_button.setAccessibleName(_("Add the child"))
        self.remove_child_button = QPushButton(_("Remove child"), self)
        self.remove_child_button.setAccessibleName(_("Remove the selected child"))
        self.child_message = FieldMessage(self, "children")
        self.escort = QCheckBox(_("An escort travelled with them"), self)
        self.escort.setObjectName("escort")
        self.escort.setAccessibleName(_("An escort travelled with the claimant"))
        self.hours = QDoubleSpinBox(self)
        self.hours.setObjectName("hours_away_from_home")
        self.hours.setDecimals(1)
        self.hours.setRange(0, 72)
        self.hours.setSingleStep(0.5)
        self.hours.setToolTip(_("Type the hours, or press Up and Down to change by half an hour"))
        self.hours.setSuffix(_(" hours"))
        self.hours.setAccessibleName(_("Hours away from home"))
        hours_label = QLabel(_("Hours away from home"), self)
        self.hours_message = FieldMessage(self, "hours_away_from_home")
        hours_label.setBuddy(self.hours)
        self.total = QFrame(self)
        self.total.setObjectName("runningTotal")
        self.total_label = QLabel("", self.total)
        self.total_label.setObjectName("runningTotalText")
        self.total_label.setWordWrap(True)
        self.total_label.setAccessibleName(_("Total to be paid"))
        self.breakdown = QLabel("", self.total)
        self.breakdown.setWordWrap(True)
        self.evidence = QLabel("", self.total)
        self.evidence.setObjectName("evidenceNeeded")
        self.evidence.setWordWrap(True)
        self.evidence.setAccessibleName(_("Still needed"))
        total_layout = QVBoxLayout(self.total)
        total_layout.setContentsMargins(14, 10, 14, 10)
        for label in (self.total_label, self.breakdown, self.evidence):
            total_layout.addWidget(label)
        self._lay_out(hours_label)
        self.expenses.changed.connect(self.changed)
        self.children.children_changed.connect(self.changed)
        self.escort.toggled.connect(lambda _on: self.changed.emit())
        self.hours.valueChanged.connect(lambda _v: self.changed.emit())
        self.add_child_button.clicked.connect(self.add_child)
        self.child_dob.returnPressed.connect(self.add_child)
        self.remove_child_button.clicked.connect(self.remove_child)

    def _lay_out(self, hours_label: QLabel) -> None:
        left = QVBoxLayout()
        heading = QLabel(_("The journey: what did it cost?"), self)
        heading.setProperty("role", "subheading")
        left.addWidget(heading)
        left.addWidget(self.expenses, 1)
        right = QVBoxLayout()
        who = QLabel(_("Who travelled"), self)
        who.setProperty("role", "subheading")
        right.addWidget(who)
        right.addWidget(self.children_view)
        add_child = QGridLayout()
        add_child.addWidget(self.child_name, 0, 0)
        add_child.addWidget(self.child_dob, 0, 1)
        add_child.addWidget(self.add_child_button, 1, 0)
        add_child.addWidget(self.remove_child_button, 1, 1)
        right.addLayout(add_child)
        right.addWidget(self.child_message)
        right.addWidget(self.escort)
        escort_hint = QLabel(
            _("An escort is paid for when the claimant is 75 or over, or has a serious medical condition (step 1)."),
            self,
        )
        escort_hint.setWordWrap(True)
        escort_hint.setProperty("role", "subtle")
        right.addWidget(escort_hint)
        hours = QHBoxLayout()
        hours.addWidget(hours_label)
        hours.addWidget(self.hours, 1)
        right.addLayout(hours)
        right.addWidget(self.hours_message)
        right.addWidget(self.total)
        right.addStretch(1)
        # The column scrolls rather than squeezing: squeezed, the total's wrapped lines were drawn
        # over one another.
        column = QWidget(self)
        column.setLayout(right)
        right.setContentsMargins(0, 0, 8, 0)
        self.right_column = QScrollArea(self)
        self.right_column.setObjectName("journeyWhoAndTotal")
        self.right_column.setWidget(column)
        self.right_column.setWidgetResizable(True)
        self.right_column.setFrameShape(QFrame.Shape.NoFrame)
        self.right_column.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = Columns(self)  # the children and the total go under the journey on a small screen
        layout.setSpacing(20)
        layout.addLayout(left, 5)
        layout.addWidget(self.right_column, 3)
        for first, second in (
            (self.expenses.kind, self.expenses.add_button),
            (self.expenses.add_button, self.expenses.remove_button),
            (self.expenses.remove_button, self.expenses.view),
            (self.expenses.view, self.children_view),
            (self.children_view, self.child_name),
            (self.child_name, self.child_dob),
            (self.child_dob, self.add_child_button),
            (self.add_child_button, self.remove_child_button),
            (self.remove_child_button, self.escort),
            (self.escort, self.hours),
        ):
            QWidget.setTabOrder(first, second)

    # --- children -------------------------------------------------------------------------------

    def add_child(self) -> None:
        self.child_message.clear()
        try:
            born = parse_date(self.child_dob.text(), "child_date_of_birth")
        except InvalidInput as error:
            self.child_message.say(error.message)
            self.child_dob.setFocus()
            return
        self.children.add(Child(date_of_birth=born, child_of=ChildOf.PRISONER, name=self.child_name.text().strip()))
        self.child_name.clear()
        self.child_dob.clear()
        self.child_name.setFocus()

    def remove_child(self) -> None:
        rows = self.children_view.selectionModel().selectedRows()
        if rows:
            self.children.remove(rows[0].row())

    # --- the form in and out --------------------------------------------------------------------

    def show_form(self, form: ApplicationForm) -> None:
        blocked = (self.escort.blockSignals(True), self.hours.blockSignals(True))
        self.expenses.set_expenses(form.expenses)
        self.children.set_rows(form.children)
        self.children.set_visit_date(form.visit_date)
        self.escort.setChecked(form.escort)
        self.hours.setValue(float(form.hours_away_from_home))
        self.escort.blockSignals(blocked[0])
        self.hours.blockSignals(blocked[1])

    def apply(self, form: ApplicationForm) -> ApplicationForm:
        """``form`` with the journey as typed here."""
        self.children.set_visit_date(form.visit_date)
        return replace(
            form,
            expenses=self.expenses.expenses(),
            children=self.children.children(),
            escort=self.escort.isChecked(),
            hours_away_from_home=Decimal(f"{self.hours.value():.1f}").normalize(),
        )

    def set_read_only(self, read_only: bool) -> None:
        self.expenses.set_read_only(read_only)
        self.children.read_only = read_only
        for widget in (
            self.child_name,
            self.child_dob,
            self.add_child_button,
            self.remove_child_button,
            self.escort,
            self.hours,
        ):
            widget.setEnabled(not read_only)

    def show_quote(self, quote: Quote, visit_confirmation: bool = False) -> None:
        """The running total, how it is made up, and what is still needed."""
        self.expenses.show_quote(quote)
        self.total_label.setText(_("Total to be paid: {total}").format(total=format_pence(quote.total_pence)))
        travel = quote.total_pence - quote.refreshments_pence
        parts = [_("Travel {amount}").format(amount=format_pence(travel))]
        if quote.refreshments_pence:
            parts.append(
                _("refreshments {amount} ({people} people)").format(
                    amount=format_pence(quote.refreshments_pence), people=quote.people_for_refreshments
                )
            )
        else:
            parts.append(_("no refreshments (only for more than 5 hours away)"))
        lines = [" + ".join(parts)]
        if not quote.eligible:
            lines.append(_("Nothing can be paid: see step 1."))
        for check in quote.manual_check:
            lines.append(_("The central team will check this by hand: {what}").format(what=check))
        self.breakdown.setText("\n".join(lines))
        needed = list(quote.evidence_required)
        if needed:
            self.evidence.setText(_("Still needed: {items}.").format(items="; ".join(needed)))
        elif not self.expenses.expenses():
            self.evidence.setText(_("No expenses yet: add each fare or cost of the journey on the left."))
        else:
            self.evidence.setText(_("Nothing else is needed: every receipt is here."))

    def show_problem(self, error: InvalidInput) -> bool:
        field = error.field or ""
        if field.startswith("expenses") or field in ("cost_pence", "miles_one_way", "days"):
            self.expenses.show_problem(error.message)
            return True
        if field.startswith("children"):
            self.child_message.say(error.message)
            return True
        if field == "hours_away_from_home":
            self.hours_message.say(error.message)
            return True
        return False
