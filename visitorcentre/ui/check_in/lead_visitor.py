"""The booking dialog's lead visitor: chosen by the worker from the adults ticked, never a child.

Ticking used to make the first person ticked the lead, so a child ticked first led the visit.
Now the lead is a choice of its own: when one adult is ticked, it is them; with two or more
the worker picks one (ticking a second adult asks again); a child is never offered.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from visitorcentre.core.checks import LEAD_VISITOR_MIN_AGE
from visitorcentre.ui.check_in.booking_model import LinkedVisitorModel
from visitorcentre.ui.shared.i18n import _


class LeadVisitorChoice(QComboBox):
    """The ticked adults; the one chosen leads the visit (``lead()``)."""

    #: The lead changed (their visitor id, or "" when none is chosen).
    lead_changed = Signal(str)

    def __init__(self, party: LinkedVisitorModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("leadVisitor")
        self.setAccessibleName(_("Lead visitor (an adult who is coming)"))
        self.setPlaceholderText(_("Choose the lead visitor"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(20)
        self._party = party
        self._filling = False
        self._picked = False  # the worker chose the lead (not the only adult ticked, chosen for them)
        party.party_changed.connect(self._party_changed)
        self.activated.connect(self._worker_picked)
        self.currentIndexChanged.connect(self._chosen)
        self._party_changed()

    def lead(self) -> str | None:
        """The chosen lead's visitor id (None until one is chosen)."""
        return self.currentData() or None

    def adults_ticked(self) -> list[str]:
        party = self._party
        return [
            visitor_id
            for visitor_id in party.party()
            if (visitor := party.visitor(visitor_id)) is not None and party.age(visitor) >= LEAD_VISITOR_MIN_AGE
        ]

    def _party_changed(self) -> None:
        kept = self.lead()
        adults = self.adults_ticked()
        self._filling = True
        try:
            self.clear()
            for visitor_id in adults:
                visitor = self._party.visitor(visitor_id)
                self.addItem(visitor.name if visitor else visitor_id, visitor_id)
            if kept in adults and (self._picked or len(adults) == 1):
                self.setCurrentIndex(adults.index(kept))
            elif len(adults) == 1:
                self.setCurrentIndex(0)  # one adult: there is no other choice
                self._picked = False
            else:
                self.setCurrentIndex(-1)  # a second adult ticked: the worker says which of them leads
                self._picked = False
        finally:
            self._filling = False
        self.setEnabled(bool(adults))
        self._chosen()

    def _worker_picked(self, _index: int) -> None:
        self._picked = True

    def _chosen(self, *_args) -> None:
        if self._filling:
            return
        lead = self.lead() or ""
        self._party.set_lead(lead)
        self.lead_changed.emit(lead)
