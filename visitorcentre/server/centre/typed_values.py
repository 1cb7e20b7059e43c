"""What a person typed into a console form, checked value by value: each refusal names its field.

Pages pass the text as typed (or a number already parsed); these turn it into the value the
record holds, or raise ``InvalidInput(message, field)`` with a sentence a person can act on.
Checking here, before ``store.save``, is what keeps ``store.RecordRefused`` a bug and never an
answer to a typing mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from visitorcentre.core.errors import InvalidInput

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT_LIMIT = 2000


def _plain(value: object) -> str:
    text = "" if value is None else str(value)
    # Lone surrogates cannot be stored or sent to a desk; control characters never belong in a form.
    text = text.encode("utf-8", "replace").decode("utf-8") if any(0xD800 <= ord(c) <= 0xDFFF for c in text) else text
    return _CONTROL.sub("", text).replace("\r\n", "\n").strip()


def words(value: object, field: str, label: str, limit: int = TEXT_LIMIT, *, required: bool = False) -> str:
    """Text of at most ``limit`` characters (spaces at either end dropped); required: not empty."""
    text = _plain(value)
    if required and not text:
        raise InvalidInput(f"Enter the {label}.", field)
    if len(text) > limit:
        raise InvalidInput(f"The {label} must be {limit} characters or fewer (it has {len(text)}).", field)
    return text


def line(value: object, field: str, label: str, limit: int, *, required: bool = False) -> str:
    """One line of text: runs of spaces and line breaks become single spaces."""
    return words(" ".join(_plain(value).split()), field, label, limit, required=required)


def whole_number(value: object, field: str, label: str, low: int, high: int | None = None) -> int:
    """A whole number from ``low`` to ``high`` (no upper limit when None)."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = _plain(value)
        if not text:
            raise InvalidInput(f"Enter the {label}.", field)
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise InvalidInput(f"The {label} must be a whole number, like 18.", field)
        number = int(text)
    if number < low or (high is not None and number > high):
        limits = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise InvalidInput(f"The {label} must be {limits}.", field)
    return number


def one_of(value: object, field: str, label: str, choices: Iterable[str]) -> str:
    text = _plain(value)
    allowed = list(choices)
    if text not in allowed:
        raise InvalidInput(f"Choose the {label}.", field)
    return text


def day(value: object, field: str, label: str) -> date:
    """A date written as YYYY-MM-DD (what a date input sends)."""
    if isinstance(value, date):
        return value
    text = _plain(value)
    if not text:
        raise InvalidInput(f"Enter the {label}.", field)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"The {label} must be a real date, like 2027-03-01.", field) from None
