"""The staff member at the desk."""

from __future__ import annotations

from dataclasses import dataclass

from visitorcentre.core.roles import DESK


@dataclass(frozen=True)
class Actor:
    """The staff member doing the work, and their role."""

    name: str
    role: str = DESK


#: Who the desk acts for while nobody is signed in: no role, so nothing a role is needed for.
NOBODY = Actor("Nobody signed in", "")
