"""The visit panel's bar of actions: check in, refuse, print pass, into the hall, and the rest under "More".

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
        # The buttons wrap onto more rows in a narrow panel (a small screen), never off its edge. The
        # day's flow is on the bar itself; what undoes or ends a visit is under "More" (``add_more``).
        actions = FlowLayout(spacing=8)
        for button in self.buttons():
            if button in self.folded():
                button.setVisible(False)
            else:
                actions.addWidget(button)
        self.setLayout(actions)
        self.more_button: QPushButton | None = None

    def add_more(self) -> None:
        """The "More" button at the end of the bar, its menu holding the folded actions (made with the visit page).

        Two rows of buttons at most on a 1280-wide screen leave the party in view. Each folded
        action is one press away (More, then the item: by mouse, or Space and the arrow keys),
        also in the Visit menu, and available exactly when its own button would be.
        """
        from PySide6.QtWidgets import QMenu

        more = self.more_button = QPushButton(_("More"), self)
        more.setObjectName("moreActions")
        more.setAccessibleName(_("More of the visit's actions: void the pass, did not come, cancel the visit"))
        menu = QMenu(more)
        menu.setObjectName("moreActionsMenu")
        for button in self.folded():
            action = menu.addAction(button.text())
            action.setObjectName(button.objectName())
            action.triggered.connect(lambda _checked=False, button=button: button.isEnabled() and button.click())
        menu.aboutToShow.connect(self.follow_buttons)
        more.setMenu(menu)
        self.layout().addWidget(more)

    def follow_buttons(self) -> None:
        """Make each item under "More" available exactly when its button is."""
        if self.more_button is not None:
            for action, button in zip(self.more_button.menu().actions(), self.folded(), strict=True):
                action.setEnabled(button.isEnabled())

    def folded(self) -> list[QPushButton]:
        """The actions under "More" (used less; each undoes or ends a visit): void the pass, did not come, cancel."""
        return [self.void_pass_button, self.no_show_button, self.cancel_button]

    def buttons(self) -> list[QPushButton]:
        """The visit's buttons, in the order they show (the folded ones in the "More" menu)."""
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
