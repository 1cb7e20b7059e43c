"""Who may do what: the roles a staff member can have, and the check every service makes.

Roles rank desk < manager < admin: a manager can do all a desk worker can, an admin all a
manager can. Services call ``require_role`` before they write, so hiding a button is never
the only guard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.words import N_

if TYPE_CHECKING:
    from visitorcentre.core.staff import Actor

DESK = "desk"
MANAGER = "manager"
ADMIN = "admin"

ROLES = (DESK, MANAGER, ADMIN)
#: What the role is called in a sentence ("Only a manager can …").
ROLE_NAMES = {DESK: N_("desk worker"), MANAGER: N_("manager"), ADMIN: N_("admin")}
_RANK = {DESK: 0, MANAGER: 1, ADMIN: 2}

#: Roles that may edit the visiting rules, override capacity, approve child visits under a
#: restriction, change the approved visitor list, answer feedback and read the audit log.
MANAGER_ROLES = frozenset({MANAGER, ADMIN})
#: Roles that may manage staff and enrol this desk with the central server.
ADMIN_ROLES = frozenset({ADMIN})


def has_role(role: str | None, needed: str) -> bool:
    """Whether ``role`` is ``needed`` or ranks above it (an unknown role ranks below every one)."""
    return _RANK.get(role or "", -1) >= _RANK[needed]


def require_role(actor: Actor, needed: str, what: str) -> None:
    """Refuse (NotAllowed, field "role") unless ``actor`` has the ``needed`` role to do ``what``.

    ``what`` completes "Only a manager can …", e.g. ``require_role(actor, ADMIN, "enrol this desk")``.
    """
    if has_role(actor.role, needed):
        return
    own = ROLE_NAMES.get(actor.role, actor.role or "nobody")
    article = "an" if own[:1] in "aeiou" else "a"
    raise NotAllowed(
        f"Only {'an' if needed == ADMIN else 'a'} {ROLE_NAMES[needed]} can {what} "
        f"({actor.name} is signed in as {article} {own}).",
        "role",
    )
