"""You said, we did: a manager reads what families said and answers it on a poster for the centre.

On the left, the feedback of the last 12 weeks (newest first); the manager selects what a response
answers. On the right, the new response (a theme, "you said", "we did"), with what is wrong shown
next to its field, and the responses already on the poster. "Print the poster…" previews the A4
poster to print or save as PDF. Anyone else may read it all; only a manager may add a response.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.changes import ENGAGEMENT, Changes
from visitorcentre.core.engagement import RESPONSE_LIMIT, THEME_LIMIT
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.roles import MANAGER_ROLES
from visitorcentre.ui.engagement.feedback_model import FeedbackModel, ResponsesModel
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.print_flow import print_a4
from visitorcentre.ui.shared.record_views import record_table
from visitorcentre.ui.shared.screen_fit import fit_to_screen, scroll_body

FEEDBACK_WEEKS = 12


def _text_box(parent: QWidget, accessible: str, height: int = 96) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setAccessibleName(accessible)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class YouSaidWeDid(QDialog):
    """Families' feedback, the manager's responses, and the poster."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.can_respond = desk.ctx.actor.role in MANAGER_ROLES
        self.setObjectName("youSaidWeDid")
        self.setWindowTitle(_("You said, we did"))
        fit_to_screen(self, 1560, 860)
        heading = QLabel(_("You said, we did"), self)
        heading.setProperty("role", "heading")
        self.read_only_note = FieldMessage(self, "youSaidReadOnly")
        if not self.can_respond:
            self.read_only_note.say(
                _("Only a manager can add a response. You can read the feedback and print the poster."),
                status_signs.NOTE,
            )
        # what families said
        said_heading = QLabel(_("What families said (last {weeks} weeks)").format(weeks=FEEDBACK_WEEKS), self)
        said_heading.setProperty("role", "subheading")
        said_heading.setWordWrap(True)
        self.feedback_model = FeedbackModel(self)
        self.feedback_view = record_table(
            self, self.feedback_model, "feedbackTable", _("Feedback from families"), (FeedbackModel.COL_COMMENT,)
        )
        self.feedback_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        hint = QLabel(_("Select the feedback your response answers (Ctrl+click to select more than one)."), self)
        hint.setProperty("role", "subtle")
        hint.setWordWrap(True)
        # the new response
        form_heading = QLabel(_("Add a response"), self)
        form_heading.setProperty("role", "subheading")
        self.theme = QLineEdit(self)
        self.theme.setAccessibleName(_("Theme"))
        self.theme.setPlaceholderText(_("For example: Toys in the hall"))
        self.theme.setMaxLength(THEME_LIMIT)
        self.you_said = _text_box(self, _("You said"))
        self.we_did = _text_box(self, _("We did"))
        self.linked = QLabel("", self)
        self.linked.setAccessibleName(_("Feedback this answers"))
        self.linked.setWordWrap(True)
        self.messages = {name: FieldMessage(self, name) for name in ("theme", "you_said", "we_did", "feedback_ids")}
        form = QGridLayout()
        form.setVerticalSpacing(4)
        for row, (title, widget, name) in enumerate(
            (
                (_("&Theme"), self.theme, "theme"),
                (_("&You said"), self.you_said, "you_said"),
                (_("We &did"), self.we_did, "we_did"),
                (_("Answers"), self.linked, "feedback_ids"),
            )
        ):
            label = QLabel(title, self)
            label.setProperty("role", "factName")
            label.setBuddy(widget)
            form.addWidget(label, row * 2, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(widget, row * 2, 1)
            form.addWidget(self.messages[name], row * 2 + 1, 1)
        form.setColumnStretch(1, 1)
        self.save_button = QPushButton(_("Add the response (Ctrl+S)"), self)
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(_("Add the response to the poster"))
        self.save_button.setEnabled(self.can_respond)
        for widget in (self.theme, self.you_said, self.we_did):
            widget.setReadOnly(not self.can_respond)
        poster_heading = QLabel(_("On the poster"), self)
        poster_heading.setProperty("role", "subheading")
        self.responses_model = ResponsesModel(self)
        self.responses_view = record_table(
            self,
            self.responses_model,
            "responsesTable",
            _("The responses on the poster"),
            (ResponsesModel.COL_SAID, ResponsesModel.COL_DID),
        )
        self.responses_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.message = FieldMessage(self, "youSaid")
        self.poster_button = QPushButton(_("Print the poster…  (Ctrl+P)"), self)
        self.poster_button.setAccessibleName(_("Print the “You said, we did” poster, or save it as a PDF"))
        close = QPushButton(_("Close"), self)
        close.setAccessibleName(_("Close “You said, we did”"))
        # lay out
        left = QVBoxLayout()
        left.addWidget(said_heading)
        left.addWidget(hint)
        left.addWidget(self.feedback_view, 1)
        right = QVBoxLayout()
        right.addWidget(form_heading)
        right.addLayout(form)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        right.addWidget(poster_heading)
        right.addWidget(self.responses_view, 1)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.poster_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.read_only_note)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        scroll_body(layout, keep_last=1)  # on a small screen the columns scroll; the buttons stay
        for first, second in (
            (self.feedback_view, self.theme),
            (self.theme, self.you_said),
            (self.you_said, self.we_did),
            (self.we_did, self.save_button),
            (self.save_button, self.responses_view),
            (self.responses_view, self.poster_button),
            (self.poster_button, close),
        ):
            QWidget.setTabOrder(first, second)
        # wire
        self.feedback_view.selectionModel().selectionChanged.connect(lambda *_a: self._show_linked())
        self.save_button.clicked.connect(self.save)
        self.poster_button.clicked.connect(self.print_poster)
        close.clicked.connect(self.reject)
        for key, slot in (("Ctrl+S", self.save), ("Ctrl+P", self.print_poster)):
            QShortcut(QKeySequence(key), self).activated.connect(slot)
        self._show_linked()
        tasks.changed.connect(self._records_changed)
        self.reload()
        self.feedback_view.setFocus()

    # --- loading --------------------------------------------------------------------------------

    @Slot(object)
    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(ENGAGEMENT):
            self.reload()

    def reload(self) -> None:
        """Load the recent feedback and the responses (in the background)."""
        desk = self._desk
        today = desk.ctx.clock.today()
        start = today - timedelta(weeks=FEEDBACK_WEEKS)
        self._tasks.run(
            lambda: (desk.engagement.feedback(start, today), desk.engagement.you_said_we_did()),
            self._show,
            self._problem,
            key="you-said-we-did",
            label=_("Loading the feedback…"),
        )

    def _show(self, found) -> None:
        feedback, responses = found
        self.feedback_model.set_rows(feedback)
        self.responses_model.set_rows(responses)
        self.feedback_view.resizeRowsToContents()
        self.responses_view.resizeRowsToContents()
        self._show_linked()

    def chosen_feedback(self) -> list[str]:
        """The ids of the feedback selected on the left."""
        rows = sorted(index.row() for index in self.feedback_view.selectionModel().selectedRows())
        return self.feedback_model.ids_of(rows)

    def _show_linked(self) -> None:
        count = len(self.chosen_feedback())
        self.linked.setText(
            _("No feedback selected (you can still add a response)")
            if not count
            else _("{count} piece(s) of feedback selected on the left").format(count=count)
        )

    # --- saving and printing ------------------------------------------------------------------

    def save(self) -> None:
        """Add the response (or say, next to the field, what is missing)."""
        if not self.can_respond:
            return
        for message in (*self.messages.values(), self.message):
            message.clear()
        theme, you_said, we_did = (
            self.theme.text().strip(),
            self.you_said.toPlainText().strip(),
            self.we_did.toPlainText().strip(),
        )
        missing = [
            (name, widget, words)
            for name, value, widget, words in (
                ("theme", theme, self.theme, _("Give the response a short theme, such as “Toys in the hall”.")),
                ("you_said", you_said, self.you_said, _("Write what families said, in their words.")),
                ("we_did", we_did, self.we_did, _("Write what the centre did about it.")),
            )
            if not value
        ]
        too_long = [
            (name, widget, _("Keep this to {limit} characters or fewer.").format(limit=RESPONSE_LIMIT))
            for name, value, widget in (("you_said", you_said, self.you_said), ("we_did", we_did, self.we_did))
            if len(value) > RESPONSE_LIMIT
        ]
        problems = missing + too_long
        if problems:
            for name, _widget, words in problems:
                self.messages[name].say(words)
            problems[0][1].setFocus()
            return
        feedback_ids = self.chosen_feedback()
        self.save_button.setEnabled(False)
        self._tasks.run(
            lambda: self._desk.engagement.respond_to_feedback(theme, you_said, we_did, feedback_ids),
            lambda _id: self._saved(theme),
            self._refused,
            label=_("Saving the response…"),
        )

    def _saved(self, theme: str) -> None:
        self.save_button.setEnabled(True)
        self.theme.clear()
        self.you_said.clear()
        self.we_did.clear()
        self.feedback_view.clearSelection()
        self.message.say(
            _("The response “{theme}” is on the poster. Print the poster to put it up.").format(theme=theme),
            status_signs.OK,
        )

    def _refused(self, error: VisitorCentreError) -> None:
        self.save_button.setEnabled(True)
        self._problem(error)

    def _problem(self, error: VisitorCentreError) -> None:
        self.messages.get(error.field or "", self.message).say(error.message)

    def print_poster(self) -> None:
        """Preview the A4 poster, then print it or save it as a PDF."""
        desk = self._desk
        print_a4(
            self,
            self._tasks,
            desk,
            _("You said, we did"),
            "you-said-we-did.pdf",
            desk.engagement.you_said_we_did_poster_pdf,
            self.message.say,
        )


def open_you_said_we_did(desk, tasks: DeskTasks, parent: QWidget | None) -> YouSaidWeDid:
    """Open the screen (not modal: the desk carries on behind it)."""
    screen = YouSaidWeDid(desk, tasks, parent)
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    screen.show()
    return screen
