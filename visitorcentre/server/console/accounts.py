"""The console's staff accounts: roles, the signed-in person (``Staff``), adding and changing accounts.

Web-free services: each takes the database session, the acting person's name and ``now``,
checks what was typed (``InvalidInput`` naming the field) and records the change in the central
audit log in the caller's transaction (never a password hash or a second-factor secret).

Roles: a national administrator may do everything everywhere; an establishment administrator
only at their establishments; a caseworker handles cost-of-visits claims; an analyst reads.
An account with no establishments sees every establishment (a national administrator always;
a caseworker or analyst when given none).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.server import devices
from visitorcentre.server.centre import audit
from visitorcentre.server.console.models import ConsoleSession, ConsoleUser

NATIONAL_ADMIN = "national_admin"
ESTABLISHMENT_ADMIN = "establishment_admin"
CASEWORKER = "caseworker"
ANALYST = "analyst"
ROLES = {
    NATIONAL_ADMIN: "National administrator",
    ESTABLISHMENT_ADMIN: "Establishment administrator",
    CASEWORKER: "Caseworker",
    ANALYST: "Analyst",
}
ADMINS = (NATIONAL_ADMIN, ESTABLISHMENT_ADMIN)
EVERYONE = tuple(ROLES)
MIN_PASSWORD = 12
MAX_PASSWORD = 200
MAX_NAME = 120
hasher = PasswordHasher()


@dataclass(frozen=True)
class Staff:
    """The person signed in to the console. ``establishments`` is None for someone who sees every one."""

    id: str
    name: str
    role: str
    establishments: frozenset[str] | None

    def may_see(self, code: str) -> bool:
        return self.establishments is None or code in self.establishments

    @property
    def role_name(self) -> str:
        return ROLES.get(self.role, self.role)


def staff_of(user: ConsoleUser) -> Staff:
    codes = list(user.establishments or [])
    national = user.role == NATIONAL_ADMIN or not codes
    return Staff(user.id, user.name, user.role, None if national else frozenset(codes))


def shown(user: ConsoleUser) -> dict[str, Any]:
    """The account as the audit log records it: nothing secret."""
    return {
        "name": user.name,
        "role": user.role,
        "establishments": list(user.establishments or []),
        "active": user.active,
        "second_factor_set_up": user.totp_confirmed,
        "locked_until": user.locked_until.isoformat(timespec="seconds") if user.locked_until else None,
    }


def check_password(password: str, field: str = "password") -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"Enter a password of at least {MIN_PASSWORD} characters.", field)
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(f"Enter a password of at most {MAX_PASSWORD} characters.", field)
    return password


def _check_name(session: Session, name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("Enter the person's name.", "name")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"Enter a name of at most {MAX_NAME} characters.", "name")
    if session.scalar(select(ConsoleUser.id).where(ConsoleUser.name == name)) is not None:
        raise InvalidInput(f"There is already a console user called {name}; choose another name.", "name")
    return name


def _check_role(role: str, establishments: Iterable[str], session: Session) -> list[str]:
    if role not in ROLES:
        raise InvalidInput("Choose a role.", "role")
    codes = sorted({code.strip().upper() for code in establishments if code.strip()})
    if role == NATIONAL_ADMIN:
        return []
    if role == ESTABLISHMENT_ADMIN and not codes:
        raise InvalidInput("Choose at least one establishment for an establishment administrator.", "establishments")
    for code in codes:
        if not code.isalnum() or len(code) > 8 or not devices.establishment_id(session, code):
            raise InvalidInput(f"The server knows no establishment with the code {code}.", "establishments")
    return codes


def find(session: Session, user_id: str) -> ConsoleUser:
    user = session.get(ConsoleUser, user_id)
    if user is None:
        raise NotFound("There is no such console user.")
    return user


def add(
    session: Session,
    *,
    actor: str,
    name: str,
    role: str,
    establishments: Iterable[str],
    password: str,
    now: datetime,
) -> ConsoleUser:
    """A new console user; the second factor is set up at their first sign-in."""
    name = _check_name(session, name)
    codes = _check_role(role, establishments, session)
    check_password(password)
    user = ConsoleUser(
        id=str(uuid.uuid4()),
        name=name,
        role=role,
        establishments=codes,
        password_hash=hasher.hash(password),
        totp_secret="",
        totp_confirmed=False,
        totp_last_step=0,
        failed_attempts=0,
        locked_until=None,
        active=True,
        created_at=now,
    )
    session.add(user)
    session.flush()
    _audit(session, actor, "console_user.added", user, f"Added the console user {name} ({ROLES[role]})", now, None)
    return user


def _audit(
    session: Session, actor: str, action: str, user: ConsoleUser, summary: str, now: datetime, before: Any
) -> None:
    audit.record(
        session,
        actor=actor,
        action=action,
        entity="console_user",
        entity_id=user.id,
        summary=summary,
        now=now,
        before=before,
        after=shown(user),
    )


def end_sessions(session: Session, user_id: str) -> None:
    for row in session.scalars(select(ConsoleSession).where(ConsoleSession.user_id == user_id)):
        session.delete(row)


def deactivate(session: Session, *, actor: str, user_id: str, now: datetime) -> ConsoleUser:
    user = find(session, user_id)
    if user.name == actor:
        raise InvalidInput("You cannot deactivate your own account; ask another administrator.", "user")
    before = shown(user)
    user.active = False
    end_sessions(session, user.id)
    _audit(session, actor, "console_user.deactivated", user, f"Deactivated the console user {user.name}", now, before)
    return user


def reactivate(session: Session, *, actor: str, user_id: str, now: datetime) -> ConsoleUser:
    user = find(session, user_id)
    before = shown(user)
    user.active = True
    _audit(session, actor, "console_user.reactivated", user, f"Reactivated the console user {user.name}", now, before)
    return user


def reset_password(session: Session, *, actor: str, user_id: str, password: str, now: datetime) -> ConsoleUser:
    """A new password (told to the person by the administrator); their sessions end."""
    user = find(session, user_id)
    check_password(password)
    before = shown(user)
    user.password_hash = hasher.hash(password)
    end_sessions(session, user.id)
    _audit(session, actor, "console_user.password_reset", user, f"Reset the password of {user.name}", now, before)
    return user


def reset_second_factor(session: Session, *, actor: str, user_id: str, now: datetime) -> ConsoleUser:
    """Forget the authenticator: the person sets up a new one at their next sign-in; their sessions end."""
    user = find(session, user_id)
    before = shown(user)
    user.totp_secret = ""
    user.totp_confirmed = False
    user.totp_last_step = 0
    end_sessions(session, user.id)
    _audit(
        session, actor, "console_user.second_factor_reset", user, f"Reset the second factor of {user.name}", now, before
    )
    return user


def unlock(session: Session, *, actor: str, user_id: str, now: datetime) -> ConsoleUser:
    user = find(session, user_id)
    before = shown(user)
    user.locked_until = None
    user.failed_attempts = 0
    _audit(session, actor, "console_user.unlocked", user, f"Unlocked the console user {user.name}", now, before)
    return user
