"""What the visit panel's buttons do: check in, refuse one person, hall, check out, did not come, cancel.

Each action runs through the background runner; a decision that needs a reason asks for it in
a dialog, and every outcome is said in plain words in the notice bar. The screens showing the
visit (the panel, the board, the search) refresh themselves from the runner's ``changed`` signal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from visitorcentre.core.errors import ArrivalAfterCutOff, ChecksFailed, VisitorCentreError
from visitorcentre.ui.check_in.visit_panel import VisitPanel
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _, say
from visitorcentre.ui.shared.notice import NoticeBar

if TYPE_CHECKING:
    from visitorcentre.core.views import PartyMember
    from visitorcentre.ui.check_in.visit_page import VisitPage

LATE_REASONS = (
    N_("The bus or train was late"),
    N_("First visit: they did not know the way"),
    N_("Held up by the school run or childcare"),
    N_("Traffic or roadworks"),
    N_("Disability or health needs"),
)
REFUSAL_REASONS = (
    N_("Under the influence of alcohol or drugs"),
    N_("No acceptable ID"),
    N_("Would not agree to the search"),
    N_("Behaviour at the desk"),
)
CANCEL_REASONS = (
    N_("The family asked to cancel"),
    N_("The prisoner cannot have visits today"),
    N_("Booked by mistake"),
)


def _first_name(member: PartyMember) -> str:
    return member.name.split(" ")[0]


def _dialogs():
    """The reason and confirm dialogs, loaded the first time a decision needs one (not at start-up)."""
    from visitorcentre.ui.shared import reason_dialog

    return reason_dialog


class VisitActions(QObject):
    """Connects the visit panel's buttons to the desk."""

    def __init__(self, desk, tasks: DeskTasks, panel: VisitPanel, notice: NoticeBar, window: QWidget):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._panel = panel
        self._notice = notice
        self._window = window
        panel.when_page_made(self._wire)

    def _wire(self, page: VisitPage) -> None:
        page.check_in_button.clicked.connect(lambda: self.check_in())
        page.refuse_button.clicked.connect(self.refuse)
        page.hall_button.clicked.connect(self.enter_hall)
        page.check_out_button.clicked.connect(self.check_out)
        page.no_show_button.clicked.connect(self.no_show)
        page.cancel_button.clicked.connect(self.cancel)
        page.travel_costs_button.clicked.connect(self.travel_costs)

    def _after(self, message: str, sign: status_signs.Sign = status_signs.OK) -> None:
        self._notice.say(message, sign)

    def _problem(self, error: VisitorCentreError) -> None:
        self._notice.say(error.message, status_signs.WARNING)
        self._panel.reload()  # nothing was written: show the visit as it is now

    # --- check in -------------------------------------------------------------------------------

    def check_in(self, late_reason: str = "") -> None:
        """Check in the people ticked as here; asks for a reason after the cut-off."""
        detail = self._panel.detail
        if detail is None or not self._panel.check_in_button.isEnabled():
            return
        present = self._panel.present()
        names = ", ".join(m.name for m in self._panel.party_model.members() if m.visitor_id in present)
        visit_id = detail.id

        def failed(error: VisitorCentreError) -> None:
            if isinstance(error, ArrivalAfterCutOff):
                reason = _dialogs().ask_reason(
                    self._window,
                    _("Arrived after the cut-off"),
                    error.message,
                    _("Why are you letting them in?"),
                    _("Check in anyway"),
                    [_(r) for r in LATE_REASONS],
                )
                if reason:
                    self.check_in(late_reason=reason)
                else:
                    self._notice.say(
                        _("Not checked in yet: the family arrived after the cut-off."), status_signs.WARNING
                    )
            elif isinstance(error, ChecksFailed):
                whole_visit = [r for r in error.results if r.stops and r.visitor_id is None]
                # A stop for the whole visit (the session cancelled, the prisoner moved) is said as it
                # is: refusing people one by one is not the way forward.
                message = (
                    f"{say(whole_visit[0].message)} {say(whole_visit[0].next_step)}"
                    if whole_visit and not any(r.stops and r.visitor_id for r in error.results)
                    else _(
                        "Not everyone can go in yet. Refuse the people marked Stop (select them and press "
                        "Refuse), or untick anyone who has not come; then check in again."
                    )
                )
                self._panel.show_stopped(list(error.results))
                self._notice.say(message, status_signs.STOP)
            else:
                self._problem(error)

        self._tasks.run(
            lambda: self._desk.visits.check_in(visit_id, present, late_reason),
            lambda _result: self._after(_("Checked in: {names}.").format(names=names)),
            failed,
            label=_("Checking in…"),
        )

    # --- one person -----------------------------------------------------------------------------

    def refuse(self) -> None:
        """Refuse the selected person with a reason; the rest of the party can still go in."""
        detail, member = self._panel.detail, self._panel.selected_member()
        if detail is None or member is None or not self._panel.refuse_button.isEnabled():
            return
        stops = [say(r.message) for r in self._panel.party_model.results_for(member.visitor_id) if r.stops]
        reason = _dialogs().ask_reason(
            self._window,
            _("Refuse {name}").format(name=member.name),
            _(
                "{name} will not go in today. The rest of the family can still go in. The reason is kept "
                "with the visit; please explain it to {first} kindly."
            ).format(name=member.name, first=_first_name(member)),
            _("Reason for refusing {first}").format(first=_first_name(member)),
            _("Refuse {first}").format(first=_first_name(member)),
            stops + [_(r) for r in REFUSAL_REASONS],
            prefill=stops[0] if stops else "",
            sign=status_signs.STOP,
        )
        if not reason:
            return
        visit_id, visitor_id = detail.id, member.visitor_id
        self._tasks.run(
            lambda: self._desk.visits.refuse(visit_id, visitor_id, reason),
            lambda _result: self._after(
                _("{name} has been refused: {reason}").format(name=member.name, reason=reason), status_signs.NOTE
            ),
            self._problem,
            label=_("Saving…"),
        )

    # --- the rest of the visit's life -----------------------------------------------------------

    def enter_hall(self) -> None:
        detail = self._panel.detail
        if detail is None or not self._panel.hall_button.isEnabled():
            return
        self._tasks.run(
            lambda: self._desk.visits.enter_hall(detail.id),
            lambda _result: self._after(
                _("Visit {reference} has gone into the hall.").format(reference=detail.reference)
            ),
            self._problem,
            label=_("Saving…"),
        )

    def check_out(self) -> None:
        detail = self._panel.detail
        if detail is None or not self._panel.check_out_button.isEnabled():
            return
        self._tasks.run(
            lambda: self._desk.visits.check_out(detail.id),
            lambda _result: self._after(
                _("Visit {reference} is checked out. Thank the family for coming.").format(reference=detail.reference)
            ),
            self._problem,
            label=_("Saving…"),
        )

    def no_show(self) -> None:
        detail = self._panel.detail
        if detail is None or not self._panel.no_show_button.isEnabled():
            return
        if not _dialogs().confirm(
            self._window,
            _("Did not come"),
            _(
                "Mark visit {reference} as “did not come”? The family will not be able to check in for it afterwards."
            ).format(reference=detail.reference),
            _("Mark as did not come"),
        ):
            return
        self._tasks.run(
            lambda: self._desk.visits.no_show(detail.id),
            lambda _result: self._after(
                _("Visit {reference} is marked as did not come.").format(reference=detail.reference), status_signs.NOTE
            ),
            self._problem,
            label=_("Saving…"),
        )

    def cancel(self) -> None:
        detail = self._panel.detail
        if detail is None or not self._panel.cancel_button.isEnabled():
            return
        reason = _dialogs().ask_reason(
            self._window,
            _("Cancel visit {reference}").format(reference=detail.reference),
            _("The visit will be cancelled and its place given back to the session."),
            _("Why is the visit cancelled?"),
            _("Cancel the visit"),
            [_(r) for r in CANCEL_REASONS],
            sign=status_signs.NOTE,
        )
        if not reason:
            return
        self._tasks.run(
            lambda: self._desk.visits.cancel(detail.id, reason),
            lambda _result: self._after(
                _("Visit {reference} is cancelled.").format(reference=detail.reference), status_signs.NOTE
            ),
            self._problem,
            label=_("Saving…"),
        )

    # --- help with the cost of the visit --------------------------------------------------------

    def travel_costs(self):
        """Open a travel-costs application for the shown visit (its lead visitor claims); returns the dialog."""
        detail = self._panel.detail
        if detail is None:
            return None
        from visitorcentre.ui.cost_of_visits.application_dialog import open_cost_application

        return open_cost_application(self._desk, self._tasks, self._window, visit_id=detail.id)
