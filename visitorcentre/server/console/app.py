"""The console's web app (mounted at /console by ``server.app.create_app``): its pages, static files,
error pages and security headers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from visitorcentre import __version__
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.server.console import pages
from visitorcentre.server.console.web import PREFIX, Console, Refused, SignInNeeded, check_csrf, render

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Every console answer: only this server's own scripts and styles, never in a frame, not sniffed;
    pages (not static files) are never stored by the browser or a proxy, as they show personal data."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope.get("path", "").startswith(PREFIX + "/static/") or scope.get("path", "").startswith("/static/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control" or static]
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class CachedStatic(StaticFiles):
    """The built GOV.UK and MoJ files: kept a day by the browser (their URL carries the app's version)."""

    def file_response(self, *args, **kwargs):
        response = super().file_response(*args, **kwargs)
        response.headers["cache-control"] = "public, max-age=86400"
        return response


def templates() -> Jinja2Templates:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(TEMPLATES),
            jinja2.PrefixLoader({"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.ChainableUndefined)
    env.globals["asset_version"] = __version__
    env.globals["_links"] = _error_links
    env.globals["_items"] = _choices
    env.globals["_ticked"] = _ticked
    env.filters["when"] = lambda moment: moment.strftime("%-d %b %Y %H:%M") if moment else ""
    return Jinja2Templates(env=env)


def _error_links(errors: dict[str, str]) -> list[dict]:
    return [{"text": message, "href": None if name == "form" else f"#{name}"} for name, message in errors.items()]


def _choices(options, current, key: str) -> list[dict]:
    return [{"value": value, "text": text, key: str(value) == str(current)} for value, text in options]


def _ticked(options, ticked) -> list[dict]:
    chosen = {str(value) for value in ticked or ()}
    return [{"value": value, "text": text, "checked": str(value) in chosen} for value, text in options]


def make_console(read: sessionmaker, write: sessionmaker, clock: Callable[[], datetime]) -> FastAPI:
    console = FastAPI(
        title="Visitor Centre central console",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(check_csrf)],
    )
    console.state.console = Console(read=read, write=write, clock=clock, templates=templates())
    console.mount("/static", CachedStatic(directory=STATIC), name="static")
    for module in pages.PAGES:
        console.include_router(module.router)
        console.state.console.navigation.extend(getattr(module, "NAVIGATION", ()))

    @console.exception_handler(SignInNeeded)
    async def _sign_in(request: Request, _error: SignInNeeded):
        return RedirectResponse(PREFIX + "/sign-in", status_code=303)

    @console.exception_handler(Refused)
    async def _refused(request: Request, error: Refused):
        return _error_page(request, error.status, error.message)

    @console.exception_handler(NotFound)
    async def _not_found(request: Request, _error: NotFound):
        return _error_page(request, 404)

    @console.exception_handler(InvalidInput)
    async def _invalid(request: Request, error: InvalidInput):
        return _error_page(request, 400, error.message)

    @console.exception_handler(RequestValidationError)
    async def _malformed(request: Request, _error: RequestValidationError):
        return _error_page(request, 400, "The form was not sent as the page made it. Go back and try again.")

    @console.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException):
        return _error_page(request, error.status_code if error.status_code in (404, 405) else 400)

    @console.exception_handler(Exception)
    async def _fault(request: Request, _error: Exception):
        """A page rather than JSON; the fault itself is logged (by kind and place only) by ``faults.FaultShield``."""
        request.state.console_session = None  # the database may be what failed: ask it nothing more
        request.state.staff = None
        return render(request, "errors/fault.html", status_code=500)

    console.add_middleware(SecurityHeaders)
    return console


def _error_page(request: Request, status: int, message: str = ""):
    template = {403: "errors/forbidden.html", 404: "errors/not_found.html"}.get(status, "errors/bad_request.html")
    if status == 403 and message == "csrf":
        template = "errors/csrf.html"
    if status == 405:
        template, status = "errors/not_found.html", 405
    return render(request, template, status_code=status, message=message)
