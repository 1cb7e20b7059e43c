"""The evacuation list: everyone in the building now, family by family, as the fire marshal reads it.

Plain records built from the desk's own database (``db/evacuation_queries.py``) and shown by the
desk's dialog, the printout and the console's page for an establishment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time


@dataclass(frozen=True)
class PersonInside:
    """One visitor who was checked in and has not left."""

    visitor_id: str
    name: str
    child: bool
    age: int | None  # None when the date of birth is not known
    arrived_at: datetime  # when the desk checked them in


@dataclass(frozen=True)
class FamilyInside:
    """One visit whose family is in the building: checked in or in the hall, not yet checked out."""

    visit_id: str
    reference: str
    status: str  # "checked_in" or "in_hall"
    prisoner: str
    starts_at: time
    room: str
    people: tuple[PersonInside, ...]

    @property
    def arrived_at(self) -> datetime:
        return min(p.arrived_at for p in self.people)


@dataclass(frozen=True)
class EvacuationList:
    """Everyone in the building at ``at``, at one establishment."""

    establishment: str
    establishment_name: str
    at: datetime
    families: tuple[FamilyInside, ...]

    @property
    def adults(self) -> int:
        return sum(1 for f in self.families for p in f.people if not p.child)

    @property
    def children(self) -> int:
        return sum(1 for f in self.families for p in f.people if p.child)

    @property
    def people(self) -> int:
        return self.adults + self.children


def _count(number: int, noun: str, plural: str) -> str:
    return f"{number} {noun if number == 1 else plural}"


def summary(inside: EvacuationList) -> str:
    """ "7 people in the building: 4 adults and 3 children, in 3 families" (the printout's and the console's words)."""
    return (
        f"{_count(inside.people, 'person', 'people')} in the building: "
        f"{_count(inside.adults, 'adult', 'adults')} and {_count(inside.children, 'child', 'children')}, "
        f"in {_count(len(inside.families), 'family', 'families')}"
    )
