"""Hall door mode: the full-screen view an officer at the visit hall door scans passes into.

Each scan shows, in huge type, a green VALID with the party and the prisoner; a red NOT VALID
with the reason in plain words; or an amber ALREADY IN THE HALL with the time the pass was
first scanned. A sign is always a word and an icon, never colour alone. The result stays until
the next scan, and after ``CLEAR_AFTER_MS`` the screen goes back to "Scan the next pass".

Scans arrive two ways, so a scanner in any mode works: the desk's scanner listener (a fast
burst of keys, handed on by the main window), or plain typing ending in Enter into the view's
own inconspicuous input. Whatever arrives — random keys, a URL, half a pass, another QR code —
ends as NOT VALID: never an error dialog, never a crash, even if the desk call itself fails.
Esc (or F11) leaves door mode, with a member of staff's name and PIN (ui/shared/staff_pin.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAccessible, QAccessibleEvent, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _, current_language, family_language, translator

log = logging.getLogger(__name__)

CLEAR_AFTER_MS = 30_000
#: How long a new result's frame stays white, so the officer sees that the screen changed.
FRESH_FOR_MS = 700
MAX_SCAN_LENGTH = 2000  # a pass token is ~150 characters; anything far longer is not a pass
IDLE, VALID, NOT_VALID, ALREADY = "idle", "valid", "not_valid", "already"
ALREADY_IN_HALL = "already_in_hall"

#: Why a pass is refused, as the officer can say it to the family.
REASON_WORDS = {
    "expired": N_("This pass has expired: it was for an earlier day."),
    "not_yet": N_("This pass is for another day, not today."),
    "voided": N_("This pass was cancelled (voided) at the desk."),
    "other_establishment": N_("This pass is for another prison."),
    "altered": N_("This pass has been changed or damaged, so it cannot be trusted."),
    "not_ours": N_("This is not one of our visit passes."),
    "key_replaced": N_("This pass was printed with a pass key the prison has since replaced."),
    "virtual_visit": N_("This is a virtual visit: the family joins by video, not through the hall."),
    "not_checked_in": N_("This family has not been checked in at the desk yet."),
    "visit_over": N_("This visit is over: the family has already checked out."),
    "visit_cancelled": N_("This visit was cancelled or refused."),
}
UNCHECKED = N_(
    "This pass could not be checked just now. Scan it again; if it still fails, send the family to the desk."
)
SEND_TO_DESK = N_("Please send the family to the visitor centre desk.")

_SIGNS = {IDLE: status_signs.NOTE, VALID: status_signs.OK, NOT_VALID: status_signs.STOP, ALREADY: status_signs.WARNING}


class HallDoor(QWidget):
    """The door's own window: one big verdict at a time, for whoever holds the next pass."""

    #: A valid pass was scanned: the visit is now in the hall (the desk's lists need refreshing).
    let_in = Signal(str)
    #: The officer left door mode.
    left = Signal()

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("hallDoor")
        self.setWindowTitle(_("Hall door"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._desk = desk
        self._tasks = tasks
        self.kind = IDLE
        self.verdict = None
        self.pin_dialog = None  # the staff PIN dialog while it is open
        self._may_close = False
        top = QHBoxLayout()
        title = QLabel(_("Hall door"), self)
        title.setObjectName("doorTitle")
        self.leave_button = QPushButton(_("Leave door mode (Esc)"), self)
        self.leave_button.setObjectName("doorLeave")
        self.leave_button.setAccessibleName(_("Leave hall door mode"))
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner's keys must land in the input
        self.leave_button.clicked.connect(self.ask_to_leave)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.leave_button)
        self.panel = QFrame(self)
        self.panel.setObjectName("doorVerdict")
        self.icon = QLabel(self.panel)
        self.icon.setObjectName("doorIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.word = self._label("doorWord")
        self.headline = self._label("doorHeadline")
        self.details = self._label("doorDetails")
        self.next_step = self._label("doorNextStep")
        # Which scan this is: two identical results in a row still look (and sound) different.
        self.stamp = self._label("doorStamp")
        self.scan_count = 0
        self._last_said: tuple[str, ...] | None = None
        self.word.setAccessibleName(_("Pass check result"))
        column = QVBoxLayout(self.panel)
        column.setContentsMargins(40, 24, 40, 24)
        column.setSpacing(12)
        column.addStretch(1)
        column.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        for label in (self.word, self.headline, self.details, self.next_step, self.stamp):
            column.addWidget(label)
        column.addStretch(1)
        self.scan_input = QLineEdit(self)
        self.scan_input.setObjectName("doorScanInput")
        self.scan_input.setAccessibleName(_("Scanner input: scan a visit pass"))
        self.scan_input.setFixedSize(2, 2)  # present (so it keeps the keyboard focus) but out of sight
        self.scan_input.returnPressed.connect(self._typed)
        self.setFocusProxy(self.scan_input)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 24)
        layout.addLayout(top)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.scan_input)
        self._clear_timer = QTimer(self)
        self._clear_timer.setSingleShot(True)
        self._clear_timer.setInterval(CLEAR_AFTER_MS)
        self._clear_timer.timeout.connect(self.show_idle)
        self._fresh_timer = QTimer(self)
        self._fresh_timer.setSingleShot(True)
        self._fresh_timer.setInterval(FRESH_FOR_MS)
        self._fresh_timer.timeout.connect(lambda: self._mark_fresh(False))
        self.shortcuts = []
        for key in ("Esc", "F11"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(self.ask_to_leave)
            self.shortcuts.append(shortcut)
        self.show_idle()

    def _label(self, name: str) -> QLabel:
        label = QLabel("", self.panel)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    # --- scans coming in ------------------------------------------------------------------------

    @Slot()
    def _typed(self) -> None:
        text = self.scan_input.text()
        self.scan_input.clear()
        self.take_scan(text)

    @Slot(str)
    def take_scan(self, text: str) -> None:
        """Check the scanned text with the desk and show the verdict (whatever the text is)."""
        # A scanner that paused mid-code leaves its first keys in the input: they belong to this scan.
        text = (self.scan_input.text() + text).strip()
        self.scan_input.clear()
        if not text:
            return
        if len(text) > MAX_SCAN_LENGTH:
            self.show_not_valid("not_ours", "")
            return
        desk = self._desk
        self._tasks.run(
            lambda: desk.passes.door_scan(text), self.show_verdict, self._failed, label=_("Checking the pass…")
        )

    def _failed(self, error: VisitorCentreError) -> None:
        log.warning("The hall door could not check a pass: %s", error)
        self.show_not_valid("", _(UNCHECKED))

    # --- showing the verdict --------------------------------------------------------------------

    def show_verdict(self, verdict) -> None:
        """Show a DoorVerdict; anything that cannot be shown as valid is shown as NOT VALID."""
        try:
            if verdict is not None and verdict.valid:
                self._show_valid(verdict)
            else:
                self.show_not_valid(
                    getattr(verdict, "reason", ""),
                    getattr(verdict, "message", "") or "",
                    getattr(verdict, "reference", None),
                    getattr(verdict, "language", None),
                )
        except Exception:  # a verdict the door cannot read must still give an answer
            log.exception("The hall door could not show a verdict")
            self.show_not_valid("", _(UNCHECKED))
        self.verdict = verdict

    def _show_valid(self, verdict) -> None:
        _ = self._words(verdict)
        who = self._who(verdict)
        if verdict.reason == ALREADY_IN_HALL:
            since = f"{verdict.in_hall_since:%H:%M}" if verdict.in_hall_since else ""
            headline = (
                _("Since {time}: this pass was scanned before.").format(time=since)
                if since
                else _("This pass was scanned before.")
            )
            self._show(
                ALREADY,
                _("ALREADY IN THE HALL"),
                headline,
                who,
                _("Check with the hall officer before letting anyone in."),
            )
            return
        self._show(
            VALID,
            _("VALID"),
            _("Visit {reference}: let the family in.").format(reference=verdict.reference),
            who or verdict.message,
            _("Scan the next pass when they are through."),
        )
        self.let_in.emit(verdict.reference or "")

    def show_not_valid(self, reason: str, message: str, reference: str | None = None, language=None) -> None:
        """NOT VALID, with the reason in the door's own words (or the desk's, for a reason it does not know).

        In the family's ``language`` when the pass names a visit the desk knows.
        """
        _ = translator(family_language(language) if language else current_language())
        headline = _(REASON_WORDS[reason]) if reason in REASON_WORDS else (message or _(REASON_WORDS["not_ours"]))
        detail = _("Visit {reference}").format(reference=reference) if reference else ""
        says_what_to_do = reason not in REASON_WORDS and "send" in headline.lower()
        self._show(NOT_VALID, _("NOT VALID"), headline, detail, "" if says_what_to_do else _(SEND_TO_DESK))

    @staticmethod
    def _words(verdict):
        """The ``_`` for ``verdict``: the family's language when the desk knows the visit."""
        language = getattr(verdict, "language", None)
        return translator(family_language(language) if language else current_language())

    def _who(self, verdict) -> str:
        _ = self._words(verdict)
        lines = []
        if verdict.prisoner_name:
            number = f" ({verdict.prisoner_number})" if verdict.prisoner_number else ""
            lines.append(_("Visiting {prisoner}{number}").format(prisoner=verdict.prisoner_name, number=number))
        if verdict.party:
            lines.append(
                _("Party of {count}: {names}").format(count=len(verdict.party), names=", ".join(verdict.party))
            )
        return "\n".join(lines)

    @Slot()
    def show_idle(self) -> None:
        """The waiting screen: nothing scanned yet, or the last result has been up long enough."""
        self._show(IDLE, _("Scan the next pass"), _("Hold the QR code on the pass under the scanner."), "", "")
        self.verdict = None

    def _show(self, kind: str, word: str, headline: str, details: str, next_step: str) -> None:
        self.kind = kind
        sign = _SIGNS[kind]
        self.icon.setPixmap(status_signs.icon("visitorcentre" if kind == IDLE else sign.icon).pixmap(120, 120))
        self.icon.setAccessibleName(_(sign.word))
        self.word.setText(word)
        self.headline.setText(headline)
        self.details.setText(details)
        self.details.setVisible(bool(details))
        self.next_step.setText(next_step)
        self.next_step.setVisible(bool(next_step))
        for widget in (self.panel, self.icon, self.word, self.headline, self.details, self.next_step, self.stamp):
            widget.setProperty("kind", kind)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if kind == IDLE:
            self._clear_timer.stop()
            self.stamp.clear()
            self.stamp.hide()
        else:
            self._clear_timer.start()
            self._count_scan((kind, word, headline, details))
        self.scan_input.setFocus()

    def _count_scan(self, said: tuple[str, ...]) -> None:
        """Number the result and flash its frame; say when it is the same as the one before."""
        self.scan_count += 1
        stamp = _("Scan {count} at {time}").format(count=self.scan_count, time=f"{self._desk.ctx.clock.now():%H:%M:%S}")
        if said == self._last_said:
            stamp += " · " + _("the same result as the scan before")
        self._last_said = said
        self.stamp.setText(stamp)
        self.stamp.show()
        self.word.setAccessibleName(_("Pass check result, scan {count}").format(count=self.scan_count))
        self.panel.setAccessibleDescription(f"{said[1]}. {said[2]} {stamp}")
        self._mark_fresh(True)
        self._fresh_timer.start()
        # A screen reader says the new result even when its words are the same as the last one's.
        QAccessible.updateAccessibility(QAccessibleEvent(self.word, QAccessible.Event.Alert))

    def _mark_fresh(self, fresh: bool) -> None:
        self.panel.setProperty("fresh", fresh)
        self.panel.style().unpolish(self.panel)
        self.panel.style().polish(self.panel)

    def texts(self) -> str:
        """Everything the screen says now (for tests and screen readers)."""
        return "\n".join(
            label.text()
            for label in (self.word, self.headline, self.details, self.next_step, self.stamp)
            if label.text()
        )

    # --- leaving --------------------------------------------------------------------------------

    def open(self) -> None:
        """Fill the screen and take the keyboard."""
        self.show_idle()
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.scan_input.setFocus()

    @Slot()
    def ask_to_leave(self) -> None:
        """Staff leave door mode with their PIN: behind it is the desk, with a family's visit open."""
        if self.pin_dialog is not None and self.pin_dialog.isVisible():
            self.pin_dialog.pin.setFocus()
            return
        from visitorcentre.ui.shared.staff_pin import ask_staff_pin

        self.pin_dialog = ask_staff_pin(
            self._desk,
            self._tasks,
            self,
            _("Staff: leave hall door mode"),
            _("Type your name and PIN. The door will stop checking passes until door mode is opened again (F11)."),
            _("Leave door mode"),
            self._leave,
        )
        self.pin_dialog.finished.connect(self._pin_dialog_gone)

    def _pin_dialog_gone(self, *_args) -> None:
        self.pin_dialog = None
        if self.isVisible():
            self.scan_input.setFocus()

    def _leave(self) -> None:
        self._may_close = True
        self.close()
        self._may_close = False
        self.left.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window (Alt+F4) is leaving too: it needs a PIN, unless the whole desk is closing.
        if self.isVisible() and not self._may_close:
            event.ignore()
            self.ask_to_leave()
            return
        self._clear_timer.stop()
        super().closeEvent(event)

    def close_with_desk(self) -> None:
        """The desk app is closing: go without asking."""
        self._may_close = True
        self.close()
