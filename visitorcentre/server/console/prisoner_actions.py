"""Actions on one prisoner: move to another establishment, release, add or lift a restriction, and
approve or remove a visitor on the approved visitor list. Each is a form page and a centre service
(``server.centre``) in the page's one transaction; a mistake shows the form again with the error
summary linking to the field.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from visitorcentre.core.errors import NotFound, VisitorCentreError
from visitorcentre.core.kinds import RESTRICTION_KIND_LABELS, ListStatus
from visitorcentre.server.centre import prisoners, prisoners_find, restrictions, store, visitor_list
from visitorcentre.server.centre.scope import record_in_scope
from visitorcentre.server.console.accounts import Staff
from visitorcentre.server.console.forms import read_date
from visitorcentre.server.console.prisoner_forms import Changing, establishments, scope_of
from visitorcentre.server.console.web import Reader, Writer, invalid, now, redirect, render

router = APIRouter()
DECISIONS = {"approve": ListStatus.APPROVED, "remove": ListStatus.REMOVED}


def _prisoner(request: Request, session, staff: Staff, prisoner_id: str) -> dict:
    return record_in_scope(scope_of(staff), store.current(session, "prisoner", prisoner_id[:64]), "prisoner")


def _page(request: Request, template: str, error: VisitorCentreError | None, **context) -> Response:
    return render(request, template, **context) if error is None else invalid(request, template, error, **context)


# --- move and release -----------------------------------------------------------------------------


@router.get("/prisoners/{prisoner_id}/move")
def move_page(request: Request, prisoner_id: str, session: Reader, staff: Changing) -> Response:
    record = _prisoner(request, session, staff, prisoner_id)
    return _move_form(request, session, staff, record, {}, None)


def _move_form(request: Request, session, staff: Staff, record: dict, values: dict, error) -> Response:
    choices = [c for c in establishments(session, None) if c[0] != record.get("establishment")]
    return _page(request, "prisoners/move.html", error, prisoner=record, establishments=choices, values=values)


@router.post("/prisoners/{prisoner_id}/move")
def move(
    request: Request,
    staff: Changing,
    prisoner_id: str,
    session: Writer,
    to: str = Form(""),
    reason: str = Form(""),
) -> Response:
    record = _prisoner(request, session, staff, prisoner_id)
    try:
        prisoners.move(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            prisoner_id=record["id"],
            to=to,
            reason=reason,
        )
    except VisitorCentreError as error:
        return _move_form(request, session, staff, record, {"to": to, "reason": reason}, error)
    name = f"{record['first_name']} {record['last_name']}"
    if not staff.may_see(to.strip().upper()):  # (an establishment administrator may not see where they went)
        return redirect(request, "/prisoners", f"{name} was moved to {to.strip().upper()}.")
    return redirect(request, f"/prisoners/{record['id']}", f"{name} was moved to {to.strip().upper()}.")


@router.get("/prisoners/{prisoner_id}/release")
def release_page(request: Request, prisoner_id: str, session: Reader, staff: Changing) -> Response:
    record = _prisoner(request, session, staff, prisoner_id)
    return render(request, "prisoners/release.html", prisoner=record, values={})


@router.post("/prisoners/{prisoner_id}/release")
def release(
    request: Request,
    staff: Changing,
    prisoner_id: str,
    session: Writer,
    day: str = Form("", alias="released_on-day"),
    month: str = Form("", alias="released_on-month"),
    year: str = Form("", alias="released_on-year"),
    reason: str = Form(""),
) -> Response:
    record = _prisoner(request, session, staff, prisoner_id)
    values = {"released_on-day": day, "released_on-month": month, "released_on-year": year, "reason": reason}
    try:
        released_on = read_date(values, "released_on", "Date of release", required=True)
        prisoners.release(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            prisoner_id=record["id"],
            released_on=released_on,
            reason=reason,
        )
    except VisitorCentreError as error:
        return invalid(request, "prisoners/release.html", error, prisoner=record, values=values)
    return redirect(request, f"/prisoners/{record['id']}", f"{record['first_name']} {record['last_name']} is released.")


# --- restrictions ---------------------------------------------------------------------------------


@router.get("/prisoners/{prisoner_id}/restrictions/add")
def restriction_page(request: Request, prisoner_id: str, session: Reader, staff: Changing) -> Response:
    record = _prisoner(request, session, staff, prisoner_id)
    return render(request, "prisoners/restriction.html", prisoner=record, kinds=RESTRICTION_KIND_LABELS, values={})


@router.post("/prisoners/{prisoner_id}/restrictions/add")
def add_restriction(
    request: Request,
    staff: Changing,
    prisoner_id: str,
    session: Writer,
    kind: str = Form(""),
    detail: str = Form(""),
    reason: str = Form(""),
    from_day: str = Form("", alias="starts_on-day"),
    from_month: str = Form("", alias="starts_on-month"),
    from_year: str = Form("", alias="starts_on-year"),
    until_day: str = Form("", alias="ends_on-day"),
    until_month: str = Form("", alias="ends_on-month"),
    until_year: str = Form("", alias="ends_on-year"),
) -> Response:
    record = _prisoner(request, session, staff, prisoner_id)
    values = {"kind": kind, "detail": detail, "reason": reason}
    values |= {"starts_on-day": from_day, "starts_on-month": from_month, "starts_on-year": from_year}
    values |= {"ends_on-day": until_day, "ends_on-month": until_month, "ends_on-year": until_year}
    try:
        restrictions.add(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            prisoner_id=record["id"],
            kind=kind,
            detail=detail,
            reason=reason,
            starts_on=read_date(values, "starts_on", "Start date", required=True),
            ends_on=read_date(values, "ends_on", "End date"),
        )
    except VisitorCentreError as error:
        context = {"prisoner": record, "kinds": RESTRICTION_KIND_LABELS, "values": values}
        return invalid(request, "prisoners/restriction.html", error, **context)
    return redirect(request, f"/prisoners/{record['id']}", f"The restriction “{restrictions.label(kind)}” was added.")


def _restriction(session, staff: Staff, restriction_id: str) -> tuple[dict, dict]:
    found = record_in_scope(scope_of(staff), store.current(session, "restriction", restriction_id[:64]), "restriction")
    prisoner = store.current(session, "prisoner", str(found.get("prisoner_id"))) or {}
    return found, prisoner


@router.get("/restrictions/{restriction_id}/lift")
def lift_page(request: Request, restriction_id: str, session: Reader, staff: Changing) -> Response:
    found, prisoner = _restriction(session, staff, restriction_id)
    return render(
        request, "prisoners/lift.html", restriction=found, prisoner=prisoner, kinds=RESTRICTION_KIND_LABELS, values={}
    )


@router.post("/restrictions/{restriction_id}/lift")
def lift(
    request: Request,
    staff: Changing,
    restriction_id: str,
    session: Writer,
    lifted_reason: str = Form(""),
) -> Response:
    found, prisoner = _restriction(session, staff, restriction_id)
    try:
        restrictions.lift(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            restriction_id=found["id"],
            reason=lifted_reason,
        )
    except VisitorCentreError as error:
        context = {"restriction": found, "prisoner": prisoner, "kinds": RESTRICTION_KIND_LABELS}
        return invalid(request, "prisoners/lift.html", error, values={"lifted_reason": lifted_reason}, **context)
    return redirect(request, f"/prisoners/{found['prisoner_id']}", "The restriction was lifted.")


# --- the approved visitor list --------------------------------------------------------------------


def _entry(session, staff: Staff, relationship_id: str):
    found = record_in_scope(scope_of(staff), store.current(session, "relationship", relationship_id[:64]), "entry")
    listed = [
        v for v in prisoners_find.visitor_list(session, str(found["prisoner_id"])) if v.relationship_id == found["id"]
    ]
    if not listed:
        raise NotFound("There is no such visitor on the list.")
    prisoner = store.current(session, "prisoner", str(found["prisoner_id"])) or {}
    return found, listed[0], prisoner


@router.get("/visitor-list/{relationship_id}/{decision}")
def decide_page(
    request: Request,
    staff: Changing,
    relationship_id: str,
    decision: Literal["approve", "remove"],
    session: Reader,
) -> Response:
    found, listed, prisoner = _entry(session, staff, relationship_id)
    context = {"entry": found, "visitor": listed, "prisoner": prisoner, "decision": decision}
    return render(request, "prisoners/decide.html", values={"version": str(found["version"])}, **context)


@router.post("/visitor-list/{relationship_id}/{decision}")
def decide(
    request: Request,
    staff: Changing,
    relationship_id: str,
    decision: Literal["approve", "remove"],
    session: Writer,
    reason: str = Form(""),
    version: int = Form(0),
) -> Response:
    found, listed, prisoner = _entry(session, staff, relationship_id)
    try:
        visitor_list.decide(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            relationship_id=found["id"],
            list_status=DECISIONS[decision],
            reason=reason,
            version=version,
        )
    except VisitorCentreError as error:
        context = {"entry": found, "visitor": listed, "prisoner": prisoner, "decision": decision}
        return invalid(
            request, "prisoners/decide.html", error, values={"reason": reason, "version": str(version)}, **context
        )
    done = "approved for" if decision == "approve" else "removed from"
    return redirect(
        request,
        f"/prisoners/{found['prisoner_id']}",
        f"{listed.first_name} {listed.last_name} was {done} the visitor list.",
    )
