"""The visit panel's bar of actions: check in, refuse, print pass, into the hall, and the rest.

Made with the panel, not with the rest of the visit page (``visit_page.py``, made after the
first paint): the bar's width is the panel's as the window is first laid out (its buttons in a
row; wrapped, the widest), so the desk's three panes share the screen as they always have.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QPushButton, QWidget

from visitorcentre.ui.shared.flow_layout import FlowLayout
from visitorcentre.ui.shared.i18n import _


def _action_button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setEnabled(False)
    return button


class ActionBar(QFrame):
    """The bar of the visit's actions, made with the panel: its width is the panel's as the window is first laid
    out (the buttons in a row; wrapped, the widest), so the desk's panes share the screen as they always have."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("actionBar")
        self.check_in_button = _action_button(
            _("Check in (F5)"), "checkIn", _("Check in the people ticked as here"), self
        )
        self.refuse_button = _action_button(
            _("Refuse… (Ctrl+R)"), "refuse", _("Refuse the selected person, with a reason"), self
        )
        self.hall_button = _action_button(_("Into the hall"), "enterHall", _("The party has gone into the hall"), self)
        self.check_out_button = _action_button(_("Check out"), "checkOut", _("Check out: the visit is over"), self)
        self.no_show_button = _action_button(_("Did not come"), "noShow", _("Mark the visit as did not come"), self)
        self.cancel_button = _action_button(
            _("Cancel visit…"), "cancelVisit", _("Cancel the visit, with a reason"), self
        )
        self.print_pass_button = _action_button(
            _("Print pass (Ctrl+P)"), "printPass", _("Print the visit pass, with a preview"), self
        )
        self.void_pass_button = _action_button(
            _("Void pass…"), "voidPass", _("Void the visit pass, with a reason"), self
        )
        self.travel_costs_button = _action_button(
            _("Travel costs… (Ctrl+T)"),
            "travelCosts",
            _("Help with the cost of this visit: an application for the lead visitor"),
            self,
        )
        self.check_in_button.setProperty("role", "primary")
        # The buttons wrap onto more rows in a narrow panel (a small screen), never off its edge.
        actions = FlowLayout(spacing=8)
        for button in self.buttons():
            actions.addWidget(button)
        self.setLayout(actions)

    def buttons(self) -> list[QPushButton]:
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
