"""The desk window's top bar of buttons, and the Tab order through the whole desk.

The top bar holds what the desk does most after the search: walk-ins, bookings, visitors, the
day list and the hall door, each with its shortcut on the button, then the centre's screens
(visiting rules, feedback, "you said, we did", reports). Its buttons wrap onto a second row on a
narrow screen (a flow layout), so none is ever off the edge. Tab goes from the search to the
visit panel and its actions, then the Today board and the buttons around the edge.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from visitorcentre import APP_NAME
from visitorcentre.ui.shared.flow_layout import FlowLayout
from visitorcentre.ui.shared.i18n import _

if TYPE_CHECKING:
    from visitorcentre.ui.window.main_window import MainWindow


def top_bar(window: MainWindow, parent: QWidget) -> FlowLayout:
    """The app's name and the top bar's buttons (made as attributes of ``window``), wrapping when narrow."""
    title = QLabel(APP_NAME, parent)
    title.setObjectName("appTitle")
    window.book_button = QPushButton(_("Book a visit  (Ctrl+B)"), parent)
    window.book_button.setAccessibleName(_("Book a visit"))
    window.walk_in_button = QPushButton(_("Walk-in  (Ctrl+W)"), parent)
    window.walk_in_button.setAccessibleName(_("Walk-in visit for today"))
    window.new_visitor_button = QPushButton(_("New visitor  (Ctrl+N)"), parent)
    window.new_visitor_button.setAccessibleName(_("Register a new visitor"))
    window.edit_visitor_button = QPushButton(_("Visitor's details  (Ctrl+E)"), parent)
    window.edit_visitor_button.setAccessibleName(_("Open the details of the visitor selected in the search"))
    window.day_list_button = QPushButton(_("Day list  (Ctrl+L)"), parent)
    window.day_list_button.setAccessibleName(_("Print the list of visits for a day"))
    window.hall_door_button = QPushButton(_("Hall door  (F11)"), parent)
    window.hall_door_button.setAccessibleName(_("Hall door mode: check passes at the door of the visit hall"))
    bar = FlowLayout(spacing=6)
    bar.addWidget(title)
    for button in (
        window.walk_in_button,
        window.book_button,
        window.new_visitor_button,
        window.edit_visitor_button,
        window.day_list_button,
        window.hall_door_button,
    ):
        bar.addWidget(button)
    return bar


def tab_order(window: MainWindow) -> None:
    """Tab through the desk in the order staff work: search, visit, board, then the buttons."""
    panel = window.visit_panel
    # The visit's widgets once one has been shown (the window calls this again when its page is made).
    visit = (
        [
            panel.party_view,
            panel.check_in_button,
            panel.refuse_button,
            panel.print_pass_button,
            panel.hall_button,
            panel.check_out_button,
            panel.void_pass_button,
            panel.no_show_button,
            panel.cancel_button,
            panel.travel_costs_button,
            panel.more_button,
            panel.advice.toggle,
            panel.advice.language,
            panel.advice.leaflet_button,
            panel.advice.given_box,
        ]
        if panel.page_is_made
        else []
    )
    chain = [
        window.search.box,
        window.search.view,
        *visit,
        window.board.view,
        window.walk_in_button,
        window.book_button,
        window.new_visitor_button,
        window.edit_visitor_button,
        window.day_list_button,
        window.hall_door_button,
        window.rules_button,
        *window.engagement.buttons(),
        *window.staff_tools.buttons(),
        *window.sync.buttons(),
    ]
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
