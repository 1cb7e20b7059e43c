"""Who may do what: the roles a staff member can have."""

from __future__ import annotations

DESK = "desk"
MANAGER = "manager"
ADMIN = "admin"

#: Roles that may override capacity, approve child visits and change the approved visitor list.
MANAGER_ROLES = frozenset({MANAGER, ADMIN})
