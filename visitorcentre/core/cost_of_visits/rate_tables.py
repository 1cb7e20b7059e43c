"""The scheme's rates as the centre enters them: one table per nation and effective-from date.

The central team enters a whole table at a time (mileage, the two refreshment rates, the car hire
limit) for the prisons of one nation, in force from a date; it reaches every desk as a
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
}
LABELS: dict[str, str] = {
    "mileage_pence": "Car or motorcycle, pence per mile",
    "refreshments_over_5_hours_pence": "Refreshments per person, away more than 5 hours (pence)",
    "refreshments_over_10_hours_pence": "Refreshments per person, away more than 10 hours (pence)",
    "car_hire_per_day_pence": "Car hire, most per day (pence)",
}
MOST_PENCE = 100_000  # £1,000: no rate of the scheme comes near it; a typo in pounds-and-pence would
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
            **{name: int(self.pence[name]) for name in FIELDS.values()},
        }


def rate_table(tables: Iterable[SchemeRates]) -> r.RateTable:
    """The rules' rate table from the centre's tables."""
    return r.RateTable(
        [
            r.Rate(rate, table.nation, int(table.pence[name]), table.effective_from)
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
                pence = {name: table.pence(rate, nation, day) for rate, name in FIELDS.items()}
            except InvalidInput:
                continue  # not every rate was in force yet on that day
            found.append(SchemeRates(nation, day, pence))
    return found


def check_entered(nation: str, effective_from: date | None, typed: Mapping[str, str]) -> SchemeRates:
    """A table as typed on the console's form; InvalidInput naming the first field at fault."""
    if nation not in {str(n) for n in Nation}:
        raise InvalidInput("Choose the nation whose prisons the rates are for.", "nation")
    if effective_from is None:
        raise InvalidInput("Enter the date the rates come into force.", "effective_from")
    pence = {}
    for name, label in LABELS.items():
        text = str(typed.get(name) or "").strip()
        what = label[0].lower() + label[1:]
        if not text:
            raise InvalidInput(f"Enter the {what}.", name)
        if not text.isdigit() or not text.isascii():
            raise InvalidInput(f"Enter the {what} as a whole number of pence, like 30.", name)
        if int(text) > MOST_PENCE:
            raise InvalidInput(f"The {what} must be {MOST_PENCE} pence or less.", name)
        pence[name] = int(text)
    return SchemeRates(nation, effective_from, pence)


def from_record(payload: Mapping[str, Any]) -> SchemeRates:
    """A ``scheme_rates`` record (as synced) as a table."""
    return SchemeRates(
        str(payload["nation"]),
        date.fromisoformat(str(payload["effective_from"])[:10]),
        {name: int(payload[name]) for name in FIELDS.values()},
    )
