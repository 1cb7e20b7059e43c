"""Signing in (name and password, then the code from an authenticator app, set up with a QR code the
first time) and signing out. Each step gives the browser a new session token (``signin``)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from markupsafe import Markup

from visitorcentre.server.console import signin
from visitorcentre.server.console.models import ConsoleUser
from visitorcentre.server.console.web import (
    COOKIE,
    PREFIX,
    console_of,
    live_session,
    now,
    redirect,
    render,
    session_token,
    set_cookie,
)

router = APIRouter()


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _signed_in(request: Request) -> bool:
    found = live_session(request)
    return found is not None and found[0].stage == signin.SIGNED_IN


@router.get("/sign-in")
def sign_in_page(request: Request) -> Response:
    if _signed_in(request):
        return redirect(request, "/")
    return render(request, "sign_in/password.html")


@router.post("/sign-in")
def sign_in(request: Request, name: str = Form(""), password: str = Form("")) -> Response:
    console = console_of(request)
    refused: signin.SignInRefused | None = None
    with console.write() as db, db.begin():  # committed even when refused: the failure is counted
        moment = now(request)
        signin.end(db, session_token(request))
        signin.forget_old(db, moment)
        try:
            started = signin.check_password(db, name[:200], password, _address(request), moment)
        except signin.SignInRefused as refusal:
            refused = refusal
    if refused is not None:
        return render(
            request, "sign_in/password.html", status_code=400, errors={"name": str(refused)}, values={"name": name}
        )
    response = redirect(request, "/sign-in/code")
    set_cookie(request, response, COOKIE, started.token)
    return response


def _qr_svg(uri: str) -> Markup:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :].replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with an authenticator app" class="vc-qr" ', 1
    )
    return Markup(svg)  # noqa: S704 - made here from the account's own set-up address, no user text


@router.get("/sign-in/code")
def code_page(request: Request) -> Response:
    found = live_session(request)
    if found is None or found[0].stage != signin.SECOND_FACTOR:
        return redirect(request, "/" if _signed_in(request) else "/sign-in")
    return _code_page(request, found[1])


def _code_page(request: Request, user: ConsoleUser, **context) -> Response:
    if user.totp_confirmed:
        return render(request, "sign_in/code.html", **context)
    uri = signin.set_up_uri(user)
    return render(request, "sign_in/set_up.html", qr=_qr_svg(uri), secret=user.totp_secret, **context)


@router.post("/sign-in/code")
def check_code(request: Request, code: str = Form("")) -> Response:
    found = live_session(request)
    if found is None or found[0].stage != signin.SECOND_FACTOR:
        return redirect(request, "/sign-in")
    console = console_of(request)
    refused: signin.SignInRefused | None = None
    with console.write() as db, db.begin():
        pending = db.get(signin.ConsoleSession, found[0].token_hash)
        try:
            if pending is None:
                raise signin.SignInRefused(signin.REFUSED)
            started = signin.check_code(db, pending, code[:20], _address(request), now(request))
        except signin.SignInRefused as refusal:
            refused = refusal
    if refused is not None:
        return _code_page(request, found[1], status_code=400, errors={"code": str(refused)})
    response = redirect(request, "/")
    set_cookie(request, response, COOKIE, started.token)
    return response


@router.post("/sign-out")
def sign_out(request: Request) -> Response:
    with console_of(request).write() as db, db.begin():
        signin.sign_out(db, session_token(request), now(request))
    response = redirect(request, "/sign-in", flash="You have signed out.")
    response.delete_cookie(COOKIE, path=PREFIX)
    return response
