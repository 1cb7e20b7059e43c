"""Feedback mode: the desk screen turned round for a family to say how their visit went.

Big type and few words: five faces (a child can simply point), a box for anything they want to
say, and "Send". It is anonymous unless they tick to give their name. A thank-you follows, then
the screen is ready for the next family. Only staff may leave feedback mode: Esc, then their
name and PIN (ui/shared/staff_pin.py). When a visit is open at the desk, the feedback is tied to that visit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.engagement.face_scale import FaceScale, face_word
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.flow_layout import FlowLayout
from visitorcentre.ui.shared.i18n import _, current_language, say, translator
from visitorcentre.ui.shared.screen_fit import may_narrow

#: How long the thank-you stays before the screen is ready for the next family.
THANKS_FOR_MS = 8000
MAX_COMMENT = 1000


class FeedbackMode(QWidget):
    """The family's screen: faces, a comment, their name if they want, and a thank-you."""

    #: Feedback was left (the rating).
    sent = Signal(int)
    #: Staff left feedback mode.
    left = Signal()

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("feedbackMode")
        self.setWindowTitle(_("Family feedback"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._desk = desk
        self._tasks = tasks
        self.visit_id: str | None = None
        self.pin_dialog = None  # the staff PIN dialog while it is open
        self._desk_closing = False
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_question())
        self.pages.addWidget(self._build_thanks())
        self.leave_button = QPushButton(_("Staff: leave (Esc)"), self)  # staff words: the desk's language
        self.leave_button.setObjectName("feedbackLeave")
        self.leave_button.setAccessibleName(_("Staff only: leave feedback mode"))
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.leave_button.clicked.connect(self.ask_to_leave)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 32)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.setInterval(THANKS_FOR_MS)
        self._back.timeout.connect(self.start_again)
        self.speak(current_language())

    def speak(self, language: str) -> None:
        """Write the family's side of the screen in ``language`` (the staff button stays in the desk's)."""
        self.language = language
        self._ = _ = translator(language)
        self.question.setText(_("How was your visit today?"))
        self.faces.speak(language)
        self.child.setText(_("I am a child or young person"))
        self.child.setAccessibleName(_("Tick if a child or young person is answering"))
        self.comment_label.setText(_("Anything you want to tell us? (you can leave this empty)"))
        self.comment.setAccessibleName(_("What you want to tell us"))
        self.give_name.setText(_("Give my name (if you leave this, nobody knows it was you)"))
        self.give_name.setAccessibleName(_("Tick to give your name with your feedback"))
        self.name.setPlaceholderText(_("Your name"))
        self.name.setAccessibleName(_("Your name"))
        self.send_button.setText(_("Send"))
        self.send_button.setAccessibleName(_("Send my feedback"))
        self.thanks.setText(_("Thank you!"))
        self.done_button.setText(_("Done"))
        self.done_button.setAccessibleName(_("Done: ready for the next family"))

    def _build_question(self) -> QWidget:
        page = QWidget(self)
        self.question = QLabel(page)
        self.question.setObjectName("feedbackQuestion")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        self.faces = FaceScale(page)
        self.faces.chosen.connect(lambda _rating: self.rating_message.clear())
        self.rating_message = FieldMessage(page, "rating")
        self.child = QCheckBox(page)
        self.child.setObjectName("feedbackChild")
        self.comment_label = comment_label = QLabel(page)
        comment_label.setObjectName("feedbackPrompt")
        comment_label.setWordWrap(True)
        self.comment = QPlainTextEdit(page)
        self.comment.setObjectName("feedbackComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(130)
        comment_label.setBuddy(self.comment)
        self.give_name = QCheckBox(page)
        self.give_name.setObjectName("feedbackGiveName")
        may_narrow(self.child, self.give_name)
        self.name = QLineEdit(page)
        self.name.setObjectName("feedbackName")
        self.name.setMaxLength(120)
        self.name.hide()
        self.name_message = FieldMessage(page, "feedbackName")
        self.give_name.toggled.connect(self._name_wanted)
        self.send_button = QPushButton(page)
        self.send_button.setObjectName("feedbackSend")
        self.send_button.setProperty("role", "primary")
        self.send_button.clicked.connect(self.send)
        self.form_message = FieldMessage(page, "feedbackForm")
        name_row = FlowLayout(spacing=14)  # the name box goes under the tick on a small screen
        name_row.addWidget(self.give_name)
        name_row.addWidget(self.name)
        send_row = QHBoxLayout()
        send_row.addWidget(self.form_message, 1)
        send_row.addWidget(self.send_button)
        column = QVBoxLayout(page)
        column.setSpacing(14)
        column.addWidget(self.question)
        column.addWidget(self.faces, 1)
        column.addWidget(self.rating_message)
        column.addWidget(self.child)
        column.addWidget(comment_label)
        column.addWidget(self.comment)
        column.addLayout(name_row)
        column.addWidget(self.name_message)
        column.addLayout(send_row)
        for first, second in (
            (self.faces.faces[-1], self.child),
            (self.child, self.comment),
            (self.comment, self.give_name),
            (self.give_name, self.name),
            (self.name, self.send_button),
        ):
            QWidget.setTabOrder(first, second)
        return page

    def _build_thanks(self) -> QWidget:
        page = QWidget(self)
        self.thanks = QLabel(page)
        self.thanks.setObjectName("feedbackThanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_more = QLabel("", page)
        self.thanks_more.setObjectName("feedbackThanksMore")
        self.thanks_more.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_more.setWordWrap(True)
        self.done_button = QPushButton(page)
        self.done_button.setObjectName("feedbackDone")
        self.done_button.clicked.connect(self.start_again)
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.thanks)
        column.addWidget(self.thanks_more)
        column.addSpacing(24)
        column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        return page

    # --- opening and leaving ------------------------------------------------------------------

    def open(self, visit_id: str | None = None, language: str | None = None) -> None:
        """Show feedback mode full screen, for ``visit_id`` if a visit is open, in the family's ``language``."""
        self.visit_id = visit_id
        self.speak(language or current_language())
        self.start_again()
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    @Slot()
    def start_again(self) -> None:
        """An empty form, ready for the next family."""
        self._back.stop()
        self.faces.clear()
        self.comment.clear()
        self.child.setChecked(False)
        self.give_name.setChecked(False)
        self.name.clear()
        for message in (self.rating_message, self.name_message, self.form_message):
            message.clear()
        self.send_button.setEnabled(True)
        self.pages.setCurrentIndex(0)
        self.faces.faces[2].setFocus()

    @Slot()
    def ask_to_leave(self) -> None:
        """Staff leave feedback mode with their PIN (a family, or a child pressing keys, cannot)."""
        if self.pin_dialog is not None and self.pin_dialog.isVisible():
            self.pin_dialog.pin.setFocus()
            return
        from visitorcentre.ui.shared.staff_pin import ask_staff_pin

        self.pin_dialog = ask_staff_pin(
            self._desk,
            self._tasks,
            self,
            _("Staff: leave feedback mode"),
            _("Type your name and PIN. The desk screen comes back, for you."),
            _("Leave feedback mode"),
            self._leave,
        )
        self.pin_dialog.finished.connect(self._pin_dialog_gone)

    def _pin_dialog_gone(self, *_args) -> None:
        self.pin_dialog = None
        if self.isVisible():
            self.faces.faces[2].setFocus()

    def _leave(self) -> None:
        self._back.stop()
        self.hide()
        self.left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc reaches here from whichever part has the focus (none of them uses it).
        if event.key() == Qt.Key.Key_Escape:
            self.ask_to_leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window (Alt+F4) is leaving too: it needs a PIN, unless the whole desk is closing.
        if self.isVisible() and not self._desk_closing:
            event.ignore()
            self.ask_to_leave()
            return
        self._back.stop()
        super().closeEvent(event)

    def close_with_desk(self) -> None:
        """The desk app is closing: go without asking."""
        self._desk_closing = True
        self.close()

    # --- sending ------------------------------------------------------------------------------

    def _name_wanted(self, wanted: bool) -> None:
        self.name.setVisible(wanted)
        self.name_message.clear()
        if wanted:
            self.name.setFocus()

    @Slot()
    def send(self) -> None:
        """Leave the feedback (or say, next to the faces or the name, what is still needed)."""
        rating = self.faces.rating()
        if rating is None:
            self.rating_message.say(self._("Please choose a face first."), status_signs.NOTE)
            self.faces.faces[2].setFocus()
            return
        name = self.name.text().strip() if self.give_name.isChecked() else ""
        if self.give_name.isChecked() and not name:
            self.name_message.say(self._("Please write your name, or untick “Give my name”."), status_signs.NOTE)
            self.name.setFocus()
            return
        comment = self.comment.toPlainText().strip()[:MAX_COMMENT]
        by_child, anonymous, visit_id = self.child.isChecked(), not self.give_name.isChecked(), self.visit_id
        self.send_button.setEnabled(False)
        language = self.language

        def leave() -> str:
            try:
                return self._desk.engagement.leave_feedback(
                    rating, comment, visit_id=visit_id, by_child=by_child, anonymous=anonymous, name=name
                )
            except VisitorCentreError as error:  # the family reads why, in their language, not the desk's
                error.message = say(error.message, language)
                raise

        self._tasks.run(
            leave,
            lambda _result: self._thank(rating),
            self._not_sent,
            label=self._("Sending…"),
        )

    def _thank(self, rating: int) -> None:
        self.thanks_more.setText(
            self._(
                "You chose “{word}”. We read every answer, and we put up what we change "
                "on the “You said, we did” board."
            ).format(word=face_word(rating, self.language))
        )
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()
        self._back.start()
        self.sent.emit(rating)

    def _not_sent(self, error: VisitorCentreError) -> None:
        self.send_button.setEnabled(True)
        target = {"rating": self.rating_message, "name": self.name_message}.get(error.field or "", self.form_message)
        target.say(error.message)
