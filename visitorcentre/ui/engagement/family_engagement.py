"""Family engagement at the desk: feedback mode, "you said, we did", the support directory and the reports.

These open from the end of the main window's top bar (by their names) and by keys:
F8 feedback mode (for the open visit, when there is one), Ctrl+Shift+Y "you said, we did",
Ctrl+Shift+P the reports, and the visit panel's "Support for the family…" the support directory.
Each screen is made the first time it is asked for, not at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from visitorcentre.core.roles import MANAGER_ROLES
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, current_language, family_language
from visitorcentre.ui.shared.notice import NoticeBar

KEYS = {"feedback": "F8", "you_said": "Ctrl+Shift+Y", "reports": "Ctrl+Shift+P"}


def _button(text: str, accessible: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName("statusButton")
    button.setAccessibleName(accessible)
    return button


class FamilyEngagement(QObject):
    """Opens the family engagement screens for the main window."""

    def __init__(self, desk, tasks: DeskTasks, notice: NoticeBar, window: QWidget, visit_panel, holder: QWidget):
        """``holder``: the widget the buttons are made in (the window puts them in its top bar)."""
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._notice = notice
        self._window = window
        self._panel = visit_panel
        self.feedback_mode = None
        self.you_said_screen = None
        self.reports_screen = None
        self.support_screen = None
        self.feedback_button = _button(
            _("Family feedback  (F8)"), _("Feedback mode: the family leaves a rating and a comment"), holder
        )
        self.you_said_button = _button(
            _("You said, we did…"),
            _("You said, we did: respond to feedback and print the poster (Ctrl+Shift+Y)"),
            holder,
        )
        self.reports_button = _button(
            _("Reports…  (Ctrl+Shift+P)"), _("Reports with charts: visits, families, feedback"), holder
        )
        self.feedback_button.clicked.connect(self.open_feedback_mode)
        self.you_said_button.clicked.connect(self.open_you_said_we_did)
        self.reports_button.clicked.connect(self.open_reports)
        visit_panel.when_page_made(lambda page: page.support_button.clicked.connect(self.open_support_directory))

    def buttons(self) -> list[QPushButton]:
        """The buttons (for the window's top bar), in tab order."""
        return [self.feedback_button, self.you_said_button, self.reports_button]

    def shortcuts(self) -> dict:
        """Key sequences and what they open (the main window makes the shortcuts)."""
        return {
            (KEYS["feedback"],): self.open_feedback_mode,
            (KEYS["you_said"],): self.open_you_said_we_did,
            (KEYS["reports"],): self.open_reports,
        }

    @Slot()
    def open_feedback_mode(self):
        """Feedback mode over the whole screen, tied to the open visit when there is one."""
        if self.feedback_mode is None:
            from visitorcentre.ui.engagement.feedback_mode import FeedbackMode

            self.feedback_mode = FeedbackMode(self._desk, self._tasks, self._window)
            self.feedback_mode.left.connect(self._window.activateWindow)
            self.feedback_mode.left.connect(self._window.show_who_is_at_the_desk)
            self.feedback_mode.sent.connect(
                lambda _rating: self._notice.say(
                    _("A family left feedback. Thank you for asking them."), status_signs.OK
                )
            )
        detail = self._panel.detail
        self.feedback_mode.open(detail.id if detail is not None else None, self._family_language())
        return self.feedback_mode

    def _family_language(self) -> str:
        """The open visit's family's language (the desk's own when no visit is open)."""
        detail = self._panel.detail
        return family_language(detail.language) if detail is not None else current_language()

    def _manager_only(self, what: str) -> bool:
        if self._desk.ctx.actor.role in MANAGER_ROLES:
            return True
        self._notice.say(_("{what} is for managers. Ask a manager to open it.").format(what=what), status_signs.NOTE)
        return False

    @staticmethod
    def _raise(screen) -> bool:
        if screen is None:
            return False
        screen.raise_()
        screen.activateWindow()
        return True

    @Slot()
    def open_you_said_we_did(self):
        """The manager's "you said, we did" screen (read-only for others)."""
        if self._raise(self.you_said_screen):
            return self.you_said_screen
        from visitorcentre.ui.engagement.you_said_we_did import open_you_said_we_did

        self.you_said_screen = open_you_said_we_did(self._desk, self._tasks, self._window)
        self.you_said_screen.destroyed.connect(lambda *_a: setattr(self, "you_said_screen", None))
        return self.you_said_screen

    @Slot()
    def open_reports(self):
        """The reports screen (managers only)."""
        if not self._manager_only(_("Reports")):
            return None
        if self._raise(self.reports_screen):
            return self.reports_screen
        from visitorcentre.ui.engagement.reports_screen import open_reports

        self.reports_screen = open_reports(self._desk, self._tasks, self._window)
        self.reports_screen.destroyed.connect(lambda *_a: setattr(self, "reports_screen", None))
        return self.reports_screen

    @Slot()
    def open_support_directory(self):
        """The support directory for the desk's prison, printed in the open family's language."""
        language = self._family_language()
        if self.support_screen is not None and self.support_screen.language == language:
            self._raise(self.support_screen)
            return self.support_screen
        if self.support_screen is not None:
            self.support_screen.close()
        from visitorcentre.ui.engagement.support_directory import open_support_directory

        self.support_screen = open_support_directory(self._desk, self._tasks, self._window, language)
        self.support_screen.destroyed.connect(lambda *_a: setattr(self, "support_screen", None))
        return self.support_screen
