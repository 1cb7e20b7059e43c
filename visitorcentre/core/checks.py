"""The visit checks: who may go in, each answer in words a desk worker can read out.

Every function takes plain facts (no database) and returns CheckResults. A result with
severity STOP keeps that person (or, with no visitor_id, the whole visit) out until it is
dealt with; a WARNING can be overridden with a reason; INFO is for the worker to know.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from visitorcentre.core import restrictions as restricted
from visitorcentre.core.ages import age_on
from visitorcentre.core.kinds import BanScope, ListStatus, PrisonerStatus, RestrictionKind
from visitorcentre.core.severity import Severity

LEAD_VISITOR_MIN_AGE = 18
#: Child protection counts everyone under 18 as a child, whatever the establishment's adult age.
CHILD_PROTECTION_AGE = 18


@dataclass(frozen=True)
class CheckResult:
    """One finding: what is wrong (or fine) and what to do next."""

    code: str
    severity: Severity
    message: str
    next_step: str = ""
    visitor_id: str | None = None

    @property
    def stops(self) -> bool:
        return self.severity is Severity.STOP


@dataclass(frozen=True)
class HouseRules:
    """The establishment's own visiting limits."""

    code: str
    name: str
    adult_age: int = 18
    max_adults: int = 3
    max_total: int = 6
    cutoff_minutes: int = 15


@dataclass(frozen=True)
class Ban:
    """A ban on a visitor: everywhere, at one establishment, or from visiting one prisoner."""

    scope: BanScope
    reason: str
    starts_on: date
    ends_on: date | None = None
    establishment: str | None = None
    prisoner_id: str | None = None
    lifted_on: date | None = None  # lifted by the centre: no longer counts from this day

    def applies(self, establishment: str, prisoner_id: str, day: date) -> bool:
        """Whether the ban covers a visit to ``prisoner_id`` at ``establishment`` on ``day``."""
        if day < self.starts_on or (self.ends_on is not None and day > self.ends_on):
            return False
        if self.lifted_on is not None and day >= self.lifted_on:
            return False
        if self.scope is BanScope.ESTABLISHMENT:
            return self.establishment == establishment
        if self.scope is BanScope.PRISONER:
            return self.prisoner_id == prisoner_id
        return True


@dataclass(frozen=True)
class Prisoner:
    id: str
    number: str
    name: str
    establishment: str
    status: PrisonerStatus
    no_child_contact: bool = False
    closed_visits: bool = False
    restrictions: tuple[restricted.Restriction, ...] = ()  # the centre's, with their dates

    def on(self, day: date) -> Prisoner:
        """The prisoner as the checks see them on ``day``: the roster's flags or a restriction in force."""
        return replace(
            self,
            no_child_contact=self.no_child_contact
            or restricted.any_of(self.restrictions, RestrictionKind.NO_CHILD_CONTACT, day),
            closed_visits=self.closed_visits
            or restricted.any_of(self.restrictions, RestrictionKind.CLOSED_VISITS, day),
        )


@dataclass(frozen=True)
class Person:
    """A member of the visiting party, with what the records say about them."""

    visitor_id: str
    name: str
    date_of_birth: date
    list_status: ListStatus | None = None
    bans: tuple[Ban, ...] = ()
    child_approval: str | None = None  # who approved a child visit under a restriction, and when

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0]


def _first(name: str) -> str:
    return name.split(" ")[0]


def check_prisoner(prisoner: Prisoner, establishment: str) -> list[CheckResult]:
    """Stops the visit if the prisoner has been released or moved."""
    if prisoner.status is PrisonerStatus.RELEASED:
        return [
            CheckResult(
                "prisoner_released",
                Severity.STOP,
                f"{prisoner.name} has been released, so this visit cannot go ahead.",
                "Tell the family kindly; cancel the visit.",
            )
        ]
    if prisoner.status is PrisonerStatus.TRANSFERRED or prisoner.establishment != establishment:
        return [
            CheckResult(
                "prisoner_moved",
                Severity.STOP,
                f"{prisoner.name} has moved to another establishment, so this visit cannot go ahead here.",
                "Tell the family kindly, give them the new establishment's booking line, and cancel the visit.",
            )
        ]
    results = []
    if prisoner.closed_visits:
        results.append(
            CheckResult(
                "closed_visits",
                Severity.INFO,
                f"{prisoner.name} has closed visits only: this visit takes place behind a screen.",
                "Let the family know before they go through.",
            )
        )
    return results


def check_other_restrictions(prisoner: Prisoner, day: date) -> list[CheckResult]:
    """A warning for each of the centre's other restrictions in force on ``day``."""
    return [
        CheckResult(
            "other_restriction",
            Severity.WARNING,
            f"{prisoner.name} has a restriction on visits: {r.detail.strip() or r.reason.strip() or 'ask the centre'}.",
            "Read it before the family goes through, and ask a manager if you are unsure what it means.",
        )
        for r in restricted.in_force(prisoner.restrictions, day)
        if r.kind is RestrictionKind.OTHER
    ]


def check_session(blocked_reason: str) -> list[CheckResult]:
    """Stops a visit on a session the prison has blocked (cancelled)."""
    if not blocked_reason.strip():
        return []
    return [
        CheckResult(
            "session_blocked",
            Severity.STOP,
            f"The prison has cancelled this session: {blocked_reason.strip()}.",
            "Say sorry to the family, explain the prison cancelled it, and offer to book them another session.",
        )
    ]


def check_person(person: Person, prisoner: Prisoner, establishment: str, day: date) -> list[CheckResult]:
    """Bans, the approved visitor list and child-contact restrictions for one person."""
    results: list[CheckResult] = []
    first = person.first_name
    for ban in person.bans:
        if ban.applies(establishment, prisoner.id, day):
            until = f" until {ban.ends_on:%d %B %Y}" if ban.ends_on else ""
            results.append(
                CheckResult(
                    "banned",
                    Severity.STOP,
                    f"{person.name} is banned from visiting{until} ({ban.reason}).",
                    f"Refuse {first} with that reason; the rest of the family can still go in.",
                    person.visitor_id,
                )
            )
            break
    if person.list_status is None:
        results.append(
            CheckResult(
                "not_on_list",
                Severity.STOP,
                f"{person.name} is not on {prisoner.name}'s approved visitor list.",
                f"Refuse {first} today. {_first(prisoner.name)} can ask for {first} to be added to the list.",
                person.visitor_id,
            )
        )
    elif person.list_status is ListStatus.PENDING:
        results.append(
            CheckResult(
                "list_pending",
                Severity.STOP,
                f"{person.name} has been asked for on {prisoner.name}'s visitor list, but it is not approved yet.",
                f"Refuse {first} today; the visit can go ahead once the list is approved.",
                person.visitor_id,
            )
        )
    elif person.list_status is ListStatus.REMOVED:
        results.append(
            CheckResult(
                "removed_from_list",
                Severity.STOP,
                f"{person.name} has been taken off {prisoner.name}'s approved visitor list.",
                f"Refuse {first} today; {_first(prisoner.name)} can ask for the list to be changed.",
                person.visitor_id,
            )
        )
    age = age_on(person.date_of_birth, day)
    if prisoner.no_child_contact and age < CHILD_PROTECTION_AGE:
        if person.child_approval:
            results.append(
                CheckResult(
                    "child_approved",
                    Severity.INFO,
                    f"{person.name} ({age}) may visit: a manager approved it ({person.child_approval}).",
                    "",
                    person.visitor_id,
                )
            )
        else:
            results.append(
                CheckResult(
                    "child_restricted",
                    Severity.STOP,
                    f"{person.name} is {age}, and {prisoner.name} may only have contact with children "
                    "when a manager has approved it.",
                    f"Ask a manager to approve {first}'s visit, or refuse {first} with the reason.",
                    person.visitor_id,
                )
            )
    return results


def check_party(people: list[Person], rules: HouseRules, day: date) -> list[CheckResult]:
    """Party size, and that an adult leads it; ``people`` are those going in, lead first."""
    if not people:
        return [
            CheckResult(
                "nobody_left",
                Severity.STOP,
                "Nobody in this party can go in.",
                "Mark the visit as refused, or add a visitor.",
            )
        ]
    results: list[CheckResult] = []
    ages = [age_on(p.date_of_birth, day) for p in people]
    adults = sum(1 for a in ages if a >= rules.adult_age)
    if adults > rules.max_adults:
        results.append(
            CheckResult(
                "too_many_adults",
                Severity.STOP,
                f"This visit has {adults} adults; {rules.name} allows {rules.max_adults} adults on one visit "
                f"(adults are {rules.adult_age} or over here).",
                "Choose who goes in and refuse the others with a reason, or book them a visit of their own.",
            )
        )
    if len(people) > rules.max_total:
        results.append(
            CheckResult(
                "too_many_people",
                Severity.STOP,
                f"This visit has {len(people)} visitors; {rules.name} allows {rules.max_total} on one visit.",
                "Choose who goes in and refuse the others with a reason, or book them a visit of their own.",
            )
        )
    if adults == 0:
        results.append(
            CheckResult(
                "no_adult",
                Severity.STOP,
                f"Nobody in this party is an adult ({rules.adult_age} or over); children must come with an adult.",
                "The children cannot go in on their own. Offer the family help to rebook with an adult.",
            )
        )
    lead, lead_age = people[0], ages[0]
    if lead_age < LEAD_VISITOR_MIN_AGE:
        results.append(
            CheckResult(
                "lead_under_18",
                Severity.STOP,
                f"The lead visitor, {lead.name}, is {lead_age}; "
                f"the lead visitor must be {LEAD_VISITOR_MIN_AGE} or over.",
                "Make an adult in the party the lead visitor.",
                lead.visitor_id,
            )
        )
    return results


def cut_off_time(session_start: datetime, cutoff_minutes: int) -> datetime:
    """The latest time a family can arrive for a session."""
    return session_start - timedelta(minutes=cutoff_minutes)


def check_arrival(
    arrived_at: datetime, session_start: datetime, cutoff_minutes: int, first_visit: bool = False
) -> list[CheckResult]:
    """A warning when the family arrives after the cut-off; a worker may let them in with a reason."""
    cut_off = cut_off_time(session_start, cutoff_minutes)
    if arrived_at <= cut_off:
        return []
    first = " It is their first visit, so the establishment may give them time." if first_visit else ""
    return [
        CheckResult(
            "after_cut_off",
            Severity.WARNING,
            f"The family arrived at {arrived_at:%H:%M}, after the {cut_off:%H:%M} cut-off for the "
            f"{session_start:%H:%M} session.{first}",
            "You can still let them in: say why (for example, a late bus or a first visit).",
        )
    ]


@dataclass
class Assessment:
    """All check results for a visit, with the questions the desk asks of them."""

    results: list[CheckResult] = field(default_factory=list)

    def for_person(self, visitor_id: str) -> list[CheckResult]:
        return [r for r in self.results if r.visitor_id == visitor_id]

    def party_wide(self) -> list[CheckResult]:
        return [r for r in self.results if r.visitor_id is None]

    def stopping(self) -> list[CheckResult]:
        return [r for r in self.results if r.stops]

    def warnings(self) -> list[CheckResult]:
        return [r for r in self.results if r.severity is Severity.WARNING]

    @property
    def clear(self) -> bool:
        return not self.stopping()


def assess(
    prisoner: Prisoner,
    people: list[Person],
    rules: HouseRules,
    day: date,
    arrived_at: datetime | None = None,
    session_start: datetime | None = None,
    first_visit: bool = False,
    blocked_reason: str = "",
) -> Assessment:
    """Every check for the people going in; arrival is checked when both times are given.

    ``blocked_reason`` is the session's (non-empty when the prison has cancelled it).
    """
    prisoner = prisoner.on(day)
    results = check_session(blocked_reason) + check_prisoner(prisoner, rules.code)
    results += check_other_restrictions(prisoner, day)
    for person in people:
        results += check_person(person, prisoner, rules.code, day)
    results += check_party(people, rules, day)
    if arrived_at is not None and session_start is not None:
        results += check_arrival(arrived_at, session_start, rules.cutoff_minutes, first_visit)
    return Assessment(results)
