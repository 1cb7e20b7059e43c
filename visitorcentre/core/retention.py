"""How long the desk keeps personal data, and what is past that time (pure: dates in, decisions out).

The periods come from the desk's settings (see ``settings.RETENTION_*``); the defaults follow
Prison Rules (Scotland) 2011 rule 105 for photographs and ID, and the cost-of-visits scheme for
applications (see README, "Keeping personal data"). Anonymising keeps what the reports count —
who came when, children and adults, outcomes, amounts — and removes who they were.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

#: What an anonymised visitor is called wherever a name is shown.
REMOVED_FIRST_NAME = "Name"
REMOVED_LAST_NAME = "removed"


@dataclass(frozen=True)
class RetentionPolicy:
    """How many months each kind of personal data is kept (see settings for the defaults)."""

    visitor_months: int = 24  # a visitor's details, after their last visit (or registration)
    photo_id_months: int = 6  # photo consent and ID seen, after their last visit
    application_months: int = 13  # cost-of-visits applications and receipts, after the visit date
    feedback_months: int = 12  # feedback comments and names, after the day it was given

    def __post_init__(self) -> None:
        for name in ("visitor_months", "photo_id_months", "application_months", "feedback_months"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1 or value > 1200:
                raise ValueError(f"{name} must be a whole number of months from 1 to 1200, not {value!r}")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + (day.month - 1) - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class CutOffs:
    """The dates before which each kind of data is past retention, for one ``today``."""

    visitor: date
    photo_id: date
    application: date
    feedback: date


def cut_offs(policy: RetentionPolicy, today: date) -> CutOffs:
    """Data last used before these dates is past retention."""
    return CutOffs(
        visitor=months_before(today, policy.visitor_months),
        photo_id=months_before(today, policy.photo_id_months),
        application=months_before(today, policy.application_months),
        feedback=months_before(today, policy.feedback_months),
    )


def visitor_past_retention(last_visit: date | None, registered: date, cut_off: date) -> bool:
    """A visitor's details are past retention when their last visit (or, with none, their registration) is before
    ``cut_off``."""
    return (last_visit or registered) < cut_off


def application_past_retention(visit_date: date, cut_off: date) -> bool:
    """An application is past retention when its visit date is before ``cut_off``."""
    return visit_date < cut_off


def feedback_past_retention(given_on: date, cut_off: date) -> bool:
    return given_on < cut_off


def report_age(date_of_birth: date, day: date) -> int:
    """Completed years on ``day`` exactly as the reports count them (month-day compared as text)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def generalised_birth_date(date_of_birth: date, visits: list[tuple[date, int]]) -> date:
    """The birth date kept for an anonymised visitor: the birth month, on the earliest day that counts the same.

    ``visits`` are (session date, the establishment's adult age) of every visit they were on.
    The first of the month is used unless that would make them an adult on a visit where they
    were counted as a child; then the earliest day that counts every visit the same (at worst
    the real day). The reports' child and adult figures therefore never change.
    """

    def same_counts(candidate: date) -> bool:
        return all(
            (report_age(candidate, day) < adult_age) == (report_age(date_of_birth, day) < adult_age)
            for day, adult_age in visits
        )

    for day in range(1, date_of_birth.day):
        candidate = date_of_birth.replace(day=day)
        if same_counts(candidate):
            return candidate
    return date_of_birth


def birth_year_only(date_of_birth: date) -> date:
    """A date of birth nobody needs exactly any more (e.g. a claimant's): 1 January of its year."""
    return date(date_of_birth.year, 1, 1)


def plain_support_needs(needs: list, known_codes) -> list:
    """A visit's support needs with the family's own words replaced by "other" (the report counts only that there
    were some)."""
    return [need if need in known_codes else "other" for need in needs or []]
