"""What every console page is built from: who is signed in, role and establishment checks, database
sessions, CSRF, and rendering a template (see PAGES.md for how a page uses them).

- ``require(*roles)``: a dependency giving the signed-in ``Staff``; no session (or an idle or
  expired one) sends the browser to the sign-in page; a role not listed gets the 403 page; a
  ``{code}`` path parameter naming an establishment the person may not see gets the 404 page
  (the same page as a code that does not exist, so nobody learns which exist).
- ``Reader`` / ``Writer``: a database session to read, or one transaction committed after the
  page's function returns (rolled back if it raises, or if the page answered with ``invalid``).
- ``check_csrf``: run by the console app before every route; a POST (PUT, PATCH, DELETE) must
  carry the session's ``csrf_token`` form field (before sign-in: the sign-in form's cookie).
- ``render``, ``invalid`` (a form again with the GOV.UK error summary), ``redirect`` (with a
  message for the next page's notification banner).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote, unquote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker
from starlette.responses import Response

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.server.console import signin
from visitorcentre.server.console.accounts import ROLES, Staff, staff_of
from visitorcentre.server.console.models import ConsoleSession, ConsoleUser

PREFIX = "/console"
COOKIE = "vc_console"
FORM_COOKIE = "vc_console_form"  # the sign-in form's CSRF token, before there is a session
FLASH_COOKIE = "vc_console_flash"
SERVICE_NAME = "Visitor Centre — central console"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class NavItem:
    """A link in the primary navigation, shown to the roles listed."""

    text: str
    href: str  # under /console, e.g. "/users"
    roles: tuple[str, ...]


@dataclass
class Console:
    """What the console app keeps in ``app.state.console``."""

    read: sessionmaker
    write: sessionmaker
    clock: Callable[[], datetime]
    templates: Jinja2Templates
    navigation: list[NavItem] = field(default_factory=list)


class Refused(Exception):
    """Answer with an error page: 403 (not for your role), 404 (no such page, or not in your scope)."""

    def __init__(self, status: int, message: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message


class SignInNeeded(Exception):
    """No live session: the browser goes to the sign-in page."""


def console_of(request: Request) -> Console:
    return request.app.state.console


def now(request: Request) -> datetime:
    return console_of(request).clock()


def reading(request: Request) -> Iterator[Session]:
    session = console_of(request).read()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def writing(request: Request) -> Iterator[Session]:
    session = console_of(request).write()
    try:
        yield session
        if getattr(request.state, "rollback", False):
            session.rollback()
        else:
            session.commit()
    finally:
        session.rollback()
        session.close()


Reader = Annotated[Session, Depends(reading)]
Writer = Annotated[Session, Depends(writing, scope="function")]


def session_token(request: Request) -> str | None:
    return request.cookies.get(COOKIE)


def live_session(request: Request) -> tuple[ConsoleSession, ConsoleUser] | None:
    """This request's session and its user (any stage), looked up once per request."""
    if hasattr(request.state, "console_session"):
        return request.state.console_session
    console = console_of(request)
    found: tuple[ConsoleSession, ConsoleUser] | None = None
    with console.read() as db:
        row = signin.found(db, session_token(request), console.clock())
        if row is not None:
            found = (row, db.get_one(ConsoleUser, row.user_id))
    request.state.console_session = found
    return found


def require(*roles: str) -> Callable[[Request], Staff]:
    """A dependency: the signed-in person, if their role is one of ``roles`` (none listed: any role)."""

    def signed_in_staff(request: Request) -> Staff:
        found = live_session(request)
        if found is None or found[0].stage != signin.SIGNED_IN:
            raise SignInNeeded()
        row, user = found
        staff = staff_of(user)
        if roles and staff.role not in roles:
            raise Refused(403)
        code = request.path_params.get("code")
        if code is not None and not staff.may_see(str(code)):
            raise Refused(404)
        moment = now(request)
        if moment - row.last_seen > signin.TOUCH_EVERY:  # the idle timeout counts from here
            console = console_of(request)
            with console.write() as db, db.begin():
                kept = db.get(ConsoleSession, row.token_hash)
                if kept is not None:
                    kept.last_seen = moment
        request.state.staff = staff
        return staff

    signed_in_staff.console_roles = roles or tuple(ROLES)  # type: ignore[attr-defined]  # the route walk reads it
    return signed_in_staff


def form_token(request: Request) -> str:
    """The CSRF token a form on this page must carry."""
    found = live_session(request)
    if found is not None:
        return found[0].csrf_token
    token = request.cookies.get(FORM_COOKIE) or getattr(request.state, "form_token", None)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(32)
    request.state.form_token = token
    return token


async def check_csrf(request: Request) -> None:
    """Every request that changes something carries the right ``csrf_token`` field, or gets the 403 page."""
    if request.method in SAFE_METHODS:
        return
    try:
        form = await request.form()
    except Exception:  # noqa: BLE001 - not a form at all: no token either
        raise Refused(403, "csrf") from None
    sent = form.get("csrf_token")
    found = live_session(request)
    expected = found[0].csrf_token if found is not None else request.cookies.get(FORM_COOKIE)
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Refused(403, "csrf")


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int | None = None) -> None:
    """A cookie for the console only: HttpOnly, SameSite=Lax, Secure when the request came over https."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """The page ``template`` with the layout's context (who is signed in, the navigation, the CSRF token,
    the message left by the last page)."""
    console = console_of(request)
    staff: Staff | None = getattr(request.state, "staff", None)
    flash = unquote(request.cookies.get(FLASH_COOKIE, ""))[:500]
    token = form_token(request)
    navigation = [item for item in console.navigation if staff is not None and staff.role in item.roles]
    response = console.templates.TemplateResponse(
        request,
        template,
        {
            "service_name": SERVICE_NAME,
            "prefix": PREFIX,
            "staff": staff,
            "navigation": navigation,
            "csrf_token": token,
            "flash": flash,
            "errors": {},
            "values": {},
            **context,
        },
        status_code=status_code,
    )
    if flash:
        response.delete_cookie(FLASH_COOKIE, path=PREFIX)
    if live_session(request) is None and request.cookies.get(FORM_COOKIE) != token:
        set_cookie(request, response, FORM_COOKIE, token)
    return response


def invalid(request: Request, template: str, error: VisitorCentreError, **context: Any) -> Response:
    """The form ``template`` again (status 400) with the error summary and the message beside its field;
    the page's ``Writer`` transaction is rolled back. Pass the typed values as ``values``."""
    request.state.rollback = True
    errors = {error.field or "form": error.message}
    return render(request, template, status_code=400, errors=errors, **context)


def redirect(request: Request, path: str, flash: str = "") -> Response:
    """See other (303) to ``path`` under /console, with ``flash`` shown in a banner on that page."""
    response = RedirectResponse(PREFIX + path, status_code=303)
    if flash:
        set_cookie(request, response, FLASH_COOKIE, quote(flash[:500]), max_age=120)
    return response
