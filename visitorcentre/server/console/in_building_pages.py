"""Everyone in the building now at one establishment (the desk's evacuation list, as the centre knows it from
the desks' syncs), and the same list as a PDF to print (``centre.in_building``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.evacuation import summary
from visitorcentre.server.centre import in_building
from visitorcentre.server.console.accounts import Staff
from visitorcentre.server.console.centre_scope import READERS, scope_of
from visitorcentre.server.console.web import Reader, now, render, require

router = APIRouter()


@router.get("/establishments/{code}/in-the-building")
def in_the_building(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    from visitorcentre.server.centre import establishments

    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    inside = in_building.in_building(db, scope, place.code, now(request))
    return render(request, "establishments/in_building.html", place=place, inside=inside, summary=summary(inside))


@router.get("/establishments/{code}/in-the-building.pdf")
def in_the_building_pdf(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    from visitorcentre.printing.evacuation import evacuation_pdf

    inside = in_building.in_building(db, scope_of(staff), code, now(request))
    name = f"evacuation-list-{inside.establishment}-{inside.at:%Y-%m-%d-%H%M}.pdf"
    return Response(
        evacuation_pdf(inside, staff.name),
        media_type="application/pdf",
        headers={"content-disposition": f'inline; filename="{name}"', "cache-control": "no-store"},
    )
