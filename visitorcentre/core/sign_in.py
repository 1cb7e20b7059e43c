"""The rules for staff names, PINs and signing in: what is acceptable, and the refusals to show.

Five wrong PINs in a row lock that name for five minutes; the count and the lock are stored with
the staff member, so closing and reopening the app does not clear them.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.core.words import said, said_n

MAX_WRONG_PINS = 5
LOCK_MINUTES = 5
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 128
MAX_NAME_LENGTH = 80


class WrongPin(InvalidInput):
    """The PIN does not match; ``tries_left`` before the name is locked."""

    def __init__(self, tries_left: int):
        super().__init__(
            said_n(
                "That PIN is not right. {n} more try before this name is locked for {minutes} minutes.",
                "That PIN is not right. {n} more tries before this name is locked for {minutes} minutes.",
                tries_left,
                minutes=LOCK_MINUTES,
            ),
            "pin",
        )
        self.tries_left = tries_left


class SignInLocked(NotAllowed):
    """Too many wrong PINs: the name is locked until ``until`` (the desk's wall-clock time)."""

    def __init__(self, name: str, until: datetime):
        super().__init__(
            said(
                "Too many wrong PINs: {name} cannot sign in until {time}. "
                "Another member of staff can sign in meanwhile.",
                name=name,
                time=until,
            ),
            "pin",
        )
        self.until = until


def clean_name(name: str | None) -> str:
    """The name as it is shown: spaces tidied. Raises InvalidInput (field "name") for an empty or long one."""
    cleaned = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not cleaned:
        raise InvalidInput(said("Type the staff member's name."), "name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidInput(said("A name can be at most {limit} characters.", limit=MAX_NAME_LENGTH), "name")
    if any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise InvalidInput(said("A name cannot contain control characters."), "name")
    return cleaned


def name_key(name: str) -> str:
    """The folded name two staff members may not share ("Ann Smith" and "ANN  SMITH" are the same)."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def check_new_pin(pin: str, again: str | None = None) -> str:
    """A new PIN (or password), typed twice; InvalidInput (field "pin" or "pin_again") if not acceptable."""
    if pin is None or len(pin) < MIN_PIN_LENGTH:
        raise InvalidInput(said("A PIN needs at least {least} characters.", least=MIN_PIN_LENGTH), "pin")
    if len(pin) > MAX_PIN_LENGTH:
        raise InvalidInput(said("A PIN can be at most {limit} characters.", limit=MAX_PIN_LENGTH), "pin")
    if pin != pin.strip() or any(unicodedata.category(c).startswith("C") for c in pin):
        raise InvalidInput(said("A PIN cannot start or end with a space, or contain control characters."), "pin")
    if again is not None and pin != again:
        raise InvalidInput(said("The two PINs are not the same; type the PIN again."), "pin_again")
    return pin
