"""On the family's visit: "Siobhán's travel-costs application ZZ3J58 needs: a readable bus ticket", with a
button that opens the application at its receipts step (the family may have brought it with them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, short_date

if TYPE_CHECKING:  # the travel-costs screens load when a visit first shows an application, not at start-up
    from visitorcentre.core.cost_of_visits.views import InformationRequest


def request_words(request: InformationRequest) -> str:
    return _("{sign}: {claimant}'s travel-costs application {reference} needs: {what} (by {day}).").format(
        sign=_(status_signs.WARNING.word),
        claimant=request.claimant_name,
        reference=request.reference,
        what=request.asked_for or _("more information"),
        day=short_date(request.due),
    )


class RequestNotice(QFrame):
    """Hidden unless someone in the visit's party has an application the central team put back."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("claimNeedsInformation")
        self.setProperty("kind", status_signs.WARNING.icon)
        self._desk, self._tasks = desk, tasks
        self.requests: list[InformationRequest] = []
        self._visitors: tuple[str, ...] = ()
        icon = QLabel(self)
        icon.setPixmap(status_signs.icon(status_signs.WARNING.icon).pixmap(28, 28))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName(_(status_signs.WARNING.word))
        self.text = QLabel("", self)
        self.text.setObjectName("claimRequestText")
        self.text.setWordWrap(True)
        self.open_button = QPushButton(_("Open the &application…"), self)
        self.open_button.setObjectName("openClaimRequest")
        self.open_button.setAccessibleName(_("Open the travel-costs application to attach what the family brought"))
        self.open_button.clicked.connect(self.open_application)
        words = QVBoxLayout()
        words.addWidget(self.text)
        words.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(icon)
        row.addLayout(words, 1)
        self.setVisible(False)

    def show_for(self, visitor_ids: list[str]) -> None:
        """Look (in the background) for applications of these people that wait for information."""
        self._visitors = tuple(visitor_ids)
        if not visitor_ids:
            self.show_requests([])
            return
        wanted = list(visitor_ids)
        self._tasks.run(
            lambda: (tuple(wanted), self._desk.costs.information_requests(wanted)),
            lambda found: self.show_requests(found[1]) if found[0] == self._visitors else None,
            key="visit-claim-requests",
        )

    def show_requests(self, requests: list[InformationRequest]) -> None:
        self.requests = list(requests)
        self.text.setText("\n".join(request_words(r) for r in self.requests))
        self.setVisible(bool(self.requests))

    def open_application(self):
        """Open the first waiting application at its receipts step; returns its dialog."""
        if not self.requests:
            return None
        from visitorcentre.ui.cost_of_visits.application_dialog import open_cost_application
        from visitorcentre.ui.cost_of_visits.information_requests import RECEIPTS_STEP

        return open_cost_application(
            self._desk, self._tasks, self.window(), application_id=self.requests[0].application_id, step=RECEIPTS_STEP
        )
