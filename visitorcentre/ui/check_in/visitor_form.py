"""Register a new visitor, or correct a visitor's details, with each problem shown next to its field."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.errors import ChangedElsewhere, VisitorCentreError
from visitorcentre.core.kinds import RelationshipKind
from visitorcentre.core.visitor_details import LANGUAGES, VisitorDetails
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.field_message import FieldMessage, form_buttons
from visitorcentre.ui.shared.i18n import N_, _
from visitorcentre.ui.shared.screen_fit import fit_to_screen, scroll_body

LANGUAGE_NAMES = {
    "en": N_("English"),
    "pl": N_("Polish (Polski)"),
    "gd": N_("Scottish Gaelic (Gàidhlig)"),
    "cy": N_("Welsh (Cymraeg)"),
    "ar": N_("Arabic"),
    "ro": N_("Romanian"),
    "ur": N_("Urdu"),
    "pa": N_("Punjabi"),
    "zh": N_("Chinese"),
    "other": N_("Another language"),
}
ID_KINDS = (
    "",
    N_("Passport"),
    N_("Driving licence"),
    N_("Young Scot card"),
    N_("Bus pass"),
    N_("Birth certificate (child)"),
    N_("Other photo ID"),
)
_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class DateNotUnderstood(VisitorCentreError):
    """What was typed in a date field is not a date."""


def parse_date(text: str, field: str = "date_of_birth") -> date:
    """A date typed as day/month/year (or year-month-day); DateNotUnderstood says how to type it."""
    example = _("type it as day/month/year, for example 12/04/1990")
    if not text.strip():
        raise DateNotUnderstood(_("Please enter the date of birth: {example}.").format(example=example), field)
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            raise DateNotUnderstood(_("Please type the year in full, for example 12/04/1990."), field)
    else:
        raise DateNotUnderstood(
            _("“{text}” is not a date: {example}.").format(text=text.strip(), example=example), field
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DateNotUnderstood(
            _("There is no such date as “{text}”: {example}.").format(text=text.strip(), example=example), field
        ) from None


class VisitorForm(QDialog):
    """The visitor's details; ``visitor_id`` edits an existing visitor, ``prisoner_id`` links a new one."""

    FIELDS = (
        "first_name",
        "last_name",
        "date_of_birth",
        "postcode",
        "address",
        "phone",
        "email",
        "language",
        "id_checked",
        "support_needs",
        "notes",
    )

    def __init__(
        self,
        desk,
        tasks: DeskTasks,
        visitor_id: str | None = None,
        prisoner_id: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.visitor_id = visitor_id
        self._prisoner_id = prisoner_id
        self._version = 0
        self.setObjectName("visitorForm")
        self.setWindowTitle(_("Visitor's details") if visitor_id else _("New visitor"))
        fit_to_screen(self, 1100, 760)
        heading = QLabel(self.windowTitle(), self)
        heading.setProperty("role", "heading")
        self.inputs: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(2)
        self.first_name = self._field(grid, 0, 0, "first_name", _("First name"), QLineEdit(self))
        self.last_name = self._field(grid, 0, 1, "last_name", _("Last name"), QLineEdit(self))
        self.date_of_birth = self._field(grid, 3, 0, "date_of_birth", _("Date of birth"), QLineEdit(self))
        self.date_of_birth.setPlaceholderText(_("day/month/year, e.g. 12/04/1990"))
        self.postcode = self._field(grid, 3, 1, "postcode", _("Postcode"), QLineEdit(self))
        self.postcode.setPlaceholderText(_("e.g. G33 4RT"))
        self.address = self._field(grid, 6, 0, "address", _("Address"), QLineEdit(self))
        self.phone = self._field(grid, 6, 1, "phone", _("Phone"), QLineEdit(self))
        self.email = self._field(grid, 9, 0, "email", _("Email"), QLineEdit(self))
        self.language = self._field(grid, 9, 1, "language", _("Language they prefer"), QComboBox(self))
        for code in LANGUAGES:
            self.language.addItem(_(LANGUAGE_NAMES.get(code, code)), code)
        self.id_checked = self._field(grid, 12, 0, "id_checked", _("ID seen today"), QComboBox(self))
        self.id_checked.setEditable(True)
        self.id_checked.addItems([_(kind) for kind in ID_KINDS])
        self.support_needs = self._field(grid, 12, 1, "support_needs", _("Additional support needs"), QLineEdit(self))
        self.support_needs.setPlaceholderText(_("e.g. wheelchair user, needs an interpreter"))
        self.notes = self._field(grid, 15, 0, "notes", _("Notes"), QLineEdit(self))
        self.relationship = QComboBox(self)
        self.relationship.setAccessibleName(_("Relationship to the prisoner"))
        for kind in RelationshipKind:
            self.relationship.addItem(_(kind.value.replace("_", " ").capitalize()), kind)
        if prisoner_id:
            self._field(grid, 15, 1, "relationship", _("Relationship to the prisoner"), self.relationship)
        else:
            self.relationship.hide()
        self.photo_consent = QCheckBox(_("Agrees to a photo being kept on record"), self)
        self.photo_consent.setAccessibleName(_("Photo consent"))
        self.form_message = FieldMessage(self, "form")
        self.save_button = QPushButton(_("Save changes") if visitor_id else _("Register visitor"), self)
        self.save_button.setObjectName("saveVisitor")
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(self.save_button.text())
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(_("Close"), self)
        close.setAccessibleName(_("Close without saving"))
        close.clicked.connect(self.reject)
        buttons = form_buttons(self.form_message, close, self.save_button)
        self.personal_data = self._personal_data_actions(visitor_id)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(self.photo_consent)
        layout.addStretch(1)
        if self.personal_data is not None:
            layout.addLayout(self.personal_data.row())
        layout.addLayout(buttons)
        # the fields scroll on a small screen or in large print; the heading and the buttons stay
        scroll_body(layout, keep_last=2 if self.personal_data is not None else 1, keep_first=1)
        order = [self.inputs[name] for name in self.FIELDS] + ([self.relationship] if prisoner_id else [])
        order += [self.photo_consent, self.save_button, close]
        order += self.personal_data.buttons() if self.personal_data is not None else []
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.first_name.setFocus()
        if visitor_id:
            self.save_button.setEnabled(False)
            self._tasks.run(
                lambda: self._desk.visits.visitor_record(visitor_id),
                self._fill,
                self._show_problem,
                label=_("Loading the visitor…"),
            )

    def _personal_data_actions(self, visitor_id: str | None):
        """A manager looking at a visitor can export their data or erase it on request."""
        from visitorcentre.ui.records.personal_data import PersonalDataActions, is_manager

        if not visitor_id or not is_manager(self._desk):
            return None
        actions = PersonalDataActions(
            self._desk,
            self._tasks,
            self,
            visitor_id,
            self.form_message.say,
            name=lambda: self.first_name.text().strip(),
        )
        actions.erased.connect(
            lambda vid: self._tasks.run(
                lambda: self._desk.visits.visitor_record(vid), self._fill, label=_("Loading the visitor…")
            )
        )
        return actions

    def _field(self, grid: QGridLayout, row: int, column: int, name: str, title: str, widget: QWidget):
        label = QLabel(title, self)
        label.setBuddy(widget)
        widget.setObjectName(name)
        widget.setAccessibleName(title)
        message = FieldMessage(self, name)
        grid.addWidget(label, row, column)
        grid.addWidget(widget, row + 1, column)
        grid.addWidget(message, row + 2, column)
        self.inputs[name] = widget
        self.messages[name] = message
        return widget

    def _fill(self, record) -> None:
        if record is None:
            self.form_message.say(_("This visitor is no longer on this desk's records."))
            return
        details: VisitorDetails = record.details
        self._version = record.version
        self.first_name.setText(details.first_name)
        self.last_name.setText(details.last_name)
        self.date_of_birth.setText(f"{details.date_of_birth:%d/%m/%Y}")
        self.postcode.setText(details.postcode)
        self.address.setText(details.address)
        self.phone.setText(details.phone)
        self.email.setText(details.email)
        self.language.setCurrentIndex(max(self.language.findData(details.language), 0))
        self.id_checked.setCurrentText(details.id_checked)
        self.support_needs.setText(details.support_needs)
        self.notes.setText(details.notes)
        self.photo_consent.setChecked(details.photo_consent)
        self.save_button.setEnabled(True)

    # --- saving ---------------------------------------------------------------------------------

    def details(self) -> VisitorDetails:
        """What is typed, as VisitorDetails (DateNotUnderstood if the date of birth is not a date)."""
        return VisitorDetails(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            date_of_birth=parse_date(self.date_of_birth.text()),
            postcode=self.postcode.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            language=self.language.currentData() or "en",
            support_needs=self.support_needs.text(),
            id_checked=self.id_checked.currentText(),
            photo_consent=self.photo_consent.isChecked(),
            notes=self.notes.text(),
        )

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.clear()
        self.form_message.clear()

    def save(self) -> None:
        """Register or save the visitor; the services check every field."""
        self.clear_messages()
        try:
            details = self.details()
        except DateNotUnderstood as problem:
            self._show_problem(problem)
            return
        desk, visitor_id, version = self._desk, self.visitor_id, self._version
        if visitor_id:
            work = lambda: desk.visits.edit_visitor(visitor_id, details, version)  # noqa: E731
        else:
            prisoner, kind = self._prisoner_id, self.relationship.currentData() if self._prisoner_id else None
            work = lambda: desk.visits.register_visitor(details, prisoner, kind)  # noqa: E731
        self.save_button.setEnabled(False)
        self._tasks.run(work, self._saved, self._show_problem, label=_("Saving…"))

    def _saved(self, result) -> None:
        self.save_button.setEnabled(True)
        if not self.visitor_id:
            self.visitor_id = result
        self.accept()

    def _show_problem(self, error: VisitorCentreError) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ChangedElsewhere) and self.visitor_id:
            self.form_message.say(error.message)
            visitor_id = self.visitor_id
            self._tasks.run(
                lambda: self._desk.visits.visitor_record(visitor_id), self._fill, label=_("Loading the visitor…")
            )
            return
        message = self.messages.get(error.field or "")
        if message is None:
            self.form_message.say(error.message)
            return
        message.say(error.message)
        self.inputs[error.field].setFocus()
