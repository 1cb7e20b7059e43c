"""An in-process central server with desks enrolled on it, for the sync tests (no sockets).

The server is built with ``create_app`` on a temporary SQLite file and loaded with the tests'
small known world (conftest.build_world: HMP Barlinnie with its families, and HMP Greenock).
Desks talk to it through ``server_transport(app)``, wrapped by ``Network`` so a test can cut
the line or lose an answer.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from tests.conftest import NOW, build_world
from visitorcentre.core import passes as tokens
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.db import engine as db_engine
from visitorcentre.db import models as m
from visitorcentre.desk import Desk, open_desk
from visitorcentre.server import admin
from visitorcentre.server.app import create_app
from visitorcentre.sync.enrolment import enrol
from visitorcentre.sync.in_process import server_transport

_TEMPLATE: list[Path] = []


def empty_desk_database(path: Path) -> Path:
    """A new, migrated, empty desk database at ``path`` (copied from one migrated once per test run)."""
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="visitorcentre-template-"))
        db_engine.migrate(folder / "empty.sqlite3")
        _TEMPLATE.append(folder / "empty.sqlite3")
    shutil.copyfile(_TEMPLATE[0], path)
    os.chmod(path, 0o600)
    return path


class Network(httpx.BaseTransport):
    """The line between desks and the server: ``down`` cuts it; ``lose_answers`` loses the next answers."""

    def __init__(self, inner: httpx.BaseTransport):
        self.inner = inner
        self.down = False
        self.lose_answers = 0
        self.requests: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("the line is down", request=request)
        self.requests.append(f"{request.method} {request.url.path}")
        response = self.inner.handle_request(request)
        if self.lose_answers:
            self.lose_answers -= 1
            response.read()
            raise httpx.ReadError("the answer was lost", request=request)
        return response


@dataclass
class SyncWorld:
    app: object
    engine: object
    network: Network
    folder: Path
    desks: dict[str, Desk] = field(default_factory=dict)

    def enrol(self, name: str, establishment: str = "BAR", actor: str = "Desk Worker") -> Desk:
        code, _ = admin.enrolment_code(self.engine, establishment, datetime.utcnow())
        path = empty_desk_database(self.folder / f"{name}.sqlite3")
        enrol(path, "http://server", code, name, transport=self.network)
        desk = open_desk(path, actor=Actor(actor, "manager"), clock=FixedClock(NOW))
        desk.sync.transport = self.network
        desk.sync.now()
        self.desks[name] = desk
        return desk

    def close(self) -> None:
        for desk in self.desks.values():
            desk.close()
        self.engine.dispose()


def make_sync_world(folder: Path, **app_options) -> SyncWorld:
    seed = build_world(folder / "seed.sqlite3")
    seed.desk.close()
    app = create_app(f"sqlite:///{folder / 'server.sqlite3'}", **app_options)
    admin.load_desk_database(app.state.engine, folder / "seed.sqlite3", datetime.utcnow())
    return SyncWorld(app=app, engine=app.state.engine, network=Network(server_transport(app)), folder=folder)


def plant_key_in_outbox(desk: Desk, establishment: str) -> tuple[str, bytes, bytes]:
    """Queue a pass-signing key for ``establishment`` in ``desk``'s outbox, as a stolen credential
    would (no service makes such an op); returns the key's (id, private, public)."""
    key_id, private, public = tokens.new_key_pair()
    stamp = NOW.isoformat()
    payload = {
        "id": "planted-key",
        "establishment": establishment,
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
        "key_id": key_id,
        "public_key": public.hex(),
        "private_key": private.hex(),
        "active": True,
    }
    with desk.ctx.write_sessions() as session:
        session.add(
            m.OutboxOp(
                op_id=m.new_id(),
                entity="pass_key",
                row_id="planted-key",
                operation="insert",
                payload=payload,
                schema_version=1,
                created_at=NOW,
            )
        )
        session.commit()
    return key_id, private, public
