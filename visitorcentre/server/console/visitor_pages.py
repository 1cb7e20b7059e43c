"""Visitors and bans: find a visitor across the establishments the person looks after, see their record,
ban them (at every establishment: national administrators only) and lift a ban with a reason.

Which visitors a person finds is decided by ``server.centre.visitors`` (the establishments whose
desks hold the visitor's details). These pages show a family's personal details, so only the
administrators use them (analysts work from reports, caseworkers from claims).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, VisitorCentreError
from visitorcentre.core.kinds import BanScope
from visitorcentre.server.centre import bans, visitors
from visitorcentre.server.centre.timetable_input import read_date
from visitorcentre.server.console.accounts import ADMINS, Staff
from visitorcentre.server.console.timetable_pages import (
    date_values,
    establishments,
    invalid,
    reach,
    today,
    typed_date,
)
from visitorcentre.server.console.web import NavItem, Reader, Writer, now, redirect, render, require

router = APIRouter()
NAVIGATION = [NavItem("Visitors", "/visitors", ADMINS)]
SCOPES = [
    (BanScope.ESTABLISHMENT.value, "One establishment"),
    (BanScope.PRISONER.value, "Visits to one prisoner"),
    (BanScope.ALL.value, "Every establishment (national administrators only)"),
]


@router.get("/visitors")
def find(
    request: Request,
    db: Reader,
    name: str = "",
    page: int = 1,
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    params = request.query_params
    values = {"name": name} | {f"born-{part}": params.get(f"born-{part}", "") for part in ("day", "month", "year")}
    if "name" not in params:
        return render(request, "visitors/find.html", values=values, found=None)
    try:
        born = read_date(
            typed_date(values["born-day"], values["born-month"], values["born-year"]),
            "born",
            "date of birth",
            required=False,
        )
        found, more = visitors.find(db, reach(staff), name, born, page)
    except InvalidInput as error:
        return invalid(request, "visitors/find.html", error, values=values, found=None)
    query = "&".join(f"{k}={v}" for k, v in values.items() if v)
    return render(
        request,
        "visitors/find.html",
        values=values,
        found=found,
        previous_href=f"?{query}&page={page - 1}" if page > 1 else None,
        next_href=f"?{query}&page={page + 1}" if more else None,
    )


def long_date(value: object) -> str:
    """ "3 Feb 1970" for an ISO date ("" for none)."""
    try:
        day = date.fromisoformat(str(value)) if value else None
    except ValueError:
        return str(value)
    return f"{day.day} {day:%b %Y}" if day else ""


@router.get("/visitors/{visitor_id}")
def visitor(request: Request, visitor_id: str, db: Reader, staff: Staff = Depends(require(*ADMINS))) -> Response:
    seen = visitors.record(db, reach(staff), visitor_id)
    return render(
        request,
        "visitors/visitor.html",
        seen=seen,
        today_date=today(request),
        may_change=staff.role in ADMINS,
        everywhere=staff.establishments is None,
        long_date=long_date,
    )


def _ban_page(request: Request, db: Session, staff: Staff, visitor_id: str, **context) -> Response:
    details = visitors.visible(db, reach(staff), visitor_id)
    template = "visitors/ban.html"
    scopes = SCOPES if staff.establishments is None else SCOPES[:2]
    page: dict[str, Any] = {"details": details, "scopes": scopes, "establishments": establishments(db, staff)}
    if "error" in context:
        return invalid(request, template, context.pop("error"), **page, **context)
    return render(request, template, **page, **context)


@router.get("/visitors/{visitor_id}/bans/new")
def ban_form(request: Request, visitor_id: str, db: Reader, staff: Staff = Depends(require(*ADMINS))) -> Response:
    values = {"scope": BanScope.ESTABLISHMENT.value} | date_values("starts_on", today(request))
    return _ban_page(request, db, staff, visitor_id, values=values)


@router.post("/visitors/{visitor_id}/bans/new")
def add_ban(
    request: Request,
    visitor_id: str,
    db: Writer,
    scope: Annotated[str, Form()] = "",
    establishment: Annotated[str, Form()] = "",
    prison_number: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    from_day: Annotated[str, Form(alias="starts_on-day")] = "",
    from_month: Annotated[str, Form(alias="starts_on-month")] = "",
    from_year: Annotated[str, Form(alias="starts_on-year")] = "",
    until_day: Annotated[str, Form(alias="ends_on-day")] = "",
    until_month: Annotated[str, Form(alias="ends_on-month")] = "",
    until_year: Annotated[str, Form(alias="ends_on-year")] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    values = {"scope": scope, "establishment": establishment, "prison_number": prison_number, "reason": reason}
    values |= {"starts_on-day": from_day, "starts_on-month": from_month, "starts_on-year": from_year}
    values |= {"ends_on-day": until_day, "ends_on-month": until_month, "ends_on-year": until_year}
    try:
        bans.add_ban(
            db,
            reach(staff),
            visitor_id,
            scope=scope,
            establishment=establishment,
            prison_number=prison_number,
            reason=reason,
            starts_on=typed_date(from_day, from_month, from_year),
            ends_on=typed_date(until_day, until_month, until_year),
            now=now(request),
        )
    except VisitorCentreError as error:
        return _ban_page(request, db, staff, visitor_id, values=values, error=error)
    return redirect(
        request, f"/visitors/{visitor_id}", flash="The ban is added. Desks will have it at their next sync."
    )


_LIFT: dict[str, Any] = {
    "heading": "Lift the ban",
    "hint": "Say why the ban is lifted. This goes in the audit log.",
    "button": "Lift the ban",
}


@router.get("/visitors/{visitor_id}/bans/{ban_id}/lift")
def lift_form(
    request: Request, visitor_id: str, ban_id: str, db: Reader, staff: Staff = Depends(require(*ADMINS))
) -> Response:
    details = visitors.visible(db, reach(staff), visitor_id)
    return render(request, "visitors/lift.html", details=details, **_LIFT)


@router.post("/visitors/{visitor_id}/bans/{ban_id}/lift")
def lift(
    request: Request,
    visitor_id: str,
    ban_id: str,
    db: Writer,
    reason: Annotated[str, Form()] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    details = visitors.visible(db, reach(staff), visitor_id)
    try:
        bans.lift_ban(db, reach(staff), ban_id, reason, today(request), now(request))
    except VisitorCentreError as error:
        return invalid(request, "visitors/lift.html", error, details=details, values={"reason": reason}, **_LIFT)
    return redirect(
        request, f"/visitors/{visitor_id}", flash="The ban is lifted. Desks will have it at their next sync."
    )
