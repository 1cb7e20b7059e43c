"""The scheme's fixed values (as the quote file spells them) and the words a family sees for each."""

from __future__ import annotations

from enum import StrEnum


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
    ClaimRelationship.SPOUSE: "Husband or wife",
    ClaimRelationship.CIVIL_PARTNER: "Civil partner",
    ClaimRelationship.PARTNER: "Partner (lived together before custody)",
    ClaimRelationship.PARENT: "Parent (incl. step or adoptive)",
    ClaimRelationship.CHILD: "Child (incl. step or adopted)",
    ClaimRelationship.SIBLING: "Brother or sister (incl. half or step)",
    ClaimRelationship.GRANDPARENT: "Grandparent",
    ClaimRelationship.GRANDCHILD: "Grandchild",
    ClaimRelationship.NEXT_OF_KIN: "Next of kin",
    ClaimRelationship.SOLE_VISITOR: "Only adult visitor in the last 4 weeks",
    ClaimRelationship.FRIEND: "Friend",
    ClaimRelationship.OTHER: "Other",
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
    Benefit.INCOME_SUPPORT: "Income Support",
    Benefit.JOBSEEKERS_ALLOWANCE: "Income-based Jobseeker's Allowance",
    Benefit.EMPLOYMENT_SUPPORT_ALLOWANCE: "Income-related Employment and Support Allowance",
    Benefit.PENSION_CREDIT: "Pension Credit",
    Benefit.HC2: "HC2 certificate",
    Benefit.HC3: "HC3 certificate",
    Benefit.UNIVERSAL_CREDIT: "Universal Credit",
    Benefit.NONE: "None of these",
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
    ExpenseType.CAR: "Car",
    ExpenseType.MOTORCYCLE: "Motorcycle",
    ExpenseType.TOLL: "Toll (bridge or tunnel)",
    ExpenseType.PARKING: "Parking",
    ExpenseType.CAR_HIRE: "Car hire",
    ExpenseType.BUS: "Bus",
    ExpenseType.TRAIN: "Train",
    ExpenseType.FERRY: "Ferry",
    ExpenseType.PLANE: "Plane",
    ExpenseType.TAXI: "Taxi",
    ExpenseType.ACCOMMODATION: "Accommodation",
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
    ApplicationStatus.DRAFT: "Draft",
    ApplicationStatus.SUBMITTED: "Submitted",
    ApplicationStatus.NEEDS_INFORMATION: "Needs information",
    ApplicationStatus.APPROVED: "Approved",
    ApplicationStatus.REJECTED: "Rejected",
    ApplicationStatus.PAID: "Paid",
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
    AttachmentKind.RECEIPT: "Receipt",
    AttachmentKind.VISIT_CONFIRMATION: "Stamped visit confirmation",
}

#: The most a receipt or confirmation file may weigh.
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
