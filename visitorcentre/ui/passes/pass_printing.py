"""The visit pass at the desk: print it after check-in (with a preview), reprint it with a reason, void it.

A pass comes in two layouts, an A6 card and an 80 mm receipt roll; the printer used for each is
remembered per desk and chosen already next time. The layout is the one whose remembered
printer is here (a card when in doubt); the preview offers the other one. The preview is the
pass marked PREVIEW, which records nothing and opens no door; the pass itself is issued (recorded,
with the reason for a reprint) only when the worker prints or saves it. The pass goes through the
one printing flow (``ui/shared/print_flow.py``): made and rendered on the runner's records lane,
so the window never waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.kinds import VisitStatus
from visitorcentre.ui.check_in.visit_panel import VisitPanel
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.shared.print_flow import CARD, RECEIPT, Document, print_document

if TYPE_CHECKING:
    from visitorcentre.core.views import VisitDetail
    from visitorcentre.ui.check_in.visit_page import VisitPage
    from visitorcentre.ui.shared import printouts

LAYOUT_NAMES = {CARD: N_("A6 card"), RECEIPT: N_("receipt roll")}
REPRINT_REASONS = (
    N_("The family lost the pass or left it at home"),
    N_("The print was faint or the paper jammed"),
    N_("The pass was damaged"),
    N_("Printed on the other layout instead"),
)
VOID_REASONS = (
    N_("The pass was lost: a new one is printed"),
    N_("Printed for the wrong visit"),
    N_("The visit is cancelled or refused"),
    N_("The pass was damaged"),
)
_PASS_STATUSES = (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL, VisitStatus.COMPLETED)


def _printing():
    """Qt's print support and the PDF renderer, loaded with the first printout (not at start-up)."""
    from visitorcentre.ui.shared import printouts

    return printouts


def _dialogs():
    """The reason dialog, loaded the first time a decision needs it (not at start-up)."""
    from visitorcentre.ui.shared import reason_dialog

    return reason_dialog


def times_words(count: int) -> str:
    return _("once") if count == 1 else _("twice") if count == 2 else _("{count} times").format(count=count)


def pass_words(status) -> str:
    """The pass as the visit panel shows it: not printed yet, printed (how often, when), or void."""
    if status is None:
        return ""
    if status.voided:
        return _("Void: {reason}. It will not open the hall door.").format(reason=status.voided_reason or _("voided"))
    if not status.times_printed:
        return _("Not printed yet (Ctrl+P prints it)")
    when = " " + _("last at {time}").format(time=f"{status.last_printed_at:%H:%M}") if status.last_printed_at else ""
    return _("Printed {times}{when}").format(times=times_words(status.times_printed), when=when)


def default_layout(remembered: dict[str, str], printers: list[str]) -> str:
    """The card, unless only the receipt roll's remembered printer is on this desk."""
    here = {layout for layout, name in remembered.items() if name and name in printers}
    return RECEIPT if here == {RECEIPT} else CARD


class PassPrinting(QObject):
    """Print pass, reprint and void pass, for the visit open in the visit panel."""

    def __init__(self, desk, tasks: DeskTasks, panel: VisitPanel, notice: NoticeBar, window: QWidget):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._panel = panel
        self._notice = notice
        self._window = window
        self.status = None
        panel.when_page_made(self._wire)
        panel.visit_shown.connect(self.load_status)

    def _wire(self, page: VisitPage) -> None:
        page.print_pass_button.clicked.connect(lambda: self.print_pass())
        page.void_pass_button.clicked.connect(self.void_pass)

    # --- what the panel shows -------------------------------------------------------------------

    def load_status(self, detail: VisitDetail | None = None) -> None:
        """Fetch the pass's state for the visit shown (only a checked-in visit has a pass)."""
        detail = detail if detail is not None else self._panel.detail
        if detail is None or detail.status not in _PASS_STATUSES:
            self.status = None
            self._panel.show_pass("", can_void=False)
            return
        visit_id = detail.id
        self._tasks.run(
            lambda: self._desk.passes.pass_status(visit_id),
            lambda status: self._show_status(visit_id, status),
            lambda _error: None,
            key="pass-status",
            label=_("Opening the visit…"),
        )

    def _show_status(self, visit_id: str, status) -> None:
        if self._panel.detail is None or self._panel.detail.id != visit_id:
            return
        self.status = status
        self._panel.show_pass(pass_words(status), can_void=bool(status and status.times_printed and not status.voided))

    # --- print and reprint ----------------------------------------------------------------------

    def print_pass(self, layout: str | None = None, reason: str = "") -> None:
        """Preview and print the pass of the visit shown; a reprint asks for a reason first."""
        detail = self._panel.detail
        if detail is None or not self._panel.print_pass_button.isEnabled():
            return
        visit_id = detail.id
        desk = self._desk

        def look() -> tuple:
            return desk.passes.pass_status(visit_id), {name: desk.settings.printer_for(name) for name in LAYOUT_NAMES}

        def looked(found: tuple) -> None:
            status, remembered = found
            chosen = layout or default_layout(remembered, _printing().available_printers())
            given = reason
            if status.times_printed and not given:
                given = self._ask_reprint_reason(detail, status.times_printed)
                if not given:
                    return
            self._issue(detail, chosen, given)

        self._tasks.run(look, looked, self._problem, label=_("Getting the pass ready…"))

    def _ask_reprint_reason(self, detail: VisitDetail, times_printed: int) -> str | None:
        return _dialogs().ask_reason(
            self._window,
            _("Reprint the pass for visit {reference}").format(reference=detail.reference),
            _(
                "This pass has already been printed {times}. A reprint is recorded with its reason, and every copy "
                "opens the hall door only once."
            ).format(times=times_words(times_printed)),
            _("Why is it printed again?"),
            _("Reprint the pass"),
            [_(r) for r in REPRINT_REASONS],
            sign=status_signs.WARNING,
        )

    def _issue(self, detail: VisitDetail, layout: str, reason: str) -> None:
        """Show the pass as it will print (a preview records nothing), then print it as the worker chooses."""
        visit_id, desk = detail.id, self._desk
        other = RECEIPT if layout == CARD else CARD
        document = Document(
            _("Visit pass {reference} ({layout})").format(reference=detail.reference, layout=_(LAYOUT_NAMES[layout])),
            f"pass-{detail.reference}-{layout}.pdf",
            layout,
            lambda: desk.passes.preview_pass(visit_id, layout=layout),
            make_final=lambda: desk.passes.issue_pass(visit_id, layout=layout, reprint_reason=reason),
            switch_label=_("Use the {layout} instead").format(layout=_(LAYOUT_NAMES[other])),
            label=_("Getting the pass ready…"),
        )

        def done(choice: printouts.PrintChoice) -> None:
            if choice.how == "switch":
                self._issue(detail, other, reason)
                return
            if choice.how == "save":
                message = _(
                    "The pass for visit {reference} is saved as {path}. Print it from there, or send the file "
                    "to the family so they can show the pass on their phone at the hall door."
                ).format(reference=detail.reference, path=choice.path)
            else:
                message = _(
                    "The pass for visit {reference} is printed on {printer}. Give it to the family: the "
                    "officer scans it at the hall door."
                ).format(reference=detail.reference, printer=choice.printer)
            self._after(message, status_signs.OK)

        print_document(
            self._window, self._tasks, desk, document, done, lambda message: self._after(message, status_signs.WARNING)
        )

    # --- void -----------------------------------------------------------------------------------

    def void_pass(self) -> None:
        """Void the printed pass, with a reason: it will no longer open the hall door."""
        detail = self._panel.detail
        if detail is None or not self._panel.void_pass_button.isEnabled():
            return
        reason = _dialogs().ask_reason(
            self._window,
            _("Void the pass for visit {reference}").format(reference=detail.reference),
            _(
                "A void pass no longer opens the hall door; the officer there will see NOT VALID. Print a new pass "
                "afterwards if the family still needs one."
            ),
            _("Why is the pass voided?"),
            _("Void the pass"),
            [_(r) for r in VOID_REASONS],
            sign=status_signs.STOP,
        )
        if not reason:
            return
        visit_id = detail.id
        self._tasks.run(
            lambda: self._desk.passes.void_pass(visit_id, reason),
            lambda _result: self._after(
                _("The pass for visit {reference} is void: {reason}.").format(
                    reference=detail.reference, reason=reason
                ),
                status_signs.NOTE,
            ),
            self._problem,
            label=_("Saving…"),
        )

    # --- afterwards -----------------------------------------------------------------------------

    def _after(self, message: str, sign: status_signs.Sign) -> None:
        self._notice.say(message, sign)

    def _problem(self, error: VisitorCentreError) -> None:
        self._notice.say(error.message, status_signs.WARNING)
        self.load_status()
