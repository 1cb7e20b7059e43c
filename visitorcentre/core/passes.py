"""Visit pass tokens: what the QR code on a pass carries, and how the hall door checks it with no network.

Construction. The claims (establishment, visit reference, session date and start, party size,
pass serial, issue time, key id) are packed into a fixed binary layout of 24-31 bytes (a version
byte, then big-endian integers; the establishment code is length-prefixed ASCII) and signed with
the establishment's Ed25519 key (RFC 8032, through ``cryptography``). The token is ``VC1``
followed by the unpadded RFC 4648 base 32 of payload + 64-byte signature: 147 characters for a
three-letter code, 155 at most (``TOKEN_MAX_LENGTH`` is the bound, under the 200 the issue allows).

Why Ed25519: the door needs to *verify* without being able to *forge*. With a signature only the
desks holding the establishment's private key can issue passes, while any door, laptop or the
central server can check them with the public key alone; an HMAC would put the forging key on
every verifier. Ed25519 signatures are deterministic (no nonce to get wrong), small (64 bytes)
and fast. Why base 32: its alphabet (A-Z, 2-7) is QR "alphanumeric" mode (5.5 bits a character,
so the code stays at version 6, 41 modules), it is the same on every keyboard layout a
keyboard-wedge scanner might assume, and it survives Caps Lock (we read it case-insensitively).

The key id is the first 4 bytes of SHA-256 of the raw public key, so keys can be rotated: old
passes name the key that signed them, and verification looks it up among the establishment's
keys: a pass is good only when its key, its claims and the door are all one establishment's, so
a key held for another establishment vouches for nothing here. A retired key keeps
vouching only for passes whose session day is on or before the day it was retired
(``PublicKey.retired_on``; see server/pass_keys.py for why). Verification also needs the void
list (serials voided at each establishment); a pass expires at the end of its session day
(establishment wall-clock time).

No I/O here: callers hand in the keys, the void list and "now".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

PREFIX = "VC1"
FORMAT_VERSION = 1
SIGNATURE_LENGTH = 64
KEY_ID_LENGTH = 4
#: The longest token (an 8-character establishment code): 95 bytes, 152 base-32 characters, and the prefix.
TOKEN_MAX_LENGTH = len(PREFIX) + -(-(2 + 8 + 21 + SIGNATURE_LENGTH) * 8 // 5)
#: Anything longer than this cannot be one of ours; refused before any decoding work.
_READ_LIMIT = 400

_EPOCH_DAY = date(2000, 1, 1)
_UNIX = datetime(1970, 1, 1)
_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# After the establishment code: key id, reference, day, minute, party size, serial, issued at.
_TAIL = struct.Struct(">4sIHHBII")

# Reasons a pass is refused (or passed); the door and the command line show the words.
OK = "ok"
EXPIRED = "expired"
NOT_YET = "not_yet"
VOIDED = "voided"
OTHER_ESTABLISHMENT = "other_establishment"
ALTERED = "altered"
NOT_OURS = "not_ours"
KEY_REPLACED = "key_replaced"

MESSAGES = {
    OK: "Valid pass.",
    EXPIRED: "This pass has expired: it was for an earlier day.",
    NOT_YET: "This pass is for a later day, not today.",
    VOIDED: "This pass has been cancelled (voided) at the desk. Please send the family to the desk.",
    OTHER_ESTABLISHMENT: "This pass is for a different prison.",
    ALTERED: "This pass has been damaged or altered and cannot be trusted. Please send the family to the desk.",
    NOT_OURS: "This is not one of our visit passes.",
    KEY_REPLACED: "This pass was printed with a pass key the prison has since replaced. Please send the family "
    "to the desk for a new pass.",
}


@dataclass(frozen=True)
class PassClaims:
    """What a pass vouches for."""

    establishment: str
    reference: str
    session_date: date
    session_start: time
    party_size: int
    serial: int
    issued_at: datetime  # UTC, naive, whole seconds
    key_id: str  # 8 hex digits

    @property
    def session_start_at(self) -> datetime:
        return datetime.combine(self.session_date, self.session_start)


@dataclass(frozen=True)
class PublicKey:
    """An establishment's verification key, as the desk holds it."""

    key_id: str
    establishment: str
    public_key: bytes  # 32 raw bytes
    retired_on: date | None = None  # the last session day a retired key vouches for


@dataclass(frozen=True)
class PassVerdict:
    """The answer to "is this a good pass?", with no side effects."""

    valid: bool
    reason: str
    message: str
    reference: str | None = None
    party_size: int | None = None
    session: str | None = None  # ISO session start
    claims: PassClaims | None = None


class _Unreadable(Exception):
    """Text with our prefix that does not decode to a pass (truncated, damaged, altered)."""


# --- keys ----------------------------------------------------------------------------------------


def key_id_for(public_key: bytes) -> str:
    """The key id a token names: the first 4 bytes of SHA-256 of the raw public key, in hex."""
    return hashlib.sha256(public_key).digest()[:KEY_ID_LENGTH].hex()


def new_key_pair() -> tuple[str, bytes, bytes]:
    """A fresh Ed25519 key pair: (key id, raw private key, raw public key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

    private = Ed25519PrivateKey.generate()
    private_raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return key_id_for(public_raw), private_raw, public_raw


# --- making a token ------------------------------------------------------------------------------


def _reference_number(reference: str) -> int:
    number = 0
    for ch in reversed(reference):  # references.from_number writes the least significant digit first
        number = number * 32 + _REFERENCE_ALPHABET.index(ch)
    return number


def _reference_text(number: int) -> str:
    chars = []
    for _ in range(6):
        number, digit = divmod(number, 32)
        chars.append(_REFERENCE_ALPHABET[digit])
    if number:
        raise _Unreadable("reference out of range")
    return "".join(chars)


def _pack(claims: PassClaims) -> bytes:
    code = claims.establishment.encode("ascii")
    if not 1 <= len(code) <= 8:
        raise ValueError("an establishment code has 1 to 8 characters")
    if len(claims.reference) != 6 or any(ch not in _REFERENCE_ALPHABET for ch in claims.reference):
        raise ValueError(f"not a visit reference: {claims.reference!r}")
    issued = int((claims.issued_at.replace(tzinfo=None) - _UNIX).total_seconds())
    return (
        bytes([FORMAT_VERSION, len(code)])
        + code
        + _TAIL.pack(
            bytes.fromhex(claims.key_id),
            _reference_number(claims.reference),
            (claims.session_date - _EPOCH_DAY).days,
            claims.session_start.hour * 60 + claims.session_start.minute,
            claims.party_size,
            claims.serial,
            issued,
        )
    )


def _unpack(payload: bytes) -> PassClaims:
    if len(payload) < 2 or payload[0] != FORMAT_VERSION:
        raise _Unreadable("unknown format")
    size = payload[1]
    if not 1 <= size <= 8 or len(payload) != 2 + size + _TAIL.size:
        raise _Unreadable("wrong length")
    try:
        code = payload[2 : 2 + size].decode("ascii")
    except UnicodeDecodeError:
        raise _Unreadable("establishment code") from None
    key_id, reference, day, minute, party, serial, issued = _TAIL.unpack(payload[2 + size :])
    if minute >= 24 * 60:
        raise _Unreadable("start time")
    return PassClaims(
        establishment=code,
        reference=_reference_text(reference),
        session_date=_EPOCH_DAY + timedelta(days=day),
        session_start=time(minute // 60, minute % 60),
        party_size=party,
        serial=serial,
        issued_at=_UNIX + timedelta(seconds=issued),
        key_id=key_id.hex(),
    )


def issue(claims: PassClaims, private_key: bytes) -> str:
    """The signed token for ``claims`` (``claims.key_id`` must be the key's id)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    payload = _pack(claims)
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(payload)
    return PREFIX + base64.b32encode(payload + signature).decode("ascii").rstrip("=")


# --- reading and checking a token ---------------------------------------------------------------


def _split(text: str) -> tuple[bytes, bytes] | None:
    """(payload, signature) from scanned text; None if it is not ours at all; raises _Unreadable if damaged."""
    cleaned = "".join(text.split()).upper()
    if not cleaned.startswith(PREFIX):
        return None
    body = cleaned[len(PREFIX) :]
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError):
        raise _Unreadable("not base 32") from None
    if base64.b32encode(raw).decode("ascii").rstrip("=") != body:
        raise _Unreadable("not the canonical spelling")  # stray bits at the end: a changed character
    if len(raw) <= SIGNATURE_LENGTH + 2:
        raise _Unreadable("too short")
    return raw[:-SIGNATURE_LENGTH], raw[-SIGNATURE_LENGTH:]


def _refuse(reason: str, claims: PassClaims | None = None, message: str | None = None) -> PassVerdict:
    return PassVerdict(
        valid=False,
        reason=reason,
        message=message or MESSAGES[reason],
        reference=claims.reference if claims else None,
        party_size=claims.party_size if claims else None,
        session=claims.session_start_at.isoformat() if claims else None,
        claims=claims,
    )


def _signature_holds(key: PublicKey, payload: bytes, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, payload)
    except (InvalidSignature, ValueError):
        return False
    return True


def verify(
    text: str, keys: Mapping[str, PublicKey], voided: Collection[tuple[str, int]], here: str, today: date
) -> PassVerdict:
    """Check scanned ``text`` as a pass at establishment ``here`` on ``today``; never raises.

    ``keys`` maps key id to the verification keys this desk holds; only a key of ``here`` can make
    a pass valid. ``voided`` holds (establishment, serial) of voided passes.
    """
    try:
        if not isinstance(text, str) or len(text) > _READ_LIMIT:
            return _refuse(NOT_OURS)
        try:
            parts = _split(text)
        except _Unreadable:
            return _refuse(ALTERED)
        if parts is None:
            return _refuse(NOT_OURS)
        payload, signature = parts
        try:
            claims = _unpack(payload)
        except _Unreadable:
            return _refuse(ALTERED)
        key = keys.get(claims.key_id)
        if key is None:
            # Signed by no key we know: made elsewhere, or with a key that never was ours.
            return _refuse(NOT_OURS)
        if not _signature_holds(key, payload, signature) or key.establishment != claims.establishment:
            return _refuse(ALTERED)
        # From here the key, the pass and the door must all be one establishment's: a key held for
        # another establishment can at most prove that a pass is someone else's.
        if claims.establishment != here:
            return _refuse(
                OTHER_ESTABLISHMENT,
                claims,
                f"This pass is for a different prison ({claims.establishment}), not this one.",
            )
        if (claims.establishment, claims.serial) in voided:
            return _refuse(VOIDED, claims)
        if claims.session_date < today:
            return _refuse(EXPIRED, claims, f"This pass has expired: it was for {claims.session_date:%A %d %B %Y}.")
        if key.retired_on is not None and claims.session_date > key.retired_on:
            return _refuse(KEY_REPLACED, claims)
        if claims.session_date > today:
            return _refuse(NOT_YET, claims, f"This pass is for {claims.session_date:%A %d %B %Y}, not today.")
        return PassVerdict(
            valid=True,
            reason=OK,
            message=MESSAGES[OK],
            reference=claims.reference,
            party_size=claims.party_size,
            session=claims.session_start_at.isoformat(),
            claims=claims,
        )
    except Exception:  # noqa: BLE001 - the door must never crash on what a scanner types
        return _refuse(NOT_OURS)


def utc_seconds(moment: datetime) -> datetime:
    """A UTC moment trimmed to whole seconds, as a token carries it."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)
