"""The national administrators' page for automatic approval of travel-costs claims: the master switch
and each check (server.centre.auto_approval; every change in the central audit log)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from visitorcentre.core.cost_of_visits.auto_approval import ALWAYS_ON, CHECK_LABELS, SWITCHABLE, Check
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import auto_approval
from visitorcentre.server.console.accounts import NATIONAL_ADMIN, Staff
from visitorcentre.server.console.web import NavItem, Reader, Writer, invalid, now, redirect, render, require

router = APIRouter()
NAVIGATION = [NavItem("Claim settings", "/claim-settings/automatic-approval", (NATIONAL_ADMIN,))]
PAGE = "/claim-settings/automatic-approval"
TEMPLATE = "claims/automatic_approval.html"
SWITCH = [("on", "Approve a claim automatically when every check ticked below passes")]


def _context() -> dict:
    return {
        "switch": SWITCH,
        "choices": [(str(c), CHECK_LABELS[c]) for c in SWITCHABLE],
        "safeguards": [CHECK_LABELS[c] for c in Check if c in ALWAYS_ON],
    }


@router.get(PAGE)
def settings_page(request: Request, db: Reader, staff: Staff = Depends(require(NATIONAL_ADMIN))) -> Response:
    chosen = auto_approval.settings(db)
    values = {"enabled": ["on"] if chosen.enabled else [], "checks": sorted(chosen.checks)}
    return render(request, TEMPLATE, values=values, **_context())


@router.post(PAGE)
def change(
    request: Request,
    db: Writer,
    staff: Staff = Depends(require(NATIONAL_ADMIN)),
    enabled: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies the default
    checks: Annotated[list[str], Form()] = [],  # noqa: B006
) -> Response:
    values = {"enabled": enabled, "checks": checks}
    try:
        if any(e != "on" for e in enabled):
            raise InvalidInput("Tick the box, or leave it empty.", "enabled")
        auto_approval.change_settings(db, actor=staff.name, enabled=bool(enabled), checks=checks, now=now(request))
    except InvalidInput as error:
        return invalid(request, TEMPLATE, error, values=values, **_context())
    state = "on" if enabled else "off"
    return redirect(request, PAGE, f"Automatic approval is {state}. The change is in the audit log.")
