"""The establishments pages: the list, adding one (national administrators), and an establishment's
details, visiting rules and contact, each changed on a form of its own."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed
from visitorcentre.core.kinds import Nation
from visitorcentre.server.centre import establishments
from visitorcentre.server.console.accounts import NATIONAL_ADMIN, Staff
from visitorcentre.server.console.centre_scope import CHANGERS, READERS, scope_of, typed_in
from visitorcentre.server.console.web import NavItem, Reader, Writer, invalid, now, redirect, render, require

router = APIRouter()
NAVIGATION = [NavItem("Establishments", "/establishments", READERS)]
NATIONS = [(n.value, establishments.NATION_NAMES[n]) for n in Nation]

#: Each part of an establishment changed on its own form: (page title, template, fields, service).
FORMS: dict[str, tuple[str, str, tuple[str, ...], Callable[..., establishments.Establishment]]] = {
    "details": ("Name and nation", "establishments/details.html", ("name", "nation"), establishments.change_details),
    "rules": (
        "Visiting rules",
        "establishments/rules.html",
        ("adult_age", "max_adults", "max_total", "cutoff_minutes", "locker_rule", "cash_rule"),
        establishments.change_rules,
    ),
    "contact": (
        "Contact and local support",
        "establishments/contact.html",
        ("address", "booking_line", "local_support"),
        establishments.change_contact,
    ),
}


@router.get("/establishments")
def establishment_list(request: Request, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    found = establishments.listed(db, scope_of(staff))
    return render(request, "establishments/list.html", establishments=found, may_add=staff.role == NATIONAL_ADMIN)


@router.get("/establishments/new")
def new_establishment(request: Request, staff: Staff = Depends(require(NATIONAL_ADMIN))) -> Response:
    return render(request, "establishments/new.html", nations=NATIONS, values={"nation": "scotland"})


@router.post("/establishments/new")
async def add_establishment(request: Request, db: Writer, staff: Staff = Depends(require(NATIONAL_ADMIN))) -> Response:
    values = await typed_in(request)
    try:
        code = establishments.add(
            db, scope_of(staff), staff.name, now(request), values.get("code"), values.get("name"), values.get("nation")
        )
    except InvalidInput as error:
        return invalid(request, "establishments/new.html", error, nations=NATIONS, values=values)
    return redirect(
        request, f"/establishments/{code}", f"{code} is added, with the usual visiting rules: check them below."
    )


@router.get("/establishments/{code}")
def establishment(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    place = establishments.one(db, scope_of(staff), code)
    return render(request, "establishments/show.html", place=place, may_change=staff.role in CHANGERS)


def _form_values(place: establishments.Establishment, fields: tuple[str, ...]) -> dict[str, str]:
    return {name: str(getattr(place, name)) for name in fields} | {"version": str(place.version)}


def _part_pages(part: str) -> None:
    """The GET (form) and POST (save) routes of one part of an establishment."""
    title, template, fields, change_part = FORMS[part]

    def form(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*CHANGERS))) -> Response:
        place = establishments.one(db, scope_of(staff), code)
        return render(request, template, place=place, title=title, nations=NATIONS, values=_form_values(place, fields))

    async def save(request: Request, code: str, db: Writer, staff: Staff = Depends(require(*CHANGERS))) -> Response:
        place = establishments.one(db, scope_of(staff), code)
        values = await typed_in(request)
        try:
            if not values.get("version", "").isdigit():
                raise InvalidInput("The form was not sent as the page made it. Go back and try again.")
            changed = change_part(
                db,
                scope_of(staff),
                staff.name,
                now(request),
                place.code,
                int(values["version"]),
                **{name: values.get(name, "") for name in fields},
            )
        except (InvalidInput, ChangedElsewhere, NotAllowed) as error:
            if isinstance(error, ChangedElsewhere):  # the next save is based on what is saved now
                values = values | {"version": str(place.version)}
            return invalid(request, template, error, place=place, title=title, nations=NATIONS, values=values)
        return redirect(request, f"/establishments/{changed.code}", f"{title} of {changed.name} saved.")

    router.add_api_route(f"/establishments/{{code}}/{part}", form, methods=["GET"], name=f"establishment_{part}")
    router.add_api_route(f"/establishments/{{code}}/{part}", save, methods=["POST"], name=f"save_establishment_{part}")


for _part in FORMS:
    _part_pages(_part)
