"""Step 4 of a travel-costs application: submit it, print the family's summary, and follow its status.

The status is always shown with its sign and its word, with the history of every step (the
later ones arrive from the central team). No bank details are ever asked for here: payment is
arranged by the central team, and the page says so plainly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visitorcentre.core.cost_of_visits.history import Writing, history_lines
from visitorcentre.core.cost_of_visits.views import ApplicationView
from visitorcentre.core.cost_of_visits.vocab import APPLICATION_STATUS_LABELS, CENTRAL_STATUSES, ApplicationStatus
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.flow_layout import Columns
from visitorcentre.ui.shared.i18n import _, long_date, money

STATUS_SIGNS = {
    ApplicationStatus.DRAFT: status_signs.NOTE,
    ApplicationStatus.SUBMITTED: status_signs.OK,
    ApplicationStatus.NEEDS_INFORMATION: status_signs.WARNING,
    ApplicationStatus.APPROVED: status_signs.OK,
    ApplicationStatus.REJECTED: status_signs.STOP,
    ApplicationStatus.PAID: status_signs.OK,
}
PAYMENT_NOTE = _(
    "Payment is arranged by the central team, straight with the family. The desk never asks for "
    "or keeps bank details: if the family offers them, do not write them down."
)


def status_words(status: str | None) -> str:
    """ "Draft", "Submitted", … (or "Not saved yet" for a new application)."""
    if not status:
        return _("Not saved yet")
    return _(APPLICATION_STATUS_LABELS.get(status, status.replace("_", " ").capitalize()))


def status_sign(status: str | None) -> status_signs.Sign:
    return STATUS_SIGNS.get(status, status_signs.NOTE) if status else status_signs.NOTE


#: The statuses the desk may send an application in: a draft, or one the central team put back.
SENDABLE = (None, ApplicationStatus.DRAFT, ApplicationStatus.NEEDS_INFORMATION)


def desk_writing() -> Writing:
    """The history in the desk's language, money and dates as it writes them."""
    return Writing(words=_, amount=money, day=long_date)


class ClaimStatusStep(QWidget):
    """Status and history on the left; submit, print and save on the right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(_("Send it to the central team, and give the family their summary"), self)
        heading.setProperty("role", "subheading")
        self.status_icon = QLabel(self)
        self.status_label = QLabel(status_words(None), self)
        self.status_label.setObjectName("applicationStatus")
        self.status_label.setAccessibleName(_("Application status"))
        self.reference_label = QLabel("", self)
        self.reference_label.setProperty("role", "subtle")
        history_heading = QLabel(_("What has happened so far"), self)
        history_heading.setProperty("role", "factName")
        self.history = QLabel(_("Nothing yet: the application has not been saved."), self)
        self.history.setObjectName("statusHistory")
        self.history.setAccessibleName(_("Status history"))
        self.history.setWordWrap(True)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        payment = QFrame(self)
        payment.setObjectName("paymentNote")
        payment_icon = QLabel(payment)
        payment_icon.setPixmap(status_signs.icon("info").pixmap(28, 28))
        payment_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        payment_icon.setAccessibleName(_(status_signs.NOTE.word))
        self.payment_text = QLabel(f"{_(status_signs.NOTE.word)}: {PAYMENT_NOTE}", payment)
        self.payment_text.setWordWrap(True)
        payment_row = QHBoxLayout(payment)
        payment_row.setContentsMargins(10, 8, 10, 8)
        payment_row.addWidget(payment_icon)
        payment_row.addWidget(self.payment_text, 1)
        declaration = QLabel(
            _(
                "Before submitting: print the summary, read the declaration with the family, and "
                "ask the claimant to sign it. Receipts can follow by post within 28 days of the "
                "visit."
            ),
            self,
        )
        declaration.setWordWrap(True)
        self.submit_button = QPushButton(_("Submit to the central team…"), self)
        self.submit_button.setObjectName("submitApplication")
        self.submit_button.setProperty("role", "primary")
        self.submit_button.setAccessibleName(_("Submit the application to the central team"))
        self.print_button = QPushButton(_("Print the family's summary…  (Ctrl+P)"), self)
        self.print_button.setObjectName("printSummary")
        self.print_button.setAccessibleName(_("Print the family's summary"))
        self.save_pdf_button = QPushButton(_("Save the summary as PDF…"), self)
        self.save_pdf_button.setObjectName("saveSummary")
        self.save_pdf_button.setAccessibleName(_("Save the family's summary as a PDF file"))
        self.letter_button = QPushButton(_("Print the decision &letter for the family…"), self)
        self.letter_button.setObjectName("printLetter")
        self.letter_button.setAccessibleName(
            _("Print the letter telling the family the central team's decision, in their language")
        )
        self.message = FieldMessage(self, "submit")
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_icon)
        status_row.addWidget(self.status_label)
        status_row.addSpacing(16)
        status_row.addWidget(self.reference_label, 1)
        left = QVBoxLayout()
        left.addWidget(heading)
        left.addLayout(status_row)
        left.addWidget(history_heading)
        left.addWidget(self.history, 1)
        right = QGridLayout()
        right.addWidget(payment, 0, 0)
        right.addWidget(declaration, 1, 0)
        right.addWidget(self.submit_button, 2, 0)
        right.addWidget(self.message, 3, 0)
        right.addWidget(self.print_button, 4, 0)
        right.addWidget(self.save_pdf_button, 5, 0)
        right.addWidget(self.letter_button, 6, 0)
        right.setRowStretch(7, 1)
        layout = Columns(self)  # side by side when there is room
        layout.setSpacing(24)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.show_status(None)

    def show_status(self, view: ApplicationView | None) -> None:
        """The status with its sign, the reference, and the history (None: not saved yet)."""
        status = view.status if view else None
        sign = status_sign(status)
        self.status_icon.setPixmap(status_signs.icon(sign.icon).pixmap(32, 32))
        self.status_icon.setAccessibleName(_(sign.word))
        self.status_label.setText(f"{_(sign.word)}: {status_words(status)}")
        self.reference_label.setText(_("Reference {reference}").format(reference=view.reference) if view else "")
        if view and (view.history or view.decisions):
            self.history.setText("\n".join(history_lines(view, desk_writing())))
        elif view:
            self.history.setText(_("Saved as a draft."))

    def update_buttons(self, status: str | None, eligible: bool, busy: bool, decided: bool = False) -> None:
        """Submit only a saved, eligible draft (or one put back for information), once; the
        summary once there is something saved; the letter once the central team has decided."""
        self.submit_button.setEnabled(not busy and eligible and status in SENDABLE)
        self.print_button.setEnabled(not busy and status is not None)
        self.save_pdf_button.setEnabled(not busy and status is not None)
        self.letter_button.setEnabled(not busy and decided and status in CENTRAL_STATUSES)
        if status == ApplicationStatus.NEEDS_INFORMATION:
            self.submit_button.setText(_("Send it back to the central team…"))
        elif status not in (None, ApplicationStatus.DRAFT):
            self.submit_button.setText(_("Submitted"))
        else:
            self.submit_button.setText(_("Submit to the central team…"))
