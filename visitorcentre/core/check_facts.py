"""What the visit checks (core/checks.py) are told and what they answer: plain facts, no database.

A ``CheckResult``'s ``message`` and ``next_step`` are English ``Said`` strings (core/words.py):
the records keep the English, the screens say them in the desk's language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from visitorcentre.core import restrictions as restricted
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
