"""The visiting timetable's pages: the coming weeks of one establishment, and its weekly sessions.

Reading: administrators and analysts; changing: the administrators (an establishment
administrator only at their own establishments: the ``{code}`` in every path is checked by
``require``). The work is done by ``server.centre.timetable`` and friends.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import NotFound, VisitorCentreError
from visitorcentre.core.kinds import SESSION_KIND_LABELS
from visitorcentre.server.centre import timetable, timetable_reads
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable_input import WEEKDAYS, read_template
from visitorcentre.server.console import web
from visitorcentre.server.console.accounts import ADMINS, ANALYST, Staff
from visitorcentre.server.console.web import NavItem, Reader, Writer, now, redirect, render, require
from visitorcentre.server.models import Document

router = APIRouter()
READERS = (*ADMINS, ANALYST)
NAVIGATION = [NavItem("Timetable", "/timetable", READERS)]
KINDS = list(SESSION_KIND_LABELS.items())
DAYS = [(str(n), name) for n, name in enumerate(WEEKDAYS)]


def reach(staff: Staff) -> Reach:
    """What the signed-in person may act for, as the centre's services take it."""
    return Reach(staff.name, staff.establishments)


def today(request: Request) -> date:
    return now(request).date()


def invalid(request: Request, template: str, error: VisitorCentreError, **context: Any) -> Response:
    """The form again with the error (``web.invalid``); an error about no field of this form (the session
    has gone by, the day is already blocked) heads the summary without a link."""
    typed = context.get("values") or {}
    fields = {name.removesuffix("-day").removesuffix("-month").removesuffix("-year") for name in typed}
    if error.field not in fields:
        error.field = None
    return web.invalid(request, template, error, **context)


def typed_date(day: str, month: str, year: str) -> str:
    """The three boxes of a GOV.UK date input as one date to read ("" when all are empty)."""
    parts = [p.strip() for p in (day, month, year)]
    return "" if not any(parts) else "/".join(parts)


def date_values(name: str, value: date | None) -> dict[str, str]:
    if value is None:
        return {}
    return {f"{name}-day": str(value.day), f"{name}-month": str(value.month), f"{name}-year": str(value.year)}


def establishments(db: Session, staff: Staff) -> list[tuple[str, str]]:
    """The establishments the person looks after: (code, name), by name."""
    rows = db.execute(select(Document.establishment, Document.payload).where(Document.entity == "establishment"))
    found = [(code, str(p.get("name") or code)) for code, p in rows if staff.may_see(code)]
    return sorted(found, key=lambda item: item[1])


@router.get("/timetable")
def choose(request: Request, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    return render(request, "timetable/choose.html", establishments=establishments(db, staff))


@router.get("/establishments/{code}/timetable")
def weeks(
    request: Request, code: str, db: Reader, start: str = "", staff: Staff = Depends(require(*READERS))
) -> Response:
    try:
        first = date.fromisoformat(start) if start else today(request)
    except ValueError:
        first = today(request)
    shown = timetable_reads.coming_weeks(db, reach(staff), code, first)
    return render(
        request,
        "timetable/weeks.html",
        code=code,
        weeks=shown,
        templates=timetable.templates(db, reach(staff), code),
        weekdays=WEEKDAYS,
        kinds=SESSION_KIND_LABELS,
        may_change=staff.role in ADMINS,
        previous_start=(shown[0].starts_on - timedelta(weeks=len(shown))).isoformat(),
        next_start=(shown[0].starts_on + timedelta(weeks=len(shown))).isoformat(),
    )


@router.post("/establishments/{code}/timetable/make")
def make(request: Request, code: str, db: Writer, staff: Staff = Depends(require(*ADMINS))) -> Response:
    made = timetable.make_sessions(db, reach(staff), code, today(request), now(request))
    return _made(request, code, made, "The coming 8 weeks are made")


def _made(request: Request, code: str, made: timetable.Made, heading: str) -> Response:
    words = f"{made.created} new, {made.changed} changed, {made.closed} closed, {made.unchanged} already right"
    if not made.kept:
        return redirect(request, f"/establishments/{code}/timetable", flash=f"{heading}: {words}.")
    return render(request, "timetable/made.html", code=code, made=made, heading=heading, words=words)


@router.get("/establishments/{code}/timetable/weekly/new")
def new_weekly(request: Request, code: str, staff: Staff = Depends(require(*ADMINS))) -> Response:
    values = {"kind": "standard"} | date_values("valid_from", today(request))
    return render(request, "timetable/weekly.html", code=code, days=DAYS, kinds=KINDS, values=values, weekly=None)


def _weekly_form(
    weekday: Annotated[str, Form()] = "",
    starts_at: Annotated[str, Form()] = "",
    ends_at: Annotated[str, Form()] = "",
    room: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    capacity: Annotated[str, Form()] = "",
    from_day: Annotated[str, Form(alias="valid_from-day")] = "",
    from_month: Annotated[str, Form(alias="valid_from-month")] = "",
    from_year: Annotated[str, Form(alias="valid_from-year")] = "",
    until_day: Annotated[str, Form(alias="valid_until-day")] = "",
    until_month: Annotated[str, Form(alias="valid_until-month")] = "",
    until_year: Annotated[str, Form(alias="valid_until-year")] = "",
) -> dict[str, str]:
    return {
        "weekday": weekday,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "room": room,
        "kind": kind,
        "capacity": capacity,
        "valid_from-day": from_day,
        "valid_from-month": from_month,
        "valid_from-year": from_year,
        "valid_until-day": until_day,
        "valid_until-month": until_month,
        "valid_until-year": until_year,
    }


def _read(values: dict[str, str]):
    return read_template(
        values["weekday"],
        values["starts_at"],
        values["ends_at"],
        values["room"],
        values["kind"],
        values["capacity"],
        typed_date(values["valid_from-day"], values["valid_from-month"], values["valid_from-year"]),
        typed_date(values["valid_until-day"], values["valid_until-month"], values["valid_until-year"]),
    )


@router.post("/establishments/{code}/timetable/weekly/new")
def add_weekly(
    request: Request,
    code: str,
    db: Writer,
    values: dict[str, str] = Depends(_weekly_form),
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    try:
        added, made = timetable.add_template(db, reach(staff), code, _read(values), today(request), now(request))
    except VisitorCentreError as error:
        return invalid(
            request, "timetable/weekly.html", error, code=code, days=DAYS, kinds=KINDS, values=values, weekly=None
        )
    return _made(request, code, made, f"Added the weekly session: {timetable.describe(added)}")


@router.get("/establishments/{code}/timetable/weekly/{template_id}")
def edit_weekly(
    request: Request, code: str, template_id: str, db: Reader, staff: Staff = Depends(require(*ADMINS))
) -> Response:
    found = _own_template(db, staff, code, template_id)
    values = {
        "weekday": str(found.weekday),
        "starts_at": f"{found.starts_at:%H:%M}",
        "ends_at": f"{found.ends_at:%H:%M}",
        "room": found.room,
        "kind": found.kind,
        "capacity": str(found.capacity),
    }
    values |= date_values("valid_from", found.valid_from) | date_values("valid_until", found.valid_until)
    return render(request, "timetable/weekly.html", code=code, days=DAYS, kinds=KINDS, values=values, weekly=found)


def _own_template(db: Session, staff: Staff, code: str, template_id: str) -> timetable.SessionTemplate:
    found = timetable.template(db, reach(staff), template_id)
    if found.establishment != code:
        raise NotFound("There is no such weekly session.", "template")
    return found


@router.post("/establishments/{code}/timetable/weekly/{template_id}")
def change_weekly(
    request: Request,
    code: str,
    template_id: str,
    db: Writer,
    values: dict[str, str] = Depends(_weekly_form),
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    found = _own_template(db, staff, code, template_id)
    try:
        changed, made = timetable.change_template(
            db, reach(staff), found.id, _read(values), today(request), now(request)
        )
    except VisitorCentreError as error:
        return invalid(
            request, "timetable/weekly.html", error, code=code, days=DAYS, kinds=KINDS, values=values, weekly=found
        )
    return _made(request, code, made, f"Changed the weekly session: {timetable.describe(changed)}")
