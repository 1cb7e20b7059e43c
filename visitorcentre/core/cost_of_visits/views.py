"""The application form, the quote, and the records the desk shows for cost-of-visits applications.

All frozen: the UI changes a form with ``dataclasses.replace`` (and ``Expense``/``Child`` the
same way), so a form handed to a background task can never change under it. Money is integer
pence; miles and hours are ``Decimal`` (halves of a mile and of an hour are real).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from visitorcentre.core.cost_of_visits.rates import Thresholds

#: Receipts and the stamped visit confirmation are due this many days after the visit.
EVIDENCE_DAYS = 28


@dataclass(frozen=True)
class Claimant:
    """The person claiming, as the scheme needs them."""

    date_of_birth: date
    relationship: str  # vocab.ClaimRelationship
    benefit: str = "none"  # vocab.Benefit
    monthly_household_income_pence: int | None = None  # needed for universal credit
    medical_condition: bool = False  # a serious medical condition (lets an escort count)


@dataclass(frozen=True)
class Child:
    """A child travelling with the claimant."""

    date_of_birth: date
    child_of: str = "prisoner"  # vocab.ChildOf
    name: str = ""
    visitor_id: str | None = None


@dataclass(frozen=True)
class Expense:
    """One expense of the journey, as typed; only the fields its type uses matter.

    car / motorcycle: ``miles_one_way`` and ``return_journey``; car_hire: ``cost_pence`` and
    ``days``; taxi: ``no_public_transport``; accommodation: ``pre_approved``; the rest:
    ``cost_pence``. ``receipt`` says whether the family has the receipt (attached or shown).
    """

    type: str  # vocab.ExpenseType
    cost_pence: int | None = None
    miles_one_way: Decimal | None = None
    return_journey: bool = False
    receipt: bool = False
    days: int | None = None
    no_public_transport: bool = False
    pre_approved: bool = False
    description: str = ""  # e.g. "Glasgow Queen Street to Barlinnie"


@dataclass(frozen=True)
class ApplicationForm:
    """One application as the worker fills it in; also the quote's input.

    ``application_id`` and ``version`` are None / 0 until the form is first saved; pass the
    form back as it came from ``desk.costs.application`` so a save can tell whether someone
    else changed it meanwhile.
    """

    prison_nation: str  # core.kinds.Nation
    visit_date: date
    application_date: date
    claimant: Claimant
    children: tuple[Child, ...] = ()
    escort: bool = False
    claims_in_last_12_months: int = 0
    hours_away_from_home: Decimal = Decimal(0)
    expenses: tuple[Expense, ...] = ()
    # Desk-side details (not part of the quote file's input)
    application_id: str | None = None
    version: int = 0
    claimant_id: str | None = None  # the visitor
    claimant_name: str = ""
    prisoner_id: str | None = None
    prisoner_name: str = ""
    prisoner_number: str = ""
    visit_id: str | None = None
    establishment: str = ""
    establishment_name: str = ""
    visit_confirmation: bool = False  # the stamped visit confirmation has been seen / attached
    language: str = "en"

    @property
    def claim_type(self) -> str:
        """ "past" for a visit on or before the application date, else "advance"."""
        return "past" if self.visit_date <= self.application_date else "advance"

    @property
    def evidence_due(self) -> date:
        """The last day to send receipts and the stamped visit confirmation."""
        return self.visit_date + timedelta(days=EVIDENCE_DAYS)


@dataclass(frozen=True)
class QuoteItem:
    """What one expense pays, in the order the expenses were given."""

    type: str
    amount_pence: int
    note: str = ""
    receipt_required: bool = False  # a receipt is still needed for this item


@dataclass(frozen=True)
class Quote:
    """The answer: can they claim, and how much (the quote file's output, plus plain words)."""

    eligible: bool
    reasons: tuple[str, ...]  # vocab.Reason codes, all that fail, in the file's order
    claim_type: str
    items: tuple[QuoteItem, ...]
    refreshments_pence: int
    total_pence: int
    evidence_required: tuple[str, ...]
    manual_check: tuple[str, ...]
    #: "You can claim because …" or one "You can't claim because …, but …" per reason.
    explanation: tuple[str, ...] = ()
    evidence_due: date | None = None
    people_for_refreshments: int = 0
    #: The thresholds the quote was worked out with (the rate table's, for the visit's date and nation).
    limits: Thresholds = Thresholds()

    def as_json(self) -> dict:
        """Exactly the quote file's output format."""
        return {
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "claim_type": self.claim_type,
            "items": [{"type": i.type, "amount_pence": i.amount_pence, "note": i.note} for i in self.items],
            "refreshments_pence": self.refreshments_pence,
            "total_pence": self.total_pence,
            "evidence_required": list(self.evidence_required),
            "manual_check": list(self.manual_check),
        }


@dataclass(frozen=True)
class Attachment:
    """A receipt or stamped visit confirmation attached to an application."""

    id: str
    application_id: str
    kind: str  # vocab.AttachmentKind
    sha256: str
    media_type: str  # image/png, image/jpeg or application/pdf
    size_bytes: int
    original_name: str
    expense_index: int | None
    added_at: datetime
    path: Path  # the stored file (content-addressed, shared by identical files)
    thumbnail_png: bytes = b""  # at most 160 x 160; a page picture for PDFs


@dataclass(frozen=True)
class StatusEvent:
    """One step of an application's history (desk steps and those from the central team)."""

    status: str  # vocab.ApplicationStatus
    at: datetime
    by: str
    note: str = ""


@dataclass(frozen=True)
class ExpenseVerdict:
    """The central team's decision on one expense (``index`` into the form's expenses)."""

    index: int
    decision: str  # vocab.ExpenseDecision
    amount_pence: int
    reason: str = ""


@dataclass(frozen=True)
class Decision:
    """One decision step by the central team (a ``cost_decision`` record received through sync)."""

    outcome: str  # vocab.ApplicationStatus: needs_information, approved, rejected or paid
    decided_at: datetime
    decided_by: str
    reason: str = ""  # vocab.RejectionReason, for a refusal
    note: str = ""
    expenses: tuple[ExpenseVerdict, ...] = ()
    approved_pence: int = 0
    payment_method: str = ""  # vocab.PaymentMethod
    payment_reference: str = ""
    automatic: bool = False


@dataclass(frozen=True)
class InformationRequest:
    """An application the central team has put back to the family: what they asked for, and by when."""

    application_id: str
    reference: str
    claimant_id: str
    claimant_name: str
    prisoner_name: str
    visit_date: date
    asked_for: str
    asked_at: datetime
    due: date


@dataclass(frozen=True)
class ApplicationView:
    """Everything the application page shows about one saved application."""

    id: str
    reference: str  # short, for the family and the phone
    status: str
    form: ApplicationForm
    quote: Quote
    attachments: tuple[Attachment, ...] = ()
    history: tuple[StatusEvent, ...] = ()
    helped_by: str = ""
    submitted_at: datetime | None = None
    decisions: tuple[Decision, ...] = ()  # the central team's, oldest first


@dataclass(frozen=True)
class ApplicationBrief:
    """One line of a list of applications."""

    id: str
    reference: str
    claimant_id: str
    claimant_name: str
    prisoner_name: str
    visit_date: date
    claim_type: str
    status: str
    total_pence: int
    updated_at: datetime
    attachments: int = 0
    evidence_outstanding: int = 0
