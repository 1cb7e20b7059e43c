"""The scheme's rates: a table of (rate, nation, effective-from, pence) rows, read from a data file.

Rates change often, so none lives in code. The table also holds the scheme's thresholds (the
Universal Credit income limit, the total above which a person checks a claim, the claims a year
and a month, the most miles paid without a check): a "rate" whose value is pence, claims or miles.
The rate that applies is the one in force on the visit date for the nation of the prison visited.
Reading the file is the caller's job (``visitorcentre.config.scheme_rates``);
this module only checks and answers from its contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.kinds import Nation
from visitorcentre.core.words import said

MILEAGE = "mileage"
REFRESHMENTS_OVER_5_HOURS = "refreshments_over_5_hours"
REFRESHMENTS_OVER_10_HOURS = "refreshments_over_10_hours"
CAR_HIRE_PER_DAY = "car_hire_per_day"
UNIVERSAL_CREDIT_INCOME_LIMIT = "universal_credit_income_limit"  # pence a month, inclusive
MANUAL_CHECK_TOTAL = "manual_check_total"  # pence: a total above it needs a person
CLAIMS_A_YEAR = "claims_a_year"  # claims in any 12 months
CLAIMS_A_MONTH = "claims_a_month"  # claims for visits in one month
MOST_MILES = "most_miles"  # miles (there and back) paid without a manual check
THRESHOLD_NAMES = (UNIVERSAL_CREDIT_INCOME_LIMIT, MANUAL_CHECK_TOTAL, CLAIMS_A_YEAR, CLAIMS_A_MONTH, MOST_MILES)
RATE_NAMES = (MILEAGE, REFRESHMENTS_OVER_5_HOURS, REFRESHMENTS_OVER_10_HOURS, CAR_HIRE_PER_DAY, *THRESHOLD_NAMES)


@dataclass(frozen=True)
class Thresholds:
    """The scheme's limits in force for one nation on one day. The defaults are the scheme's standing
    values: a table entered before thresholds were part of it (or one without them) keeps these."""

    universal_credit_income_limit_pence: int = 125_000
    manual_check_total_pence: int = 25_000
    claims_a_year: int = 26
    claims_a_month: int = 4
    most_miles: int = 1_500

    @property
    def manual_check_total_words(self) -> str:
        """The total as the notes write it: £250, or £250.50 when not whole pounds."""
        pence = self.manual_check_total_pence
        return f"£{pence // 100:,}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"


#: Each threshold's attribute of ``Thresholds``.
THRESHOLD_ATTRIBUTES = {
    UNIVERSAL_CREDIT_INCOME_LIMIT: "universal_credit_income_limit_pence",
    MANUAL_CHECK_TOTAL: "manual_check_total_pence",
    CLAIMS_A_YEAR: "claims_a_year",
    CLAIMS_A_MONTH: "claims_a_month",
    MOST_MILES: "most_miles",
}


@dataclass(frozen=True)
class Rate:
    rate: str
    nation: str
    pence: int
    effective_from: date


class RateTable:
    """Every rate the scheme has had, newest last within each (rate, nation)."""

    def __init__(self, rates: list[Rate]):
        self._rates: dict[tuple[str, str], list[Rate]] = {}
        for rate in sorted(rates, key=lambda r: r.effective_from):
            self._rates.setdefault((rate.rate, rate.nation), []).append(rate)

    @classmethod
    def from_json(cls, data: dict) -> RateTable:
        """The table from the data file's parsed JSON; refuses a row it cannot use."""
        rows = data.get("rates") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise InvalidInput(said("The rate table has no list of rates."), "rates")
        rates = []
        for number, row in enumerate(rows):
            try:
                value = row["pence"] if "pence" in row else row["value"]  # a threshold's count or miles: "value"
                rate = Rate(str(row["rate"]), str(row["nation"]), value, date.fromisoformat(row["effective_from"]))
            except (KeyError, TypeError, ValueError) as error:
                raise InvalidInput(
                    said("Rate {number} in the rate table is unreadable ({error}).", number=number + 1, error=error),
                    "rates",
                ) from None
            if (
                rate.rate not in RATE_NAMES
                or rate.nation not in set(Nation)
                or not isinstance(rate.pence, int)
                or isinstance(rate.pence, bool)
                or rate.pence < 0
            ):
                raise InvalidInput(
                    said("Rate {number} in the rate table is not a known rate in whole pence.", number=number + 1),
                    "rates",
                )
            rates.append(rate)
        return cls(rates)

    def rates(self) -> list[Rate]:
        """Every rate in the table (oldest first within each rate and nation)."""
        return [rate for rows in self._rates.values() for rate in rows]

    def in_force(self, rate: str, nation: str, on: date) -> Rate:
        """The rate in force on ``on`` for a prison in ``nation``."""
        chosen = None
        for candidate in self._rates.get((rate, nation), []):
            if candidate.effective_from <= on:
                chosen = candidate
        if chosen is None:
            raise InvalidInput(
                said(
                    "There is no {rate} rate for {nation} on {day}.", rate=rate.replace("_", " "), nation=nation, day=on
                ),
                "visit_date",
            )
        return chosen

    def pence(self, rate: str, nation: str, on: date) -> int:
        return self.in_force(rate, nation, on).pence

    def thresholds(self, nation: str, on: date) -> Thresholds:
        """The thresholds in force on ``on`` for a prison in ``nation`` (each the scheme's standing value
        while the table has none for it)."""
        found = {}
        for name, attribute in THRESHOLD_ATTRIBUTES.items():
            chosen = None
            for candidate in self._rates.get((name, nation), []):
                if candidate.effective_from <= on:
                    chosen = candidate
            if chosen is not None:
                found[attribute] = chosen.pence
        return Thresholds(**found)
