"""Advice to read out at check-in: what to wear, cash, lockers, money for the prisoner, what not to bring.

``AdviceToReadOut`` sits in the visit panel as a section that folds away. Each line has the
rule's pictogram and a sign with a word ("Must" or "Advice"), never colour alone. A family on
their first visit (no earlier completed visit) gets the whole first-visit guide, highlighted,
above the short list. The worker ticks "Advice given" (Ctrl+G) once it has been read out; the
desk records who and when, and the section then says so and folds away. The checklist comes
from ``desk.advice.checklist`` through the background helper, in the language chosen here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.advice.leaflet_preview import LANGUAGES
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.flow_layout import FlowLayout
from visitorcentre.ui.shared.i18n import _, current_language, translator

if TYPE_CHECKING:
    from visitorcentre.core.advice import AdviceChecklist, ChecklistItem

PICTOGRAM_PX = 44


def item_row(item: ChecklistItem, parent: QWidget, language: str | None = None) -> QFrame:
    """One topic to read out: its pictogram, heading and lines, and the sign and word of its severity.

    The severity's word ("Must", "Advice") is in the checklist's ``language``, like the lines it sits beside.
    """
    _ = translator(language or current_language())
    sign = status_signs.rule_sign(item.severity)
    row = QFrame(parent)
    row.setObjectName("adviceItem")
    row.setProperty("kind", item.severity)
    picture = QLabel(row)
    picture.setPixmap(status_signs.pictogram(item.pictogram).pixmap(PICTOGRAM_PX, PICTOGRAM_PX))
    picture.setAlignment(Qt.AlignmentFlag.AlignTop)
    picture.setAccessibleName(item.heading)
    heading = QLabel(item.heading, row)
    heading.setObjectName("adviceHeading")
    heading.setWordWrap(True)
    lines = QLabel("\n".join(f"• {line}" for line in item.lines), row)
    lines.setObjectName("adviceLines")
    lines.setWordWrap(True)
    lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lines.setAccessibleName(f"{item.heading}: {' '.join(item.lines)}")
    words = QVBoxLayout()
    words.setSpacing(2)
    words.addWidget(heading)
    words.addWidget(lines)
    badge = QLabel(f"{_(sign.word)}", row)
    badge.setObjectName("adviceSeverity")
    badge.setProperty("kind", item.severity)
    badge_icon = QLabel(row)
    badge_icon.setPixmap(status_signs.icon(sign.icon).pixmap(22, 22))
    badge_icon.setAccessibleName(_(sign.word))
    layout = QHBoxLayout(row)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.setSpacing(10)
    layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(words, 1)
    layout.addWidget(badge_icon, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
    return row


class AdviceToReadOut(QFrame):
    """The visit's advice checklist, first-visit guide and "Advice given" tick; it folds away once given."""

    #: The advice for the visit was recorded as given.
    given = Signal(str)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("adviceSection")
        self._desk = desk
        self._tasks = tasks
        self.visit_id: str | None = None
        self.checklist: AdviceChecklist | None = None
        self._rows: list[QWidget] = []
        self.toggle = QPushButton(self)
        self.toggle.setObjectName("adviceToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setIconSize(QSize(22, 22))
        self._title = _("Advice to read out")
        self.toggle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # never widens the panel
        self.toggle.setAccessibleName(_("Advice to read out: show or hide"))
        self.toggle.toggled.connect(self._fold)
        self.language = QComboBox(self)
        self.language.setObjectName("familyLanguage")
        self.language.setAccessibleName(_("The family's language: advice, pass, leaflets and feedback"))
        self.language.setToolTip(
            _("The family's language: remembered on their record for the advice, pass and leaflets")
        )
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.activated.connect(lambda _i: self._language_chosen())
        self.leaflet_button = QPushButton(_("Leaflet…"), self)
        self.leaflet_button.setObjectName("leafletButton")
        self.leaflet_button.setToolTip(_("Print a leaflet for the family (Ctrl+Shift+L)"))
        self.leaflet_button.setAccessibleName(
            _("Print a leaflet for the family: visit guide, first visit, children, easy read, help with costs")
        )
        header = QHBoxLayout()
        header.addWidget(self.toggle, 1)
        self.body = QWidget(self)
        self.first_visit_guide = QFrame(self.body)
        self.first_visit_guide.setObjectName("firstVisitGuide")
        guide_heading = QLabel(
            _("First visit: read the whole guide, step by step, from arriving to leaving"), self.first_visit_guide
        )
        guide_heading.setObjectName("firstVisitGuideHeading")
        guide_heading.setWordWrap(True)
        self.first_timers = QLabel("", self.first_visit_guide)
        self.first_timers.setWordWrap(True)
        self._guide_layout = QVBoxLayout(self.first_visit_guide)
        self._guide_layout.setContentsMargins(8, 8, 8, 8)
        self._guide_layout.setSpacing(6)
        guide_top = QHBoxLayout()
        star = QLabel(self.first_visit_guide)
        star.setPixmap(status_signs.icon("first_visit").pixmap(28, 28))
        star.setAccessibleName(_("First visit"))
        guide_top.addWidget(star, 0, Qt.AlignmentFlag.AlignTop)
        guide_top.addWidget(guide_heading, 1)
        self._guide_layout.addLayout(guide_top)
        self._guide_layout.addWidget(self.first_timers)
        self.items_heading = QLabel(_("Read this out to every family"), self.body)
        self.items_heading.setProperty("role", "factName")
        self._items_layout = QVBoxLayout()
        self._items_layout.setSpacing(6)
        self.empty = QLabel(
            _("No visiting rules are set for this prison yet. A manager can add them under Visiting rules."), self.body
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(8)
        body_layout.addWidget(self.first_visit_guide)
        body_layout.addWidget(self.items_heading)
        body_layout.addLayout(self._items_layout)
        body_layout.addWidget(self.empty)
        self.given_box = QCheckBox(_("Advice given  (Ctrl+G)"), self)
        self.given_box.setObjectName("adviceGiven")
        self.given_box.setAccessibleName(_("Advice given: tick once you have read it out to the family"))
        self.given_box.clicked.connect(self._tick)
        self.given_words = QLabel("", self)
        self.given_words.setObjectName("adviceGivenWords")
        self.given_words.setWordWrap(True)
        self.message = FieldMessage(self, "advice")
        footer = FlowLayout(spacing=8)  # wraps in a narrow panel rather than widening it
        footer.addWidget(self.given_box)
        footer.addWidget(self.language)
        footer.addWidget(self.leaflet_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.body)
        layout.addLayout(footer)
        layout.addWidget(self.given_words)
        layout.addWidget(self.message)
        self.hide()

    # --- loading --------------------------------------------------------------------------------

    def load(self, visit_id: str | None, language: str | None = None) -> None:
        """Fetch the checklist for ``visit_id`` (None: nothing to show) in the family's ``language``."""
        if language is not None:
            self.language.setCurrentIndex(max(self.language.findData(language), 0))
        if visit_id != self.visit_id:
            self.checklist = None
            self.message.clear()
        self.visit_id = visit_id
        if visit_id is None:
            self.hide()
            return
        language = self.language.currentData() or "en"
        self._tasks.run(
            lambda: self._desk.advice.checklist(visit_id, language=language),
            lambda checklist: self.show_checklist(checklist),
            self._problem,
            key="advice-checklist",
            label=_("Opening the visit…"),
        )

    def reload(self) -> None:
        self.load(self.visit_id)

    def _language_chosen(self) -> None:
        """The worker chose the family's language: remember it on their record, then read the advice in it."""
        visit_id, language = self.visit_id, self.language.currentData() or "en"
        if visit_id is None:
            return
        self._tasks.run(
            lambda: self._desk.visits.set_family_language(visit_id, language),
            lambda _result: self.reload(),
            self._problem,
            label=_("Saving…"),
        )

    def show_checklist(self, checklist: AdviceChecklist) -> None:
        """Show ``checklist``: the first-visit guide if it applies, the topics, and whether it was given."""
        if checklist.visit_id != self.visit_id:
            return
        unchanged_visit = self.checklist is not None and self.checklist.visit_id == checklist.visit_id
        self.checklist = checklist
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        for item in checklist.first_visit_guide if checklist.first_visit else ():
            row = item_row(item, self.first_visit_guide, checklist.language)
            self._guide_layout.addWidget(row)
            self._rows.append(row)
        for item in checklist.items:
            row = item_row(item, self.body, checklist.language)
            self._items_layout.addWidget(row)
            self._rows.append(row)
        self.first_visit_guide.setVisible(checklist.first_visit)
        names = ", ".join(checklist.first_timers)
        self.first_timers.setText(_("Never visited before: {names}.").format(names=names) if names else "")
        self.first_timers.setVisible(bool(names))
        self.items_heading.setVisible(bool(checklist.items))
        self.empty.setVisible(not checklist.items and not checklist.first_visit_guide)
        self._show_given(checklist)
        if not unchanged_visit:
            self.toggle.setChecked(not checklist.advice_given)  # read it out; once given, fold it away
        self.show()

    def _show_given(self, checklist: AdviceChecklist) -> None:
        given = checklist.advice_given
        self.given_box.setChecked(given)
        self.given_box.setEnabled(not given)
        sign = status_signs.OK if given else status_signs.NOTE
        if given:
            when = f"{checklist.given_at:%H:%M}" if checklist.given_at else ""
            words = (
                _("Given by {who} at {when}.").format(who=checklist.given_by, when=when)
                if when
                else _("Given by {who}.").format(who=checklist.given_by)
            )
        else:
            words = _("Not given yet: read it out before they go through.")
        self.given_words.setText(words)
        self.given_words.setAccessibleName(words)
        count = len(checklist.items)
        state = _("given") if given else _("not given yet")
        title = _("Advice to read out: {count} topics, {state}").format(count=count, state=state)
        if checklist.first_visit:
            title = _("First visit: advice to read out, {state}").format(state=state)
        self._title = title  # the words "given" / "not given yet" go with the sign's icon
        self._fold(self.toggle.isChecked())
        self.toggle.setIcon(status_signs.icon(sign.icon))
        self.toggle.setProperty("kind", sign.icon)
        self.toggle.style().unpolish(self.toggle)
        self.toggle.style().polish(self.toggle)

    def _fold(self, open_: bool) -> None:
        self.body.setVisible(open_)
        self.toggle.setText(f"{'▾' if open_ else '▸'}  {self._title}")

    # --- advice given ---------------------------------------------------------------------------

    def give(self) -> None:
        """Record that the advice was read out (Ctrl+G, or ticking the box)."""
        if self.visit_id is None or self.checklist is None or self.checklist.advice_given:
            return
        self.given_box.setChecked(True)
        self._tick(True)

    def _tick(self, checked: bool) -> None:
        if not checked or self.visit_id is None:
            return
        visit_id, language = self.visit_id, self.language.currentData() or "en"
        self.given_box.setEnabled(False)
        self.message.clear()

        def done(_result) -> None:
            self.toggle.setChecked(False)  # done: fold it away (the header still says who gave it)
            self.given.emit(visit_id)  # the visit panel opens the visit again, with its advice, on "changed"

        self._tasks.run(
            lambda: self._desk.advice.record_advice_given(visit_id, language), done, self._problem, label=_("Saving…")
        )

    def _problem(self, error: VisitorCentreError) -> None:
        self.message.say(error.message)
        if self.checklist is not None:
            self._show_given(self.checklist)

    def texts(self) -> list[str]:
        """Every line shown, guide first (for tests and screen readers)."""
        return [label.text() for row in self._rows for label in row.findChildren(QLabel, "adviceLines")]
