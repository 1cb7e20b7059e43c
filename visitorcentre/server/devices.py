"""Devices and their credentials: enrolment codes, secrets hashed with argon2, revocation.

A desk proves itself with ``Authorization: Bearer <device id>.<secret>``. The secret is 32
random bytes; the server keeps only its argon2 hash. Checking argon2 on every request would
cost tens of milliseconds, so a credential that checked out once is remembered in memory by
its SHA-256 (never the secret itself) — revocation is still read from the database on every
request. Enrolment codes are one-time, expire, and are stored as SHA-256 hashes.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
import uuid
from collections import deque
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.server.models import Device, Document, EnrolmentCode

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LIFETIME = timedelta(hours=24)
_hasher = PasswordHasher()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrolment_code(session: Session, establishment: str, now: datetime,
                       lifetime: timedelta = CODE_LIFETIME) -> tuple[str, datetime]:
    """A one-time code for a desk of ``establishment``; returns (code as printed, expiry)."""
    if session.get(Document, ("establishment", establishment_id(session, establishment))) is None:
        raise InvalidInput(f"The server knows no establishment with the code “{establishment}”; "
                           "load the reference data first (server-admin demo, or the roster).", "establishment")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    expires = now + lifetime
    session.add(EnrolmentCode(code_hash=_sha(raw), establishment=establishment, created_at=now, expires_at=expires))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}", expires


def establishment_id(session: Session, code: str) -> str:
    from sqlalchemy import select

    found = session.scalar(select(Document.row_id).where(Document.entity == "establishment",
                                                         Document.establishment == code))
    return found or ""


class EnrolmentRefused(Exception):
    """The code is unknown, used or expired (one message for all: no hint to a guesser)."""


def enrol(session: Session, code: str, desk_name: str, now: datetime) -> tuple[Device, str]:
    """Use a one-time code: a new device and its secret (shown once, never stored)."""
    row = session.get(EnrolmentCode, _sha(normalise_code(code)), with_for_update=True)
    if row is None or row.used_by is not None or row.expires_at < now:
        raise EnrolmentRefused("That enrolment code is not valid: it may be mistyped, used already or expired. "
                               "Ask for a new one.")
    secret = secrets.token_urlsafe(32)
    device = Device(device_id=str(uuid.uuid4()), establishment=row.establishment, name=desk_name[:80],
                    secret_hash=_hasher.hash(secret), enrolled_at=now, last_seen=now, revoked=False)
    session.add(device)
    session.flush()
    row.used_by = device.device_id
    row.used_at = now
    return device, secret


class Authenticator:
    """Checks bearer credentials; remembers good ones (by hash) for the life of the process."""

    def __init__(self):
        self._known: dict[str, str] = {}  # sha256(token) -> device id
        self._lock = threading.Lock()

    def device(self, session: Session, authorization: str | None) -> Device | None:
        """The device the header proves, or None (unknown, wrong secret or revoked)."""
        if not authorization or not authorization.startswith("Bearer "):
            return None
        token = authorization[len("Bearer "):].strip()
        device_id, _, secret = token.partition(".")
        if not device_id or not secret or len(token) > 200:
            return None
        device = session.get(Device, device_id)
        if device is None or device.revoked:
            return None
        fingerprint = _sha(token)
        with self._lock:
            known = self._known.get(fingerprint) == device_id
        if not known:
            try:
                _hasher.verify(device.secret_hash, secret)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return None
            with self._lock:
                self._known[fingerprint] = device_id
        return device


class RateLimiter:
    """At most ``limit`` attempts per ``window`` seconds from one address (enrolment)."""

    def __init__(self, limit: int = 10, window: float = 60.0):
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, who: str) -> bool:
        now = time.monotonic()
        with self._lock:
            attempts = self._seen.setdefault(who, deque())
            while attempts and now - attempts[0] > self.window:
                attempts.popleft()
            if len(attempts) >= self.limit:
                return False
            attempts.append(now)
            return True


def revoke(session: Session, device_id: str) -> None:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound(f"There is no device {device_id}.", "device_id")
    device.revoked = True
