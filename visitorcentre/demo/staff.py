"""The demo's staff: a desk worker, a manager and an admin, with PINs everyone may know.

Only ever put into a demo database (the sign-in screen shows these PINs only on one); the
README lists them too.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from visitorcentre.core.roles import ADMIN, DESK, MANAGER
from visitorcentre.core.sign_in import name_key
from visitorcentre.demo.families import demo_id


@dataclass(frozen=True)
class DemoStaff:
    name: str
    role: str
    pin: str


DEMO_STAFF = (
    DemoStaff("Jamie Reid", DESK, "1111"),
    DemoStaff("Morag Duncan", MANAGER, "2222"),
    DemoStaff("Priya Shah", ADMIN, "3333"),
)


def ensure(connection: sqlite3.Connection, now: datetime) -> None:
    """Add the demo staff to a demo database that has no staff yet (the caller has checked it is a demo)."""
    from visitorcentre.services.staff.members import hash_pin

    if connection.execute("SELECT EXISTS (SELECT 1 FROM staff)").fetchone()[0]:
        return
    rng = random.Random("demo-staff")
    made = f"{now:%Y-%m-%d %H:%M:%S}.{now.microsecond:06d}"
    connection.executemany(
        "INSERT INTO staff (id, name, name_key, role, pin_hash, disabled, wrong_pins, created_at, updated_at, version)"
        " VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, 1)",
        [
            (demo_id(rng), person.name, name_key(person.name), person.role, hash_pin(person.pin), made, made)
            for person in DEMO_STAFF
        ],
    )
