"""The console's test harness: a server database, console users and signed-in HTTP clients.

``signed_in(app, role, establishments)`` makes a console user and a signed-in session row
directly in the database (the one way past the second factor, and only tests have it: the
session is written by ``signin.start`` itself, as a real sign-in would). The client it returns
carries the session cookie and has ``client.csrf`` for forms.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from visitorcentre.server.centre import store
from visitorcentre.server.console import accounts, signin
from visitorcentre.server.console.web import COOKIE

PASSWORD = "a long enough password"
_names = itertools.count(1)


def add_establishment(engine: Engine, code: str, name: str | None = None) -> None:
    """An establishment record on the server (as the console's establishments page would write it)."""
    with Session(engine) as session, session.begin():
        store.save(
            session,
            actor="test",
            action="establishment.added",
            entity="establishment",
            row_id=store.new_id(),
            fields={
                "establishment": code,
                "code": code,
                "name": name or f"HMP {code}",
                "nation": "england",
                "adult_age": 18,
                "max_adults": 3,
                "max_total": 5,
                "cutoff_minutes": 15,
                "locker_rule": "",
                "cash_rule": "",
                "address": "",
                "booking_line": "",
                "local_support": "",
            },
            summary=f"Added {code}",
            now=datetime.utcnow(),
        )


def add_user(
    engine: Engine,
    role: str = accounts.NATIONAL_ADMIN,
    establishments: Iterable[str] = (),
    name: str | None = None,
    password: str = PASSWORD,
) -> str:
    """A console user (second factor not yet set up); returns their id."""
    with Session(engine) as session, session.begin():
        user = accounts.add(
            session,
            actor="test",
            name=name or f"Test user {next(_names)}",
            role=role,
            establishments=list(establishments),
            password=password,
            now=datetime.utcnow(),
        )
        return user.id


@dataclass
class SignedIn:
    """A signed-in session made straight in the database: the cookie's token and the forms' token."""

    user_id: str
    token: str
    csrf: str


def session_for(engine: Engine, user_id: str) -> SignedIn:
    with Session(engine) as session, session.begin():
        user = accounts.find(session, user_id)
        started = signin.start(session, user, signin.SIGNED_IN, datetime.utcnow())
        return SignedIn(user_id, started.token, started.row.csrf_token)


def signed_in(
    app,
    role: str = accounts.NATIONAL_ADMIN,
    establishments: Iterable[str] = (),
    name: str | None = None,
    raise_server_exceptions: bool = True,
):
    """A TestClient signed in as a new user with ``role`` (and ``establishments``): ``client.csrf`` for forms.
    ``raise_server_exceptions=False`` to see the page a server fault shows."""
    engine = app.state.engine
    user_id = add_user(engine, role, establishments, name)
    signed = session_for(engine, user_id)
    client = TestClient(
        app, base_url="http://testserver", follow_redirects=False, raise_server_exceptions=raise_server_exceptions
    )
    client.cookies.set(COOKIE, signed.token, domain="testserver.local", path="/console")
    client.csrf = signed.csrf  # type: ignore[attr-defined]
    client.user_id = user_id  # type: ignore[attr-defined]
    return client
