"""The fields of every record kind sync carries, and what each may hold (``FIELDS``).

``COMMON`` is what every synced record carries (db.models.Synced); ``FIELDS`` adds each kind's
own: text and its length, whole numbers and their range, true or false, ISO dates, times and
date-times, fixed vocabularies (from core.kinds and core.hcpv), record ids and JSON lists. A test
keeps it the same as the desk's tables, column by column; ``sync.record_rules`` checks with it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints

from visitorcentre.core.advice import CATEGORIES, PICTOGRAMS, SEVERITIES
from visitorcentre.core.cost_of_visits.vocab import (
    ApplicationStatus,
    AttachmentKind,
    Benefit,
    ClaimRelationship,
    ClaimType,
    PaymentMethod,
    RejectionReason,
)
from visitorcentre.core.kinds import (
    BanScope,
    ListStatus,
    Nation,
    PersonOutcome,
    PrisonerStatus,
    RelationshipKind,
    RestrictionKind,
    SessionKind,
    VisitSource,
    VisitStatus,
)
from visitorcentre.core.review import FAMILY_TOLD, RESOLUTIONS, REVIEW_REASONS
from visitorcentre.sync.field_rules import (
    BIGGEST,
    ID_PATTERN,
    NO_NUL,
    TEXT_LIMIT,
    Rule,
    clock_time,
    day,
    flag,
    json_list,
    json_object,
    maybe,
    moment,
    name,
    one_of,
    pence,
    record_id,
    text,
    whole,
)

#: The pass layouts (printing.passes.LAYOUTS; a test keeps the two the same).
PASS_LAYOUTS = ("a6", "receipt")
#: What the desk records at the door (services.check_in).
CHECK_IN_EVENTS = ("checked_in", "did_not_come", "late_allowed", "refused", "in_hall", "checked_out", "no_show")

_SHORT = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]
_TRANSLATION = dict[
    Annotated[str, StringConstraints(max_length=8)],
    dict[Annotated[str, StringConstraints(max_length=20)], Annotated[str, StringConstraints(max_length=TEXT_LIMIT)]],
]


def _hours(value: str) -> str:
    if not 0 <= Decimal(value) <= 1000:  # (a Decimal's own spelling: "7.5", "1E+1")
        raise ValueError(value)
    return value


_HOURS = Annotated[
    str, StringConstraints(max_length=12, pattern=r"^\d{1,6}(\.\d{1,4})?(E\+\d)?$"), AfterValidator(_hours)
]

#: Every synced record carries these (db.models.Synced).
COMMON = {
    "id": record_id(),
    "establishment": text(
        8,
        at_least=1,
        required=True,
        pattern=r"^[A-Za-z0-9]{1,8}$",
        words="an establishment code (1 to 8 letters or digits)",
    ),
    "created_at": moment(),
    "updated_at": moment(),
    "version": whole(1, BIGGEST, required=True),
}

FIELDS: dict[str, dict[str, Rule]] = {
    "establishment": {
        "code": text(
            8,
            at_least=1,
            required=True,
            pattern=r"^[A-Za-z0-9]{1,8}$",
            words="an establishment code (1 to 8 letters or digits)",
        ),
        "name": name(120),
        "nation": one_of(Nation),
        "adult_age": whole(0, 30),
        "max_adults": whole(0, 100),
        "max_total": whole(0, 100),
        "cutoff_minutes": whole(0, 24 * 60),
        "locker_rule": text(),
        "cash_rule": text(),
        "address": text(),
        "booking_line": text(40),
        "local_support": text(),
    },
    "prisoner": {
        "prison_number": name(20),
        "first_name": text(80, required=True),
        "last_name": text(80, required=True),
        "date_of_birth": maybe(day()),
        "location": text(40),
        "status": one_of(PrisonerStatus),
        "no_child_contact": flag(),
        "closed_visits": flag(),
    },
    "visitor": {
        "first_name": text(80, required=True),
        "last_name": text(80, required=True),
        "date_of_birth": day(),
        "phone": text(30),
        "email": text(120),
        "address": text(),
        "postcode": text(10),
        "language": text(8),
        "support_needs": text(),
        "id_checked": text(40),
        "photo_consent": flag(),
        "notes": text(),
        "search_terms": text(),
    },
    "relationship": {
        "visitor_id": record_id(),
        "prisoner_id": record_id(),
        "kind": one_of(RelationshipKind),
        "list_status": one_of(ListStatus),
    },
    "ban": {
        "visitor_id": record_id(),
        "scope": one_of(BanScope),
        "prisoner_id": maybe(record_id()),
        "reason": text(required=True),
        "starts_on": day(),
        "ends_on": maybe(day()),
        "lifted_on": maybe(day(), required=False),
        "lifted_reason": text(),
    },
    "restriction": {
        "prisoner_id": record_id(),
        "kind": one_of(RestrictionKind),
        "detail": text(),
        "reason": text(),
        "starts_on": day(),
        "ends_on": maybe(day()),
        "lifted_on": maybe(day(), required=False),
        "lifted_reason": text(),
    },
    "child_approval": {
        "prisoner_id": record_id(),
        "visitor_id": record_id(),
        "approved_by": text(80, required=True),
        "approved_on": day(),
        "valid_until": maybe(day()),
        "note": text(),
    },
    "visit_session": {
        "date": day(),
        "starts_at": clock_time(),
        "ends_at": clock_time(),
        "room": text(40, required=True),
        "kind": one_of(SessionKind),
        "capacity": whole(0, 100_000, required=True),
        "details": text(),
        "blocked_reason": text(),
    },
    "visit": {
        "reference": name(8),
        "session_id": record_id(),
        "prisoner_id": record_id(),
        "status": one_of(VisitStatus),
        "source": one_of(VisitSource),
        "booked_at": moment(),
        "checked_in_at": maybe(moment()),
        "in_hall_at": maybe(moment()),
        "completed_at": maybe(moment()),
        "late_reason": text(),
        "overbooked_reason": text(),
        "cancel_reason": text(),
        "notes": text(),
        "support_needs": json_list(_SHORT, 50, "a list of at most 50 support needs, each at most 200 characters"),
    },
    "visit_person": {
        "visit_id": record_id(),
        "visitor_id": record_id(),
        "session_date": day(),
        "position": whole(0, 1000, required=True),
        "outcome": one_of(PersonOutcome),
        "reason": text(),
        "outcome_at": maybe(moment(), required=False),
    },
    "check_in_event": {
        "visit_id": record_id(),
        "visitor_id": maybe(record_id()),
        "event": one_of(CHECK_IN_EVENTS),
        "at": moment(),
        "by": text(80, required=True),
        "reason": text(),
    },
    "pass_key": {
        "key_id": name(16),
        "public_key": text(64, required=True, pattern=r"^[0-9a-f]{64}$", words="a public key (64 hexadecimal digits)"),
        "private_key": text(
            128, pattern=r"^([0-9a-f]{64})?$", words="a private key (64 hexadecimal digits) or nothing"
        ),
        "active": flag(),
        "retired_on": maybe(day(), required=False),
    },
    "visit_pass": {
        "visit_id": record_id(),
        "serial": whole(1, BIGGEST, required=True),
        "key_id": name(16),
        "token": text(400, at_least=1, required=True),
        "layout": one_of(PASS_LAYOUTS),
        "printed_at": maybe(moment()),
        "printed_by": text(80),
        "times_printed": whole(0, 1_000_000),
        "voided": flag(),
        "voided_reason": text(),
        "voided_at": maybe(moment(), required=False),
        "voided_by": text(80),
    },
    "cost_application": {
        "reference": name(8),
        "claimant_id": record_id(),
        "prisoner_id": record_id(),
        "visit_id": maybe(record_id(), required=False),
        "prison_nation": one_of(Nation),
        "visit_date": day(),
        "application_date": day(),
        "claim_type": one_of(ClaimType),
        "claimant_date_of_birth": day(),
        "relationship": one_of(ClaimRelationship),
        "benefit": one_of(Benefit),
        "monthly_household_income_pence": maybe(pence(), required=False),
        "medical_condition": flag(),
        "children": json_list(dict[str, Any], 30, "a list of at most 30 children (objects)"),
        "escort": flag(),
        "claims_in_last_12_months": whole(0, 1000),
        "hours_away_from_home": Rule(_HOURS, "a number of hours like 7.5 (from 0 to 1000)", False, "text"),
        "expenses": json_list(dict[str, Any], 100, "a list of at most 100 expenses (objects)"),
        "visit_confirmation": flag(),
        "eligible": flag(),
        "total_pence": pence(),
        "quote": json_object("an object (the quote as last worked out)"),
        "status": one_of(ApplicationStatus),
        "helped_by": text(80),
        "submitted_at": maybe(moment(), required=False),
    },
    "cost_application_event": {
        "application_id": record_id(),
        "status": one_of(ApplicationStatus),
        "at": moment(),
        "by": text(80, required=True),
        "note": text(),
    },
    # the centre's decision on an application (server.centre; desks only receive it): one per step
    "cost_decision": {
        "application_id": record_id(),
        "outcome": one_of(
            (
                ApplicationStatus.NEEDS_INFORMATION,
                ApplicationStatus.APPROVED,
                ApplicationStatus.REJECTED,
                ApplicationStatus.PAID,
            )
        ),
        "reason": one_of(RejectionReason, required=False, blank=True),
        "note": text(),
        "expenses": json_list(dict[str, Any], 100, "a list of at most 100 expense decisions (objects)"),
        "approved_pence": pence(),
        "payment_method": one_of(PaymentMethod, required=False, blank=True),
        "payment_reference": text(60),
        "decided_at": moment(),
        "decided_by": text(80, required=True),
        "automatic": flag(),
    },
    # the scheme's rates for one nation from a date (server.centre.scheme_rates; national, desks only receive it)
    "scheme_rates": {
        "nation": one_of(Nation),
        "effective_from": day(),
        "mileage_pence": pence(required=True),
        "refreshments_over_5_hours_pence": pence(required=True),
        "refreshments_over_10_hours_pence": pence(required=True),
        "car_hire_per_day_pence": pence(required=True),
        # the thresholds (a record entered before them has none: the scheme's standing values apply)
        "universal_credit_income_limit_pence": pence(),
        "manual_check_total_pence": pence(),
        "claims_a_year": whole(1, 366),
        "claims_a_month": whole(1, 31),
        "most_miles": whole(1, 100_000),
    },
    "cost_attachment": {
        "application_id": record_id(),
        "kind": one_of(AttachmentKind),
        "sha256": text(
            64,
            required=True,
            pattern=r"^([0-9a-f]{64})?$",
            words="a SHA-256 (64 hexadecimal digits), or nothing once removed",
        ),
        "media_type": text(40, required=True),
        "size_bytes": whole(0, 50 * 1024 * 1024, required=True),
        "original_name": text(255),
        "expense_index": maybe(whole(0, 1000), required=False),
    },
    "advice_rule": {
        "rule_key": name(36),
        "category": one_of(CATEGORIES),
        "severity": one_of(SEVERITIES),
        "text": text(required=True),
        "easy_read": text(),
        "pictogram": one_of(PICTOGRAMS, required=False),
        "position": whole(-1_000_000, 1_000_000),
        "effective_from": day(),
        "ends_on": maybe(day()),
        "retired": flag(),
        "retired_reason": text(),
        "translations": Rule(
            _TRANSLATION, "an object of translations (language: {“text”, “easy_read”})", False, "json"
        ),
        "changed_by": text(80),
    },
    "advice_given": {
        "visit_id": record_id(),
        "given_at": moment(),
        "given_by": text(80, required=True),
        "language": text(8),
    },
    "feedback": {
        "rating": whole(1, 5, required=True),
        "comment": text(),
        "by_child": flag(),
        "anonymous": flag(),
        "name": text(80),
        "visit_id": maybe(record_id(), required=False),
        "session_kind": one_of(SessionKind, required=False, blank=True),
        "given_at": moment(),
        "given_on": day(),
        "responded": flag(),
    },
    "feedback_response": {
        "theme": text(80, required=True),
        "you_said": text(required=True),
        "we_did": text(required=True),
        "feedback_ids": json_list(
            Annotated[str, StringConstraints(pattern=ID_PATTERN)], 10_000, "a list of feedback record ids"
        ),
        "responded_on": day(),
        "responded_by": text(80, required=True),
    },
    "support_service": {
        "name": name(120),
        "category": text(20, required=True),
        "description": text(),
        "phone": text(40),
        "website": text(120),
        "hours": text(120),
        "national": flag(),
        "position": whole(-1_000_000, 1_000_000),
    },
    "visit_review": {
        "visit_id": record_id(),
        "reason": one_of(REVIEW_REASONS, required=True),
        "words": text(required=True),
        "raised_at": moment(),
        "resolved_at": maybe(moment()),
        "resolved_by": text(80),
        "resolution": one_of(RESOLUTIONS, blank=True),
        "family_told": one_of(FAMILY_TOLD, blank=True),
        "note": text(),
    },
    "visit_note": {
        "visit_id": record_id(),
        "kind": text(20, required=True),
        "text": text(required=True),
        "at": moment(),
    },
}
