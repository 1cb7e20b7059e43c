"""A central server and desks in one process, joined by a network that misbehaves on purpose.

- ``Central``: the server app on a SQLite file; ``restart()`` throws the app away and builds a
  new one from the same file (a server crash between two requests).
- ``FaultyNetwork``: an ``httpx.BaseTransport`` in front of the central server for ONE desk. Its
  ``plan`` says, request by request, what goes wrong: the request lost, the answer lost after
  the server acted, the request delivered twice, the request held back and delivered later
  (after newer ones), an old answer handed back in place of the new one, the desk crashing
  just before sending or just after the server committed, the server crashing.
  It records every push answer the desk actually received (``acked``), so a test can tell an
  acknowledged outbox op from one that vanished.
- ``seed_world`` / ``enrol_desk``: the conftest world (BAR and GRE) loaded into a server, and
  desks enrolled with it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW, TODAY, build_world
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.kinds import ListStatus, RelationshipKind
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.desk import Desk, composition
from visitorcentre.server import admin, documents
from visitorcentre.server.app import create_app
from visitorcentre.sync import policy
from visitorcentre.sync.enrolment import enrol
from visitorcentre.sync.in_process import server_transport

SERVER_ADDRESS = "http://central.test"
FAULTS = (
    "ok",
    "lose_request",
    "lose_response",
    "twice",
    "delay",
    "stale",
    "very_stale",
    "crash_before",
    "crash_after",
    "server_crash",
)


class DeskCrash(Exception):
    """The desk's process died here (raised through the sync, never caught by it)."""


class Central:
    """The central server on ``url``; the app is rebuilt from its database by ``restart``."""

    def __init__(self, url: str):
        self.url = url
        self.app = create_app(url)
        self.transport = server_transport(self.app)
        self.restarts = 0

    @property
    def engine(self):
        return self.app.state.engine

    def restart(self) -> None:
        self.engine.dispose()
        self.app = create_app(self.url)
        self.transport = server_transport(self.app)
        self.restarts += 1

    def close(self) -> None:
        self.engine.dispose()


def _endpoint(request: httpx.Request) -> str:
    return f"{request.method} {request.url.path}"


@dataclass
class FaultyNetwork(httpx.BaseTransport):
    """One desk's line to ``central``; ``plan`` is consumed one fault per request ("ok" once it is empty)."""

    central: Central
    plan: list[str] = field(default_factory=list)
    acked: set[str] = field(default_factory=set)
    held: list[httpx.Request] = field(default_factory=list)
    answers: dict[str, list[tuple[int, list, bytes]]] = field(default_factory=dict)
    server_faults: list[str] = field(default_factory=list)

    def _deliver(self, request: httpx.Request) -> tuple[int, list, bytes]:
        copy = httpx.Request(request.method, request.url, headers=request.headers, content=request.content)
        response = self.central.transport.handle_request(copy)
        body = response.read()
        response.close()
        if response.status_code >= 500:
            self.server_faults.append(f"{_endpoint(request)} -> {response.status_code}: {body[:200]!r}")
        return response.status_code, list(response.headers.multi_items()), body

    def _answer(self, request: httpx.Request, answer: tuple[int, list, bytes]) -> httpx.Response:
        status, headers, body = answer
        if status == 200 and request.url.path.endswith("/push"):
            self.acked.update(r["op_id"] for r in json.loads(body)["results"])
        return httpx.Response(status, headers=headers, content=body, request=request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        fault = self.plan.pop(0) if self.plan else "ok"
        if fault == "lose_request":
            raise httpx.ConnectError("the request was lost", request=request)
        if fault == "crash_before":
            raise DeskCrash("the desk died before sending")
        if fault == "server_crash":
            self.central.restart()
            raise httpx.ConnectError("the server went away", request=request)
        if fault == "delay":
            self.held.append(request)
            raise httpx.ReadTimeout("no answer in time (the request is still on its way)", request=request)
        answer = self._deliver(request)
        if fault == "twice":
            answer = self._deliver(request)
        if fault == "lose_response":
            raise httpx.ReadTimeout("the answer was lost", request=request)
        if fault == "crash_after":
            raise DeskCrash("the desk died after the server answered")
        earlier = self.answers.setdefault(_endpoint(request), [])
        earlier.append(answer)
        if fault in ("stale", "very_stale"):  # an old answer overtakes the new one: the latest or the oldest
            older = [a for a in earlier[:-1] if a != answer]  # of those that carried rows, if any did
            older.sort(key=lambda a: b'"rows":[]' not in a[2])
            carried = [a for a in older if b'"rows":[]' not in a[2]]
            if older:
                return self._answer(request, carried[0] if fault == "very_stale" and carried else older[-1])
        return self._answer(request, answer)

    def deliver_held(self, order: list[int] | None = None) -> None:
        """Late requests finally reach the server (the desk stopped waiting for them long ago)."""
        held, self.held = self.held, []
        for index in order if order is not None else range(len(held)):
            self._deliver(held[index])


# --- the world ------------------------------------------------------------------------------------

GRE_PRISONER = "pr-g1"
GRE_SESSION = "ses-gre-today"
GRE_VISITOR = "vis-gre-1"
ACTOR = Actor("Sync Tester", "manager")


def _stamp(row, establishment):
    row.establishment = establishment
    row.created_at = row.updated_at = NOW
    row.version = 1
    return row


def _plain(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def seed_world(folder: Path) -> Central:
    """A server holding the conftest world plus a GRE prisoner, session and family (mum visits both)."""
    from visitorcentre.core.names import search_terms

    world = build_world(folder / "seed.sqlite3")
    with world.desk.ctx.write_sessions() as s:
        s.add(
            _stamp(
                m.Prisoner(
                    id=GRE_PRISONER,
                    prison_number="S200001",
                    first_name="Scott",
                    last_name="Reid",
                    status="convicted",
                    location="Hall A",
                ),
                "GRE",
            )
        )
        s.add(
            _stamp(
                m.VisitSession(
                    id=GRE_SESSION,
                    date=TODAY,
                    starts_at=time(14),
                    ends_at=time(16),
                    room="Hall",
                    kind="standard",
                    capacity=4,
                ),
                "GRE",
            )
        )
        s.add(
            _stamp(
                m.Visitor(
                    id=GRE_VISITOR,
                    first_name="Ailsa",
                    last_name="Reid",
                    date_of_birth=date(1988, 3, 3),
                    search_terms=search_terms("Ailsa", "Reid"),
                ),
                "GRE",
            )
        )
        s.flush()
        for visitor in (GRE_VISITOR, world.mum):  # mum is registered at BAR and visits at GRE too
            s.add(
                _stamp(
                    m.Relationship(
                        id=f"rel-{visitor}-g",
                        visitor_id=visitor,
                        prisoner_id=GRE_PRISONER,
                        kind=RelationshipKind.PARTNER,
                        list_status=ListStatus.APPROVED,
                    ),
                    "GRE",
                )
            )
        s.commit()
    central = Central(f"sqlite:///{folder / 'server.sqlite3'}")
    with world.desk.ctx.reading() as source, admin.writing(central.engine) as session:
        for table in m.Base.metadata.sorted_tables:
            if table.name not in policy.SYNCED:
                continue
            for row in source.execute(select(table)).mappings():
                payload = {key: _plain(value) for key, value in row.items()}
                documents.put(session, table.name, payload["id"], payload, "server", NOW)
    world.desk.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / 'seed.sqlite3'}{suffix}").unlink(missing_ok=True)
    return central


def open_desk(path: Path, network: FaultyNetwork) -> Desk:
    desk = composition.open_desk(path, actor=ACTOR, clock=FixedClock(NOW))
    desk.sync.transport = network
    return desk


def enrol_desk(central: Central, path: Path, establishment: str) -> Desk:
    network = FaultyNetwork(central)
    code, _ = admin.enrolment_code(central.engine, establishment, datetime.utcnow())
    enrol(path, SERVER_ADDRESS, code, transport=network)
    desk = open_desk(path, network)
    desk.sync.now()
    return desk


def copy_folder(source: Path, target: Path) -> None:
    """Copy a folder of closed SQLite databases and credentials."""
    shutil.copytree(source, target, dirs_exist_ok=True)


def synced_rows(desk: Desk) -> dict[tuple[str, str], dict]:
    """Every synced row the desk holds (but its own audit trail), as the JSON the server keeps."""
    rows = {}
    with Session(desk.ctx.engine) as session:
        for name in sorted(policy.SYNCED - {"audit_event"}):
            table = m.Base.metadata.tables.get(name)
            if table is None:
                continue
            for row in session.execute(select(table)).mappings():
                rows[(name, row["id"])] = {key: _plain(value) for key, value in row.items()}
    return rows


@contextmanager
def cheap_secret_hashing() -> Iterator[None]:
    """Enrol with a fast argon2 setting (a full-strength check takes most of a second on a busy machine;
    these tests check it thousands of times as servers restart)."""
    from argon2 import PasswordHasher

    from visitorcentre.server import devices

    strong = devices._hasher
    devices._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        yield
    finally:
        devices._hasher = strong


def credential_device(db_path: Path) -> str:
    from visitorcentre.sync import credential

    return credential.load(db_path).device_id


def today_plus(days: int) -> date:
    return TODAY + timedelta(days=days)
