"""The staff member at the desk."""

from __future__ import annotations

from typing import NamedTuple

from visitorcentre.core.roles import DESK


class Actor(NamedTuple):
    """The staff member doing the work, and their role (a named tuple: the desk's first paint needs no dataclasses)."""

    name: str
    role: str = DESK


#: Who the desk acts for while nobody is signed in: no role, so nothing a role is needed for.
NOBODY = Actor("Nobody signed in", "")
