"""The scheme's fixed values (as the quote file spells them) and the words a family sees for each."""

from __future__ import annotations

from enum import StrEnum

from visitorcentre.core.words import N_


class ClaimRelationship(StrEnum):
    SPOUSE = "spouse"
    CIVIL_PARTNER = "civil_partner"
    PARTNER = "partner"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    NEXT_OF_KIN = "next_of_kin"
    SOLE_VISITOR = "sole_visitor"
    FRIEND = "friend"
    OTHER = "other"


RELATIONSHIP_LABELS: dict[str, str] = {
    ClaimRelationship.SPOUSE: N_("Husband or wife"),
    ClaimRelationship.CIVIL_PARTNER: N_("Civil partner"),
    ClaimRelationship.PARTNER: N_("Partner (lived together before custody)"),
    ClaimRelationship.PARENT: N_("Parent (incl. step or adoptive)"),
    ClaimRelationship.CHILD: N_("Child (incl. step or adopted)"),
    ClaimRelationship.SIBLING: N_("Brother or sister (incl. half or step)"),
    ClaimRelationship.GRANDPARENT: N_("Grandparent"),
    ClaimRelationship.GRANDCHILD: N_("Grandchild"),
    ClaimRelationship.NEXT_OF_KIN: N_("Next of kin"),
    ClaimRelationship.SOLE_VISITOR: N_("Only adult visitor in the last 4 weeks"),
    ClaimRelationship.FRIEND: N_("Friend"),
    ClaimRelationship.OTHER: N_("Other"),
}

#: Relationships the scheme pays for.
CLAIMING_RELATIONSHIPS = frozenset(set(ClaimRelationship) - {ClaimRelationship.FRIEND, ClaimRelationship.OTHER})
#: A claimant in one of these may count their own children (not only the prisoner's).
PARTNERS = frozenset({ClaimRelationship.SPOUSE, ClaimRelationship.CIVIL_PARTNER, ClaimRelationship.PARTNER})


class Benefit(StrEnum):
    INCOME_SUPPORT = "income_support"
    JOBSEEKERS_ALLOWANCE = "jobseekers_allowance"
    EMPLOYMENT_SUPPORT_ALLOWANCE = "employment_support_allowance"
    PENSION_CREDIT = "pension_credit"
    HC2 = "hc2"
    HC3 = "hc3"
    UNIVERSAL_CREDIT = "universal_credit"
    NONE = "none"


BENEFIT_LABELS: dict[str, str] = {
    Benefit.INCOME_SUPPORT: N_("Income Support"),
    Benefit.JOBSEEKERS_ALLOWANCE: N_("Income-based Jobseeker's Allowance"),
    Benefit.EMPLOYMENT_SUPPORT_ALLOWANCE: N_("Income-related Employment and Support Allowance"),
    Benefit.PENSION_CREDIT: N_("Pension Credit"),
    Benefit.HC2: N_("HC2 certificate"),
    Benefit.HC3: N_("HC3 certificate"),
    Benefit.UNIVERSAL_CREDIT: N_("Universal Credit"),
    Benefit.NONE: N_("None of these"),
}


class ChildOf(StrEnum):
    PRISONER = "prisoner"
    CLAIMANT = "claimant"


class ExpenseType(StrEnum):
    CAR = "car"
    MOTORCYCLE = "motorcycle"
    TOLL = "toll"
    PARKING = "parking"
    CAR_HIRE = "car_hire"
    BUS = "bus"
    TRAIN = "train"
    FERRY = "ferry"
    PLANE = "plane"
    TAXI = "taxi"
    ACCOMMODATION = "accommodation"


EXPENSE_LABELS: dict[str, str] = {
    ExpenseType.CAR: N_("Car"),
    ExpenseType.MOTORCYCLE: N_("Motorcycle"),
    ExpenseType.TOLL: N_("Toll (bridge or tunnel)"),
    ExpenseType.PARKING: N_("Parking"),
    ExpenseType.CAR_HIRE: N_("Car hire"),
    ExpenseType.BUS: N_("Bus"),
    ExpenseType.TRAIN: N_("Train"),
    ExpenseType.FERRY: N_("Ferry"),
    ExpenseType.PLANE: N_("Plane"),
    ExpenseType.TAXI: N_("Taxi"),
    ExpenseType.ACCOMMODATION: N_("Accommodation"),
}

#: Expenses measured in miles, not paid as a cost.
MILEAGE_TYPES = frozenset({ExpenseType.CAR, ExpenseType.MOTORCYCLE})
#: Expenses paid only with a car or motorcycle journey in the same claim.
WITH_CAR_ONLY = frozenset({ExpenseType.TOLL, ExpenseType.PARKING})
#: Expenses that need a receipt (tolls and mileage do not).
RECEIPT_TYPES = frozenset(
    {
        ExpenseType.PARKING,
        ExpenseType.CAR_HIRE,
        ExpenseType.BUS,
        ExpenseType.TRAIN,
        ExpenseType.FERRY,
        ExpenseType.PLANE,
        ExpenseType.TAXI,
        ExpenseType.ACCOMMODATION,
    }
)


class ClaimType(StrEnum):
    PAST = "past"
    ADVANCE = "advance"


class Reason(StrEnum):
    """Why a claim cannot be paid (the quote file's codes), in the order they are checked."""

    RELATIONSHIP = "relationship"
    AGE = "age"
    BENEFIT = "benefit"
    INCOME = "income"
    TIMING = "timing"
    ALLOWANCE = "allowance"


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    NEEDS_INFORMATION = "needs_information"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


APPLICATION_STATUS_LABELS: dict[str, str] = {
    ApplicationStatus.DRAFT: N_("Draft"),
    ApplicationStatus.SUBMITTED: N_("Submitted"),
    ApplicationStatus.NEEDS_INFORMATION: N_("Needs information"),
    ApplicationStatus.APPROVED: N_("Approved"),
    ApplicationStatus.REJECTED: N_("Rejected"),
    ApplicationStatus.PAID: N_("Paid"),
}

#: Statuses set by the central team (arriving through sync), never by the desk.
CENTRAL_STATUSES = frozenset(
    {
        ApplicationStatus.NEEDS_INFORMATION,
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.PAID,
    }
)
#: Applications that count towards the 26 claims in 12 months.
COUNTED_CLAIMS = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.NEEDS_INFORMATION,
        ApplicationStatus.APPROVED,
        ApplicationStatus.PAID,
    }
)


class AttachmentKind(StrEnum):
    RECEIPT = "receipt"
    VISIT_CONFIRMATION = "visit_confirmation"


ATTACHMENT_KIND_LABELS: dict[str, str] = {
    AttachmentKind.RECEIPT: N_("Receipt"),
    AttachmentKind.VISIT_CONFIRMATION: N_("Stamped visit confirmation"),
}

#: The most a receipt or confirmation file may weigh.
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


class ExpenseDecision(StrEnum):
    """What the caseworker decided for one expense."""

    APPROVED = "approved"
    CHANGED = "changed"  # approved at a different amount, with a reason
    REJECTED = "rejected"


EXPENSE_DECISION_LABELS: dict[str, str] = {
    ExpenseDecision.APPROVED: N_("Approved"),
    ExpenseDecision.CHANGED: N_("Approved at a different amount"),
    ExpenseDecision.REJECTED: N_("Not approved"),
}


class RejectionReason(StrEnum):
    """The fixed list a caseworker refuses a claim from (the note says more)."""

    RELATIONSHIP = "relationship"
    BENEFIT = "benefit"
    VISIT_NOT_CONFIRMED = "visit_not_confirmed"
    DUPLICATE = "duplicate"
    TOO_MANY_CLAIMS = "too_many_claims"
    TIMING = "timing"
    EVIDENCE_NOT_PROVIDED = "evidence_not_provided"
    OTHER = "other"


#: Each reason as the family reads it in their letter.
REJECTION_REASON_LABELS: dict[str, str] = {
    RejectionReason.RELATIONSHIP: N_("Your relationship to the prisoner is not one the scheme can help with."),
    RejectionReason.BENEFIT: N_("We could not confirm that you receive a benefit the scheme accepts."),
    RejectionReason.VISIT_NOT_CONFIRMED: N_("We could not confirm that the visit took place."),
    RejectionReason.DUPLICATE: N_("This visit has already been claimed for."),
    RejectionReason.TOO_MANY_CLAIMS: N_("You have already had help with 26 visits in the last 12 months."),
    RejectionReason.TIMING: N_("The claim reached us outside the time allowed (28 days after the visit)."),
    RejectionReason.EVIDENCE_NOT_PROVIDED: N_("The receipts or evidence we asked for did not reach us."),
    RejectionReason.OTHER: N_("Another reason, explained below."),
}


class PaymentMethod(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    PAYOUT = "payout"  # cash collected at a Post Office with a payout reference
    CHEQUE = "cheque"


PAYMENT_METHOD_LABELS: dict[str, str] = {
    PaymentMethod.BANK_TRANSFER: N_("Bank transfer"),
    PaymentMethod.PAYOUT: N_("Cash at a Post Office (payout)"),
    PaymentMethod.CHEQUE: N_("Cheque"),
}
