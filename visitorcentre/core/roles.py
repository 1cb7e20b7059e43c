"""Who may do what: the roles a staff member can have, and the check every service makes.

Roles rank desk < manager < admin: a manager can do all a desk worker can, an admin all a
manager can. Services call ``require_role`` before they write, so hiding a button is never
the only guard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.words import N_, said

if TYPE_CHECKING:
    from visitorcentre.core.staff import Actor

DESK = "desk"
MANAGER = "manager"
ADMIN = "admin"

ROLES = (DESK, MANAGER, ADMIN)
#: What the role is called in a sentence ("Only a manager can …").
ROLE_NAMES = {DESK: N_("desk worker"), MANAGER: N_("manager"), ADMIN: N_("admin")}
_RANK = {DESK: 0, MANAGER: 1, ADMIN: 2}
#: Who someone is signed in as, in a sentence ("… is signed in as a desk worker").
_SIGNED_IN_AS = {DESK: N_("a desk worker"), MANAGER: N_("a manager"), ADMIN: N_("an admin")}

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
    own = _SIGNED_IN_AS.get(actor.role or "")
    if own is None:
        other = actor.role or "nobody"
        as_whom = f"{'an' if other[:1] in 'aeiou' else 'a'} {other}"
    else:
        as_whom = said(own)
    words = dict(what=said(what), name=actor.name, own=as_whom)
    raise NotAllowed(
        said("Only an admin can {what} ({name} is signed in as {own}).", **words)
        if needed == ADMIN
        else said("Only a manager can {what} ({name} is signed in as {own}).", **words),
        "role",
    )
