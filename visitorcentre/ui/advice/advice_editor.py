"""Visiting rules: the manager's screen to add, edit, retire and reorder a prison's rules.

The rules on the left (in the order the leaflets print them), the chosen rule's form under
them, and the leaflet on the right, made again a moment after each change so the manager sees
what a family will read before saving. Only a manager may change the rules; anyone else sees
them read-only and is told so. Every desk call goes through the background helper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from visitorcentre.core.advice import AdviceRuleDraft
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.roles import MANAGER_ROLES
from visitorcentre.ui.advice.advice_rule_form import RuleForm
from visitorcentre.ui.advice.advice_rules_model import AdviceRulesModel, category_name
from visitorcentre.ui.advice.leaflet_preview import LANGUAGES, LEAFLET_KINDS, LeafletPreview, pages_with_draft
from visitorcentre.ui.advice.rules_editor_layout import lay_out_rules_editor, rule_button, rules_table
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.flow_layout import FlowLayout, labelled
from visitorcentre.ui.shared.i18n import N_, _, long_date
from visitorcentre.ui.shared.screen_fit import fit_to_screen

#: How long the preview waits after the last keystroke before it is made again.
PREVIEW_DELAY_MS = 400
RETIRE_REASONS = (N_("The prison no longer has this rule"), N_("Replaced by another rule"), N_("Added by mistake"))


def _dialogs():
    from visitorcentre.ui.shared import reason_dialog

    return reason_dialog


class VisitingRulesEditor(QDialog):
    """The rules of the desk's prison, one rule's form, and the leaflet as it would print."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.can_change = desk.ctx.actor.role in MANAGER_ROLES
        self.editing = None  # the AdviceRuleView in the form, None for a new rule
        self.dirty = False
        self._just_saved = False  # keep "Saved." on screen as the saved rule is chosen again
        self.setObjectName("rulesEditor")
        self.setWindowTitle(_("Visiting rules"))
        fit_to_screen(self, 1560, 860)
        today = desk.ctx.clock.today()
        heading = QLabel(_("Visiting rules for {prison}").format(prison=desk.settings.establishment_name()), self)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        self.read_only_note = FieldMessage(self, "readOnly")
        if not self.can_change:
            self.read_only_note.say(
                _(
                    "Only a manager can change the visiting rules. You can read them here and "
                    "preview the leaflets; ask a manager to make a change."
                ),
                status_signs.NOTE,
            )
        self.language = QComboBox(self)
        self.language.setAccessibleName(_("Language of the rules and the leaflet"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.show_old = QCheckBox(_("Show retired and replaced rules"), self)
        language_label = QLabel(_("Language"), self)
        language_label.setBuddy(self.language)
        top = FlowLayout(spacing=8)  # rows that wrap on a small screen
        top.addWidget(heading)
        top.addWidget(labelled(self, language_label, self.language))
        top.addWidget(self.show_old)
        # the rules
        self.model = AdviceRulesModel(today, self)
        self.view = rules_table(self, self.model)
        self.new_button = rule_button(_("New rule (Ctrl+N)"), _("Add a new rule"), self)
        self.up_button = rule_button(_("Move up"), _("Move the chosen rule up (Alt+Up)"), self)
        self.down_button = rule_button(_("Move down"), _("Move the chosen rule down (Alt+Down)"), self)
        self.retire_button = rule_button(_("Retire…"), _("Retire the chosen rule, with a reason"), self)
        list_buttons = FlowLayout(spacing=6)
        for button in (self.new_button, self.up_button, self.down_button, self.retire_button):
            list_buttons.addWidget(button)
        # the form
        self.form_heading = QLabel(_("New rule"), self)
        self.form_heading.setProperty("role", "subheading")
        self.form = RuleForm(today, self)
        self.form_message = FieldMessage(self, "rulesForm")
        self.save_button = rule_button(_("Save the rule (Ctrl+S)"), _("Save the rule"), self)
        self.save_button.setProperty("role", "primary")
        self.discard_button = rule_button(_("Undo changes"), _("Undo the changes to this rule"), self)
        close = rule_button(_("Close"), _("Close the visiting rules"), self)
        form_buttons = FlowLayout(spacing=6)
        form_buttons.addWidget(self.form_message)
        for button in (self.discard_button, self.save_button, close):
            form_buttons.addWidget(button)
        # the leaflet
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(_("Which leaflet to preview"))
        for code, name in LEAFLET_KINDS.items():
            self.kind.addItem(_(name), code)
        kind_label = QLabel(_("Leaflet"), self)
        kind_label.setBuddy(self.kind)
        self.preview = LeafletPreview(self)
        lay_out_rules_editor(self, top, list_buttons, form_buttons, kind_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.make_preview)
        self._wire(close)
        self._set_editable()
        tasks.changed.connect(self._records_changed)
        self.reload()
        self.new_rule()
        self.view.setFocus()

    def _wire(self, close: QPushButton) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        self.language.currentIndexChanged.connect(self._language_changed)
        self.show_old.toggled.connect(lambda _on: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._chosen())
        self.new_button.clicked.connect(self.new_rule)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(+1))
        self.retire_button.clicked.connect(self.retire)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self._undo)
        close.clicked.connect(self.reject)
        self.form.edited.connect(self._edited)
        self.kind.currentIndexChanged.connect(lambda _i: self.schedule_preview())
        for keys, slot in (
            ("Ctrl+N", self.new_rule),
            ("Ctrl+S", self.save),
            ("Alt+Up", lambda: self.move(-1)),
            ("Alt+Down", lambda: self.move(+1)),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    # --- the list -------------------------------------------------------------------------------

    def language_code(self) -> str:
        return self.language.currentData() or "en"

    def reload(self, select_id: str = "", select_key: str = "") -> None:
        """Fetch the rules again (in the chosen language), keeping the chosen one chosen."""
        chosen = self.chosen_rule()
        select_key = select_key or (chosen.rule_key if chosen and not select_id else "")
        language, old = self.language_code(), self.show_old.isChecked()
        self._tasks.run(
            lambda: self._desk.advice.rules(language=language, include_retired=old),
            lambda rules: self._show_rules(rules, select_id, select_key),
            self._problem,
            key="rules-editor-list",
            label=_("Loading the rules…"),
        )

    def _show_rules(self, rules, select_id: str, select_key: str) -> None:
        blocker = self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rules)
        self.view.selectionModel().blockSignals(blocker)
        self.view.resizeRowsToContents()
        row = self.model.row_of(select_id, select_key) if (select_id or select_key) else -1
        if row >= 0:
            self.view.selectRow(row)
        self._set_editable()
        self.schedule_preview()

    def chosen_rule(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.rule_at(rows[0].row()) if rows else None

    def _chosen(self) -> None:
        rule = self.chosen_rule()
        self._set_editable()
        if rule is None or (self.editing is not None and rule.id == self.editing.id):
            return
        if not self._just_saved:
            self.form_message.clear()
        self._just_saved = False
        self._tasks.run(
            lambda: self._desk.advice.rule_draft(rule.id),
            lambda draft: self._open(rule, draft),
            self._problem,
            key="rules-editor-draft",
            label=_("Opening the rule…"),
        )

    def _open(self, rule, draft: AdviceRuleDraft) -> None:
        self.editing = rule
        self.dirty = False
        self.form.set_draft(draft)
        self.form.set_language(self.language_code())
        current = self.model.is_current(rule)
        self.form_heading.setText(
            _("Rule {number}: {category}").format(
                number=self.model.current().index(rule) + 1 if current else "–", category=category_name(rule.category)
            )
        )
        if not current:
            self.form_message.say(
                _("This rule is no longer in force, so it cannot be changed; add a new rule instead."),
                status_signs.NOTE,
            )
        self._set_editable()
        self.schedule_preview()

    def new_rule(self) -> None:
        """An empty form for a new rule (it goes last; move it afterwards)."""
        if not self.can_change:
            return
        self.editing = None
        self.dirty = False
        blocker = self.view.selectionModel().blockSignals(True)
        self.view.clearSelection()
        self.view.selectionModel().blockSignals(blocker)
        self.form.set_draft(AdviceRuleDraft("dress", "must", "", establishment=self._desk.ctx.establishment))
        self.form.set_language(self.language_code())
        self.form_heading.setText(_("New rule"))
        self.form_message.clear()
        self._set_editable()
        self.form.text.setFocus()

    def _set_editable(self) -> None:
        rule = self.chosen_rule()
        live = rule is not None and self.model.is_current(rule)
        current = self.model.current()
        editable = self.can_change and (self.editing is None or self.model.is_current(self.editing))
        self.form.set_read_only(not editable)
        self.save_button.setEnabled(editable)
        self.discard_button.setEnabled(editable)
        self.new_button.setEnabled(self.can_change)
        self.retire_button.setEnabled(self.can_change and live)
        self.up_button.setEnabled(self.can_change and live and current.index(rule) > 0)
        self.down_button.setEnabled(self.can_change and live and current.index(rule) < len(current) - 1)

    @Slot(object)
    def _records_changed(self, changes) -> None:
        """Rules taken down by a sync (or a backup put back): show them. Its own saves select what was saved."""
        if changes.everything:
            self.reload()

    def _language_changed(self) -> None:
        self.form.set_language(self.language_code())
        self.reload()

    # --- the manager's changes ------------------------------------------------------------------

    def _edited(self) -> None:
        self.dirty = True
        self.schedule_preview()

    def _undo(self) -> None:
        if self.editing is None:
            self.new_rule()
        else:
            rule, self.editing = self.editing, None
            self._tasks.run(
                lambda: self._desk.advice.rule_draft(rule.id),
                lambda draft: self._open(rule, draft),
                self._problem,
                label=_("Opening the rule…"),
            )

    def save(self) -> None:
        """Save the form as a new rule, or as the new wording of the rule being edited."""
        if not self.can_change:
            self.form_message.say(
                _("Only a manager can change the visiting rules: ask a manager to make this change."), status_signs.STOP
            )
            return
        if not self.save_button.isEnabled():
            return
        draft, editing = self.form.draft(), self.editing
        self.form.clear_errors()
        self.form_message.clear()
        if editing is None:
            job = lambda: self._desk.advice.add_rule(draft)  # noqa: E731
        else:
            job = lambda: self._desk.advice.edit_rule(editing.id, draft, editing.version)  # noqa: E731

        def saved(new_id) -> None:
            self.dirty = False
            self.editing = None
            self._just_saved = True
            self.form_message.say(
                _("Saved. The leaflets and the check-in advice use it from {day}.").format(
                    day=long_date(draft.effective_from)
                ),
                status_signs.OK,
            )
            self.reload(select_id=new_id or "", select_key=editing.rule_key if editing else "")

        self._tasks.run(job, saved, self._refused, label=_("Saving the rule…"))

    def _refused(self, error: VisitorCentreError) -> None:
        if not self.form.show_error(error.field, error.message):
            self.form_message.say(error.message)

    def move(self, step: int) -> None:
        """Move the chosen rule up (-1) or down (+1) in the order the leaflets print."""
        rule = self.chosen_rule()
        button = self.up_button if step < 0 else self.down_button
        if rule is None or not button.isEnabled():
            return
        position = self.model.current().index(rule) + step
        self._tasks.run(
            lambda: self._desk.advice.move_rule(rule.id, position),
            lambda _r: self.reload(select_key=rule.rule_key),
            self._refused,
            label=_("Saving…"),
        )

    def retire(self) -> None:
        """Take the chosen rule out of force today, with a reason."""
        rule = self.chosen_rule()
        if rule is None or not self.retire_button.isEnabled():
            return
        reason = _dialogs().ask_reason(
            self,
            _("Retire this rule"),
            _("“{text}” will no longer be read out at check-in or printed on the leaflets, from today.").format(
                text=rule.text
            ),
            _("Why is it retired?"),
            _("Retire the rule"),
            [_(r) for r in RETIRE_REASONS],
            sign=status_signs.WARNING,
        )
        if not reason:
            return

        def retired(_result) -> None:
            self.form_message.say(_("Retired: {text}").format(text=rule.text), status_signs.OK)
            self.new_rule() if self.can_change else None
            self.reload()

        self._tasks.run(
            lambda: self._desk.advice.retire_rule(rule.id, reason), retired, self._refused, label=_("Saving…")
        )

    def _problem(self, error: VisitorCentreError) -> None:
        self.form_message.say(error.message)

    # --- the live preview -----------------------------------------------------------------------

    def schedule_preview(self) -> None:
        """Make the leaflet again shortly (a burst of typing makes it once)."""
        self.preview.updating()
        self._timer.start()

    def make_preview(self) -> None:
        """The chosen leaflet with the rules as the form has them now, saved or not."""
        self._timer.stop()
        kind, language, desk = self.kind.currentData(), self.language_code(), self._desk
        draft = self.form.draft() if self.dirty and self.can_change else None
        editing_key = self.editing.rule_key if self.editing is not None else None
        self._tasks.run(
            lambda: pages_with_draft(desk, kind, language, draft, editing_key),
            self.preview.show_printout,
            lambda error: self.preview.failed(error.message),
            key="rules-editor-preview",
            label=_("Making the preview…"),
        )


def open_rules_editor(desk, tasks: DeskTasks, parent: QWidget | None) -> VisitingRulesEditor:
    """Open the visiting rules (not modal: the desk keeps working behind it)."""
    editor = VisitingRulesEditor(desk, tasks, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    return editor
