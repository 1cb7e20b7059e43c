"""The prisoner pages: find (by name or prison number), view, add and edit.

Reads come from the typed copies (``server.centre.prisoners_find``); every change is a centre
service (``server.centre.prisoners``) in the page's one transaction. A prisoner outside the
user's establishments is answered with the 404 page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.kinds import RESTRICTION_KIND_LABELS
from visitorcentre.server.centre import prisoners, prisoners_find, restrictions
from visitorcentre.server.console.accounts import ADMINS, Staff
from visitorcentre.server.console.forms import read_date
from visitorcentre.server.console.prisoner_forms import (
    READERS,
    STATUS_CHOICES,
    Changing,
    Reading,
    date_values,
    establishments,
    scope_of,
)
from visitorcentre.server.console.web import NavItem, Reader, Writer, invalid, now, redirect, render

router = APIRouter()
NAVIGATION = [NavItem("Prisoners", "/prisoners", READERS)]
FORM = "prisoners/form.html"


@router.get("/prisoners")
def find_page(
    request: Request,
    staff: Reading,
    session: Reader,
    q: str = Query("", max_length=100),
    page: int = Query(1, ge=1, le=100_000),
) -> Response:
    found = prisoners_find.find(session, scope_of(staff), q, page)

    def link(number: int) -> str:
        return f"{request.url.path}?{urlencode({'q': q, 'page': number})}"

    return render(
        request,
        "prisoners/find.html",
        query=q,
        found=found,
        previous_href=link(found.page - 1) if found.page > 1 else None,
        next_href=link(found.page + 1) if found.page < found.pages else None,
        may_change=staff.role in ADMINS,
    )


@router.get("/prisoners/add")
def add_page(request: Request, session: Reader, staff: Changing) -> Response:
    return _form(request, session, staff, values={})


def _form(request: Request, session, staff: Staff, values: dict, record: dict | None = None, error=None) -> Response:
    context: dict[str, Any] = {
        "record": record,
        "values": values,
        "statuses": STATUS_CHOICES,
        "establishments": establishments(session, staff),
    }
    if error is not None:
        return invalid(request, FORM, error, **context)
    return render(request, FORM, **context)


@router.post("/prisoners/add")
def add(
    request: Request,
    staff: Changing,
    session: Writer,
    establishment: str = Form(""),
    prison_number: str = Form(""),
    first_name: str = Form(""),
    last_name: str = Form(""),
    day: str = Form("", alias="date_of_birth-day"),
    month: str = Form("", alias="date_of_birth-month"),
    year: str = Form("", alias="date_of_birth-year"),
    location: str = Form(""),
    status: str = Form(""),
) -> Response:
    values = {
        "establishment": establishment,
        "prison_number": prison_number,
        "first_name": first_name,
        "last_name": last_name,
        "date_of_birth-day": day,
        "date_of_birth-month": month,
        "date_of_birth-year": year,
        "location": location,
        "status": status,
    }
    try:
        born = read_date(values, "date_of_birth", "Date of birth", required=True)
        details = prisoners.PrisonerDetails(first_name, last_name, born, location, status)
        row_id = prisoners.add(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            establishment=establishment,
            number=prison_number,
            details=details,
        )
    except VisitorCentreError as error:
        return _form(request, session, staff, values, error=error)
    return redirect(request, f"/prisoners/{row_id}", f"{first_name.strip()} {last_name.strip()} was added.")


@router.get("/prisoners/{prisoner_id}")
def view(request: Request, prisoner_id: str, session: Reader, staff: Reading) -> Response:
    moment = now(request)
    shown = prisoners_find.profile(session, scope_of(staff), prisoner_id[:64], moment.date())
    return render(
        request,
        "prisoners/view.html",
        prisoner=shown.record,
        restrictions=[(r, restrictions.in_force(r, moment.date())) for r in shown.restrictions],
        visitors=shown.visitors,
        visits=shown.visits,
        kinds=RESTRICTION_KIND_LABELS,
        may_change=staff.role in ADMINS,
    )


@router.get("/prisoners/{prisoner_id}/edit")
def edit_page(request: Request, prisoner_id: str, session: Reader, staff: Changing) -> Response:
    record = prisoners_find.profile(session, scope_of(staff), prisoner_id[:64], now(request).date()).record
    values = {key: str(record.get(key) or "") for key in ("first_name", "last_name", "location", "status")}
    values |= date_values("date_of_birth", record.get("date_of_birth")) | {"version": str(record["version"])}
    return _form(request, session, staff, values, record=record)


@router.post("/prisoners/{prisoner_id}/edit")
def edit(
    request: Request,
    staff: Changing,
    prisoner_id: str,
    session: Writer,
    first_name: str = Form(""),
    last_name: str = Form(""),
    day: str = Form("", alias="date_of_birth-day"),
    month: str = Form("", alias="date_of_birth-month"),
    year: str = Form("", alias="date_of_birth-year"),
    location: str = Form(""),
    status: str = Form(""),
    version: int = Form(0),
) -> Response:
    record = prisoners_find.profile(session, scope_of(staff), prisoner_id[:64], now(request).date()).record
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "date_of_birth-day": day,
        "date_of_birth-month": month,
        "date_of_birth-year": year,
        "location": location,
        "status": status,
        "version": str(version),
    }
    try:
        born = read_date(values, "date_of_birth", "Date of birth", required=True)
        prisoners.edit(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            prisoner_id=record["id"],
            details=prisoners.PrisonerDetails(first_name, last_name, born, location, status),
            version=version,
        )
    except VisitorCentreError as error:
        return _form(request, session, staff, values, record=record, error=error)
    return redirect(request, f"/prisoners/{record['id']}", "The prisoner's details were saved.")
