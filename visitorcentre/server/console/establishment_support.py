"""An establishment's support services for families: the national ones and its own, adding and changing them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.engagement import SUPPORT_CATEGORIES
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.server.centre import establishments, support_services
from visitorcentre.server.centre.support_services import Details
from visitorcentre.server.console.accounts import NATIONAL_ADMIN, Staff
from visitorcentre.server.console.centre_scope import CHANGERS, READERS, scope_of, typed_in
from visitorcentre.server.console.web import Reader, Writer, invalid, now, redirect, render, require

router = APIRouter()
KINDS = list(SUPPORT_CATEGORIES.items())
FIELDS = ("name", "category", "description", "phone", "website", "hours")


def _details(values: dict[str, str]) -> Details:
    return Details(**{name: values.get(name, "") for name in FIELDS})


def _service_at(db, scope, service_id: str, code: str) -> support_services.Service:
    """The service, if it is listed at ``code`` (a national one, or ``code``'s own); else the 404 page."""
    service = support_services.one(db, scope, service_id)
    if not service.national and service.establishment != code:
        raise NotFound("There is no such support service.", "service")
    return service


@router.get("/establishments/{code}/support")
def service_list(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    return render(
        request,
        "establishments/support.html",
        place=place,
        services=support_services.listed(db, scope, place.code),
        may_change=staff.role in CHANGERS,
        national_admin=staff.role == NATIONAL_ADMIN,
    )


@router.get("/establishments/{code}/support/new")
def new_service(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*CHANGERS))) -> Response:
    place = establishments.one(db, scope_of(staff), code)
    return render(
        request,
        "establishments/support_service.html",
        place=place,
        service=None,
        kinds=KINDS,
        values={},
        national_admin=staff.role == NATIONAL_ADMIN,
    )


@router.post("/establishments/{code}/support/new")
async def add_service(request: Request, code: str, db: Writer, staff: Staff = Depends(require(*CHANGERS))) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    values = await typed_in(request)
    national = values.get("national") == "yes"
    try:
        added = support_services.add(db, scope, staff.name, now(request), place.code, _details(values), national)
    except (InvalidInput, NotAllowed) as error:
        return invalid(
            request,
            "establishments/support_service.html",
            error,
            place=place,
            service=None,
            kinds=KINDS,
            values=values,
            national_admin=staff.role == NATIONAL_ADMIN,
        )
    return redirect(request, f"/establishments/{place.code}/support", f"{added.name} added.")


@router.get("/establishments/{code}/support/{service_id}")
def service_form(
    request: Request, code: str, service_id: str, db: Reader, staff: Staff = Depends(require(*CHANGERS))
) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    service = _service_at(db, scope, service_id, place.code)
    values = {name: str(getattr(service, name)) for name in FIELDS} | {"version": str(service.version)}
    return render(
        request,
        "establishments/support_service.html",
        place=place,
        service=service,
        kinds=KINDS,
        values=values,
        national_admin=staff.role == NATIONAL_ADMIN,
    )


@router.post("/establishments/{code}/support/{service_id}")
async def change_service(
    request: Request, code: str, service_id: str, db: Writer, staff: Staff = Depends(require(*CHANGERS))
) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    service = _service_at(db, scope, service_id, place.code)
    values = await typed_in(request)
    try:
        if not values.get("version", "").isdigit():
            raise InvalidInput("The form was not sent as the page made it. Go back and try again.")
        changed = support_services.change(
            db, scope, staff.name, now(request), service.id, int(values["version"]), _details(values)
        )
    except (InvalidInput, ChangedElsewhere, NotAllowed) as error:
        return invalid(
            request,
            "establishments/support_service.html",
            error,
            place=place,
            service=service,
            kinds=KINDS,
            values=values,
            national_admin=staff.role == NATIONAL_ADMIN,
        )
    return redirect(request, f"/establishments/{place.code}/support", f"{changed.name} saved.")
