"""Step 1 of a travel-costs application: can the family claim? Asked first, answered at once in plain words.

Relationship, the claimant's date of birth (and age on the visit day), benefit (and household
income for universal credit), the visit date (a past or an advance claim) and the claims already
made in the last 12 months. The answer box says "You can claim because …" or "You can't claim
because …, but …" with what the family can do instead, always with a sign and a word.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.ages import age_on
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Quote
from visitorcentre.core.cost_of_visits.vocab import BENEFIT_LABELS, RELATIONSHIP_LABELS, Benefit
from visitorcentre.core.errors import InvalidInput
from visitorcentre.ui.check_in.visitor_form import parse_date
from visitorcentre.ui.cost_of_visits.pounds_and_pence import parse_pounds, pence_as_typed
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.flow_layout import Columns
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import within_screen

#: The scheme allows this many claims in any 12 months.
CLAIMS_A_YEAR = 26


def unanswered_words() -> str:
    """What to do before the answer can show (translated when shown)."""
    return _("Ask which benefit they (or their partner) get, and choose it on the left, or “None”.")


def _combo(parent: QWidget) -> QComboBox:
    """A choice box as wide as the form gives it (its longest choice would set the dialog's width)."""
    box = QComboBox(parent)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)
    return box


def _keep_readable(label: QLabel) -> None:
    """A wrapping question label no narrower than a short phrase (else it wraps a word to a line)."""
    label.ensurePolished()  # the stylesheet's font, so the width fits the words
    label.setMinimumWidth(min(label.sizeHint().width(), 220))


class AnswerBox(QFrame):
    """The answer in big words with its sign: "Can claim" (OK) or "Can't claim" (Stop), then why."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("claimAnswer")
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.word = QLabel("", self)
        self.word.setObjectName("claimAnswerWord")
        self.lines = QLabel("", self)
        self.lines.setObjectName("claimAnswerText")
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.word, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.lines)
        layout.addStretch(1)
        self.say(status_signs.NOTE, _("Not answered yet"), [_("Fill in the questions on the left.")])

    def say(self, sign: status_signs.Sign, word: str, lines: list[str] | tuple[str, ...]) -> None:
        self.setProperty("kind", sign.icon)
        self.style().unpolish(self)
        self.style().polish(self)
        self.icon.setPixmap(status_signs.icon(sign.icon).pixmap(40, 40))
        self.icon.setAccessibleName(_(sign.word))
        self.word.setText(f"{_(sign.word)}: {word}")
        self.lines.setText("\n\n".join(lines))
        self.setAccessibleName(f"{self.word.text()}. {' '.join(lines)}")

    def text(self) -> str:
        return f"{self.word.text()}\n{self.lines.text()}"


class EligibilityStep(QWidget):
    """The eligibility questions on the left, the answer on the right."""

    #: Something was typed or chosen: quote again.
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self._form: ApplicationForm | None = None
        self.inputs: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        self.claimant_label = self._fact(grid, 0, _("Who is claiming"))
        self.prisoner_label = self._fact(grid, 1, _("Visiting"))
        self.relationship = self._field(grid, 2, "relationship", _("Relationship to the prisoner"), _combo(self))
        for code, words in RELATIONSHIP_LABELS.items():
            self.relationship.addItem(_(words), str(code))
        self.date_of_birth = self._field(grid, 4, "date_of_birth", _("Claimant's date of birth"), QLineEdit(self))
        self.date_of_birth.setPlaceholderText(_("day/month/year"))
        self.age_label = QLabel("", self)
        self.age_label.setProperty("role", "subtle")
        grid.addWidget(self.age_label, 4, 2)
        self.benefit = self._field(grid, 6, "benefit", _("Benefit (theirs or their partner's)"), _combo(self))
        for code, words in BENEFIT_LABELS.items():
            self.benefit.addItem(_(words), str(code))
        # A new application starts with no benefit chosen (not on "None"): the answer waits for it.
        self.benefit.setPlaceholderText(_("Choose one (or “None”)"))
        self.income = self._field(
            grid,
            8,
            "monthly_household_income_pence",
            _("Household income a month\n(for Universal Credit)"),
            QLineEdit(self),
        )
        self.income.setPlaceholderText(_("pounds, for example 900"))
        self.medical = QCheckBox(_("Has a serious medical condition"), self)
        self.medical.setAccessibleName(_("Claimant has a serious medical condition"))
        grid.addWidget(self.medical, 10, 1, 1, 2)
        self.visit_date = self._field(grid, 11, "visit_date", _("Date of the visit"), QLineEdit(self))
        self.visit_date.setPlaceholderText(_("day/month/year"))
        self.timing_label = QLabel("", self)
        self.timing_label.setProperty("role", "subtle")
        self.timing_label.setWordWrap(True)
        grid.addWidget(self.timing_label, 11, 2)
        self.claims_label = self._fact(grid, 13, _("Claims in the last 12 months"))
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.answer = AnswerBox(self)
        self.answer.setMinimumWidth(within_screen(self, 520, 0.3))
        layout = Columns(self)  # the answer goes under the questions on a small screen
        layout.setSpacing(24)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addStretch(1)
        layout.addLayout(left, 3)
        layout.addWidget(self.answer, 2)
        self.relationship.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.benefit.currentIndexChanged.connect(self._benefit_changed)
        self.medical.toggled.connect(lambda _on: self.changed.emit())
        for box in (self.date_of_birth, self.income, self.visit_date):
            box.textEdited.connect(lambda _t: self.changed.emit())
        self._benefit_changed()

    def _fact(self, grid: QGridLayout, row: int, title: str) -> QLabel:
        name = QLabel(title, self)
        name.setProperty("role", "factName")
        name.setWordWrap(True)
        _keep_readable(name)
        value = QLabel("", self)
        value.setWordWrap(True)
        value.setAccessibleName(title)
        name.setBuddy(value)
        grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1, 1, 2)
        return value

    def _field(self, grid: QGridLayout, row: int, name: str, title: str, widget):
        label = QLabel(title, self)
        label.setWordWrap(True)  # a long question takes two lines, not the width of a small screen
        _keep_readable(label)
        label.setBuddy(widget)
        widget.setObjectName(name)
        widget.setAccessibleName(title)
        message = FieldMessage(self, name)
        grid.addWidget(label, row, 0)
        grid.addWidget(widget, row, 1)
        grid.addWidget(message, row + 1, 1, 1, 2)
        self.inputs[name] = widget
        self.messages[name] = message
        return widget

    def _benefit_changed(self, *_args) -> None:
        on_uc = self.benefit.currentData() == Benefit.UNIVERSAL_CREDIT
        self.income.setEnabled(on_uc)
        if not on_uc:
            self.messages["monthly_household_income_pence"].clear()
        self.changed.emit()

    # --- the form in and out --------------------------------------------------------------------

    def show_form(self, form: ApplicationForm, claims: list[str] | None = None, answered: bool = True) -> None:
        """Fill the questions from ``form``; ``claims`` lists the earlier claims found on this desk.

        ``answered`` is False for a new application whose benefit nobody has asked about yet.
        """
        self._form = form
        blocked = [
            self.relationship.blockSignals(True),
            self.benefit.blockSignals(True),
            self.medical.blockSignals(True),
        ]
        claimant = form.claimant
        self.claimant_label.setText(form.claimant_name or _("Not chosen"))
        where = form.establishment_name or form.establishment
        self.prisoner_label.setText(
            f"{form.prisoner_name} ({form.prisoner_number}) · {where}"
            if form.prisoner_number
            else form.prisoner_name or _("Not chosen")
        )
        self.relationship.setCurrentIndex(max(self.relationship.findData(str(claimant.relationship)), 0))
        self.date_of_birth.setText(f"{claimant.date_of_birth:%d/%m/%Y}")
        self.benefit.setCurrentIndex(max(self.benefit.findData(str(claimant.benefit)), 0) if answered else -1)
        income = claimant.monthly_household_income_pence
        self.income.setText(pence_as_typed(income) if income is not None else "")
        self.medical.setChecked(claimant.medical_condition)
        self.visit_date.setText(f"{form.visit_date:%d/%m/%Y}")
        self.relationship.blockSignals(blocked[0])
        self.benefit.blockSignals(blocked[1])
        self.medical.blockSignals(blocked[2])
        self.income.setEnabled(self.benefit.currentData() == Benefit.UNIVERSAL_CREDIT)
        count = form.claims_in_last_12_months
        text = _("{count} of {most} allowed (from this desk's records)").format(count=count, most=CLAIMS_A_YEAR)
        if claims:
            text += "\n" + "\n".join(claims)
        self.claims_label.setText(text)
        self._describe(form)

    def apply(self, form: ApplicationForm) -> ApplicationForm:
        """``form`` with the answers typed here; InvalidInput (with its field) for one that cannot be read."""
        for message in self.messages.values():
            message.clear()
        dob = parse_date(self.date_of_birth.text(), "date_of_birth")
        if not self.visit_date.text().strip():
            raise InvalidInput(_("Please type the date of the visit, for example 20/11/2026."), "visit_date")
        visit_day = parse_date(self.visit_date.text(), "visit_date")
        benefit = self.benefit.currentData() or Benefit.NONE
        income = None
        if benefit == Benefit.UNIVERSAL_CREDIT:
            if not self.income.text().strip():
                raise InvalidInput(
                    _(
                        "Type the household's income a month, for example 900: Universal Credit "
                        "pays only up to £1,250 a month."
                    ),
                    "monthly_household_income_pence",
                )
            income = parse_pounds(self.income.text(), "monthly_household_income_pence")
        claimant = replace(
            form.claimant,
            date_of_birth=dob,
            relationship=self.relationship.currentData(),
            benefit=benefit,
            monthly_household_income_pence=income,
            medical_condition=self.medical.isChecked(),
        )
        changed = replace(form, claimant=claimant, visit_date=visit_day)
        self._describe(changed)
        return changed

    def _describe(self, form: ApplicationForm) -> None:
        """The age on the visit day, and whether it is a past or an advance claim, in words."""
        self.age_label.setText(
            _("{age} on the day of the visit").format(age=age_on(form.claimant.date_of_birth, form.visit_date))
        )
        days = (form.visit_date - form.application_date).days
        if days == 0:
            # The session may still be to come today: it is not "past", but it is claimed as one.
            self.timing_label.setText(_("A visit today: claim it today or within 28 days after it."))
        elif days < 0:
            when = _("{n} days ago").format(n=-days) if days < -1 else _("yesterday")
            self.timing_label.setText(_("A past visit ({when}): claim within 28 days of it.").format(when=when))
        else:
            self.timing_label.setText(
                _("An advance claim: the visit is {n} days away (5 to 28 days ahead).").format(n=days)
            )

    def answered(self) -> bool:
        """Whether the questions the answer hangs on have been answered (a benefit, or "None", is chosen)."""
        return self.benefit.currentIndex() >= 0

    def show_quote(self, quote: Quote) -> None:
        """The answer, with the rules' own plain-words explanation (none until the questions are answered)."""
        if not self.answered():
            self.answer.say(status_signs.NOTE, _("Not answered yet"), [unanswered_words()])
            return
        lines = list(quote.explanation) or ([_("You can claim.")] if quote.eligible else [_("You can't claim.")])
        if quote.eligible:
            self.answer.say(status_signs.OK, _("They can claim"), lines)
        else:
            self.answer.say(status_signs.STOP, _("They can't claim"), lines)

    def show_problem(self, error: InvalidInput) -> bool:
        """Show ``error`` next to its field here; False if the field is not on this step."""
        field = (error.field or "").split(".")[-1]
        message = self.messages.get(field)
        if message is None:
            return False
        message.say(error.message)
        return True
