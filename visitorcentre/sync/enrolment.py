"""Enrolling a new desk: a one-time code from the central server makes a device bound to one establishment.

``enrol`` creates the desk's database, asks the server for a device id and secret, saves the
credential beside the database (mode 0600) and the device identity in it, then runs a first
sync to pull the establishment's records and the national reference data.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import httpx
from sqlalchemy import func, select

from visitorcentre.config import settings
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.words import said
from visitorcentre.db import engine as db_engine
from visitorcentre.db.models import Establishment, OutboxOp
from visitorcentre.db.sync_tables import SyncStateRow
from visitorcentre.sync import credential as credentials
from visitorcentre.sync.client import SyncClient

log = logging.getLogger(__name__)


def check_new_database(db_path: Path) -> None:
    """Refuse to enrol into a database that already holds records or belongs to a desk."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    db_engine.migrate(db_path)
    engine = db_engine.make_engine(db_path)
    try:
        with engine.connect() as connection:
            state = connection.execute(select(SyncStateRow.device_id).where(SyncStateRow.id == 1)).scalar()
            records = connection.execute(select(func.count()).select_from(Establishment)).scalar()
            queued = connection.execute(select(func.count()).select_from(OutboxOp)).scalar()
    finally:
        engine.dispose()
    if state:
        raise InvalidInput(
            said("The desk database {path} is enrolled already; it syncs with `visitorcentre sync`.", path=db_path),
            "db",
        )
    if records or queued:
        raise InvalidInput(
            said("{path} already holds records; enrol a new desk into a new database file.", path=db_path), "db"
        )


def enrol(
    db_path: Path | str, server_url: str, code: str, desk_name: str = "", transport: httpx.BaseTransport | None = None
) -> str:
    """Enrol a new desk database at ``db_path`` with ``server_url``; returns the establishment's code.

    Raises InvalidInput for a database that is not new, SyncUnavailable when the server cannot
    be reached or refuses the code. The first pull is the caller's (desk.sync.now).
    """
    db_path = Path(db_path)
    if not server_url.startswith(("http://", "https://")):
        raise InvalidInput(
            said("“{address}” is not a server address; it starts with https:// or http://.", address=server_url), "url"
        )
    check_new_database(db_path)
    with SyncClient(server_url, transport=transport) as client:
        answer = client.enrol(code.strip(), desk_name or socket.gethostname())
    db_engine.migrate(db_path)
    credentials.save(
        db_path,
        credentials.Credential(
            server_url=server_url.rstrip("/"),
            device_id=answer.device_id,
            establishment=answer.establishment,
            token=answer.secret,
        ),
    )
    engine = db_engine.make_engine(db_path)
    try:
        from sqlalchemy.orm import Session

        with Session(engine.execution_options(write=True)) as session:
            row = session.get(SyncStateRow, 1) or SyncStateRow(id=1)
            row.server_url = server_url.rstrip("/")
            row.device_id = answer.device_id
            row.establishment = answer.establishment
            row.pull_cursor = 0
            row.last_error = ""
            session.add(row)
            settings.put(session, settings.DESK_ESTABLISHMENT, answer.establishment)
            session.commit()
    finally:
        engine.dispose()
    log.info("Enrolled %s as device %s of %s", db_path, answer.device_id, answer.establishment)
    return answer.establishment
