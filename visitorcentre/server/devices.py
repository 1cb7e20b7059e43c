"""Devices and their credentials: enrolment codes, secrets, sign-in checks and their limits, revocation.

A desk proves itself with ``Authorization: Bearer <device id>.<secret>``. The secret is 32
random bytes (256 bits) made by the server, so it needs no slow password hash: nobody can guess
it from its SHA-256, which is all the server keeps (``sha256$<hex>``), compared in constant time.
A slow hash (argon2) exists for secrets people choose; here it only cost the server tens of
milliseconds of CPU per request, which an attacker could spend for it, and forced an in-memory
cache that several worker processes cannot share. Desks enrolled before this change keep their
argon2 hash until their first good sign-in, which replaces it with the SHA-256.

Sign-in checks cost the attacker, not the server: failures are counted in the database per
address and per device (``limits``), and an address or device over its limit is answered 429
before anything is looked up or hashed. An unknown device is checked against a stand-in hash,
so the answer takes the same time whether the device exists or not. Nothing is remembered in
process memory: revocation and the limits are read from the database on every request.
Enrolment codes are one-time, expire, and are stored as SHA-256 hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.server import limits
from visitorcentre.server.models import Device, Document, EnrolmentCode

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LIFETIME = timedelta(hours=24)
_hasher = PasswordHasher()  # only to check secrets of desks enrolled before s0004
SHA_PREFIX = "sha256$"
MAX_TOKEN = 200


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrolment_code(
    session: Session, establishment: str, now: datetime, lifetime: timedelta = CODE_LIFETIME
) -> tuple[str, datetime]:
    """A one-time code for a desk of ``establishment``; returns (code as printed, expiry)."""
    if session.get(Document, ("establishment", establishment_id(session, establishment))) is None:
        raise InvalidInput(
            f"The server knows no establishment with the code “{establishment}”; "
            "load the reference data first (server-admin demo, or the roster).",
            "establishment",
        )
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    expires = now + lifetime
    session.add(EnrolmentCode(code_hash=_sha(raw), establishment=establishment, created_at=now, expires_at=expires))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}", expires


def establishment_id(session: Session, code: str) -> str:
    from sqlalchemy import select

    found = session.scalar(
        select(Document.row_id).where(Document.entity == "establishment", Document.establishment == code)
    )
    return found or ""


class EnrolmentRefused(Exception):
    """The code is unknown, used or expired (one message for all: no hint to a guesser)."""


def enrol(session: Session, code: str, desk_name: str, now: datetime) -> tuple[Device, str]:
    """Use a one-time code: a new device and its secret (shown once, never stored)."""
    row = session.get(EnrolmentCode, _sha(normalise_code(code)), with_for_update=True)
    if row is None or row.used_by is not None or row.expires_at < now:
        raise EnrolmentRefused(
            "That enrolment code is not valid: it may be mistyped, used already or expired. Ask for a new one."
        )
    secret = secrets.token_urlsafe(32)
    device = Device(
        device_id=str(uuid.uuid4()),
        establishment=row.establishment,
        name=desk_name[:80],
        secret_hash=hash_secret(secret),
        enrolled_at=now,
        last_seen=now,
        revoked=False,
    )
    session.add(device)
    session.flush()
    row.used_by = device.device_id
    row.used_at = now
    return device, secret


def hash_secret(secret: str) -> str:
    """What the server keeps of a device secret (a random 256-bit secret needs no slow hash)."""
    return SHA_PREFIX + hashlib.sha256(secret.encode()).hexdigest()


_STAND_IN = hash_secret(secrets.token_urlsafe(32))  # checked for unknown devices: the same work either way


@dataclass(frozen=True)
class SignInLimits:
    """How many attempts the server takes in each window before answering 429."""

    enrol_per_address: int = 10
    failures_per_address: int = 30
    failures_per_device: int = 10
    window: timedelta = timedelta(minutes=1)


class TooManyAttempts(Exception):
    """An address or device is over its limit for now (429)."""


def bearer(authorization: str | None) -> tuple[str, str] | None:
    """(device id, secret) from an ``Authorization`` header; None when there is no bearer token at all."""
    if not authorization or not authorization.startswith("Bearer "):
        return None
    token = authorization[len("Bearer ") :].strip()
    if len(token) > MAX_TOKEN:
        return "", ""
    device_id, _, secret = token.partition(".")
    return device_id[:36], secret


def failure_keys(address: str, device_id: str) -> list[str]:
    """The rate-limit rows a failed sign-in from ``address`` naming ``device_id`` counts against."""
    keys = [limits.key("sign-in-address", address)]
    if device_id:
        keys.append(limits.key("sign-in-device", device_id))
    return keys


def check_limits(session: Session, address: str, device_id: str, rules: SignInLimits, now: datetime) -> None:
    """TooManyAttempts if the address or the device has failed too often in this window (nothing hashed)."""
    found = limits.counts(session, failure_keys(address, device_id), rules.window, now)
    if found.get(limits.key("sign-in-address", address), 0) >= rules.failures_per_address:
        raise TooManyAttempts("Too many failed sign-ins from this address; wait a minute and try again.")
    if device_id and found.get(limits.key("sign-in-device", device_id), 0) >= rules.failures_per_device:
        raise TooManyAttempts("Too many failed sign-ins for this desk; wait a minute and try again.")


def count_failure(session: Session, address: str, device_id: str, rules: SignInLimits, now: datetime) -> None:
    """Count a failed sign-in against the address and the device it named (the caller commits)."""
    for name in failure_keys(address, device_id):
        limits.hit(session, name, rules.window, now)
    limits.forget_old(session, now, max(rules.window * 10, timedelta(hours=1)))


def count_enrolment(session: Session, address: str, rules: SignInLimits, now: datetime) -> None:
    """Count an enrolment attempt from ``address``; TooManyAttempts past the limit (the caller commits)."""
    if limits.hit(session, limits.key("enrol", address), rules.window, now) > rules.enrol_per_address:
        raise TooManyAttempts("Too many enrolment attempts; wait a minute and try again.")


def secret_matches(stored: str, secret: str) -> bool:
    """Whether ``secret`` is the one ``stored`` was made from (constant time for SHA-256 rows)."""
    if stored.startswith(SHA_PREFIX):
        return hmac.compare_digest(stored.encode(), hash_secret(secret).encode())
    try:  # a desk enrolled before s0004
        return _hasher.verify(stored, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def signed_in(session: Session, device_id: str, secret: str) -> Device | None:
    """The device whose credential this is, or None (unknown, wrong secret or revoked): the same work each way."""
    device = session.get(Device, device_id) if device_id and secret else None
    stored = device.secret_hash if device is not None else _STAND_IN
    good = secret_matches(stored, secret)
    if device is None or device.revoked or not good:
        return None
    return device


def needs_new_hash(device: Device) -> bool:
    """Whether the device's secret is still kept as an argon2 hash (replaced on its next good sign-in)."""
    return not device.secret_hash.startswith(SHA_PREFIX)


def revoke(session: Session, device_id: str) -> None:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound(f"There is no device {device_id}.", "device_id")
    device.revoked = True
