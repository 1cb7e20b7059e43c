"""The scheme's rates in the console: the tables in force and before, and a new effective-dated table
entered by a national administrator (server.centre.scheme_rates; it reaches every desk on its next sync)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.cost_of_visits.rate_tables import ENTRIES, FIELDS, LABELS, THRESHOLD_FIELDS
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.kinds import Nation
from visitorcentre.server.centre import scheme_rates
from visitorcentre.server.console.accounts import NATIONAL_ADMIN, Staff
from visitorcentre.server.console.centre_scope import typed_in
from visitorcentre.server.console.forms import read_date
from visitorcentre.server.console.web import Reader, Writer, invalid, now, redirect, render, require

router = APIRouter()
PAGE = "/claim-settings/scheme-rates"
TEMPLATE = "claims/scheme_rates.html"
#: Each field's column in the table of rate tables (short: the form has the full labels).
HEADERS = {
    "mileage_pence": "Mileage (p a mile)",
    "refreshments_over_5_hours_pence": "Refreshments over 5 hours (p)",
    "refreshments_over_10_hours_pence": "Refreshments over 10 hours (p)",
    "car_hire_per_day_pence": "Car hire a day, most (p)",
    "universal_credit_income_limit_pence": "Universal Credit income a month, most (p)",
    "manual_check_total_pence": "Total needing a person, over (p)",
    "claims_a_year": "Claims in 12 months, most",
    "claims_a_month": "Claims in a month, most",
    "most_miles": "Miles without a check, most",
}
NATIONS = [(str(n), str(n).capitalize()) for n in Nation]


def _context(db, request: Request) -> dict:
    """What the page shows besides the form: every table, each marked in force, to come or past."""
    today = now(request).date()
    rows = []
    seen: set[str] = set()
    for table in scheme_rates.tables(db):  # newest first within each nation
        if table.effective_from > today:
            state = "To come"
        elif table.nation not in seen:
            state = "In force"
            seen.add(table.nation)
        else:
            state = "Past"
        rows.append({"table": table, "state": state})
    return {
        "tables": rows,
        "nations": NATIONS,
        "labels": LABELS,
        "entries": ENTRIES,
        "headers": HEADERS,
        "rate_fields": [name for name in FIELDS.values() if name not in THRESHOLD_FIELDS],
        "threshold_fields": list(THRESHOLD_FIELDS),
    }


@router.get(PAGE)
def rates_page(request: Request, db: Reader, staff: Staff = Depends(require(NATIONAL_ADMIN))) -> Response:
    # the thresholds rarely change: the form starts with the scheme's standing ones
    standing = {name: str(value) for name, value in THRESHOLD_FIELDS.items()}
    return render(request, TEMPLATE, values=standing, **_context(db, request))


@router.post(PAGE)
async def enter_rates(request: Request, db: Writer, staff: Staff = Depends(require(NATIONAL_ADMIN))) -> Response:
    values = await typed_in(request)
    try:
        day = read_date(values, "effective_from", "The date the rates come into force", required=True)
        table = scheme_rates.enter(
            db, actor=staff.name, nation=values.get("nation", ""), effective_from=day, typed=values, now=now(request)
        )
    except InvalidInput as error:
        return invalid(request, TEMPLATE, error, values=values, **_context(db, request))
    return redirect(
        request,
        PAGE,
        f"Rates for prisons in {table.nation.capitalize()} from {table.effective_from:%-d %B %Y} saved. "
        "Desks receive them on their next sync.",
    )
