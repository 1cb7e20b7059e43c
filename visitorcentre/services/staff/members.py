"""Staff at the desk: adding and disabling staff, signing in with a PIN, changing a PIN.

PINs are kept only as argon2 hashes (argon2-cffi's PasswordHasher, its default costs). Staff rows
are not synced: they belong to this desk's database, so a hash never goes anywhere else, and
the audit event of each change is written (and chained) in the same transaction. Only an admin
manages staff; the first admin of a database with no staff can be made by anyone at the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.core.roles import ADMIN, ROLES, require_role
from visitorcentre.core.sign_in import (
    LOCK_MINUTES,
    MAX_WRONG_PINS,
    SignInLocked,
    WrongPin,
    check_new_pin,
    clean_name,
    name_key,
)
from visitorcentre.core.staff import Actor
from visitorcentre.db.models import Staff, new_id
from visitorcentre.i18n import N_, _
from visitorcentre.services.unit_of_work import UnitOfWork

_hasher = PasswordHasher()


def hash_pin(pin: str) -> str:
    """The argon2id hash of a PIN (salted: the same PIN hashes differently each time)."""
    return _hasher.hash(pin)


def pin_matches(stored_hash: str, pin: str) -> bool:
    """Whether ``pin`` is the PIN behind ``stored_hash`` (False for a damaged hash, never an error)."""
    try:
        return _hasher.verify(stored_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class StaffMember:
    """A staff member as lists show them: never the hash."""

    name: str
    role: str
    disabled: bool
    locked_until: datetime | None
    last_signed_in_at: datetime | None
    created_at: datetime

    def as_json(self) -> dict:
        stamp = lambda value: value.isoformat() if value else None  # noqa: E731
        return {
            "name": self.name,
            "role": self.role,
            "disabled": self.disabled,
            "locked_until": stamp(self.locked_until),
            "last_signed_in_at": stamp(self.last_signed_in_at),
            "created_at": stamp(self.created_at),
        }


def has_staff(session: Session) -> bool:
    """Whether anyone has been set up to sign in here (if not, the first screen makes the first admin)."""
    return session.scalar(select(Staff.id).limit(1)) is not None


def staff_list(session: Session) -> list[StaffMember]:
    """Every staff member (name, role, disabled, locked until, last signed in), by name. Never a hash."""
    rows = session.scalars(select(Staff).order_by(Staff.name_key)).all()
    return [StaffMember(r.name, r.role, r.disabled, r.locked_until, r.last_signed_in_at, r.created_at) for r in rows]


def _find(session: Session, name: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.name_key == name_key(name)))


def _named(session: Session, name: str) -> Staff:
    row = _find(session, name)
    if row is None:
        raise NotFound(
            _("There is no staff member called “{name}” on this desk.").format(name=" ".join(name.split())), "name"
        )
    return row


def _new(uow: UnitOfWork, name: str, role: str, pin: str, pin_again: str | None) -> Staff:
    cleaned = clean_name(name)
    if role not in ROLES:
        raise InvalidInput(_("“{role}” is not a role: choose desk, manager or admin.").format(role=role), "role")
    check_new_pin(pin, pin_again)
    taken = _find(uow.session, cleaned)
    if taken is not None:
        raise InvalidInput(
            _("There is already a staff member called “{name}”; add a surname or initial.").format(name=taken.name),
            "name",
        )
    now = uow.clock.utcnow()
    row = Staff(
        id=new_id(),
        name=cleaned,
        name_key=name_key(cleaned),
        role=role,
        pin_hash=hash_pin(pin),
        disabled=False,
        wrong_pins=0,
        created_at=now,
        updated_at=now,
        version=1,
    )
    uow.session.add(row)
    uow.session.flush()
    return row


def add_staff(uow: UnitOfWork, name: str, role: str, pin: str, pin_again: str | None = None) -> str:
    """Add a staff member (admin only); returns their name as stored. InvalidInput names the field at fault."""
    with uow:
        require_role(uow.actor, ADMIN, N_("add staff"))
        row = _new(uow, name, role, pin, pin_again)
        uow.audit("staff_added", row, f"{row.name} added as {role}", {"name": row.name, "role": role})
        uow.commit()
        return row.name


def add_first_admin(uow: UnitOfWork, name: str, pin: str, pin_again: str) -> Actor:
    """The first admin of a database with no staff (no role needed, once); returns them, signed in."""
    with uow:
        if has_staff(uow.session):
            raise NotAllowed(_("This desk already has staff: an admin adds more."), "name")
        row = _new(uow, name, ADMIN, pin, pin_again)
        row.last_signed_in_at = uow.clock.utcnow()
        uow.audit(
            "staff_added",
            row,
            f"{row.name} set up as the desk's first admin",
            {"name": row.name, "role": ADMIN},
            actor=row.name,
        )
        uow.commit()
        return Actor(row.name, row.role)


def disable_staff(uow: UnitOfWork, name: str) -> None:
    """Stop a staff member signing in (admin only). The last admin who can sign in cannot be disabled."""
    with uow:
        require_role(uow.actor, ADMIN, N_("disable staff"))
        row = _named(uow.session, name)
        if row.disabled:
            raise NotAllowed(_("{name} is already disabled.").format(name=row.name), "name")
        if row.role == ADMIN:
            admins = (
                uow.session.scalar(
                    select(func.count()).select_from(Staff).where(Staff.role == ADMIN, Staff.disabled.is_(False))
                )
                or 0
            )
            if admins <= 1:
                raise NotAllowed(
                    _("{name} is the only admin; add another admin before disabling them.").format(name=row.name),
                    "name",
                )
        row.disabled = True
        _changed(uow, row)
        uow.audit("staff_disabled", row, f"{row.name} can no longer sign in", {"name": row.name})
        uow.commit()


def _changed(uow: UnitOfWork, row: Staff) -> None:
    row.updated_at = uow.clock.utcnow()
    row.version += 1


def _local(uow: UnitOfWork, utc: datetime) -> datetime:
    """A UTC stamp as the desk's wall-clock time."""
    return utc + (uow.clock.now() - uow.clock.utcnow())


def sign_in(uow: UnitOfWork, name: str, pin: str) -> Actor:
    """Check the name and PIN; returns who signed in. Every attempt is audited under the name tried.

    Raises NotFound (field "name") for a name that is not on this desk, NotAllowed for a disabled
    one, WrongPin with the tries left, and SignInLocked after the fifth wrong PIN in a row (for
    LOCK_MINUTES; attempts while locked are refused without checking the PIN).
    """
    with uow:
        row = _named(uow.session, name or "")
        now = uow.clock.utcnow()
        if row.disabled:
            uow.audit("sign_in_refused", row, f"{row.name} tried to sign in but is disabled", actor=row.name)
            uow.commit()
            raise NotAllowed(
                _("{name} can no longer sign in on this desk; an admin can say why.").format(name=row.name), "name"
            )
        if row.locked_until is not None and now < row.locked_until:
            uow.audit(
                "sign_in_refused", row, f"Sign-in for {row.name} refused: locked after wrong PINs", actor=row.name
            )
            uow.commit()
            raise SignInLocked(row.name, _local(uow, row.locked_until))
        if pin_matches(row.pin_hash, pin or ""):
            if _hasher.check_needs_rehash(row.pin_hash):
                row.pin_hash = hash_pin(pin)
            row.wrong_pins, row.locked_until, row.last_signed_in_at = 0, None, now
            _changed(uow, row)
            uow.audit("signed_in", row, f"{row.name} signed in", {"role": row.role}, actor=row.name)
            uow.commit()
            return Actor(row.name, row.role)
        row.wrong_pins = (row.wrong_pins or 0) + 1
        _changed(uow, row)
        if row.wrong_pins >= MAX_WRONG_PINS:
            row.wrong_pins, row.locked_until = 0, now + timedelta(minutes=LOCK_MINUTES)
            uow.audit(
                "sign_in_locked",
                row,
                f"{row.name} locked for {LOCK_MINUTES} minutes after {MAX_WRONG_PINS} wrong PINs",
                {"until": row.locked_until.isoformat()},
                actor=row.name,
            )
            uow.commit()
            raise SignInLocked(row.name, _local(uow, row.locked_until))
        tries_left = MAX_WRONG_PINS - row.wrong_pins
        uow.audit("sign_in_failed", row, f"Wrong PIN for {row.name}", {"tries_left": tries_left}, actor=row.name)
        uow.commit()
        raise WrongPin(tries_left)


def change_pin(uow: UnitOfWork, current_pin: str, new_pin: str, new_pin_again: str) -> None:
    """The signed-in staff member changes their own PIN (the current one is checked first)."""
    with uow:
        row = _named(uow.session, uow.actor.name)
        if not pin_matches(row.pin_hash, current_pin or ""):
            raise InvalidInput(_("That is not your current PIN."), "current_pin")
        check_new_pin(new_pin, new_pin_again)
        row.pin_hash = hash_pin(new_pin)
        _changed(uow, row)
        uow.audit("pin_changed", row, f"{row.name} changed their PIN")
        uow.commit()
