"""Ages on a given day, as the law counts them."""

from __future__ import annotations

from datetime import date


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years on ``day``; someone born on 29 February has a birthday on 1 March in other years."""
    years = day.year - date_of_birth.year
    birthday_month, birthday_day = date_of_birth.month, date_of_birth.day
    if (birthday_month, birthday_day) == (2, 29) and not _is_leap(day.year):
        birthday_month, birthday_day = 3, 1
    if (day.month, day.day) < (birthday_month, birthday_day):
        years -= 1
    return years


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
