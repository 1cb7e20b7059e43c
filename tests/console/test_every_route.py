"""Every console route, read from the app itself (so pages added later are covered when they are
registered), refuses: a request with no session, a role it does not allow, another establishment's
``{code}``, and a change (POST, PUT, PATCH, DELETE) without the form's CSRF token. None of those
refusals changes anything: the central audit log, which every change writes to, does not grow."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fastapi.routing import APIRoute
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.routing import Mount
from starlette.testclient import TestClient

from tests.console.harness import add_establishment, signed_in
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.console.accounts import NATIONAL_ADMIN, ROLES

#: The only routes anyone may reach without signing in: the sign-in steps themselves and sign-out.
PUBLIC = {
    ("GET", "/sign-in"),
    ("POST", "/sign-in"),
    ("GET", "/sign-in/code"),
    ("POST", "/sign-in/code"),
    ("POST", "/sign-out"),
}
SAFE = {"GET", "HEAD", "OPTIONS"}
SCOPED_ROLES = [role for role in ROLES if role != NATIONAL_ADMIN]  # each can be limited to establishments


def console_routes(app) -> Iterator[tuple[str, APIRoute]]:
    """(method, route) of every route of the console app mounted at /console (routers included in it,
    however deep: newer FastAPI keeps an included router whole, older copies its routes)."""
    console = next(r for r in app.routes if isinstance(r, Mount) and r.path == "/console")

    def walk(routes) -> Iterator[APIRoute]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif getattr(route, "original_router", None) is not None:
                yield from walk(route.original_router.routes)

    for route in walk(console.app.router.routes):
        for method in sorted(route.methods):
            yield method, route


def allowed_roles(route: APIRoute) -> tuple[str, ...] | None:
    """The roles the route's ``require(...)`` lets in; None when it has none."""
    found: list[tuple[str, ...]] = []

    def walk(dependant) -> None:
        for sub in dependant.dependencies:
            if hasattr(sub.call, "console_roles"):
                found.append(sub.call.console_roles)
            walk(sub)

    walk(route.dependant)
    return found[0] if found else None


def url(route: APIRoute, code: str = "BAR") -> str:
    return "/console" + re.sub(r"\{([^}:]+)(:[^}]*)?\}", lambda m: code if m.group(1) == "code" else "1", route.path)


def audit_count(app) -> int:
    with Session(app.state.engine) as session:
        return session.scalar(select(func.count()).select_from(CentreAudit))


def call(client: TestClient, method: str, path: str, csrf: str | None):
    data = {"csrf_token": csrf} if csrf is not None else {}
    if method in SAFE:
        return client.request(method, path)
    return client.request(method, path, data=data)


def test_the_walk_finds_the_routes(app):
    found = {(method, route.path) for method, route in console_routes(app)}
    assert ("GET", "/users") in found and ("POST", "/users/new") in found and ("GET", "/audit") in found
    assert PUBLIC <= found


def test_every_route_but_signing_in_needs_a_role(app):
    unguarded = [
        f"{method} {route.path}"
        for method, route in console_routes(app)
        if (method, route.path) not in PUBLIC and allowed_roles(route) is None
    ]
    assert not unguarded, f"these console routes do not use require(...): {unguarded}"


def test_no_session_is_sent_to_sign_in(app):
    client = TestClient(app, base_url="http://testserver", follow_redirects=False)
    before = audit_count(app)
    for method, route in console_routes(app):
        if (method, route.path) in PUBLIC:
            continue
        answer = call(client, method, url(route), csrf="made-up")
        refused = answer.status_code in (401, 403) or (
            answer.status_code == 303 and answer.headers["location"] == "/console/sign-in"
        )
        assert refused, f"{method} {route.path} answered {answer.status_code} with no session"
    assert audit_count(app) == before


def test_a_role_not_allowed_gets_403(app):
    add_establishment(app.state.engine, "BAR")
    clients = {role: signed_in(app, role, [] if role == NATIONAL_ADMIN else ["BAR"]) for role in ROLES}
    before = audit_count(app)
    checked = 0
    for method, route in console_routes(app):
        roles = allowed_roles(route)
        if roles is None:
            continue
        for role in set(ROLES) - set(roles):
            client = clients[role]
            answer = call(client, method, url(route), client.csrf)
            assert answer.status_code == 403, f"{method} {route.path} let a {role} in ({answer.status_code})"
            checked += 1
    assert checked > 0
    assert audit_count(app) == before


def test_another_establishments_code_is_not_found(app):
    add_establishment(app.state.engine, "BAR")
    add_establishment(app.state.engine, "OTH")
    clients = {role: signed_in(app, role, ["BAR"]) for role in SCOPED_ROLES}
    before = audit_count(app)
    for method, route in console_routes(app):
        roles = allowed_roles(route)
        if roles is None or "{code" not in route.path:
            continue
        for role in set(roles) & set(SCOPED_ROLES):
            client = clients[role]
            answer = call(client, method, url(route, code="OTH"), client.csrf)
            assert answer.status_code == 404, f"{method} {route.path} showed OTH to a {role} of BAR"
    assert audit_count(app) == before


def test_a_change_without_the_forms_token_is_refused(app):
    add_establishment(app.state.engine, "BAR")
    clients = {role: signed_in(app, role, [] if role == NATIONAL_ADMIN else ["BAR"]) for role in ROLES}
    before = audit_count(app)
    checked = 0
    for method, route in console_routes(app):
        if method in SAFE:
            continue
        roles = allowed_roles(route) or (NATIONAL_ADMIN,)
        role = NATIONAL_ADMIN if NATIONAL_ADMIN in roles else roles[0]
        for token in (None, "", "forged-token"):
            answer = call(clients[role], method, url(route), token)
            assert answer.status_code == 403, f"{method} {route.path} took a change with CSRF token {token!r}"
            assert "This form has expired" in answer.text
            checked += 1
    assert checked > 0
    assert audit_count(app) == before
