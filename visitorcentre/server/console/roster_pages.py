"""The roster pages: upload an establishment's roster CSV (all rows or none, each bad row named by
line and column), and the integrations that send it every night (a national administrator makes
one, sees its API key once, and can revoke it).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from visitorcentre.core.errors import InvalidInput, VisitorCentreError
from visitorcentre.server import roster
from visitorcentre.server.centre import integrations, roster_import
from visitorcentre.server.console.accounts import ADMINS, NATIONAL_ADMIN, Staff
from visitorcentre.server.console.prisoner_forms import Changing, National, establishments, scope_of
from visitorcentre.server.console.web import NavItem, Reader, Writer, invalid, now, redirect, render
from visitorcentre.server.roster_api import PATH

router = APIRouter()
NAVIGATION = [NavItem("Roster", "/roster", ADMINS), NavItem("Integrations", "/integrations", (NATIONAL_ADMIN,))]
UPLOAD = "prisoners/roster.html"
FIELD = "roster_file"
SHOWN = 50  # bad rows listed on the page


def _upload_page(request: Request, session, staff: Staff, values: dict, errors: dict | None = None, **context):
    context |= {"establishments": establishments(session, staff), "values": values, "columns": roster.COLUMNS}
    if errors:
        request.state.rollback = True
        return render(request, UPLOAD, status_code=400, errors=errors, **context)
    return render(request, UPLOAD, **context)


@router.get("/roster")
def upload_page(request: Request, session: Reader, staff: Changing) -> Response:
    return _upload_page(request, session, staff, {})


@router.post("/roster")
def upload(
    request: Request,
    staff: Changing,
    session: Writer,
    establishment: str = Form(""),
    roster_file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    values = {"establishment": establishment}
    name = (roster_file.filename or "roster.csv") if roster_file is not None else ""
    name = "".join(c for c in name if c.isprintable())[-80:] or "roster.csv"
    try:
        if roster_file is None or not roster_file.filename:
            raise InvalidInput("Choose the roster file (CSV).", FIELD)
        data = roster_file.file.read(roster.MAX_BYTES + 1)
        entries = roster.parse(data, name)
        result = roster_import.load(
            session,
            actor=staff.name,
            scope=scope_of(staff),
            now=now(request),
            establishment=establishment,
            entries=entries,
            source=f"the file {name}",
        )
    except roster.RosterError as bad:
        rows = len({line for line, _, _ in bad.problems})
        plural = "s" if rows != 1 else ""
        errors = {FIELD: f"{name} has {rows} bad row{plural}; nothing was imported. Correct it and upload it again."}
        for line, column, message in bad.problems[:SHOWN]:
            errors[f"line-{line}-{column}"] = f"Line {line}, column {column}: {message}"
        return _upload_page(
            request, session, staff, values, errors, problems=bad.problems[:SHOWN], more=len(bad.problems) - SHOWN
        )
    except VisitorCentreError as error:
        return invalid(
            request, UPLOAD, error, establishments=establishments(session, staff), values=values, columns=roster.COLUMNS
        )
    code = establishment.strip().upper()
    return render(request, "prisoners/roster_done.html", result=result, establishment=code, file_name=name)


# --- integrations ----------------------------------------------------------------------------------


@router.get("/integrations")
def integrations_page(request: Request, session: Reader, staff: National) -> Response:
    return _integrations(request, session, staff, {})


def _integrations(request: Request, session, staff: Staff, values: dict, error=None, **context) -> Response:
    context |= {
        "integrations": integrations.listed(session),
        "establishments": establishments(session, staff),
        "values": values,
        "feed_path": PATH,
    }
    if error is not None:
        return invalid(request, "prisoners/integrations.html", error, **context)
    return render(request, "prisoners/integrations.html", **context)


@router.post("/integrations")
def add_integration(
    request: Request,
    staff: National,
    session: Writer,
    name: str = Form(""),
    establishment: str = Form(""),
) -> Response:
    try:
        made, key = integrations.create(
            session, actor=staff.name, now=now(request), name=name, establishment=establishment
        )
    except VisitorCentreError as error:
        return _integrations(request, session, staff, {"name": name, "establishment": establishment}, error)
    response = render(
        request,
        "prisoners/integration_key.html",
        integration=made,
        key=key,
        feed_url=str(request.base_url).rstrip("/").removesuffix("/console") + PATH.format(code=made.establishment),
    )
    response.headers["Cache-Control"] = "no-store"  # the key is on this page, once
    return response


@router.post("/integrations/{integration_id}/revoke")
def revoke_integration(request: Request, integration_id: str, session: Writer, staff: National) -> Response:
    integrations.revoke(session, actor=staff.name, now=now(request), integration_id=integration_id[:36])
    return redirect(request, "/integrations", "The key was revoked: the integration can no longer send a roster.")
