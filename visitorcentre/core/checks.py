"""The visit checks: who may go in, each answer in words a desk worker can read out.

Every function takes plain facts (no database; core/check_facts.py) and returns CheckResults. A
result with severity STOP keeps that person (or, with no visitor_id, the whole visit) out until
it is dealt with; a WARNING can be overridden with a reason; INFO is for the worker to know.
Each message is a ``said(...)`` template with named values, so the desk can say it in its language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from visitorcentre.core import restrictions as restricted
from visitorcentre.core.ages import age_on
from visitorcentre.core.check_facts import (
    CHILD_PROTECTION_AGE,
    LEAD_VISITOR_MIN_AGE,
    Ban,
    CheckResult,
    HouseRules,
    Person,
    Prisoner,
)
from visitorcentre.core.kinds import ListStatus, PrisonerStatus, RestrictionKind
from visitorcentre.core.severity import Severity
from visitorcentre.core.words import said, said_n

__all__ = [
    "CHILD_PROTECTION_AGE",
    "LEAD_VISITOR_MIN_AGE",
    "Assessment",
    "Ban",
    "CheckResult",
    "HouseRules",
    "Person",
    "Prisoner",
    "assess",
    "check_arrival",
    "check_other_restrictions",
    "check_party",
    "check_person",
    "check_prisoner",
    "check_session",
    "cut_off_time",
]


def _first(name: str) -> str:
    return name.split(" ")[0]


def check_prisoner(prisoner: Prisoner, establishment: str) -> list[CheckResult]:
    """Stops the visit if the prisoner has been released or moved."""
    if prisoner.status is PrisonerStatus.RELEASED:
        return [
            CheckResult(
                "prisoner_released",
                Severity.STOP,
                said("{name} has been released, so this visit cannot go ahead.", name=prisoner.name),
                said("Tell the family kindly; cancel the visit."),
            )
        ]
    if prisoner.status is PrisonerStatus.TRANSFERRED or prisoner.establishment != establishment:
        return [
            CheckResult(
                "prisoner_moved",
                Severity.STOP,
                said(
                    "{name} has moved to another establishment, so this visit cannot go ahead here.", name=prisoner.name
                ),
                said("Tell the family kindly, give them the new establishment's booking line, and cancel the visit."),
            )
        ]
    results = []
    if prisoner.closed_visits:
        results.append(
            CheckResult(
                "closed_visits",
                Severity.INFO,
                said("{name} has closed visits only: this visit takes place behind a screen.", name=prisoner.name),
                said("Let the family know before they go through."),
            )
        )
    return results


def check_other_restrictions(prisoner: Prisoner, day: date) -> list[CheckResult]:
    """A warning for each of the centre's other restrictions in force on ``day``."""
    return [
        CheckResult(
            "other_restriction",
            Severity.WARNING,
            said(
                "{name} has a restriction on visits: {detail}.",
                name=prisoner.name,
                detail=r.detail.strip() or r.reason.strip() or said("ask the centre"),
            ),
            said("Read it before the family goes through, and ask a manager if you are unsure what it means."),
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
            said("The prison has cancelled this session: {reason}.", reason=blocked_reason.strip()),
            said("Say sorry to the family, explain the prison cancelled it, and offer to book them another session."),
        )
    ]


def check_person(person: Person, prisoner: Prisoner, establishment: str, day: date) -> list[CheckResult]:
    """Bans, the approved visitor list and child-contact restrictions for one person."""
    results: list[CheckResult] = []
    first = person.first_name
    for ban in person.bans:
        if ban.applies(establishment, prisoner.id, day):
            results.append(
                CheckResult(
                    "banned",
                    Severity.STOP,
                    said(
                        "{name} is banned from visiting until {day} ({reason}).",
                        name=person.name,
                        day=ban.ends_on,
                        reason=ban.reason,
                    )
                    if ban.ends_on
                    else said("{name} is banned from visiting ({reason}).", name=person.name, reason=ban.reason),
                    said("Refuse {first} with that reason; the rest of the family can still go in.", first=first),
                    person.visitor_id,
                )
            )
            break
    if person.list_status is None:
        results.append(
            CheckResult(
                "not_on_list",
                Severity.STOP,
                said("{name} is not on {prisoner}'s approved visitor list.", name=person.name, prisoner=prisoner.name),
                said(
                    "Refuse {first} today. {prisoner} can ask for {first} to be added to the list.",
                    first=first,
                    prisoner=_first(prisoner.name),
                ),
                person.visitor_id,
            )
        )
    elif person.list_status is ListStatus.PENDING:
        results.append(
            CheckResult(
                "list_pending",
                Severity.STOP,
                said(
                    "{name} has been asked for on {prisoner}'s visitor list, but it is not approved yet.",
                    name=person.name,
                    prisoner=prisoner.name,
                ),
                said("Refuse {first} today; the visit can go ahead once the list is approved.", first=first),
                person.visitor_id,
            )
        )
    elif person.list_status is ListStatus.REMOVED:
        results.append(
            CheckResult(
                "removed_from_list",
                Severity.STOP,
                said(
                    "{name} has been taken off {prisoner}'s approved visitor list.",
                    name=person.name,
                    prisoner=prisoner.name,
                ),
                said(
                    "Refuse {first} today; {prisoner} can ask for the list to be changed.",
                    first=first,
                    prisoner=_first(prisoner.name),
                ),
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
                    said(
                        "{name} ({age}) may visit: a manager approved it ({approval}).",
                        name=person.name,
                        age=age,
                        approval=person.child_approval,
                    ),
                    "",
                    person.visitor_id,
                )
            )
        else:
            results.append(
                CheckResult(
                    "child_restricted",
                    Severity.STOP,
                    said(
                        "{name} is {age}, and {prisoner} may only have contact with children "
                        "when a manager has approved it.",
                        name=person.name,
                        age=age,
                        prisoner=prisoner.name,
                    ),
                    said("Ask a manager to approve {first}'s visit, or refuse {first} with the reason.", first=first),
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
                said("Nobody in this party can go in."),
                said("Mark the visit as refused, or add a visitor."),
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
                said_n(
                    "This visit has {n} adult; {establishment} allows {most} adults on one visit "
                    "(adults are {age} or over here).",
                    "This visit has {n} adults; {establishment} allows {most} adults on one visit "
                    "(adults are {age} or over here).",
                    adults,
                    establishment=rules.name,
                    most=rules.max_adults,
                    age=rules.adult_age,
                ),
                said("Choose who goes in and refuse the others with a reason, or book them a visit of their own."),
            )
        )
    if len(people) > rules.max_total:
        results.append(
            CheckResult(
                "too_many_people",
                Severity.STOP,
                said_n(
                    "This visit has {n} visitor; {establishment} allows {most} on one visit.",
                    "This visit has {n} visitors; {establishment} allows {most} on one visit.",
                    len(people),
                    establishment=rules.name,
                    most=rules.max_total,
                ),
                said("Choose who goes in and refuse the others with a reason, or book them a visit of their own."),
            )
        )
    if adults == 0:
        results.append(
            CheckResult(
                "no_adult",
                Severity.STOP,
                said(
                    "Nobody in this party is an adult ({age} or over); children must come with an adult.",
                    age=rules.adult_age,
                ),
                said("The children cannot go in on their own. Offer the family help to rebook with an adult."),
            )
        )
    lead, lead_age = people[0], ages[0]
    if lead_age < LEAD_VISITOR_MIN_AGE:
        results.append(
            CheckResult(
                "lead_under_18",
                Severity.STOP,
                said(
                    "The lead visitor, {name}, is {age}; the lead visitor must be {least} or over.",
                    name=lead.name,
                    age=lead_age,
                    least=LEAD_VISITOR_MIN_AGE,
                ),
                said("Make an adult in the party the lead visitor."),
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
    times = {"arrived": arrived_at, "cut_off": cut_off, "starts": session_start}
    return [
        CheckResult(
            "after_cut_off",
            Severity.WARNING,
            said(
                "The family arrived at {arrived}, after the {cut_off} cut-off for the {starts} session. "
                "It is their first visit, so the establishment may give them time.",
                **times,
            )
            if first_visit
            else said(
                "The family arrived at {arrived}, after the {cut_off} cut-off for the {starts} session.", **times
            ),
            said("You can still let them in: say why (for example, a late bus or a first visit)."),
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
