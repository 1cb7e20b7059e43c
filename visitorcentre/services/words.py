"""The pieces a desk service's messages are made of, in the desk's language (visitorcentre.i18n).

A service's refusal is read by the worker at this desk (a message next to the field, or the
command line), so it is written with ``_("… {name} …").format(...)`` in the desk's language.
What goes into a sentence — a visit's status, a day, a time — comes from here, so it is in
the same language: English exactly as before, other languages as Babel writes them.
"""

from __future__ import annotations

from datetime import date, datetime, time

from visitorcentre import i18n
from visitorcentre.core.kinds import PERSON_OUTCOME_LABELS, VISIT_STATUS_LABELS


def _english() -> bool:
    return i18n.current_language() == i18n.SOURCE


def _babel(day: date, pattern: str) -> str:
    from babel.dates import format_date

    return format_date(day, format=pattern, locale=i18n.babel_locale())


def label_words(value: str, labels: dict[str, str]) -> str:
    """A coded value inside a sentence: "checked_in" as "checked in", or its label in the desk's language."""
    if _english():
        return value.replace("_", " ")
    return i18n._(labels.get(value, value.replace("_", " "))).lower()


def status_words(status: str) -> str:
    """A visit's status inside a sentence: "checked in", "in hall"."""
    return label_words(status, VISIT_STATUS_LABELS)


def outcome_words(outcome: str) -> str:
    """A person's outcome inside a sentence: "refused", "checked in"."""
    return label_words(outcome, PERSON_OUTCOME_LABELS)


def weekday_words(day: date) -> str:
    """ "Thursday 03 December"."""
    return f"{day:%A %d %B}" if _english() else _babel(day, "EEEE d MMMM")


def day_month(day: date) -> str:
    """ "03 December"."""
    return f"{day:%d %B}" if _english() else _babel(day, "d MMMM")


def full_date(day: date) -> str:
    """ "03 December 2026"."""
    return f"{day:%d %B %Y}" if _english() else i18n.long_date(day)


def clock(moment: datetime | time) -> str:
    """ "14:30" (every language here writes the time of day so)."""
    return f"{moment:%H:%M}"


def weekday_full(day: date) -> str:
    """ "Thursday 03 December 2026"."""
    return f"{day:%A %d %B %Y}" if _english() else i18n.weekday_date(day)
