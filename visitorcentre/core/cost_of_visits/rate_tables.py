"""The scheme's rates as the centre enters them: one table per nation and effective-from date.

The central team enters a whole table at a time (mileage, the two refreshment rates, the car hire
limit, and the scheme's thresholds: the Universal Credit income limit, the total that needs a
person, the claims a year and a month, the most miles) for the prisons of one nation, in force
from a date; it reaches every desk as a
``scheme_rates`` record. ``rate_table`` turns those records into the ``RateTable`` the rules
use; ``tables_in`` does the reverse for the data file that seeds a new server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from visitorcentre.core.cost_of_visits import rates as r
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.kinds import Nation

#: Each rate's field in a ``scheme_rates`` record, and its label on the console's form.
FIELDS: dict[str, str] = {
    r.MILEAGE: "mileage_pence",
    r.REFRESHMENTS_OVER_5_HOURS: "refreshments_over_5_hours_pence",
    r.REFRESHMENTS_OVER_10_HOURS: "refreshments_over_10_hours_pence",
    r.CAR_HIRE_PER_DAY: "car_hire_per_day_pence",
    r.UNIVERSAL_CREDIT_INCOME_LIMIT: "universal_credit_income_limit_pence",
    r.MANUAL_CHECK_TOTAL: "manual_check_total_pence",
    r.CLAIMS_A_YEAR: "claims_a_year",
    r.CLAIMS_A_MONTH: "claims_a_month",
    r.MOST_MILES: "most_miles",
}
#: The thresholds' fields (each with its standing value for a record entered before they were part of it).
THRESHOLD_FIELDS: dict[str, int] = {
    FIELDS[name]: getattr(r.Thresholds(), attribute) for name, attribute in r.THRESHOLD_ATTRIBUTES.items()
}
MOST_PENCE = 100_000  # £1,000: no rate of the scheme comes near it; a typo in pounds-and-pence would


@dataclass(frozen=True)
class Entry:
    """How a field is typed on the console: its label, its unit, an example, its range, and any extra hint."""

    label: str
    unit: str  # pence, claims or miles
    example: int
    least: int
    most: int
    aside: str = ""  # e.g. "for £250"

    @property
    def hint(self) -> str:
        whole = "A whole number" if self.unit == "claims" else f"Whole {self.unit}"
        return f"{whole}, for example {self.example}{' ' + self.aside if self.aside else ''}"


ENTRIES: dict[str, Entry] = {
    "mileage_pence": Entry("Car or motorcycle, pence per mile", "pence", 30, 0, MOST_PENCE),
    "refreshments_over_5_hours_pence": Entry(
        "Refreshments per person, away more than 5 hours (pence)", "pence", 450, 0, MOST_PENCE
    ),
    "refreshments_over_10_hours_pence": Entry(
        "Refreshments per person, away more than 10 hours (pence)", "pence", 510, 0, MOST_PENCE
    ),
    "car_hire_per_day_pence": Entry("Car hire, most per day (pence)", "pence", 4000, 0, MOST_PENCE),
    "universal_credit_income_limit_pence": Entry(
        "Universal Credit, most monthly household income (pence)", "pence", 125000, 0, 10 * MOST_PENCE, "for £1,250"
    ),
    "manual_check_total_pence": Entry(
        "A total above this needs a person and is never approved automatically (pence)",
        "pence",
        25000,
        0,
        10 * MOST_PENCE,
        "for £250",
    ),
    "claims_a_year": Entry("Claims paid in any 12 months, most", "claims", 26, 1, 366),
    "claims_a_month": Entry("Claims paid for visits in one month, most", "claims", 4, 1, 31),
    "most_miles": Entry(
        "Car or motorcycle, most miles there and back paid without a manual check", "miles", 1500, 1, 100_000
    ),
}
LABELS: dict[str, str] = {name: entry.label for name, entry in ENTRIES.items()}
NATIONAL_ESTABLISHMENT = "NATIONAL"  # the establishment a national record names (it reaches every desk)


@dataclass(frozen=True)
class SchemeRates:
    nation: str
    effective_from: date
    pence: Mapping[str, int]  # FIELDS' values -> pence

    def row_id(self) -> str:
        return f"scheme-rates-{self.nation}-{self.effective_from.isoformat()}"

    def fields(self) -> dict[str, Any]:
        return {
            "establishment": NATIONAL_ESTABLISHMENT,
            "nation": self.nation,
            "effective_from": self.effective_from.isoformat(),
            **{name: self.value(name) for name in FIELDS.values()},
        }

    def value(self, name: str) -> int:
        """A field's value; a threshold the table was entered without is the scheme's standing value."""
        return int(self.pence[name] if name in self.pence else THRESHOLD_FIELDS[name])


def rate_table(tables: Iterable[SchemeRates]) -> r.RateTable:
    """The rules' rate table from the centre's tables."""
    return r.RateTable(
        [
            r.Rate(rate, table.nation, table.value(name), table.effective_from)
            for table in tables
            for rate, name in FIELDS.items()
        ]
    )


def tables_in(table: r.RateTable) -> list[SchemeRates]:
    """One whole table per nation and date on which any of its rates changes (to seed a new server)."""
    found = []
    for nation in sorted({rate.nation for rate in table.rates()}):
        days = sorted({rate.effective_from for rate in table.rates() if rate.nation == nation})
        for day in days:
            try:
                pence = {
                    name: table.pence(rate, nation, day)
                    for rate, name in FIELDS.items()
                    if name not in THRESHOLD_FIELDS
                }
            except InvalidInput:
                continue  # not every rate was in force yet on that day
            limits = table.thresholds(nation, day)
            pence |= {FIELDS[t]: getattr(limits, attribute) for t, attribute in r.THRESHOLD_ATTRIBUTES.items()}
            found.append(SchemeRates(nation, day, pence))
    return found


def check_entered(nation: str, effective_from: date | None, typed: Mapping[str, str]) -> SchemeRates:
    """A table as typed on the console's form; InvalidInput naming the first field at fault."""
    if nation not in {str(n) for n in Nation}:
        raise InvalidInput("Choose the nation whose prisons the rates are for.", "nation")
    if effective_from is None:
        raise InvalidInput("Enter the date the rates come into force.", "effective_from")
    pence = {}
    for name, entry in ENTRIES.items():
        text = str(typed.get(name) or "").strip()
        what = entry.label[0].lower() + entry.label[1:]
        if not text:
            raise InvalidInput(f"Enter the {what}.", name)
        if not text.isdigit() or not text.isascii():
            raise InvalidInput(f"Enter the {what} as a whole number of {entry.unit}, like {entry.example}.", name)
        if int(text) > entry.most:
            raise InvalidInput(f"The {what} must be {entry.most} {entry.unit} or less.", name)
        if int(text) < entry.least:
            raise InvalidInput(f"The {what} must be {entry.least} {entry.unit} or more.", name)
        pence[name] = int(text)
    if pence["claims_a_month"] > pence["claims_a_year"]:
        raise InvalidInput("The claims in one month cannot be more than the claims in 12 months.", "claims_a_month")
    return SchemeRates(nation, effective_from, pence)


def from_record(payload: Mapping[str, Any]) -> SchemeRates:
    """A ``scheme_rates`` record (as synced) as a table."""
    return SchemeRates(
        str(payload["nation"]),
        date.fromisoformat(str(payload["effective_from"])[:10]),
        {name: int(payload[name] if name in payload else THRESHOLD_FIELDS[name]) for name in FIELDS.values()},
    )
