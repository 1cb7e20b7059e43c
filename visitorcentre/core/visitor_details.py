"""A visitor's details as typed at the desk, checked field by field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.words import said

_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2})$")
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’\-.][^\W\d_]+)*\.?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{7,20}$")
OLDEST_AGE = 120
LANGUAGES = ("en", "pl", "gd", "cy", "ar", "ro", "ur", "pa", "zh", "other")


@dataclass(frozen=True)
class VisitorDetails:
    """What the desk records about a visitor (the ID document number is not kept)."""

    first_name: str
    last_name: str
    date_of_birth: date
    postcode: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    language: str = "en"
    support_needs: str = ""
    id_checked: str = ""  # the kind of ID seen, e.g. "passport"
    photo_consent: bool = False
    notes: str = field(default="")


def normalise_postcode(text: str) -> str:
    """A UK postcode in its usual printed form ("G33 4RT"); raises InvalidInput if it is not one."""
    compact = re.sub(r"\s+", "", text).upper()
    if not _POSTCODE.match(compact):
        raise InvalidInput(
            said("“{postcode}” is not a UK postcode — it should look like G33 4RT.", postcode=text.strip()), "postcode"
        )
    return f"{compact[:-3]} {compact[-3:]}"


def validate(details: VisitorDetails, today: date) -> VisitorDetails:
    """The details tidied up, or InvalidInput naming the first field that is wrong."""
    first = " ".join(details.first_name.split())
    last = " ".join(details.last_name.split())
    if not first:
        raise InvalidInput(said("Please enter the visitor's first name."), "first_name")
    if not last:
        raise InvalidInput(said("Please enter the visitor's last name."), "last_name")
    for value, name, words in (
        (first, "first_name", said("The first name can only hold letters, spaces, hyphens and apostrophes.")),
        (last, "last_name", said("The last name can only hold letters, spaces, hyphens and apostrophes.")),
    ):
        if len(value) > 80 or not _NAME.match(value):
            raise InvalidInput(words, name)
    if details.date_of_birth > today:
        raise InvalidInput(said("The date of birth cannot be in the future."), "date_of_birth")
    if today.year - details.date_of_birth.year > OLDEST_AGE:
        raise InvalidInput(
            said("The date of birth is more than 120 years ago — please check the year."), "date_of_birth"
        )
    postcode = normalise_postcode(details.postcode) if details.postcode.strip() else ""
    email = details.email.strip()
    if email and not _EMAIL.match(email):
        raise InvalidInput(said("“{email}” is not an email address.", email=email), "email")
    phone = details.phone.strip()
    if phone and not _PHONE.match(phone):
        raise InvalidInput(said("The phone number can only hold digits, spaces and a leading +."), "phone")
    if details.language not in LANGUAGES:
        raise InvalidInput(said("Unknown language “{language}”.", language=details.language), "language")
    return replace(
        details,
        first_name=first,
        last_name=last,
        postcode=postcode,
        email=email,
        phone=phone,
        address=details.address.strip(),
        support_needs=details.support_needs.strip(),
        id_checked=details.id_checked.strip(),
        notes=details.notes.strip(),
    )
