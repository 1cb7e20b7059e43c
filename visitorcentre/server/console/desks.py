"""An establishment's desks: making an enrolment code (shown once, with the QR code a desk's first-run
screen scans), the enrolled desks with when each was last seen and what waits for it, and revoking one."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.errors import NotAllowed
from visitorcentre.server.centre import desks, establishments
from visitorcentre.server.console.accounts import Staff
from visitorcentre.server.console.centre_scope import CHANGERS, READERS, scope_of
from visitorcentre.server.console.web import Reader, Writer, invalid, now, redirect, render, require

router = APIRouter()


def server_address(request: Request) -> str:
    """The address desks reach this server by, as the person's browser reached it (the console's prefix left off)."""
    return f"{request.url.scheme}://{request.url.netloc}"


@router.get("/establishments/{code}/desks")
def desk_list(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    found = desks.enrolled(db, scope, place.code)
    return render(request, "desks/list.html", place=place, desks=found, may_change=staff.role in CHANGERS)


@router.post("/establishments/{code}/desks/code")
def make_code(request: Request, code: str, db: Writer, staff: Staff = Depends(require(*CHANGERS))) -> Response:
    """The code is in this answer only (no redirect: it is never in an address, a cookie or a log)."""
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    made = desks.make_code(db, scope, staff.name, now(request), place.code, server_address(request))
    return render(request, "desks/code.html", place=place, made=made, address=server_address(request))


@router.get("/establishments/{code}/desks/{device_id}")
def desk(request: Request, code: str, device_id: str, db: Reader, staff: Staff = Depends(require(*READERS))):
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    found = desks.desk(db, scope, device_id)
    if found.establishment != place.code:
        return render(request, "errors/not_found.html", status_code=404)
    return render(
        request,
        "desks/desk.html",
        place=place,
        desk=found,
        issues=desks.issues(db, scope, device_id),
        may_change=staff.role in CHANGERS,
    )


@router.get("/establishments/{code}/desks/{device_id}/revoke")
def confirm_revoke(
    request: Request, code: str, device_id: str, db: Reader, staff: Staff = Depends(require(*CHANGERS))
) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    found = desks.desk(db, scope, device_id)
    if found.establishment != place.code:
        return render(request, "errors/not_found.html", status_code=404)
    return render(request, "desks/revoke.html", place=place, desk=found)


@router.post("/establishments/{code}/desks/{device_id}/revoke")
def revoke(request: Request, code: str, device_id: str, db: Writer, staff: Staff = Depends(require(*CHANGERS))):
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    found = desks.desk(db, scope, device_id)
    if found.establishment != place.code:
        return render(request, "errors/not_found.html", status_code=404)
    try:
        desks.revoke(db, scope, staff.name, now(request), device_id)
    except NotAllowed as error:
        return invalid(request, "desks/revoke.html", error, place=place, desk=found)
    return redirect(
        request, f"/establishments/{place.code}/desks", f"“{found.name}” is revoked: the server refuses it from now on."
    )
