"""Claims figures: travel-costs claims per establishment and month of the visit, at each status, with the
time to a decision and the amounts approved and paid, as a table, a chart and a CSV file
(``centre.claim_figures``). Everyone who reads figures or works on claims sees it, for the
establishments they may see."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.cost_of_visits.vocab import APPLICATION_STATUS_LABELS
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import establishments
from visitorcentre.server.centre.claim_figures import STATUSES, ClaimFigures, claim_figures
from visitorcentre.server.console.accounts import CASEWORKER, Staff
from visitorcentre.server.console.centre_scope import READERS, scope_of
from visitorcentre.server.console.figure_charts import bar_chart
from visitorcentre.server.console.forms import read_date
from visitorcentre.server.console.web import NavItem, Reader, Refused, invalid, now, render, require

router = APIRouter()
ROLES = (*READERS, CASEWORKER)
NAVIGATION = [NavItem("Claims figures", "/claim-figures", ROLES)]
Reading = Annotated[Staff, Depends(require(*ROLES))]
TEMPLATE = "claims/figures.html"
MOST_CHOSEN = 200
STATUS_WORDS = [(s, str(APPLICATION_STATUS_LABELS[s])) for s in STATUSES]


def _asked(request: Request) -> tuple[list[str], date, date]:
    """What the form asked for; by default the last twelve months, every establishment the person sees."""
    values = {k: v[:120] for k, v in request.query_params.items()}
    codes = [c[:8] for c in request.query_params.getlist("establishments")[:MOST_CHOSEN] if c.strip()]
    today = now(request).date()
    start = read_date(values, "start", "Start date") or date(today.year - 1, today.month, 1)
    end = read_date(values, "end", "End date") or max(today, start)
    return codes, start, end


def _read(request: Request, db, staff: Staff) -> tuple[list[str], ClaimFigures]:
    codes, start, end = _asked(request)
    return codes, claim_figures(db, scope_of(staff), codes, start, end)


def _query(codes: list[str], found: ClaimFigures) -> list[tuple[str, str]]:
    query = [("establishments", c) for c in codes]
    for name, day in (("start", found.start), ("end", found.end)):
        query += [(f"{name}-day", str(day.day)), (f"{name}-month", str(day.month)), (f"{name}-year", str(day.year))]
    return query


def _pounds(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


@router.get("/claim-figures")
def figures_page(request: Request, db: Reader, staff: Reading) -> Response:
    choices = [(e.code, f"{e.name} ({e.code})") for e in establishments.listed(db, scope_of(staff))]
    values: dict = {k: v[:120] for k, v in request.query_params.items()}
    values["establishments"] = request.query_params.getlist("establishments")[:MOST_CHOSEN]
    context: dict[str, Any] = {"choices": choices, "statuses": STATUS_WORDS, "pounds": _pounds}
    try:
        codes, found = _read(request, db, staff)
    except InvalidInput as error:
        return invalid(request, TEMPLATE, error, values=values, found=None, **context)
    query = _query(codes, found)
    if not any(k.endswith("-day") for k in values):
        values |= {k: v for k, v in query if k != "establishments"}
    chart = bar_chart(
        "approved",
        f"Pounds approved, visits {found.start:%-d %b %Y} to {found.end:%-d %b %Y}",
        [(found.names[c], line.approved_pence // 100) for c, line in found.each.items()],
    )
    return render(request, TEMPLATE, values=values, found=found, chart=chart, query=query, **context)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/claim-figures.csv")
def figures_csv(request: Request, db: Reader, staff: Reading) -> Response:
    try:
        _codes, found = _read(request, db, staff)
    except InvalidInput as error:
        raise Refused(400, error.message) from None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "establishment",
            "code",
            "month",
            "claims",
            *STATUSES,
            "decided",
            "average_days_to_decision",
            "approved_automatically",
            "approved_pence",
            "paid_pence",
        ]
    )
    for line in [*found.lines, found.total]:
        writer.writerow(
            [
                _cell(line.name),
                _cell(line.code),
                line.month.strftime("%Y-%m") if line.code else "",
                line.claims,
                *(line.by_status[s] for s in STATUSES),
                line.decided,
                line.average_days,
                line.automatic,
                line.approved_pence,
                line.paid_pence,
            ]
        )
    name = f"claims-figures-{found.start.isoformat()}-to-{found.end.isoformat()}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
