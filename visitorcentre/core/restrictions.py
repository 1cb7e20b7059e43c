"""Restrictions the centre puts on a prisoner's visits, with the days they are in force.

A restriction counts on a day from its ``starts_on`` to its ``ends_on`` (or for good when it has
none), unless it was lifted on or before that day. The prisoner's own roster flags (no child
contact, closed visits) still count as well: ``core.checks.Prisoner.on`` puts the two together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from visitorcentre.core.kinds import RESTRICTION_KIND_LABELS, RestrictionKind


@dataclass(frozen=True)
class Restriction:
    """One restriction on a prisoner's visits: what it is, why, and when it is in force."""

    kind: RestrictionKind
    reason: str
    starts_on: date
    ends_on: date | None = None
    detail: str = ""  # what an "other" restriction is
    lifted_on: date | None = None
    lifted_reason: str = ""

    def in_force(self, day: date) -> bool:
        """Whether the restriction counts on ``day``."""
        if day < self.starts_on or (self.ends_on is not None and day > self.ends_on):
            return False
        return self.lifted_on is None or day < self.lifted_on

    @property
    def words(self) -> str:
        """The restriction as the visit panel shows it: what it is, and until when."""
        what = self.detail.strip() if self.kind is RestrictionKind.OTHER and self.detail.strip() else ""
        label = what or RESTRICTION_KIND_LABELS[self.kind]
        until = f" until {self.ends_on:%d %B %Y}" if self.ends_on is not None else ""
        return f"{label}{until}" + (f" ({self.reason.strip()})" if self.reason.strip() else "")


def in_force(restrictions: tuple[Restriction, ...], day: date) -> tuple[Restriction, ...]:
    """The restrictions that count on ``day``."""
    return tuple(r for r in restrictions if r.in_force(day))


def any_of(restrictions: tuple[Restriction, ...], kind: RestrictionKind, day: date) -> bool:
    """Whether a restriction of ``kind`` counts on ``day``."""
    return any(r.kind is kind for r in in_force(restrictions, day))


def to_know(
    no_child_contact: bool, closed_visits: bool, centre: tuple[Restriction, ...], day: date | None
) -> tuple[str, ...]:
    """What the desk must know before a prisoner's visit: no child contact, closed visits (the roster's
    flags), and the centre's restrictions in force on ``day``, each with its end and reason."""
    found = []
    active = in_force(centre, day) if day is not None else ()
    kinds = {r.kind for r in active}
    if no_child_contact and RestrictionKind.NO_CHILD_CONTACT not in kinds:
        found.append(RESTRICTION_KIND_LABELS[RestrictionKind.NO_CHILD_CONTACT])
    if closed_visits and RestrictionKind.CLOSED_VISITS not in kinds:
        found.append(RESTRICTION_KIND_LABELS[RestrictionKind.CLOSED_VISITS])
    return tuple(found) + tuple(r.words for r in active)
