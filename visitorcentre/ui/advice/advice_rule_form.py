"""One visiting rule as the manager writes it: category, must or advice, picture, wording, start day.

The wording is written in English and, for the other languages, as a translation; the editor's
language selector chooses which one the two text boxes hold. A language with no text yet is
flagged plainly ("No Polish text yet: the English is printed instead."). Whatever the desk
refuses comes back as an ``InvalidInput`` naming its field, and is said next to that field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFrame, QGridLayout, QLabel, QPlainTextEdit, QWidget

from visitorcentre.core.advice import CATEGORIES, PICTOGRAMS, SEVERITIES, AdviceRuleDraft, RuleText
from visitorcentre.ui.advice.advice_rules_model import LANGUAGE_WORDS, category_name, missing_words
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _

FIELDS = ("category", "severity", "pictogram", "text", "easy_read", "effective_from", "translations")


def _text_box(parent: QWidget, name: str, accessible: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setTabChangesFocus(True)
    box.setFixedHeight(24 + 30 * lines)
    return box


class RuleForm(QFrame):
    """The fields of one rule; ``draft()`` reads them, ``show_error`` puts a refusal next to its field."""

    #: Anything was changed by the manager (the preview follows).
    edited = Signal()

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ruleForm")
        self.today = today
        self.language = "en"
        self._texts: dict[str, RuleText] = {}
        self._draft = AdviceRuleDraft("dress", "must", "")
        self._loading = False
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.category = QComboBox(self)
        for code in CATEGORIES:
            self.category.addItem(category_name(code), code)
        self.severity = QComboBox(self)
        for code in SEVERITIES:
            sign = status_signs.rule_sign(code)
            self.severity.addItem(status_signs.icon(sign.icon), _(sign.word), code)
        self.pictogram = QComboBox(self)
        for name in PICTOGRAMS:
            self.pictogram.addItem(status_signs.pictogram(name), name.replace("-", " "), name)
        self.text = _text_box(self, "ruleText", _("What the rule says"), 2)
        self.easy_read = _text_box(self, "ruleEasyRead", _("The rule in easy read"), 1)
        self.effective_from = QDateEdit(self)
        self.effective_from.setCalendarPopup(True)
        self.effective_from.setDisplayFormat("d MMM yyyy")
        self.effective_from.setMinimumDate(QDate(today.year, today.month, today.day))
        self.effective_from.setAccessibleName(_("In force from"))
        self.translation_flag = FieldMessage(self, "translation")
        self.messages: dict[str, FieldMessage] = {}
        self.labels: dict[str, QLabel] = {}
        # The short choices two by two, the wording under them: the form fits beside the leaflet on a small screen.
        choices = (
            ("category", _("Category"), self.category),
            ("severity", _("Must or advice"), self.severity),
            ("pictogram", _("Picture"), self.pictogram),
            ("effective_from", _("In force from"), self.effective_from),
        )
        for place, (name, title, widget) in enumerate(choices):
            self._add(grid, name, title, widget, 3 * (place // 2), place % 2, 1)
        self._add(grid, "text", _("What it says"), self.text, 5, 0, 2)
        grid.addWidget(self.translation_flag, 9, 0, 1, 2)
        self._add(grid, "easy_read", _("Easy read"), self.easy_read, 9, 0, 2)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        self.messages["translations"] = self.translation_flag
        for combo in (self.category, self.severity, self.pictogram):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            # a long choice shortens in the box (the list shows it whole): the form fits a small screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.text.textChanged.connect(self._changed)
        self.easy_read.textChanged.connect(self._changed)
        self.effective_from.dateChanged.connect(lambda _d: self._changed())

    def _add(self, grid: QGridLayout, name: str, title: str, widget: QWidget, row: int, column: int, span: int) -> None:
        """A field with its label above it and its message below it."""
        label = QLabel(title, self)
        label.setProperty("role", "factName")
        label.setBuddy(widget)
        widget.setAccessibleName(widget.accessibleName() or title)
        message = FieldMessage(self, name)
        if span == 1:
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row + 1, column)
            grid.addWidget(message, row + 2, column)
        else:  # the wording: label on its own line, the box, then what is wrong with it
            grid.addWidget(label, row + 1, 0, 1, span)
            grid.addWidget(widget, row + 2, 0, 1, span)
            grid.addWidget(message, row + 3, 0, 1, span)
        self.labels[name] = label
        self.messages[name] = message

    # --- filling and reading ---------------------------------------------------------------------

    def set_draft(self, draft: AdviceRuleDraft) -> None:
        """Show ``draft`` (a rule opened for editing, or a new one)."""
        self._loading = True
        try:
            self._draft = draft
            self._texts = {"en": RuleText(draft.text, draft.easy_read), **dict(draft.translations)}
            for combo, value in (
                (self.category, draft.category),
                (self.severity, draft.severity),
                (self.pictogram, draft.pictogram),
            ):
                combo.setCurrentIndex(max(combo.findData(value), 0))
            start = max(draft.effective_from or self.today, self.today)
            self.effective_from.setDate(QDate(start.year, start.month, start.day))
            self._show_language()
            self.clear_errors()
        finally:
            self._loading = False

    def set_language(self, language: str) -> None:
        """Write the text boxes in ``language`` (what was typed in the other one is kept)."""
        self._keep_typed()
        self.language = language
        self._loading = True
        try:
            self._show_language()
        finally:
            self._loading = False

    def draft(self) -> AdviceRuleDraft:
        """The rule as the form holds it now, every language included."""
        self._keep_typed()
        english = self._texts.get("en", RuleText(""))
        qdate = self.effective_from.date()
        translations = {code: text for code, text in self._texts.items() if code != "en" and text.text.strip()}
        return AdviceRuleDraft(
            self.category.currentData(),
            self.severity.currentData(),
            english.text,
            english.easy_read,
            self.pictogram.currentData(),
            date(qdate.year(), qdate.month(), qdate.day()),
            self._draft.establishment,
            self._draft.position,
            translations,
        )

    def _keep_typed(self) -> None:
        self._texts[self.language] = RuleText(self.text.toPlainText().strip(), self.easy_read.toPlainText().strip())

    def _show_language(self) -> None:
        words = self._texts.get(self.language, RuleText(""))
        self.text.setPlainText(words.text)
        self.easy_read.setPlainText(words.easy_read)
        in_language = "" if self.language == "en" else f" ({_(LANGUAGE_WORDS.get(self.language, self.language))})"
        self.labels["text"].setText(_("What it says") + in_language)
        self.labels["easy_read"].setText(_("Easy read") + in_language)
        self._flag_translation()

    def _flag_translation(self) -> None:
        if self.language != "en" and not self.text.toPlainText().strip():
            self.translation_flag.say(missing_words(self.language), status_signs.NOTE)
        else:
            self.translation_flag.clear()

    def _changed(self) -> None:
        if self._loading:
            return
        self._flag_translation()
        self.edited.emit()

    # --- messages next to the fields -------------------------------------------------------------

    def show_error(self, field: str | None, message: str) -> bool:
        """Say ``message`` next to ``field``; False when the form has no such field."""
        target = self.messages.get(field or "")
        if target is None:
            return False
        target.say(message)
        widget = {
            "category": self.category,
            "severity": self.severity,
            "pictogram": self.pictogram,
            "text": self.text,
            "easy_read": self.easy_read,
            "effective_from": self.effective_from,
            "translations": self.text,
        }[field]
        widget.setFocus()
        return True

    def clear_errors(self) -> None:
        for name, message in self.messages.items():
            if name != "translations":
                message.clear()
        self._flag_translation()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.category, self.severity, self.pictogram, self.effective_from):
            widget.setEnabled(not read_only)
        self.text.setReadOnly(read_only)
        self.easy_read.setReadOnly(read_only)
