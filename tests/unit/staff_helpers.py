"""Staff for the tests: an admin desk on the known world's database, and desks signed in by role."""

from __future__ import annotations

from visitorcentre.core.staff import Actor
from visitorcentre.desk import Desk, open_desk

PINS = {"Ann Admin": "4321", "Mo Manager": "2222", "Dee Desk": "1111"}


def desk_as(world, name: str, role: str) -> Desk:
    """Another Desk on the world's database, acting for ``name`` in ``role`` (close it after)."""
    return open_desk(world.desk.ctx.db_path, actor=Actor(name, role), clock=world.clock, establishment="BAR")


def add_staff(world) -> None:
    """An admin, a manager and a desk worker, added by an admin."""
    admin = desk_as(world, "Ann Admin", "admin")
    try:
        for name, role in (("Ann Admin", "admin"), ("Mo Manager", "manager"), ("Dee Desk", "desk")):
            admin.staff.add_staff(name, role, PINS[name], PINS[name])
    finally:
        admin.close()
