"""What the desk shows: plain read-only records built by the queries and shown by the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from visitorcentre.core.checks import CheckResult


@dataclass(frozen=True)
class SessionSummary:
    """A session with its places and how the day is going."""

    id: str
    establishment: str
    date: date
    starts_at: time
    ends_at: time
    room: str
    kind: str
    capacity: int
    booked: int = 0  # visits holding a place
    expected: int = 0  # booked, not here yet
    arrived: int = 0  # here: waiting at the desk (walk-ins), checked in, or beyond
    in_hall: int = 0
    blocked_reason: str = ""  # not empty when the prison has blocked (cancelled) the session

    @property
    def blocked(self) -> bool:
        return bool(self.blocked_reason.strip())

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)


@dataclass(frozen=True)
class VisitBrief:
    visit_id: str
    reference: str
    date: date
    starts_at: time
    establishment: str
    status: str
    #: This person's own outcome on the visit (a refused child on a checked-in visit is "refused").
    outcome: str = ""
    establishment_name: str = ""


@dataclass(frozen=True)
class VisitorHit:
    """One search result: a visitor and their nearest visit (today's, else their next, else their last)."""

    visitor_id: str
    name: str
    date_of_birth: date
    postcode: str = ""
    visits: tuple[VisitBrief, ...] = ()


@dataclass(frozen=True)
class PartyMember:
    visitor_id: str
    name: str
    date_of_birth: date
    age: int
    is_adult: bool
    outcome: str
    reason: str = ""
    support_needs: str = ""
    results: tuple[CheckResult, ...] = ()


@dataclass(frozen=True)
class VisitDetail:
    """Everything the visit panel shows about one visit."""

    id: str
    reference: str
    status: str
    source: str
    establishment: str
    establishment_name: str
    session: SessionSummary
    cut_off: datetime
    prisoner_id: str
    prisoner_number: str
    prisoner_name: str
    prisoner_location: str
    restrictions: tuple[str, ...]
    party: tuple[PartyMember, ...]
    party_results: tuple[CheckResult, ...] = ()
    first_visit: bool = False
    late_reason: str = ""
    overbooked_reason: str = ""
    notes: str = ""
    version: int = 1
    #: additional support needs asked for at booking (codes of core.engagement.SUPPORT_NEEDS or own words)
    support_needs: tuple[str, ...] = ()
    #: a virtual visit: joined by video, so no hall and no pass
    virtual: bool = False
    #: how to join a virtual visit (the session's details); "" otherwise
    joining_details: str = ""
    #: the family's language (the lead visitor's): their advice, pass, leaflets and feedback screen
    language: str = "en"


@dataclass(frozen=True)
class PrisonerBrief:
    id: str
    number: str
    name: str
    establishment: str
    location: str
    status: str
    restrictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkedVisitor:
    """A visitor tied to a prisoner, as the booking dialog lists them."""

    visitor_id: str
    name: str
    date_of_birth: date
    kind: str
    list_status: str
    #: A ban in force on visiting this prisoner today (shown before anyone ticks them): its reason and end.
    banned: bool = False
    ban_reason: str = ""
    ban_until: date | None = None


@dataclass(frozen=True)
class VisitorRecord:
    """A visitor's stored details, for the edit form."""

    visitor_id: str
    version: int
    details: object  # core.visitor_details.VisitorDetails
    prisoners: tuple[PrisonerBrief, ...] = field(default=())


@dataclass(frozen=True)
class DayListPerson:
    visitor_id: str
    name: str
    date_of_birth: date
    outcome: str


@dataclass(frozen=True)
class DayListVisit:
    """One line of the day list staff print in the morning."""

    visit_id: str
    reference: str
    establishment: str
    session_start: datetime
    kind: str
    room: str
    prisoner_number: str
    prisoner_name: str
    status: str
    party: tuple[DayListPerson, ...]
    needs_review: tuple[str, ...] = ()  # the words of each flag not yet settled


@dataclass(frozen=True)
class PassStatus:
    """Whether a visit's pass has been printed, how often, and whether it was voided."""

    visit_id: str
    reference: str
    serial: int | None = None
    times_printed: int = 0
    voided: bool = False
    voided_reason: str = ""
    last_printed_at: datetime | None = None


@dataclass(frozen=True)
class PassSheet:
    """Everything a printed pass shows, and the token its QR code carries."""

    establishment: str
    establishment_name: str
    reference: str
    session_start: datetime
    session_end: time
    room: str
    kind: str
    cut_off: datetime
    prisoner_name: str
    prisoner_number: str
    adults: tuple[str, ...]
    children: tuple[tuple[str, date], ...]  # name, date of birth
    token: str
    serial: int
    printed_at: datetime
    times_printed: int = 1
    language: str = "en"  # the family's (the lead visitor's): the pass is printed in it


@dataclass(frozen=True)
class DoorVerdict:
    """What the hall door shows after a scan: green VALID or red NOT VALID, in plain words."""

    valid: bool
    reason: str
    message: str
    reference: str | None = None
    prisoner_name: str | None = None
    prisoner_number: str | None = None
    party: tuple[str, ...] = ()
    in_hall_since: time | None = None
    party_size: int | None = None  # as the pass says
    session: str | None = None  # ISO session start, as the pass says
    visit_id: str | None = None  # the visit the door may let in (a genuine pass of a checked-in visit)
    language: str = "en"  # the family's (the lead visitor's), when the desk knows the visit


@dataclass(frozen=True)
class ReviewFlag:
    """A visit that needs review: what changed, in words, and how (and whether) it was settled."""

    id: str
    visit_id: str
    reference: str
    day: date
    starts_at: time
    session_id: str
    lead: str
    prisoner: str
    reason: str  # core.review.REVIEW_REASONS
    words: str
    raised_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str = ""
    resolution: str = ""
    family_told: str = ""
    note: str = ""

    @property
    def open(self) -> bool:
        return self.resolved_at is None
