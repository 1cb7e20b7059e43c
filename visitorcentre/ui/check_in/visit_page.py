"""The visit panel's page for one visit: its heading, facts, party, checks, advice to read out, and actions.

``VisitPanel`` makes it the first time a visit is shown (or anything asks for one of its parts),
not with the window: nothing on it shows before then, and the modules of its parts (the party
table, the checks, the advice, the travel-costs notice) load with it rather than before the
desk's first paint. The page only holds the widgets; the panel fills them in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.ui.advice.advice_checklist import AdviceToReadOut
from visitorcentre.ui.check_in.check_results import ResultsList
from visitorcentre.ui.check_in.party_model import PartyModel
from visitorcentre.ui.check_in.review_box import ReviewBox
from visitorcentre.ui.check_in.support_needs_picker import SupportNeedsSign
from visitorcentre.ui.check_in.visit_bar import ActionBar
from visitorcentre.ui.check_in.visit_facts import fact_row
from visitorcentre.ui.cost_of_visits.request_notice import RequestNotice
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _

#: The parts of the page the rest of the desk uses, asked of the panel as its own (``panel.check_in_button``).
PARTS = frozenset(
    {
        "heading",
        "status_badge",
        "status_icon",
        "first_visit",
        "first_visit_text",
        "review_box",
        "session_label",
        "cut_off_label",
        "prisoner_label",
        "restrictions_label",
        "notes_label",
        "pass_label",
        "claim_request",
        "support_needs",
        "support_button",
        "party_model",
        "party_view",
        "checks_heading",
        "results",
        "advice",
        "check_in_button",
        "refuse_button",
        "hall_button",
        "check_out_button",
        "no_show_button",
        "cancel_button",
        "print_pass_button",
        "void_pass_button",
        "travel_costs_button",
        "more_button",
    }
)


class VisitPage(QWidget):
    """Every widget that shows one visit, and the bar of the desk's actions below them."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget, bar: ActionBar):
        super().__init__(parent)
        # Widgets are made inside their final parent (see MainWindow). ``inner``, where the visit
        # scrolls above the bar of actions, goes into the scroll area while still empty, as moving
        # it later would re-style everything in it.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        self._bar = bar
        self.check_in_button, self.refuse_button = bar.check_in_button, bar.refuse_button
        self.hall_button, self.check_out_button = bar.hall_button, bar.check_out_button
        self.no_show_button, self.cancel_button = bar.no_show_button, bar.cancel_button
        self.print_pass_button, self.void_pass_button = bar.print_pass_button, bar.void_pass_button
        self.travel_costs_button = bar.travel_costs_button
        bar.add_more()  # (its menu is made here, after the first paint, not with the bar)
        self.more_button = bar.more_button
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
        self.review_box = ReviewBox(desk, tasks, inner)  # what changed since it was booked
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
        self.claim_request = RequestNotice(desk, tasks, inner)  # an application put back to them
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
        self.party_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.party_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.party_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.checks_heading = QLabel(_("Checks"), inner)
        self.checks_heading.setProperty("role", "subheading")
        self.results = ResultsList(inner)
        self.advice = AdviceToReadOut(desk, tasks, inner)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(bar)  # (made with the panel: see ``ActionBar``)

    def action_buttons(self) -> list[QPushButton]:
        """The visit's buttons, in the order they show."""
        return self._bar.buttons()
