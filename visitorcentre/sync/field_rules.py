"""What one field of a synced record may hold: the building blocks of the record rules.

Each builder (``text``, ``name``, ``whole``, ``pence``, ``flag``, ``day``, ``clock_time``,
``moment``, ``one_of``, ``record_id``, ``json_list``, ``json_object``, ``maybe``) gives a ``Rule``:
a strict pydantic type, whether the field must be sent, the same in words for the refusal
message, and the desk column type it is stored in. ``sync.record_fields`` builds the table of
every record kind from them; ``sync.record_rules`` checks records against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints

BIGGEST = 2**63 - 1  # what a 64-bit signed column holds
MAX_PENCE = 100_000_000  # £1,000,000: far beyond any claim or income the scheme sees
TEXT_LIMIT = 5000  # a "Text" column: notes, reasons, addresses
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,36}$"  # a desk row id (String(36) there)
NO_NUL = r"^[^\x00]*$"  # (a lone surrogate is refused by pydantic itself: no str may hold one)


@dataclass(frozen=True)
class Rule:
    """What one field may hold: its pydantic type, whether it must be sent, and the same in words."""

    kind: Any
    words: str
    required: bool = True
    column: str = ""  # the column type it is stored in on a desk ("text", "date", ...), for the tests


def _iso(parse, pattern: str):
    def check(value: str) -> str:
        parse(value)  # a well-formed 2026-02-30 is still no date
        return value

    return Annotated[str, StringConstraints(pattern=pattern), AfterValidator(check)]


_DATE = _iso(date.fromisoformat, r"^\d{4}-\d{2}-\d{2}$")
_TIME = _iso(time.fromisoformat, r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")
_DATETIME = _iso(datetime.fromisoformat, r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")


def maybe(rule: Rule, required: bool = True) -> Rule:
    """The same rule, or null (and sent only when ``required``)."""
    return Rule(rule.kind | None, f"{rule.words}, or null", required, rule.column)


def text(
    limit: int = TEXT_LIMIT, *, at_least: int = 0, required: bool = False, pattern: str = NO_NUL, words: str = ""
) -> Rule:
    """Text of at most ``limit`` characters (and at least ``at_least``), matching ``pattern``."""
    kind = Annotated[str, StringConstraints(min_length=at_least, max_length=limit, pattern=pattern)]
    if not words:
        words = f"text of {at_least} to {limit} characters" if at_least else f"text of at most {limit} characters"
    return Rule(kind, words, required, "text")


def name(limit: int) -> Rule:
    """Text that must not be empty (a name, a reference), always sent."""
    return text(limit, at_least=1, required=True)


def whole(low: int = -BIGGEST - 1, high: int = BIGGEST, required: bool = False) -> Rule:
    """A whole number from ``low`` to ``high``."""
    return Rule(Annotated[int, Field(ge=low, le=high)], f"a whole number from {low} to {high}", required, "integer")


def pence(required: bool = False) -> Rule:
    """An amount of money in whole pence, never negative."""
    return Rule(
        Annotated[int, Field(ge=0, le=MAX_PENCE)], f"an amount in pence from 0 to {MAX_PENCE}", required, "integer"
    )


def flag(required: bool = False) -> Rule:
    """True or false."""
    return Rule(bool, "true or false", required, "boolean")


def day(required: bool = True) -> Rule:
    """An ISO date that is a real day."""
    return Rule(_DATE, "a date like 2026-12-03", required, "date")


def clock_time(required: bool = True) -> Rule:
    """An ISO time of day."""
    return Rule(_TIME, "a time like 14:30", required, "time")


def moment(required: bool = True) -> Rule:
    """An ISO date and time, with or without its offset."""
    return Rule(_DATETIME, "a date and time like 2026-12-03T14:30:00", required, "datetime")


def one_of(values, required: bool = True, blank: bool = False) -> Rule:
    """One of a fixed vocabulary (or nothing, when ``blank``)."""
    values = tuple(str(v) for v in values) + (("",) if blank else ())
    shown = ", ".join(f"“{v}”" for v in values)
    return Rule(Literal[values], f"one of {shown}", required, "text")


def record_id(required: bool = True) -> Rule:
    """The id of a desk record."""
    return Rule(
        Annotated[str, StringConstraints(pattern=ID_PATTERN)],
        "a record id (1 to 36 letters, digits, “-”, “_”, “.” or “:”)",
        required,
        "text",
    )


def json_list(item: Any, most: int, words: str) -> Rule:
    """A JSON list of at most ``most`` items of type ``item``."""
    return Rule(Annotated[list[item], Field(max_length=most)], words, False, "json")


def json_object(words: str) -> Rule:
    """A JSON object (its values are checked for what cannot be stored)."""
    return Rule(dict[str, Any], words, False, "json")
