"""The visit panel: one visit's session, prisoner, party, checks in plain words, and the desk's actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.changes import COST_OF_VISITS, FAMILIES, RULES, VISITS, Changes
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, VisitStatus
from visitorcentre.core.severity import Severity
from visitorcentre.ui.advice.advice_checklist import AdviceToReadOut
from visitorcentre.ui.check_in.check_results import ResultsList, elsewhere_result
from visitorcentre.ui.check_in.party_model import PartyModel
from visitorcentre.ui.check_in.review_box import ReviewBox
from visitorcentre.ui.check_in.sessions_model import kind_label, session_times
from visitorcentre.ui.check_in.support_needs_picker import SupportNeedsSign
from visitorcentre.ui.check_in.visit_facts import fact_row, show_fact
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.flow_layout import FlowLayout
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import may_narrow

if TYPE_CHECKING:
    from visitorcentre.core.checks import CheckResult
    from visitorcentre.core.views import PartyMember, VisitDetail


def _action_button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setEnabled(False)
    return button


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
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        may_narrow(self.empty)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_visit_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _build_visit_page(self) -> QWidget:
        # Widgets are made inside their final parent (see MainWindow). ``inner``, where the visit
        # scrolls above the bar of actions, goes into the scroll area while still empty, as moving
        # it later would re-style everything in it.
        page = QWidget(self.stack)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        bar = QFrame(page)
        self.heading = QLabel("", inner)
        self.heading.setProperty("role", "heading")
        self.status_badge = QLabel("", inner)
        self.status_badge.setObjectName("statusBadge")
        self.status_badge.setAccessibleName(_("Visit status"))
        self.status_icon = QLabel(inner)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status_icon)
        top.addWidget(self.status_badge)
        self.first_visit = QFrame(inner)
        self.first_visit.setObjectName("firstVisit")
        first_icon = QLabel(self.first_visit)
        first_icon.setPixmap(status_signs.icon("first_visit").pixmap(28, 28))
        first_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.first_visit_text = QLabel(
            _("First visit: take a little extra time to explain the search, the lockers and the hall."),
            self.first_visit,
        )
        self.first_visit_text.setWordWrap(True)
        self.first_visit_text.setAccessibleName(_("First visit"))
        first_row = QHBoxLayout(self.first_visit)
        first_row.setContentsMargins(8, 6, 8, 6)
        first_row.addWidget(first_icon)
        first_row.addWidget(self.first_visit_text, 1)
        self.review_box = ReviewBox(self._desk, self._tasks, inner)  # what changed since it was booked
        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        (
            self.session_label,
            self.cut_off_label,
            self.prisoner_label,
            self.restrictions_label,
            self.notes_label,
            self.pass_label,
        ) = (
            fact_row(facts, row, inner, title)
            for row, title in enumerate(
                (_("Session"), _("Arrive by"), _("Visiting"), _("Restrictions"), _("Notes"), _("Visit pass"))
            )
        )
        from visitorcentre.ui.cost_of_visits.request_notice import RequestNotice

        self.claim_request = RequestNotice(self._desk, self._tasks, inner)  # an application put back to them
        self.support_needs = SupportNeedsSign(inner)
        self.support_button = QPushButton(_("Support for the family…"), inner)
        self.support_button.setObjectName("supportLink")
        self.support_button.setAccessibleName(_("Support for the family: helplines, money, children, bereavement"))
        party_heading = QLabel(_("The party"), inner)
        party_heading.setProperty("role", "subheading")
        self.party_model = PartyModel(self)
        self.party_view = QTableView(inner)
        self.party_view.setObjectName("partyTable")
        self.party_view.setModel(self.party_model)
        self.party_view.setAccessibleName(_("The party: who is visiting, with their checks"))
        self.party_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.party_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.party_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.party_view.setTabKeyNavigation(False)
        self.party_view.setWordWrap(True)
        self.party_view.verticalHeader().hide()
        self.party_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.party_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PartyModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self._fit_party())
        self.party_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.party_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.party_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.party_view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.party_model.dataChanged.connect(lambda *_: self.update_actions())
        self.checks_heading = QLabel(_("Checks"), inner)
        self.checks_heading.setProperty("role", "subheading")
        self.results = ResultsList(inner)
        self.advice = AdviceToReadOut(self._desk, self._tasks, inner)
        self.check_in_button = _action_button(
            _("Check in (F5)"), "checkIn", _("Check in the people ticked as here"), bar
        )
        self.refuse_button = _action_button(
            _("Refuse… (Ctrl+R)"), "refuse", _("Refuse the selected person, with a reason"), bar
        )
        self.hall_button = _action_button(_("Into the hall"), "enterHall", _("The party has gone into the hall"), bar)
        self.check_out_button = _action_button(_("Check out"), "checkOut", _("Check out: the visit is over"), bar)
        self.no_show_button = _action_button(_("Did not come"), "noShow", _("Mark the visit as did not come"), bar)
        self.cancel_button = _action_button(
            _("Cancel visit…"), "cancelVisit", _("Cancel the visit, with a reason"), bar
        )
        self.print_pass_button = _action_button(
            _("Print pass (Ctrl+P)"), "printPass", _("Print the visit pass, with a preview"), bar
        )
        self.void_pass_button = _action_button(
            _("Void pass…"), "voidPass", _("Void the visit pass, with a reason"), bar
        )
        self.travel_costs_button = _action_button(
            _("Travel costs… (Ctrl+T)"),
            "travelCosts",
            _("Help with the cost of this visit: an application for the lead visitor"),
            bar,
        )
        self.check_in_button.setProperty("role", "primary")
        # The buttons wrap onto more rows in a narrow panel (a small screen), never off its edge.
        actions = FlowLayout(spacing=8)
        for button in self.action_buttons():
            actions.addWidget(button)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(12, 12, 12, 12)
        inner_layout.setSpacing(10)
        inner_layout.addLayout(top)
        inner_layout.addWidget(self.review_box)
        inner_layout.addWidget(self.first_visit)
        inner_layout.addWidget(self.claim_request)
        inner_layout.addLayout(facts)
        inner_layout.addWidget(self.support_needs)
        inner_layout.addWidget(self.support_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner_layout.addWidget(party_heading)
        inner_layout.addWidget(self.party_view)
        inner_layout.addWidget(self.checks_heading)
        inner_layout.addWidget(self.results)
        inner_layout.addWidget(self.advice)
        inner_layout.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        bar.setObjectName("actionBar")
        bar.setLayout(actions)
        layout.addWidget(bar)
        return page

    def action_buttons(self) -> list[QPushButton]:
        """The visit's buttons, in the order they show."""
        return [
            self.check_in_button,
            self.refuse_button,
            self.print_pass_button,
            self.hall_button,
            self.check_out_button,
            self.void_pass_button,
            self.no_show_button,
            self.cancel_button,
            self.travel_costs_button,
        ]

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
            self.party_model.clear()
            self.claim_request.show_for([])
            self.advice.load(None)
            self.review_box.load(None, False)
            self.update_actions()
            self.visit_shown.emit(None)
            return
        self.stack.setCurrentIndex(1)
        if detail.id != previous:
            self.show_pass("", can_void=False)
        session = detail.session
        self.heading.setText(_("Visit {reference}").format(reference=detail.reference))
        sign = status_signs.visit_sign(detail.status)
        self.status_icon.setPixmap(status_signs.icon(sign.icon).pixmap(28, 28))
        self.status_badge.setText(status_signs.visit_status_words(detail.status))
        self.status_badge.setProperty("kind", sign.icon)
        self.status_badge.style().polish(self.status_badge)
        self.first_visit.setVisible(detail.first_visit)
        self.claim_request.show_for([member.visitor_id for member in detail.party])
        today, here = self._desk.ctx.clock.today(), not self.elsewhere(detail)
        day = _("Today") if session.date == today else f"{session.date:%A %d %B}"
        place = _("join by video: {how}").format(how=detail.joining_details or _("details to follow"))
        place = place if detail.virtual else session.room
        at = "" if here else f"{detail.establishment_name} · "  # a visit elsewhere says where, first
        show_fact(self.session_label, f"{at}{day}, {session_times(session)} · {kind_label(session.kind)} · {place}")
        self.support_needs.show_needs(detail.support_needs)
        show_fact(self.cut_off_label, _("{time} (the cut-off for this session)").format(time=f"{detail.cut_off:%H:%M}"))
        where = f" · {detail.prisoner_location}" if detail.prisoner_location else ""
        show_fact(self.prisoner_label, f"{detail.prisoner_name} ({detail.prisoner_number}){where}")
        show_fact(self.restrictions_label, "\n".join(_("Warning: {text}").format(text=r) for r in detail.restrictions))
        notes = [detail.notes]
        if detail.late_reason:
            notes.append(_("Let in after the cut-off: {reason}").format(reason=detail.late_reason))
        if detail.overbooked_reason:
            notes.append(_("Overbooked: {reason}").format(reason=detail.overbooked_reason))
        show_fact(self.notes_label, "\n".join(n for n in notes if n))
        can_tick = detail.status in AWAITING_CHECK_IN and session.date == today and here
        self.party_model.set_party(detail.party, can_tick)
        self._show_results([r for m in detail.party for r in m.results] + list(detail.party_results))
        self._select_member(selected.visitor_id if selected and previous == detail.id else None)
        self._fit_party()
        self.advice.load(detail.id, detail.language)
        self.review_box.load(detail.id, here)  # (a checked-in visit's flag can still be settled as going ahead)
        self.update_actions()
        self.visit_shown.emit(detail)

    def show_stopped(self, results: list[CheckResult]) -> None:
        """A check-in was stopped: show everyone's results and pick the first person who must be refused."""
        self.party_model.show_results(results)
        self._show_results(results)
        stopped = self.party_model.stopped()
        self._select_member(stopped[0].visitor_id if stopped else None)
        self._fit_party()
        self.update_actions()

    def show_pass(self, text: str, can_void: bool) -> None:
        """What is known about the visit's pass (printed, how often, voided); set by ``pass_printing``."""
        show_fact(self.pass_label, text)
        self._pass_can_void = can_void
        self.update_actions()

    def _show_results(self, results: list[CheckResult]) -> None:
        """Every check result in plain words, most serious first; a clear visit says so."""
        order = [status_signs.STOP, status_signs.WARNING, status_signs.NOTE, status_signs.OK]
        results = sorted(results, key=lambda r: order.index(status_signs.severity_sign(r.severity)))
        detail = self.detail
        if detail is not None and self.elsewhere(detail):
            results = [elsewhere_result(detail.establishment_name), *results]
        elif not results and detail is not None and detail.status in AWAITING_CHECK_IN:
            from visitorcentre.core.checks import CheckResult  # here with the records; the window starts without

            results = [CheckResult("all_clear", Severity.OK, _("Nothing stops this family going in."))]
        self.results.set_results(results)
        self.checks_heading.setVisible(bool(results))

    def _fit_party(self) -> None:
        """Size the party table to its rows, so the panel (not the table) scrolls."""
        view = self.party_view
        view.resizeRowsToContents()
        rows = sum(view.rowHeight(r) for r in range(self.party_model.rowCount()))
        view.setFixedHeight(rows + view.horizontalHeader().height() + 2 * view.frameWidth() + 4)

    def _select_member(self, visitor_id: str | None) -> None:
        members = self.party_model.members()
        if visitor_id is None:
            stopped = self.party_model.stopped()
            visitor_id = stopped[0].visitor_id if stopped else (members[0].visitor_id if members else None)
        row = next((i for i, m in enumerate(members) if m.visitor_id == visitor_id), -1)
        if row >= 0:
            self.party_view.selectRow(row)

    def selected_member(self) -> PartyMember | None:
        """The highlighted person (a row merely holding the keyboard focus is not chosen)."""
        rows = self.party_view.selectionModel().selectedRows()
        return self.party_model.member_at(rows[0].row()) if rows else None

    def present(self) -> list[str]:
        return self.party_model.present()

    # --- which actions make sense ---------------------------------------------------------------

    def elsewhere(self, detail: VisitDetail) -> bool:
        """Whether ``detail`` is a visit at another establishment (shown, but never checked in here)."""
        here = self._desk.ctx.establishment
        return bool(here) and detail.establishment != here

    def update_actions(self) -> None:
        detail = self.detail
        # A visit at another establishment is for that prison's desk: none of the day's actions here.
        status = detail.status if detail and not self.elsewhere(detail) else None
        today = self._desk.ctx.clock.today()
        on_the_day = detail is not None and detail.session.date == today
        member = self.selected_member()
        self.check_in_button.setEnabled(status in AWAITING_CHECK_IN and on_the_day and bool(self.present()))
        self.refuse_button.setEnabled(
            status in (AWAITING_CHECK_IN | {VisitStatus.CHECKED_IN, VisitStatus.IN_HALL})
            and on_the_day
            and member is not None
            and member.outcome in (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN)
        )
        self.hall_button.setEnabled(status == VisitStatus.CHECKED_IN)
        self.check_out_button.setEnabled(status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL))
        # A family is not a no-show until their arrival cut-off has passed.
        self.no_show_button.setEnabled(
            status in AWAITING_CHECK_IN and detail is not None and self._desk.ctx.clock.now() > detail.cut_off
        )
        self.cancel_button.setEnabled(status in AWAITING_CHECK_IN)
        self.print_pass_button.setEnabled(status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL))
        self.void_pass_button.setEnabled(detail is not None and self._pass_can_void)
        # Any visit can be claimed for: the rules say whether this one can, and why not.
        self.travel_costs_button.setEnabled(detail is not None)
