"""The centre works a claim's amounts out again with the rates it holds in force on the visit's date for the
prison's nation, and says whether they differ from the desk's quote (a desk that had not yet received a new
rate table, say). Pure: the claim is its stored record, the rates a ``RateTable``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from visitorcentre.core.cost_of_visits.rates import RateTable
from visitorcentre.core.cost_of_visits.rules import quote
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Child, Claimant, Expense, Quote
from visitorcentre.core.errors import InvalidInput

_EXPENSE_FIELDS = frozenset(Expense.__dataclass_fields__)


@dataclass(frozen=True)
class Recheck:
    """The centre's figures beside the desk's: ``quote`` is None when the record cannot be worked out."""

    desk_total_pence: int
    quote: Quote | None
    problem: str = ""

    @property
    def total_pence(self) -> int | None:
        return None if self.quote is None else self.quote.total_pence

    @property
    def differs(self) -> bool:
        return self.quote is not None and self.quote.total_pence != self.desk_total_pence


def _day(value: Any) -> date:
    return date.fromisoformat(str(value)[:10])


def _expense(data: Mapping[str, Any]) -> Expense:
    fields = {k: v for k, v in data.items() if k in _EXPENSE_FIELDS}
    if fields.get("miles_one_way") is not None:
        fields["miles_one_way"] = Decimal(str(fields["miles_one_way"]))
    return Expense(**fields)


def form_of(record: Mapping[str, Any]) -> ApplicationForm:
    """The application form a stored ``cost_application`` record was quoted from (KeyError, ValueError,
    TypeError or InvalidOperation for a record that does not hold one)."""
    return ApplicationForm(
        prison_nation=str(record["prison_nation"]),
        visit_date=_day(record["visit_date"]),
        application_date=_day(record["application_date"]),
        claimant=Claimant(
            _day(record["claimant_date_of_birth"]),
            str(record["relationship"]),
            str(record["benefit"]),
            record.get("monthly_household_income_pence"),
            bool(record.get("medical_condition")),
        ),
        children=tuple(
            Child(_day(c["date_of_birth"]), str(c.get("child_of") or "prisoner")) for c in record.get("children") or []
        ),
        escort=bool(record.get("escort")),
        claims_in_last_12_months=int(record.get("claims_in_last_12_months") or 0),
        hours_away_from_home=Decimal(str(record.get("hours_away_from_home") or 0)),
        expenses=tuple(_expense(e) for e in record.get("expenses") or []),
        visit_confirmation=bool(record.get("visit_confirmation")),
    )


def recheck(record: Mapping[str, Any], rates: RateTable) -> Recheck:
    """The claim's quote worked out again with ``rates``, beside the total the desk quoted."""
    desk_total = int(record.get("total_pence") or 0)
    try:
        return Recheck(desk_total, quote(form_of(record), rates))
    except InvalidInput as error:
        return Recheck(desk_total, None, error.message)
    except (KeyError, ValueError, TypeError, InvalidOperation):
        return Recheck(desk_total, None, "The claim's answers cannot be read to work its amounts out again.")
