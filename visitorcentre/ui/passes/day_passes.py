"""Passes for a day, all at once (the desk's print-all): every booked family's pass in one print run.

Ctrl+Shift+D asks for the day (today unless the worker picks another), previews the passes
(marked PREVIEW: nothing is recorded yet), then prints or saves them through the one printing
flow; each pass is recorded as printed only then. Virtual visits have no pass (the family joins
by video): they are left out, and the message says how many. When some of the day's passes were
printed before, the reason for printing them again is asked first, as for one pass.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.check_in import day_list
from visitorcentre.ui.check_in.day_list import day_words
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, ngettext
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.shared.print_flow import CARD, Document, print_document

KEY = "Ctrl+Shift+D"


def left_out_words(virtual: int) -> str:
    """“2 virtual visits are left out: they join by video, with no pass.” ("" when none)."""
    if not virtual:
        return ""
    return ngettext(
        "{count} virtual visit is left out: the family joins by video, with no pass.",
        "{count} virtual visits are left out: the families join by video, with no pass.",
        virtual,
    ).format(count=virtual)


class DayPassesPrinting(QObject):
    """Choose the day, preview its passes, print them (recorded) or save them, and say what was left out."""

    def __init__(self, desk, tasks: DeskTasks, notice: NoticeBar, window: QWidget):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._notice = notice
        self._window = window

    def print_day_passes(self, day: date | None = None) -> None:
        """Ask for the day (unless given), then preview and print every pass for it."""
        today = self._desk.ctx.clock.today()
        day = day or day_list.ask_day(self._window, today)
        if day is None:
            return
        desk = self._desk
        self._tasks.run(
            lambda: (desk.passes.preview_day_passes(day), desk.passes.printed_before_on(day)),
            lambda found: self._previewed(day, *found),
            self._problem,
            label=_("Getting the passes ready…"),
        )

    def _previewed(self, day: date, preview, printed_before: int) -> None:
        reason = ""
        if printed_before:
            from visitorcentre.ui.shared import reason_dialog

            reason = (
                reason_dialog.ask_reason(
                    self._window,
                    _("Print the passes for {day} again?").format(day=day_words(day, self._desk.ctx.clock.today())),
                    ngettext(
                        "{count} of these passes has been printed before. A reprint is recorded with its reason.",
                        "{count} of these passes have been printed before. A reprint is recorded with its reason.",
                        printed_before,
                    ).format(count=printed_before),
                    _("Why are they printed again?"),
                    _("Print them again"),
                    sign=status_signs.WARNING,
                )
                or ""
            )
            if not reason:
                return
        desk, words = self._desk, day_words(day, self._desk.ctx.clock.today())
        document = Document(
            _("Passes for {day}").format(day=words),
            f"passes-{day:%Y-%m-%d}.pdf",
            CARD,
            lambda: preview.pdf,
            make_final=lambda: desk.passes.issue_day_passes(day, reprint_reason=reason).pdf,
            label=_("Getting the passes ready…"),
        )

        def done(choice) -> None:
            count = ngettext("{count} pass", "{count} passes", preview.printed).format(count=preview.printed)
            if choice.how == "save":
                said = _("{count} for {day} saved as {path}.").format(count=count, day=words, path=choice.path)
            else:
                said = _("{count} for {day} printed on {printer}.").format(
                    count=count, day=words, printer=choice.printer
                )
            self._notice.say(" ".join(filter(None, (said, left_out_words(preview.virtual_left_out)))), status_signs.OK)

        print_document(
            self._window, self._tasks, desk, document, done, lambda m: self._notice.say(m, status_signs.WARNING)
        )

    def _problem(self, error: VisitorCentreError) -> None:
        self._notice.say(error.message, status_signs.WARNING)
