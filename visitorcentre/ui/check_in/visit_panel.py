"""The visit panel: one visit's session, prisoner, party, checks in plain words, and the desk's actions.

At first the panel holds only its "No visit open" words: the page that shows a visit
(``visit_page.VisitPage``) is made once the desk's records are open (or when a visit is shown
first), never before the window's first paint. Its parts answer as the panel's own
(``panel.check_in_button``); what wires them up waits for the page with ``when_page_made``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from visitorcentre.core.changes import COST_OF_VISITS, FAMILIES, RULES, VISITS, Changes
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, VisitStatus
from visitorcentre.core.severity import Severity
from visitorcentre.ui.check_in.sessions_model import kind_label, session_times
from visitorcentre.ui.check_in.visit_bar import ActionBar
from visitorcentre.ui.check_in.visit_facts import show_fact
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import may_narrow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton

    from visitorcentre.core.checks import CheckResult
    from visitorcentre.core.views import PartyMember, VisitDetail
    from visitorcentre.ui.check_in.visit_page import VisitPage


class VisitPanel(QWidget):
    """Shows one visit; its buttons are wired to the desk's actions by ``visit_actions.VisitActions``."""

    #: The shown visit changed (its VisitDetail, or None).
    visit_shown = Signal(object)

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("visitPanel")
        self._desk = desk
        self._tasks = tasks
        tasks.changed.connect(self._records_changed)
        self.detail: VisitDetail | None = None
        self._pass_can_void = False
        self.stack = QStackedWidget(self)
        self.empty = QLabel(
            _(
                "No visit open.\n\nSearch for the family, or scan their visit pass.\n\n"
                "Ctrl+F  search    Ctrl+W  walk-in    Ctrl+B  book a visit\n"
                "Ctrl+Shift+L  print a leaflet    Ctrl+Shift+R  visiting rules"
            ),
            self.stack,
        )
        self.empty.setObjectName("visitEmpty")
        self.empty.setProperty("alignment", "AlignCenter")  # (by name: see qt_names)
        self.empty.setWordWrap(True)
        may_narrow(self.empty)
        self.stack.addWidget(self.empty)
        # Until the page is made, its bar of actions stands in for it (the panel's width is the bar's).
        self._stand_in = QWidget(self.stack)
        self._bar = ActionBar(self._stand_in)
        stand_in_layout = QVBoxLayout(self._stand_in)
        stand_in_layout.setContentsMargins(0, 0, 0, 0)
        stand_in_layout.addWidget(self._bar)
        self.stack.addWidget(self._stand_in)
        self._page: VisitPage | None = None  # made after the first paint (see ``page``)
        self._when_made: list[Callable[[VisitPage], object]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- the page that shows a visit ----------------------------------------------------------------

    @property
    def page(self) -> VisitPage:
        """The page that shows a visit, made the first time it is wanted (not before the window's first paint)."""
        if self._page is None:
            from visitorcentre.ui.check_in.visit_page import VisitPage

            page = self._page = VisitPage(self._desk, self._tasks, self.stack, self._bar)
            self.stack.addWidget(page)
            self.stack.removeWidget(self._stand_in)
            self._stand_in.deleteLater()
            page.party_view.horizontalHeader().sectionResized.connect(lambda *_: self._fit_party())
            page.party_view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
            page.party_model.dataChanged.connect(lambda *_: self.update_actions())
            waiting, self._when_made = self._when_made, []
            for then in waiting:
                then(page)
        return self._page

    @Slot()
    def make_page(self) -> None:
        """Make the visit page now (once the desk is open), so the first visit opens as quickly as the rest."""
        self.page  # noqa: B018 - made on first use

    @property
    def page_is_made(self) -> bool:
        """Whether the visit page has been made yet (until then no visit was shown, and every action is off)."""
        return self._page is not None

    def when_page_made(self, then: Callable[[VisitPage], object]) -> None:
        """Call ``then(page)`` once the visit page is made (at once if it is): to wire its buttons, say."""
        if self._page is None:
            self._when_made.append(then)
        else:
            then(self._page)

    def __getattr__(self, name: str) -> Any:
        """The page's parts (``check_in_button``, ``party_view``, ``advice``…) answer as the panel's own."""
        from visitorcentre.ui.check_in.visit_page import PARTS

        if name in PARTS:
            return getattr(self.page, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def action_buttons(self) -> list[QPushButton]:
        """The visit's buttons, in the order they show."""
        return self.page.action_buttons()

    # --- loading and showing --------------------------------------------------------------------

    def load(self, visit_id: str) -> None:
        """Open the visit ``visit_id`` (loaded in the background)."""
        self._tasks.run(
            lambda: self._desk.visits.visit(visit_id), self.show_visit, key="visit", label=_("Opening the visit…")
        )

    @Slot(object)
    def _records_changed(self, changes: Changes) -> None:
        """A desk action (or a sync) changed what the open visit shows: open it again."""
        if changes.touches(VISITS, FAMILIES, RULES, COST_OF_VISITS):
            self.reload()

    def reload(self) -> None:
        if self.detail is not None:
            self.load(self.detail.id)

    def show_visit(self, detail: VisitDetail | None) -> None:
        previous = self.detail.id if self.detail else None
        selected = self.selected_member()
        self.detail = detail
        if detail is None:
            self.stack.setCurrentIndex(0)
            if self._page is not None:  # (no page yet: no visit was ever shown, nothing to clear)
                self._page.party_model.clear()
                self._page.claim_request.show_for([])
                self._page.advice.load(None)
                self._page.review_box.load(None, False)
                self.update_actions()
            self.visit_shown.emit(None)
            return
        page = self.page
        self.stack.setCurrentWidget(page)
        if detail.id != previous:
            self.show_pass("", can_void=False)
        session = detail.session
        page.heading.setText(_("Visit {reference}").format(reference=detail.reference))
        sign = status_signs.visit_sign(detail.status)
        page.status_icon.setPixmap(status_signs.icon(sign.icon).pixmap(28, 28))
        page.status_badge.setText(status_signs.visit_status_words(detail.status))
        page.status_badge.setProperty("kind", sign.icon)
        page.status_badge.style().polish(page.status_badge)
        page.first_visit.setVisible(detail.first_visit)
        page.claim_request.show_for([member.visitor_id for member in detail.party])
        today, here = self._desk.ctx.clock.today(), not self.elsewhere(detail)
        day = _("Today") if session.date == today else f"{session.date:%A %d %B}"
        place = _("join by video: {how}").format(how=detail.joining_details or _("details to follow"))
        place = place if detail.virtual else session.room
        at = "" if here else f"{detail.establishment_name} · "  # a visit elsewhere says where, first
        show_fact(page.session_label, f"{at}{day}, {session_times(session)} · {kind_label(session.kind)} · {place}")
        page.support_needs.show_needs(detail.support_needs)
        show_fact(page.cut_off_label, _("{time} (the cut-off for this session)").format(time=f"{detail.cut_off:%H:%M}"))
        where = f" · {detail.prisoner_location}" if detail.prisoner_location else ""
        show_fact(page.prisoner_label, f"{detail.prisoner_name} ({detail.prisoner_number}){where}")
        show_fact(page.restrictions_label, "\n".join(_("Warning: {text}").format(text=r) for r in detail.restrictions))
        notes = [detail.notes]
        if detail.late_reason:
            notes.append(_("Let in after the cut-off: {reason}").format(reason=detail.late_reason))
        if detail.overbooked_reason:
            notes.append(_("Overbooked: {reason}").format(reason=detail.overbooked_reason))
        show_fact(page.notes_label, "\n".join(n for n in notes if n))
        can_tick = detail.status in AWAITING_CHECK_IN and session.date == today and here
        page.party_model.set_party(detail.party, can_tick)
        self._show_results([r for m in detail.party for r in m.results] + list(detail.party_results))
        self._select_member(selected.visitor_id if selected and previous == detail.id else None)
        self._fit_party()
        page.advice.load(detail.id, detail.language)
        page.review_box.load(detail.id, here)  # (a checked-in visit's flag can still be settled as going ahead)
        self.update_actions()
        self.visit_shown.emit(detail)

    def show_stopped(self, results: list[CheckResult]) -> None:
        """A check-in was stopped: show everyone's results and pick the first person who must be refused."""
        party = self.page.party_model
        party.show_results(results)
        self._show_results(results)
        stopped = party.stopped()
        self._select_member(stopped[0].visitor_id if stopped else None)
        self._fit_party()
        self.update_actions()

    def show_pass(self, text: str, can_void: bool) -> None:
        """What is known about the visit's pass (printed, how often, voided); set by ``pass_printing``."""
        if self._page is not None:  # (no page yet: there is no visit, and so no pass, to show)
            show_fact(self._page.pass_label, text)
        self._pass_can_void = can_void
        self.update_actions()

    def _show_results(self, results: list[CheckResult]) -> None:
        """Every check result in plain words, most serious first; a clear visit says so."""
        order = [status_signs.STOP, status_signs.WARNING, status_signs.NOTE, status_signs.OK]
        results = sorted(results, key=lambda r: order.index(status_signs.severity_sign(r.severity)))
        detail = self.detail
        if detail is not None and self.elsewhere(detail):
            from visitorcentre.ui.check_in.check_results import elsewhere_result

            results = [elsewhere_result(detail.establishment_name), *results]
        elif not results and detail is not None and detail.status in AWAITING_CHECK_IN:
            from visitorcentre.core.checks import CheckResult  # here with the records; the window starts without

            results = [CheckResult("all_clear", Severity.OK, _("Nothing stops this family going in."))]
        self.page.results.set_results(results)
        self.page.checks_heading.setVisible(bool(results))

    def _fit_party(self) -> None:
        """Size the party table to its rows, so the panel (not the table) scrolls."""
        view = self.page.party_view
        view.resizeRowsToContents()
        rows = sum(view.rowHeight(r) for r in range(self.page.party_model.rowCount()))
        view.setFixedHeight(rows + view.horizontalHeader().height() + 2 * view.frameWidth() + 4)

    def _select_member(self, visitor_id: str | None) -> None:
        party = self.page.party_model
        members = party.members()
        if visitor_id is None:
            stopped = party.stopped()
            visitor_id = stopped[0].visitor_id if stopped else (members[0].visitor_id if members else None)
        row = next((i for i, m in enumerate(members) if m.visitor_id == visitor_id), -1)
        if row >= 0:
            self.page.party_view.selectRow(row)

    def selected_member(self) -> PartyMember | None:
        """The highlighted person (a row merely holding the keyboard focus is not chosen)."""
        if self._page is None:
            return None
        rows = self._page.party_view.selectionModel().selectedRows()
        return self._page.party_model.member_at(rows[0].row()) if rows else None

    def present(self) -> list[str]:
        return self._page.party_model.present() if self._page is not None else []

    # --- which actions make sense ---------------------------------------------------------------

    def elsewhere(self, detail: VisitDetail) -> bool:
        """Whether ``detail`` is a visit at another establishment (shown, but never checked in here)."""
        here = self._desk.ctx.establishment
        return bool(here) and detail.establishment != here

    def update_actions(self) -> None:
        page = self._page
        if page is None:  # no visit was ever shown: every action is off, as the page starts
            return
        detail = self.detail
        # A visit at another establishment is for that prison's desk: none of the day's actions here.
        status = detail.status if detail and not self.elsewhere(detail) else None
        today = self._desk.ctx.clock.today()
        on_the_day = detail is not None and detail.session.date == today
        member = self.selected_member()
        page.check_in_button.setEnabled(status in AWAITING_CHECK_IN and on_the_day and bool(self.present()))
        page.refuse_button.setEnabled(
            status in (AWAITING_CHECK_IN | {VisitStatus.CHECKED_IN, VisitStatus.IN_HALL})
            and on_the_day
            and member is not None
            and member.outcome in (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN)
        )
        page.hall_button.setEnabled(status == VisitStatus.CHECKED_IN)
        page.check_out_button.setEnabled(status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL))
        # A family is not a no-show until their arrival cut-off has passed.
        page.no_show_button.setEnabled(
            status in AWAITING_CHECK_IN and detail is not None and self._desk.ctx.clock.now() > detail.cut_off
        )
        page.cancel_button.setEnabled(status in AWAITING_CHECK_IN)
        page.print_pass_button.setEnabled(status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL))
        page.void_pass_button.setEnabled(detail is not None and self._pass_can_void)
        # Any visit can be claimed for: the rules say whether this one can, and why not.
        page.travel_costs_button.setEnabled(detail is not None)
