"""The fixed vocabularies of the desk, with the words staff and families see."""

from __future__ import annotations

from enum import StrEnum

from visitorcentre.core.words import N_


class Nation(StrEnum):
    SCOTLAND = "scotland"
    ENGLAND = "england"
    WALES = "wales"


class SessionKind(StrEnum):
    STANDARD = "standard"
    FAMILY = "family"
    CHILD_CENTRED = "child_centred"
    HOMEWORK_CLUB = "homework_club"
    FAMILY_DAY = "family_day"
    INDUCTION = "induction"
    VIRTUAL = "virtual"
    EXCEPTIONAL = "exceptional"
    INTER_PRISON = "inter_prison"


SESSION_KIND_LABELS: dict[str, str] = {
    SessionKind.STANDARD: N_("Standard visit"),
    SessionKind.FAMILY: N_("Family / bonding session"),
    SessionKind.CHILD_CENTRED: N_("Child-centred session"),
    SessionKind.HOMEWORK_CLUB: N_("Homework club"),
    SessionKind.FAMILY_DAY: N_("Family day"),
    SessionKind.INDUCTION: N_("Family induction"),
    SessionKind.VIRTUAL: N_("Virtual visit"),
    SessionKind.EXCEPTIONAL: N_("Exceptional / compassionate"),
    SessionKind.INTER_PRISON: N_("Inter-prison visit"),
}


class VisitStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    CHECKED_IN = "checked_in"
    IN_HALL = "in_hall"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    REFUSED = "refused"


VISIT_STATUS_LABELS: dict[str, str] = {
    VisitStatus.BOOKED: N_("Booked"),
    VisitStatus.ARRIVED: N_("Arrived"),
    VisitStatus.CHECKED_IN: N_("Checked in"),
    VisitStatus.IN_HALL: N_("In the hall"),
    VisitStatus.COMPLETED: N_("Completed"),
    VisitStatus.NO_SHOW: N_("Did not come"),
    VisitStatus.CANCELLED: N_("Cancelled"),
    VisitStatus.REFUSED: N_("Refused"),
}

#: Visits that still take a place in their session.
PLACE_TAKING = frozenset(
    {VisitStatus.BOOKED, VisitStatus.ARRIVED, VisitStatus.CHECKED_IN, VisitStatus.IN_HALL, VisitStatus.COMPLETED}
)
#: Visits the desk can still check in.
AWAITING_CHECK_IN = frozenset({VisitStatus.BOOKED, VisitStatus.ARRIVED})
#: Visits that have passed the desk.
ADMITTED = frozenset({VisitStatus.CHECKED_IN, VisitStatus.IN_HALL, VisitStatus.COMPLETED})


def session_counts(by_status: dict[str, int]) -> dict[str, int]:
    """A session's counts on the Today board from how many of its visits have each status:
    ``booked`` (taking a place), ``expected``, ``arrived`` (at the desk or past it) and ``in_hall``."""
    return {
        "booked": sum(by_status.get(s, 0) for s in PLACE_TAKING),
        "expected": by_status.get(VisitStatus.BOOKED, 0),
        "arrived": by_status.get(VisitStatus.ARRIVED, 0) + sum(by_status.get(s, 0) for s in ADMITTED),
        "in_hall": by_status.get(VisitStatus.IN_HALL, 0),
    }


class PersonOutcome(StrEnum):
    EXPECTED = "expected"
    CHECKED_IN = "checked_in"
    REFUSED = "refused"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


PERSON_OUTCOME_LABELS: dict[str, str] = {
    PersonOutcome.EXPECTED: N_("Expected"),
    PersonOutcome.CHECKED_IN: N_("Checked in"),
    PersonOutcome.REFUSED: N_("Refused"),
    PersonOutcome.NO_SHOW: N_("Did not come"),
    PersonOutcome.CANCELLED: N_("Cancelled"),
}


class VisitSource(StrEnum):
    PHONE = "phone"
    DESK = "desk"
    ONLINE = "online"
    PRISONER = "prisoner"
    WALK_IN = "walk_in"


class PrisonerStatus(StrEnum):
    REMAND = "remand"
    CONVICTED = "convicted"
    RELEASED = "released"
    TRANSFERRED = "transferred"


class ListStatus(StrEnum):
    """Where a visitor stands on the prisoner's approved visitor list."""

    APPROVED = "approved"
    PENDING = "pending"
    REMOVED = "removed"


class RelationshipKind(StrEnum):
    PARTNER = "partner"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    OTHER_RELATIVE = "other_relative"
    FRIEND = "friend"
    PROFESSIONAL = "professional"


class BanScope(StrEnum):
    ALL = "all"  # every establishment
    ESTABLISHMENT = "establishment"  # only the establishment named on the ban
    PRISONER = "prisoner"  # only visits to one prisoner


class RestrictionKind(StrEnum):
    """A restriction the centre puts on a prisoner's visits, with dates."""

    NO_CHILD_CONTACT = "no_child_contact"
    CLOSED_VISITS = "closed_visits"
    OTHER = "other"


RESTRICTION_KIND_LABELS: dict[str, str] = {
    RestrictionKind.NO_CHILD_CONTACT: "No child contact without a manager's approval",
    RestrictionKind.CLOSED_VISITS: "Closed visits only",
    RestrictionKind.OTHER: "Other restriction",
}
