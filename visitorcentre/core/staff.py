"""The staff member at the desk."""

from __future__ import annotations

from dataclasses import dataclass

from visitorcentre.core.roles import DESK


@dataclass(frozen=True)
class Actor:
    """The staff member doing the work, and their role."""

    name: str
    role: str = DESK
