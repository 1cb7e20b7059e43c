"""Signing in to the console: the password, the second factor (TOTP), lockout, and the sessions held in the database.

One message for every refusal ("the name, password or code is not right"), whether the name is
unknown, the account locked or inactive, or the password wrong: nothing tells a guesser which
names exist. An unknown name is checked against a stand-in hash, so it takes as long as a real
one. Failures are counted on the account (five in a row lock it for ``LOCK_FOR``; only a
complete sign-in clears the count) and per address in ``rate_limit`` (``server.limits``), so a
guesser spreading names over one address is stopped too. Every sign-in, refusal and sign-out is
in the central audit log; the password, the code and the secret never are, nor in any log line.

A session is a random token in the browser's cookie, its SHA-256 in ``console_session``; a new
token at each step of the sign-in (so a token planted before the sign-in is worth nothing), an
idle timeout and an absolute lifetime. A TOTP code is accepted once (``totp_last_step``).
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from visitorcentre.server import limits
from visitorcentre.server.centre import audit
from visitorcentre.server.console.accounts import hasher
from visitorcentre.server.console.models import ConsoleSession, ConsoleUser

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=30)
ADDRESS_LIMIT = 30  # failed sign-ins from one address ...
ADDRESS_WINDOW = timedelta(minutes=15)  # ... in this long
IDLE_TIMEOUT = timedelta(minutes=30)
LIFETIME = timedelta(hours=12)
SECOND_FACTOR_TIME = timedelta(minutes=10)  # from the password to the code
TOUCH_EVERY = timedelta(minutes=1)
SECOND_FACTOR = "second_factor"
SIGNED_IN = "signed_in"
ISSUER = "Visitor Centre console"
REFUSED = "The name, password or code is not right. After 5 wrong tries the account is locked for 30 minutes."
TOO_MANY = "Too many wrong sign-ins from this address. Wait 15 minutes and try again."
_STAND_IN = hasher.hash(secrets.token_urlsafe(16))


class SignInRefused(Exception):
    """A sign-in step failed; the message is the one to show (it never says why)."""


@dataclass(frozen=True)
class Started:
    """A new session: the token for the cookie (never stored) and the row."""

    token: str
    row: ConsoleSession


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, user: ConsoleUser, stage: str, now: datetime) -> Started:
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        token_hash=token_hash(token),
        user_id=user.id,
        stage=stage,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen=now,
        flash="",
    )
    session.add(row)
    session.flush()
    return Started(token, row)


def found(session: Session, token: str | None, now: datetime) -> ConsoleSession | None:
    """The session of this cookie's token if it is still alive (and its user active), else None."""
    if not token or len(token) > 100:
        return None
    row = session.get(ConsoleSession, token_hash(token))
    if row is None:
        return None
    lifetime = SECOND_FACTOR_TIME if row.stage == SECOND_FACTOR else LIFETIME
    if now - row.last_seen > IDLE_TIMEOUT or now - row.created_at > lifetime:
        return None
    user = session.get(ConsoleUser, row.user_id)
    if user is None or not user.active:
        return None
    return row


def end(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == token_hash(token)))


def forget_old(session: Session, now: datetime) -> None:
    """Drop sessions that can no longer be used (keeps the table small)."""
    session.execute(delete(ConsoleSession).where(ConsoleSession.last_seen < now - IDLE_TIMEOUT))


def _address_key(address: str) -> str:
    return limits.key("console-sign-in", address)


def _refuse(session: Session, user: ConsoleUser | None, address: str, now: datetime, why: str) -> SignInRefused:
    """Count a failure (the account's and the address's), audit it, and give the refusal to raise."""
    limits.hit(session, _address_key(address), ADDRESS_WINDOW, now)
    if user is not None and (user.locked_until is None or user.locked_until <= now):
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILURES:
            user.locked_until = now + LOCK_FOR
            user.failed_attempts = 0
            why += f"; the account is locked until {user.locked_until:%H:%M} UTC"
    audit.record(
        session,
        actor=user.name if user else "(unknown name)",
        action="console.sign_in_refused",
        entity="console_user",
        entity_id=user.id if user else "",
        summary=f"Sign-in refused from {address}: {why}",
        now=now,
    )
    return SignInRefused(REFUSED)


def _over_address_limit(session: Session, address: str, now: datetime) -> bool:
    key = _address_key(address)
    return limits.counts(session, [key], ADDRESS_WINDOW, now).get(key, 0) >= ADDRESS_LIMIT


def check_password(session: Session, name: str, password: str, address: str, now: datetime) -> Started:
    """The first step: a session waiting for the second factor, or SignInRefused (counted, audited)."""
    if _over_address_limit(session, address, now):
        raise SignInRefused(TOO_MANY)
    name = " ".join(name.split())
    user = session.scalar(select(ConsoleUser).where(ConsoleUser.name == name)) if name else None
    try:
        hasher.verify(user.password_hash if user else _STAND_IN, password[:200])
        right = user is not None
    except (VerificationError, InvalidHashError):
        right = False
    if user is None:
        raise _refuse(session, None, address, now, "no console user has that name")
    if not user.active:
        raise _refuse(session, user, address, now, "the account is deactivated")
    if user.locked_until is not None and user.locked_until > now:
        raise _refuse(session, user, address, now, "the account is locked")
    if not right:
        raise _refuse(session, user, address, now, "wrong password")
    if not user.totp_confirmed and not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return start(session, user, SECOND_FACTOR, now)


def set_up_uri(user: ConsoleUser) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.name, issuer_name=ISSUER)


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step whose code this is (the one before and after allowed for clock drift)."""
    code = "".join(code.split())
    if not secret or len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    moment = calendar.timegm(now.utctimetuple())
    for drift in (0, -1, 1):
        at = moment + drift * totp.interval
        if hmac.compare_digest(totp.at(at), code):
            return at // totp.interval
    return None


def check_code(session: Session, pending: ConsoleSession, code: str, address: str, now: datetime) -> Started:
    """The second step: the code from the authenticator (confirming it the first time); a new signed-in session."""
    user = session.get_one(ConsoleUser, pending.user_id)
    if _over_address_limit(session, address, now):
        raise SignInRefused(TOO_MANY)
    if user.locked_until is not None and user.locked_until > now:
        raise _refuse(session, user, address, now, "the account is locked")
    step = _matching_step(user.totp_secret, code, now)
    if step is None or step <= user.totp_last_step:
        raise _refuse(session, user, address, now, "wrong or reused second-factor code")
    first = not user.totp_confirmed
    user.totp_last_step = step
    user.totp_confirmed = True
    user.failed_attempts = 0
    user.last_signed_in = now
    session.delete(pending)
    started = start(session, user, SIGNED_IN, now)
    audit.record(
        session,
        actor=user.name,
        action="console.signed_in",
        entity="console_user",
        entity_id=user.id,
        summary=f"Signed in from {address}" + (", setting up the second factor" if first else ""),
        now=now,
    )
    return started


def sign_out(session: Session, token: str | None, now: datetime) -> None:
    row = session.get(ConsoleSession, token_hash(token)) if token else None
    if row is None:
        return
    user = session.get(ConsoleUser, row.user_id)
    session.delete(row)
    if user is not None:
        audit.record(
            session,
            actor=user.name,
            action="console.signed_out",
            entity="console_user",
            entity_id=user.id,
            summary="Signed out",
            now=now,
        )
