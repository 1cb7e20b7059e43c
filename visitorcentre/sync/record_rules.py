"""The shape of every synced record, field by field: what a pushed (or pulled) row may hold.

One table, ``FIELDS``, says for each record kind sync carries which fields it has and what each
may hold: text and its length, whole numbers and their range, true or false, ISO dates, times
and date-times, fixed vocabularies (from core.kinds and core.hcpv), record ids and JSON lists.
From it a strict pydantic model is built once per kind. ``problem(entity, payload)`` answers
with one sentence naming the first field that is wrong (``None`` when the record is fine):
unknown fields are refused, required ones must be there, and no text anywhere in the record
(nested JSON values and keys included) may hold a NUL character or a broken (lone surrogate)
character, which no database can store. The server checks every pushed op with it before
anything is stored; a desk can check what it pulls the same way.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model

from visitorcentre.core.advice import CATEGORIES, PICTOGRAMS, SEVERITIES
from visitorcentre.core.cost_of_visits.vocab import (
    ApplicationStatus,
    AttachmentKind,
    Benefit,
    ClaimRelationship,
    ClaimType,
)
from visitorcentre.core.kinds import (
    BanScope,
    ListStatus,
    Nation,
    PersonOutcome,
    PrisonerStatus,
    RelationshipKind,
    SessionKind,
    VisitSource,
    VisitStatus,
)

BIGGEST = 2**63 - 1  # what a 64-bit signed column holds
MAX_PENCE = 100_000_000  # £1,000,000: far beyond any claim or income the scheme sees
TEXT_LIMIT = 5000  # a "Text" column: notes, reasons, addresses
NESTED_DEPTH = 6  # how deep a JSON value may nest
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,36}$"  # a desk row id (String(36) there)
#: The pass layouts (printing.passes.LAYOUTS; a test keeps the two the same).
PASS_LAYOUTS = ("a6", "receipt")
#: What the desk records at the door (services.check_in).
CHECK_IN_EVENTS = ("checked_in", "did_not_come", "late_allowed", "refused", "in_hall", "checked_out", "no_show")


@dataclass(frozen=True)
class Rule:
    """What one field may hold: its pydantic type, whether it must be sent, and the same in words."""

    kind: Any
    words: str
    required: bool = True
    column: str = ""  # the column type it is stored in on a desk ("text", "date", ...), for the tests


def _iso(parse, pattern: str):
    def check(value: str) -> str:
        parse(value)  # a well-formed 2026-02-30 is still no date
        return value

    return Annotated[str, StringConstraints(pattern=pattern), AfterValidator(check)]


_DATE = _iso(date.fromisoformat, r"^\d{4}-\d{2}-\d{2}$")
_TIME = _iso(time.fromisoformat, r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")
_DATETIME = _iso(datetime.fromisoformat, r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")
_NO_NUL = r"^[^\x00]*$"  # (a lone surrogate is refused by pydantic itself: no str may hold one)


def _maybe(rule: Rule, required: bool = True) -> Rule:
    return Rule(rule.kind | None, f"{rule.words}, or null", required, rule.column)


def text(
    limit: int = TEXT_LIMIT, *, at_least: int = 0, required: bool = False, pattern: str = _NO_NUL, words: str = ""
) -> Rule:
    kind = Annotated[str, StringConstraints(min_length=at_least, max_length=limit, pattern=pattern)]
    if not words:
        words = f"text of {at_least} to {limit} characters" if at_least else f"text of at most {limit} characters"
    return Rule(kind, words, required, "text")


def name(limit: int) -> Rule:
    """Text that must not be empty (a name, a reference), always sent."""
    return text(limit, at_least=1, required=True)


def whole(low: int = -BIGGEST - 1, high: int = BIGGEST, required: bool = False) -> Rule:
    return Rule(Annotated[int, Field(ge=low, le=high)], f"a whole number from {low} to {high}", required, "integer")


def pence(required: bool = False) -> Rule:
    return Rule(
        Annotated[int, Field(ge=0, le=MAX_PENCE)], f"an amount in pence from 0 to {MAX_PENCE}", required, "integer"
    )


def flag(required: bool = False) -> Rule:
    return Rule(bool, "true or false", required, "boolean")


def day(required: bool = True) -> Rule:
    return Rule(_DATE, "a date like 2026-12-03", required, "date")


def clock_time(required: bool = True) -> Rule:
    return Rule(_TIME, "a time like 14:30", required, "time")


def moment(required: bool = True) -> Rule:
    return Rule(_DATETIME, "a date and time like 2026-12-03T14:30:00", required, "datetime")


def one_of(values, required: bool = True, blank: bool = False) -> Rule:
    values = tuple(str(v) for v in values) + (("",) if blank else ())
    shown = ", ".join(f"“{v}”" for v in values)
    return Rule(Literal[values], f"one of {shown}", required, "text")


def record_id(required: bool = True) -> Rule:
    return Rule(
        Annotated[str, StringConstraints(pattern=ID_PATTERN)],
        "a record id (1 to 36 letters, digits, “-”, “_”, “.” or “:”)",
        required,
        "text",
    )


def json_list(item: Any, most: int, words: str) -> Rule:
    return Rule(Annotated[list[item], Field(max_length=most)], words, False, "json")


def json_object(words: str) -> Rule:
    return Rule(dict[str, Any], words, False, "json")


_SHORT = Annotated[str, StringConstraints(max_length=200, pattern=_NO_NUL)]
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
        "date_of_birth": _maybe(day()),
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
        "prisoner_id": _maybe(record_id()),
        "reason": text(required=True),
        "starts_on": day(),
        "ends_on": _maybe(day()),
    },
    "child_approval": {
        "prisoner_id": record_id(),
        "visitor_id": record_id(),
        "approved_by": text(80, required=True),
        "approved_on": day(),
        "valid_until": _maybe(day()),
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
    },
    "visit": {
        "reference": name(8),
        "session_id": record_id(),
        "prisoner_id": record_id(),
        "status": one_of(VisitStatus),
        "source": one_of(VisitSource),
        "booked_at": moment(),
        "checked_in_at": _maybe(moment()),
        "in_hall_at": _maybe(moment()),
        "completed_at": _maybe(moment()),
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
        "outcome_at": _maybe(moment(), required=False),
    },
    "check_in_event": {
        "visit_id": record_id(),
        "visitor_id": _maybe(record_id()),
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
        "retired_on": _maybe(day(), required=False),
    },
    "visit_pass": {
        "visit_id": record_id(),
        "serial": whole(1, BIGGEST, required=True),
        "key_id": name(16),
        "token": text(400, at_least=1, required=True),
        "layout": one_of(PASS_LAYOUTS),
        "printed_at": _maybe(moment()),
        "printed_by": text(80),
        "times_printed": whole(0, 1_000_000),
        "voided": flag(),
        "voided_reason": text(),
        "voided_at": _maybe(moment(), required=False),
        "voided_by": text(80),
    },
    "cost_application": {
        "reference": name(8),
        "claimant_id": record_id(),
        "prisoner_id": record_id(),
        "visit_id": _maybe(record_id(), required=False),
        "prison_nation": one_of(Nation),
        "visit_date": day(),
        "application_date": day(),
        "claim_type": one_of(ClaimType),
        "claimant_date_of_birth": day(),
        "relationship": one_of(ClaimRelationship),
        "benefit": one_of(Benefit),
        "monthly_household_income_pence": _maybe(pence(), required=False),
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
        "submitted_at": _maybe(moment(), required=False),
    },
    "cost_application_event": {
        "application_id": record_id(),
        "status": one_of(ApplicationStatus),
        "at": moment(),
        "by": text(80, required=True),
        "note": text(),
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
        "expense_index": _maybe(whole(0, 1000), required=False),
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
        "ends_on": _maybe(day()),
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
        "visit_id": _maybe(record_id(), required=False),
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
    "visit_note": {
        "visit_id": record_id(),
        "kind": text(20, required=True),
        "text": text(required=True),
        "at": moment(),
    },
}

_CONFIG = ConfigDict(strict=True, extra="forbid")
_MODELS: dict[str, type[BaseModel]] = {}


def rules(entity: str) -> dict[str, Rule]:
    """Every field of a record kind with its rule (empty for a kind sync does not carry)."""
    own = FIELDS.get(entity)
    return {**COMMON, **own} if own is not None else {}


def _model(entity: str) -> type[BaseModel] | None:
    model = _MODELS.get(entity)
    if model is None and entity in FIELDS:
        fields = {key: (rule.kind, ... if rule.required else None) for key, rule in rules(entity).items()}
        model = _MODELS[entity] = create_model(f"{entity}_record", __config__=_CONFIG, **fields)
    return model


def shown(key: Any, limit: int = 40) -> str:
    """A field name fit to quote back (it came from the sender, so it is cut short and made printable)."""
    text = str(key)
    cut = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else "?" for c in text[:limit])
    return cut + ("…" if len(text) > limit else "")


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unstorable(value: Any, depth: int = 0) -> str | None:
    """Why a value (nested lists and objects included) cannot be stored, or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return "holds a NUL character, which cannot be stored"
        if not value.isascii() and not _encodes(value):
            return "holds a broken character (a lone surrogate), which cannot be stored"
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "holds a number that is not finite"
    if isinstance(value, int) and not isinstance(value, bool) and not -BIGGEST - 1 <= value <= BIGGEST:
        return "holds a number too large to store"
    if isinstance(value, (list, dict)):
        if depth >= NESTED_DEPTH:
            return f"is nested more than {NESTED_DEPTH} levels deep"
        items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for key, item in items:
            why = (_unstorable(key, depth + 1) if key is not None else None) or _unstorable(item, depth + 1)
            if why:
                return why
    return None


def problem(entity: str, payload: Any) -> str | None:
    """What is wrong with ``payload`` as a record of ``entity``, in one plain sentence; None if nothing."""
    model = _model(entity)
    if model is None:
        return f"The server does not keep records of the kind “{shown(entity)}”."
    if not isinstance(payload, dict):
        return "The record is not a set of named fields."
    try:
        model.model_validate(payload)
    except ValidationError as error:
        return _words(entity, error.errors(include_url=False)[0])
    for key in _nested(entity):  # what pydantic takes as it comes (JSON lists and objects): every value in them
        why = _unstorable(payload.get(key))
        if why:
            return f"The field “{key}” {why}."
    return None


@functools.cache
def _nested(entity: str) -> tuple[str, ...]:
    return tuple(key for key, rule in rules(entity).items() if rule.column == "json")


def _words(entity: str, error: dict) -> str:
    field = error["loc"][0] if error["loc"] else ""
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return f"The field “{shown(field)}” is not part of a {entity.replace('_', ' ')} record."
    if kind == "missing":
        return f"The field “{shown(field)}” is missing."
    if kind == "string_unicode":
        return f"The field “{shown(field)}” holds a broken character (a lone surrogate), which cannot be stored."
    if isinstance(value, str) and "\x00" in value:
        return f"The field “{shown(field)}” holds a NUL character, which cannot be stored."
    if len(error["loc"]) > 1:  # inside a list or object: check it the same way as the rest of it
        why = _unstorable(value)
        if why:
            return f"The field “{shown(field)}” {why}."
    rule = rules(entity).get(str(field))
    words = rule.words if rule is not None else "something else"
    return f"The field “{shown(field)}” must be {words}."
